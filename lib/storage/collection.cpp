#include "storage/collection.hpp"

#include "common/hash.hpp"
#include "storage/modified_retry.hpp"
#include "storage/xapian_errors.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace newsdex::detail {
namespace fs = std::filesystem;

std::string generations_dir(const std::string& path) {
  return path + ".d";
}

std::string shard_path(const std::string& path, unsigned generation, unsigned shard) {
  return generations_dir(path) + "/g" + std::to_string(generation) + "/s" + std::to_string(shard);
}

unsigned shard_of(std::string_view id, unsigned shards) {
  return shards <= 1 ? 0 : static_cast<unsigned>(fnv1a64(id) % shards);
}

namespace {

// A partitioned stub's scheme line ("month 2") and each shard's period, its parent directory
// (partitions.hpp): a shard that is not where the scheme puts it would be routed to wrongly.
void read_partitions(const std::string& path, const std::string& spec, CollectionLayout& layout) {
  const auto damaged = [&](const std::string& why) {
    return Error(Error::Code::database_corrupt,
                 "the collection's stub file is damaged: " + why + " (run `newsdex check`)",
                 {path, 0, 0});
  };
  std::istringstream in(spec);
  std::string scheme_name;
  unsigned per_period = 0;
  in >> scheme_name >> per_period;
  const auto scheme = partition_scheme_from_string(scheme_name);
  if (!in || !scheme || *scheme == PartitionScheme::none || per_period == 0)
    throw damaged("a bad partition line '" + spec.substr(0, 40) + "'");
  if (!layout.remotes.empty()) throw damaged("a partitioned collection lists remote shards");
  layout.partition = *scheme;
  layout.shards_per_period = per_period;
  if (layout.shards.size() % per_period != 0)
    throw damaged("its shards are not " + std::to_string(per_period) + " a period");
  for (std::size_t i = 0; i < layout.shards.size(); ++i) {
    const fs::path shard(layout.shards[i]);
    const std::string period = shard.parent_path().filename().string();
    std::string expected = "s"; // appended: g++ 12 -Wrestrict (PR105329)
    expected += std::to_string(i % per_period);
    if (!valid_period(period, *scheme) || shard.filename() != expected ||
        (i % per_period != 0 && period != layout.periods.back()) ||
        (i % per_period == 0 && !layout.periods.empty() &&
         !period_before(layout.periods.back(), period)))
      throw damaged("shard " + layout.shards[i] + " is not where the partitions put it");
    layout.periods.push_back(period);
  }
}

} // namespace

CollectionLayout read_layout(const std::string& path) {
  CollectionLayout layout;
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return layout;
  layout.exists = true;
  if (fs::is_directory(status)) {
    layout.shards.push_back(path);
    layout.entries.push_back({false, path});
    return layout;
  }
  layout.stub = true;
  std::ifstream in(path);
  if (!in)
    throw Error(Error::Code::database_corrupt, "cannot read the collection's stub file",
                {path, 0, 0});
  const fs::path base = fs::path(path).parent_path();
  const std::string gen_prefix = fs::path(generations_dir(path)).filename().string() + "/g";
  std::string line;
  std::optional<std::string> partition_spec;
  while (std::getline(in, line)) {
    if (line.rfind(partition_line, 0) == 0) partition_spec = line.substr(partition_line.size());
    if (line.empty() || line[0] == '#') continue;
    auto space = line.find(' ');
    std::string type = line.substr(0, space);
    std::string rest = space == std::string::npos ? "" : line.substr(space + 1);
    if (type == "remote") {
      layout.remotes.push_back(line);
      layout.entries.push_back({true, line});
      continue;
    }
    if (type != "auto" && type != "glass" && type != "chert") {
      std::string shown = line.substr(0, 80); // printable: the line may be any bytes
      for (auto& ch : shown)
        if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) ch = '?';
      throw Error(Error::Code::database_corrupt,
                  "the collection's stub file is damaged: an unknown line '" + shown +
                      "' (run `newsdex check`)",
                  {path, 0, 0});
    }
    fs::path p = fs::path(rest).is_absolute() ? fs::path(rest) : base / rest;
    layout.shards.push_back(p.string());
    layout.entries.push_back({false, p.string()});
    if (rest.rfind(gen_prefix, 0) == 0) {
      try {
        // The newest named: a partitioned collection's compaction leaves a shard it did not need
        // to rewrite in the generation that wrote it (partitions.hpp).
        layout.generation = std::max(
            layout.generation, static_cast<unsigned>(std::stoul(rest.substr(gen_prefix.size()))));
      } catch (const std::exception&) {
      }
    }
  }
  if (partition_spec) read_partitions(path, *partition_spec, layout);
  return layout;
}

