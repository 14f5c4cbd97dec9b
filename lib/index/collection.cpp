#include "index/collection.hpp"

#include "index/xapian_errors.hpp"

#include <filesystem>

namespace newsdex::detail {

Xapian::Database open_collection(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    throw Error(Error::Code::database_missing, "no database here (run `newsdex index` first)",
                {path, 0, 0});
  return translate_xapian(path, [&] { return Xapian::Database(path); });
}

std::uint64_t collection_disk_size(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return fs::file_size(path, ec);
  std::uint64_t total = 0;
  for (auto it = fs::recursive_directory_iterator(path, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  return total;
}

} // namespace newsdex::detail
