// Hash containers of std::string that look up by std::string_view without building a string.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace newsdex::detail {

/// std::hash of the bytes, transparent: find(std::string_view) allocates nothing.
///
/// Not noexcept on purpose: libstdc++ stores each node's hash code only for a hash that may
/// throw (or is not "fast"); with it, a lookup compares codes before bytes and never hashes a
/// neighbour's key again to find its bucket's end. The analyzer's word cache and the spelling
/// counts are looked up for every word of every article.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;
using StringMap = std::unordered_map<std::string, std::string, StringHash, std::equal_to<>>;

} // namespace newsdex::detail