void publish_stub(const std::string& path, unsigned generation, unsigned shards) {
  const std::string dir = fs::path(generations_dir(path)).filename().string();
  std::ostringstream s;
  s << "# newsdex collection (a Xapian stub database file): " << shards
    << " shard(s), documents routed by fnv1a64(id) mod " << shards << "\n";
  s << "# newsdex.shards " << shards << "\n";
  for (unsigned k = 0; k < shards; ++k)
    s << "auto " << dir << "/g" << generation << "/s" << k << "\n";
  write_stub(path, s.str());
}

void write_stub(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    throw Error(Error::Code::database, "cannot write the collection's stub file", {tmp, 0, 0});
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ok = ::fsync(fd) == 0 && ok;
  ok = ::close(fd) == 0 && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0)
    throw Error(Error::Code::database, "cannot publish the collection's stub file", {path, 0, 0});
  // Make the rename itself durable.
  std::string parent = fs::path(path).parent_path().string();
  int dfd = ::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    (void)::fsync(dfd);
    ::close(dfd);
  }
}

namespace {

// Opens the collection; with `partial`, remote shards that do not answer are left out and
// named (no shard answering at all is still an error).
PartialCollection open_collection_impl(const std::string& path, bool partial) {
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw Error(Error::Code::database_missing, "no database here (run `newsdex index` first)",
                {path, 0, 0});
  // Xapian opens a stub without a database line (an empty file) as an empty, unusable
  // Database, and every read then fails with a message about Xapian's objects. newsdex never
  // writes such a stub: it is damage.
  const CollectionLayout layout = read_layout(path);
  if (layout.stub && layout.shards.empty() && layout.remotes.empty())
    throw Error(Error::Code::database_corrupt,
                "the collection's stub file is damaged: it lists no database (run `newsdex "
                "check`)",
                {path, 0, 0});
  // A writer committing while the shards are being opened makes Xapian throw
  // DatabaseModifiedError from the constructor: opening again gives the latest commit.
  try {
    PartialCollection out;
    if (layout.remotes.empty()) {
      out.db = retry_while_modified([&] { return Xapian::Database(path); });
      return out;
    }
    // Xapian would open the remote lines itself, with its default timeouts: newsdex opens each
    // shard, in the stub's order (the docids interleave by it), with its own.
    std::vector<RemoteShard> remotes;
    for (const auto& entry : layout.entries)
      if (entry.remote) remotes.push_back(parse_remote_line(entry.where, path));
    std::optional<Error> first_failure;
    out.db = retry_while_modified([&] {
      Xapian::Database db;
      out.failed.clear();
      first_failure.reset();
      std::size_t next_remote = 0, opened = 0;
      for (const auto& entry : layout.entries) {
        if (!entry.remote) {
          db.add_database(Xapian::Database(entry.where));
          ++opened;
          continue;
        }
        const RemoteShard& shard = remotes[next_remote++];
        try {
          db.add_database(open_remote(shard, path));
          ++opened;
        } catch (const Error& e) {
          if (!partial) throw;
          out.failed.push_back(shard.name());
          if (!first_failure) first_failure = e;
        }
      }
      if (opened == 0 && first_failure) throw *first_failure;
      return db;
    });
    if (!out.failed.empty()) {
      std::string names;
      for (const auto& name : out.failed) names.append(names.empty() ? "" : ", ").append(name);
      out.error = "remote shard " + names + " does not answer (timeout " +
                  std::to_string(remote_timeout_ms()) + " ms, NEWSDEX_REMOTE_TIMEOUT)";
    }
    return out;
  } catch (const Xapian::Error& e) {
    rethrow_xapian(e, path);
  }
}

} // namespace

Xapian::Database open_collection(const std::string& path) {
  return open_collection_impl(path, false).db;
}

PartialCollection open_collection_partial(const std::string& path) {
  return open_collection_impl(path, true);
}

std::string RemoteShard::name() const {
  if (program) return args.empty() ? command : command + " " + args;
  return host + ":" + std::to_string(port);
}

