#include "storage/manifest.hpp"

#include <newsdex/error.hpp>
#include <newsdex/schema.hpp>
#include <newsdex/stats.hpp>

#include "common/hash.hpp"
#include "storage/boundary.hpp"
#include "storage/collection.hpp"
#include "storage/xapian_errors.hpp"

#include <nlohmann/json.hpp>
#include <unistd.h>
#include <xapian.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <thread>

namespace newsdex::detail {
namespace fs = std::filesystem;
namespace {

std::vector<RecordedFile> read_files(const std::vector<std::string>& paths, const char* what) {
  std::vector<RecordedFile> out;
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    if (!in)
      throw Error(Error::Code::usage, std::string("cannot read ") + what + " file", {p, 0, 0});
    std::ostringstream s;
    s << in.rdbuf();
    out.push_back({fs::path(p).filename().string(), s.str()});
  }
  return out;
}

constexpr std::string_view base64_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string to_base64(std::string_view in) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); i += 3) {
    const std::size_t left = in.size() - i;
    std::uint32_t n = static_cast<std::uint32_t>(static_cast<unsigned char>(in[i])) << 16;
    if (left > 1) n |= static_cast<std::uint32_t>(static_cast<unsigned char>(in[i + 1])) << 8;
    if (left > 2) n |= static_cast<unsigned char>(in[i + 2]);
    out += base64_alphabet[(n >> 18) & 63];
    out += base64_alphabet[(n >> 12) & 63];
    out += left > 1 ? base64_alphabet[(n >> 6) & 63] : '=';
    out += left > 2 ? base64_alphabet[n & 63] : '=';
  }
  return out;
}

std::string from_base64(std::string_view in) {
  std::string out;
  std::uint32_t n = 0;
  int bits = 0;
  for (char c : in) {
    auto p = base64_alphabet.find(c);
    if (p == std::string_view::npos) continue; // padding
    n = (n << 6) | static_cast<std::uint32_t>(p);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((n >> bits) & 0xFF);
    }
  }
  return out;
}

bool valid_utf8(const std::string& s) {
  try {
    (void)nlohmann::json(s).dump();
    return true;
  } catch (const nlohmann::json::type_error&) {
    return false;
  }
}

// A file's bytes as JSON text when they are UTF-8 (readable in the manifest), else base64.
nlohmann::json files_json(const std::vector<RecordedFile>& files) {
  auto a = nlohmann::json::array();
  for (const auto& f : files) {
    if (valid_utf8(f.content) && valid_utf8(f.name))
      a.push_back({{"name", f.name}, {"content", f.content}});
    else
      a.push_back({{"name", to_base64(f.name)},
                   {"content_base64", to_base64(f.content)},
                   {"name_base64", true}});
  }
  return a;
}

std::vector<RecordedFile> files_from(const nlohmann::json& j, const char* key) {
  std::vector<RecordedFile> out;
  if (!j.contains(key)) return out;
  for (const auto& f : j.at(key)) {
    if (f.contains("content_base64"))
      out.push_back({from_base64(f.at("name").get<std::string>()),
                     from_base64(f.at("content_base64").get<std::string>())});
    else
      out.push_back({f.at("name").get<std::string>(), f.at("content").get<std::string>()});
  }
  return out;
}

std::string names(const std::vector<RecordedFile>& files) {
  if (files.empty()) return "none";
  std::string s;
  for (const auto& f : files) s += (s.empty() ? "" : ", ") + f.name;
  return s;
}

// Writes `content` to `file` unless it already holds it; atomic for concurrent readers.
bool materialize(const fs::path& file, const std::string& content) {
  std::error_code ec;
  if (fs::file_size(file, ec) == content.size() && !ec) {
    std::ifstream in(file, std::ios::binary);
    std::string have(content.size(), '\0');
    if (in.read(have.data(), static_cast<std::streamsize>(have.size())) && have == content)
      return true;
  }
  fs::create_directories(file.parent_path(), ec);
  const fs::path tmp = file.string() + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out.write(content.data(), static_cast<std::streamsize>(content.size())) || !out.flush())
      return false;
  }
  fs::rename(tmp, file, ec);
  if (ec) fs::remove(tmp, ec);
  return !ec;
}

std::vector<std::string> write_back(const std::vector<RecordedFile>& files, const fs::path& dir,
                                    const fs::path& fallback) {
  std::vector<std::string> paths;
  for (const auto& f : files) {
    // Content-addressed: two versions of one file never overwrite each other.
    const std::string name = hex64(fnv1a64(f.content)) + "-" + fs::path(f.name).filename().string();
    fs::path p = dir / name;
    if (!materialize(p, f.content)) {
      p = fallback / name;
      if (!materialize(p, f.content))
        throw Error(Error::Code::io, "cannot write the collection's recorded file " + f.name,
                    {p.string(), 0, 0});
    }
    paths.push_back(p.string());
  }
  return paths;
}

