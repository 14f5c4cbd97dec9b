#include "analysis/tables.hpp"

#include "common/hash.hpp"

#include <newsdex/error.hpp>

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

namespace newsdex::detail {
namespace {

struct LanguageName {
  std::string_view code, snowball;
};

// ISO 639-1 codes for the languages Xapian ships a Snowball stemmer for.
constexpr std::array<LanguageName, 24> languages{{
    {"ar", "arabic"},    {"hy", "armenian"},   {"eu", "basque"},     {"ca", "catalan"},
    {"da", "danish"},    {"nl", "dutch"},      {"en", "english"},    {"fi", "finnish"},
    {"fr", "french"},    {"de", "german"},     {"hu", "hungarian"},  {"id", "indonesian"},
    {"ga", "irish"},     {"it", "italian"},    {"lt", "lithuanian"}, {"ne", "nepali"},
    {"nb", "norwegian"}, {"pt", "portuguese"}, {"ro", "romanian"},   {"ru", "russian"},
    {"es", "spanish"},   {"sv", "swedish"},    {"ta", "tamil"},      {"tr", "turkish"},
}};

// Languages analyzed without a stemmer (segmentation and folding only).
constexpr std::array<std::string_view, 6> unstemmed{"zh", "ja", "th", "ko", "el", "uk"};

std::string lower_ascii(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  });
  return s;
}

void resolve_language(const std::string& requested, LanguageTables& t) {
  std::string name = lower_ascii(requested.empty() ? std::string("en") : requested);
  if (auto dash = name.find_first_of("-_"); dash != std::string::npos) name.resize(dash);
  if (name == "no" || name == "nn") name = "nb";
  for (const auto& l : languages) {
    if (name == l.code || name == l.snowball) {
      t.language = l.code;
      t.snowball = l.snowball;
      return;
    }
  }
  for (auto code : unstemmed) {
    if (name == code) {
      t.language = name;
      return;
    }
  }
  if (name == "none") {
    t.language = "none";
    return;
  }
  throw Error(Error::Code::usage, "unknown language '" + requested +
                                      "' (use an ISO 639-1 code such as en, de, fr, or 'none')");
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Error::Code::usage, "cannot read data file", Location{path, 0, 0});
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Calls f(fields) for each non-blank, non-comment line; fields split on tabs or runs of spaces.
template <class F> void for_each_line(std::string_view text, F&& f) {
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    std::vector<std::string> fields;
    std::size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
      std::size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') ++j;
      if (j > i) fields.emplace_back(line.substr(i, j - i));
      i = j;
    }
    if (!fields.empty()) f(fields);
  }
}

void add_stopwords(std::string_view text, LanguageTables& t) {
  for_each_line(text, [&](const std::vector<std::string>& fields) {
    for (const auto& w : fields) t.stopwords.insert(lower_ascii(w));
  });
}

void add_variants(std::string_view text, LanguageTables& t) {
  for_each_line(text, [&](const std::vector<std::string>& fields) {
    if (fields.size() < 2) return;
    // "variant canonical": every field but the last maps to the last.
    for (std::size_t i = 0; i + 1 < fields.size(); ++i)
      t.variants[lower_ascii(fields[i])] = lower_ascii(fields.back());
  });
}

std::shared_ptr<const LanguageTables> build(const AnalyzerOptions& options) {
  auto t = std::make_shared<LanguageTables>();
  resolve_language(options.language, *t);
  std::uint64_t h = fnv1a64("rules:" + std::to_string(Analyzer::rules_version) + ":" + t->language);
  h = fnv1a64(options.stem ? "stem" : "nostem", h);

  std::string_view stop = embedded_file("stopwords-" + t->language + ".txt");
  add_stopwords(stop, *t);
  h = fnv1a64(stop, h);
  for (const auto& path : options.stopword_files) {
    std::string text = read_file(path);
    add_stopwords(text, *t);
    h = fnv1a64(text, h);
  }
  if (options.fold_variants) {
    std::string_view variants = embedded_file("variants-" + t->language + ".txt");
    add_variants(variants, *t);
    h = fnv1a64(variants, h);
    for (const auto& path : options.variant_files) {
      std::string text = read_file(path);
      add_variants(text, *t);
      h = fnv1a64(text, h);
    }
  } else {
    h = fnv1a64("novariants", h);
  }
  t->fingerprint = t->language + "-" + std::to_string(Analyzer::rules_version) + "-" + hex64(h);
  return t;
}

} // namespace

std::shared_ptr<const LanguageTables> language_tables(const AnalyzerOptions& options) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const LanguageTables>> cache;
  std::string key =
      options.language + '\x1f' + (options.stem ? "1" : "0") + (options.fold_variants ? "1" : "0");
  for (const auto& f : options.variant_files) key += "\x1fv" + f;
  for (const auto& f : options.stopword_files) key += "\x1fs" + f;
  std::lock_guard lock(mutex);
  auto& slot = cache[key];
  if (!slot) slot = build(options);
  return slot;
}

} // namespace newsdex::detail