RemoteShard parse_remote_line(const std::string& line, const std::string& stub) {
  const auto damaged = [&](const std::string& why) {
    std::string shown = line.substr(0, 80);
    for (auto& ch : shown)
      if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) ch = '?';
    return Error(Error::Code::database_corrupt,
                 "the collection's stub file has a bad remote line '" + shown + "': " + why,
                 {stub, 0, 0});
  };
  RemoteShard r;
  const std::string_view keyword = "remote ";
  if (line.compare(0, keyword.size(), keyword) != 0) throw damaged("not a remote line");
  std::string rest = line.substr(keyword.size());
  if (!rest.empty() && rest[0] == ':') { // `remote :PROGRAM ARGS`
    r.program = true;
    const auto space = rest.find(' ');
    r.command = rest.substr(1, space == std::string::npos ? std::string::npos : space - 1);
    if (space != std::string::npos) r.args = rest.substr(space + 1);
    if (r.command.empty()) throw damaged("no program after ':'");
    return r;
  }
  const auto colon = rest.rfind(':');
  if (colon == std::string::npos || colon == 0) throw damaged("expected HOST:PORT");
  r.host = rest.substr(0, colon);
  const std::string port = rest.substr(colon + 1);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos)
    throw damaged("the port is not a number");
  r.port = static_cast<unsigned>(std::stoul(port));
  if (r.port == 0 || r.port > 65535) throw damaged("the port is out of range");
  return r;
}

unsigned remote_timeout_ms() {
  const char* value = std::getenv("NEWSDEX_REMOTE_TIMEOUT");
  if (value == nullptr || *value == '\0') return 10'000;
  char* end = nullptr;
  errno = 0;
  const double seconds = std::strtod(value, &end);
  // At most a day: Xapian counts milliseconds in 32 bits (and 0 would mean "wait forever").
  if (errno != 0 || end == value || *end != '\0' || !(seconds > 0) || seconds > 86'400)
    throw Error(Error::Code::usage,
                std::string("NEWSDEX_REMOTE_TIMEOUT must be a number of seconds (> 0, at most "
                            "86400), not '") +
                    value + "'");
  return std::max(1u, static_cast<unsigned>(seconds * 1000));
}

Xapian::Database open_remote(const RemoteShard& shard, const std::string& stub) {
  const unsigned timeout = remote_timeout_ms();
  try {
    if (shard.program) return Xapian::Remote::open(shard.command, shard.args, timeout);
    return Xapian::Remote::open(shard.host, shard.port, timeout, timeout);
  } catch (const Xapian::NetworkError& e) { // NetworkTimeoutError too
    throw remote_unanswered(shard, e, timeout, stub);
  }
}

Error remote_unanswered(const RemoteShard& shard, const Xapian::NetworkError& e,
                        unsigned timeout_ms, const std::string& stub) {
  return Error(Error::Code::database,
               "remote shard " + shard.name() + " does not answer (" + e.get_msg() + "; timeout " +
                   std::to_string(timeout_ms) + " ms, NEWSDEX_REMOTE_TIMEOUT)",
               {stub, 0, 0});
}

std::vector<std::string> unanswering_remotes(const std::string& path) {
  std::vector<std::string> failed;
  CollectionLayout layout;
  try {
    layout = read_layout(path);
  } catch (const Error&) {
    return failed;
  }
  for (const std::string& line : layout.remotes) {
    try {
      Xapian::Database db = open_remote(parse_remote_line(line, path), path);
      (void)db.get_doccount();
    } catch (const Error&) {
      failed.push_back(parse_remote_line(line, path).name());
    } catch (const Xapian::Error&) {
      failed.push_back(parse_remote_line(line, path).name());
    }
  }
  return failed;
}

CollectionVersion collection_version(const std::string& path) {
  CollectionVersion v;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return v;
  v.exists = true;
  v.device = static_cast<std::uint64_t>(st.st_dev);
  v.inode = static_cast<std::uint64_t>(st.st_ino);
  if (!S_ISDIR(st.st_mode)) {
    v.size = static_cast<std::uint64_t>(st.st_size);
    v.modified_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 +
                    static_cast<std::int64_t>(st.st_mtim.tv_nsec);
  }
  return v;
}

std::uint64_t disk_size(const std::string& path) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return fs::file_size(path, ec);
  std::uint64_t total = 0;
  for (auto it = fs::recursive_directory_iterator(path, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  return total;
}

std::uint64_t collection_disk_size(const std::string& path) {
  CollectionLayout layout = read_layout(path);
  if (!layout.stub) return disk_size(path);
  std::uint64_t total = disk_size(path);
  for (const auto& shard : layout.shards) total += disk_size(shard);
  return total;
}

} // namespace newsdex::detail
