#include "storage/collection.hpp"

#include "common/hash.hpp"
#include "storage/modified_retry.hpp"
#include "storage/xapian_errors.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
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

CollectionLayout read_layout(const std::string& path) {
  CollectionLayout layout;
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return layout;
  layout.exists = true;
  if (fs::is_directory(status)) {
    layout.shards.push_back(path);
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
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto space = line.find(' ');
    std::string type = line.substr(0, space);
    std::string rest = space == std::string::npos ? "" : line.substr(space + 1);
    if (type == "remote") {
      layout.remotes.push_back(line);
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
    if (rest.rfind(gen_prefix, 0) == 0) {
      try {
        layout.generation = static_cast<unsigned>(std::stoul(rest.substr(gen_prefix.size())));
      } catch (const std::exception&) {
      }
    }
  }
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
  const std::string text = s.str();
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

Xapian::Database open_collection(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw Error(Error::Code::database_missing, "no database here (run `newsdex index` first)",
                {path, 0, 0});
  // Xapian opens a stub without a database line (an empty file) as an empty, unusable
  // Database, and every read then fails with a message about Xapian's objects. newsdex never
  // writes such a stub: it is damage.
  if (const CollectionLayout layout = read_layout(path);
      layout.stub && layout.shards.empty() && layout.remotes.empty())
    throw Error(Error::Code::database_corrupt,
                "the collection's stub file is damaged: it lists no database (run `newsdex "
                "check`)",
                {path, 0, 0});
  // A writer committing while the shards are being opened makes Xapian throw
  // DatabaseModifiedError from the constructor: opening again gives the latest commit.
  try {
    return retry_while_modified([&] { return Xapian::Database(path); });
  } catch (const Xapian::Error& e) {
    rethrow_xapian(e, path);
  }
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