// A small integer field, or nullopt. nlohmann's get<int>() casts whatever number is there, and a
// float out of int's range (1e35) makes that cast undefined behaviour: only an integer in range
// is taken.
std::optional<int> small_integer(const nlohmann::json& v) {
  if (v.is_number_unsigned()) {
    const auto n = v.get<std::uint64_t>();
    if (n <= static_cast<std::uint64_t>(std::numeric_limits<int>::max()))
      return static_cast<int>(n);
  } else if (v.is_number_integer()) {
    const auto n = v.get<std::int64_t>();
    if (n >= std::numeric_limits<int>::min() && n <= std::numeric_limits<int>::max())
      return static_cast<int>(n);
  }
  return std::nullopt;
}

} // namespace

bool Manifest::same_analysis(const Manifest& o) const {
  return language == o.language && stem == o.stem && fold_variants == o.fold_variants &&
         stopwords == o.stopwords && variant_files == o.variant_files &&
         stopword_files == o.stopword_files && entity_files == o.entity_files;
}

Manifest manifest_for(const AnalyzerOptions& options) {
  Manifest m;
  m.schema_version = schema::version;
  Analyzer analyzer(options);
  m.language = analyzer.language();
  m.stem = options.stem;
  m.fold_variants = options.fold_variants;
  m.stopwords = options.stopwords;
  m.variant_files = read_files(options.variant_files, "variants");
  m.stopword_files = read_files(options.stopword_files, "stopwords");
  m.entity_files = read_files(options.entity_files, "entities");
  m.fingerprint = analyzer.fingerprint();
  return m;
}

std::string to_json(const Manifest& m) {
  nlohmann::json j = {{"manifest_format", m.format},
                      {"schema_version", m.schema_version},
                      {"language", m.language},
                      {"stem", m.stem},
                      {"fold_variants", m.fold_variants},
                      {"stopwords", m.stopwords},
                      {"variant_files", files_json(m.variant_files)},
                      {"stopword_files", files_json(m.stopword_files)},
                      {"entity_files", files_json(m.entity_files)},
                      {"fingerprint", m.fingerprint}};
  return j.dump();
}

Manifest manifest_from_json(const std::string& text, const std::string& path) {
  const auto unreadable = [&path] {
    return Error(Error::Code::database_corrupt, "the collection's manifest is unreadable",
                 {path, 0, 0});
  };
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("manifest_format")) throw unreadable();
  Manifest m;
  try {
    const std::optional<int> format = small_integer(j.at("manifest_format"));
    if (!format) throw unreadable();
    m.format = *format;
    if (m.format > Manifest::current_format)
      throw Error(Error::Code::database_mismatch,
                  "the collection's manifest has format " + std::to_string(m.format) +
                      ", this newsdex reads up to " + std::to_string(Manifest::current_format) +
                      ": a newer newsdex built it",
                  {path, 0, 0});
    const std::optional<int> schema_version = small_integer(j.at("schema_version"));
    if (!schema_version) throw unreadable();
    m.schema_version = *schema_version;
    m.language = j.at("language").get<std::string>();
    m.stem = j.at("stem").get<bool>();
    m.fold_variants = j.at("fold_variants").get<bool>();
    m.stopwords = j.at("stopwords").get<bool>();
    m.variant_files = files_from(j, "variant_files");
    m.stopword_files = files_from(j, "stopword_files");
    m.entity_files = files_from(j, "entity_files");
    m.fingerprint = j.value("fingerprint", "");
  } catch (const nlohmann::json::exception&) {
    throw unreadable();
  }
  return m;
}

namespace {

// A read that a concurrent commit or generation swap spoiled: worth reading again.
struct Transient {
  std::string type, message;
};

std::optional<Manifest> read_manifest_once(const std::string& path) {
  CollectionLayout layout = read_layout(path);
  std::optional<Manifest> found;
  std::string found_in;
  // Remote shards too: every shard holds the manifest, and a collection of remote shards has
  // no other copy of its settings (user metadata is served remotely).
  for (const auto& entry : layout.entries) {
    std::string text;
    const RemoteShard remote = entry.remote ? parse_remote_line(entry.where, path) : RemoteShard{};
    const std::string shard = entry.remote ? remote.name() : entry.where;
    try {
      text = (entry.remote ? open_remote(remote, path) : Xapian::Database(shard))
                 .get_metadata(std::string(schema::meta_manifest));
    } catch (const Error&) {
      // A remote shard that does not answer: the others hold the same manifest. (Opening the
      // collection reports it, or leaves it out of a partial search.)
      if (!entry.remote) throw;
      continue;
    } catch (const Xapian::NetworkError&) {
      if (!entry.remote) throw;
      continue;
    } catch (const Xapian::DatabaseModifiedError& e) {
      throw Transient{e.get_type(), e.get_msg()};
    } catch (const Xapian::DatabaseOpeningError& e) { // the generation was swapped out
      throw Transient{e.get_type(), e.get_msg()};
    } catch (const Xapian::Error& e) {
      rethrow_xapian(e, path);
    }
    // A shard that records none yet (a collection written before manifests, upgraded shard by
    // shard as each commits) defers to those that do; so does one that a writer killed between
    // two shards' commits left at an older schema version.
    if (text.empty()) continue;
    Manifest m = manifest_from_json(text, path);
    if (found && !found->same_analysis(m))
      throw Error(Error::Code::database_corrupt,
                  "the shards record different manifests (" + found_in + " and " + shard +
                      "): the collection was changed outside newsdex",
                  {path, 0, 0});
    if (!found || m.schema_version > found->schema_version) found = std::move(m);
    found_in = shard;
  }
  return found;
}

} // namespace

std::optional<Manifest> read_manifest(const std::string& path) {
  // A writer that commits twice while a shard is read invalidates it, and a compaction or
  // reindex may remove the generation the stub named a moment ago: read the stub and the
  // shards again, as the searcher's reads retry, with a growing pause.
  constexpr int max_attempts = 20;
  for (int attempt = 1;; ++attempt) {
    try {
      return read_manifest_once(path);
    } catch (const Transient& t) {
      if (attempt >= max_attempts)
        throw Error(Error::Code::database,
                    "cannot read the collection's manifest: " + t.type + ": " + t.message,
                    {path, 0, 0});
      std::this_thread::sleep_for(std::chrono::milliseconds(attempt));
    }
  }
}

bool record_manifest(Xapian::WritableDatabase& db, const Manifest& m) {
  const std::string key(schema::meta_manifest);
  std::string text = to_json(m);
  if (db.get_metadata(key) == text) return false;
  db.set_metadata(key, text);
  return true;
}

AnalyzerOptions options_from(const Manifest& m, const std::string& path) {
  AnalyzerOptions o;
  o.language = m.language;
  o.stem = m.stem;
  o.fold_variants = m.fold_variants;
  o.stopwords = m.stopwords;
  const fs::path dir = fs::path(generations_dir(path)) / "analysis";
  const fs::path fallback =
      fs::temp_directory_path() / ("newsdex-analysis-" + std::to_string(::getuid()));
  o.variant_files = write_back(m.variant_files, dir, fallback);
  o.stopword_files = write_back(m.stopword_files, dir, fallback);
  o.entity_files = write_back(m.entity_files, dir, fallback);
  return o;
}

std::string differing_option(const Manifest& recorded, const Manifest& given) {
  if (given.language != recorded.language)
    return "--language " + given.language + " (the collection records " + recorded.language + ")";
  if (given.variant_files != recorded.variant_files)
    return "--variants (the collection records: " + names(recorded.variant_files) + ")";
  if (given.entity_files != recorded.entity_files)
    return "--entities (the collection records: " + names(recorded.entity_files) + ")";
  if (given.stopword_files != recorded.stopword_files)
    return "stopword files (the collection records: " + names(recorded.stopword_files) + ")";
  if (given.stem != recorded.stem)
    return std::string("stemming ") + (given.stem ? "on" : "off") + " (the collection records " +
           (recorded.stem ? "on" : "off") + ")";
  if (given.fold_variants != recorded.fold_variants)
    return std::string("variant folding ") + (given.fold_variants ? "on" : "off") +
           " (the collection records " + (recorded.fold_variants ? "on" : "off") + ")";
  if (given.stopwords != recorded.stopwords)
    return std::string("stopwords ") + (given.stopwords ? "on" : "off") +
           " (the collection records " + (recorded.stopwords ? "on" : "off") + ")";
  return {};
}

AnalyzerOptions resolve_analyzer_options(const std::string& path,
                                         const std::optional<AnalyzerOptions>& given) {
  std::optional<Manifest> recorded = read_manifest(path);
  if (given) {
    if (recorded) {
      std::string differs = differing_option(*recorded, manifest_for(*given));
      if (!differs.empty())
        throw Error(Error::Code::usage,
                    differs +
                        ": a collection analyzes as it was built; leave the option out to use "
                        "its recorded settings, or rebuild it with `newsdex reindex`",
                    {path, 0, 0});
    }
    return *given;
  }
  return recorded ? options_from(*recorded, path) : AnalyzerOptions{};
}

} // namespace newsdex::detail

namespace newsdex {

std::optional<AnalyzerOptions> recorded_analyzer_options(const std::string& path) {
  return detail::at_boundary(path, [&]() -> std::optional<AnalyzerOptions> {
    std::optional<detail::Manifest> m = detail::read_manifest(path);
    if (!m) return std::nullopt;
    return detail::options_from(*m, path);
  });
}

} // namespace newsdex
