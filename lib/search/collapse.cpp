#include "search/collapse.hpp"

#include <newsdex/schema.hpp>

#include "schema/signature.hpp"

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

namespace newsdex::detail {

namespace {

// A text of fewer than three terms has no shingle, and its SimHash is 0: zero is "no signature",
// or every short article would fold into the first one. (A real text hashing to 0 has odds of
// 2^-64.) So is a value that is not hexadecimal: a damaged slot never folds anything.
std::optional<std::uint64_t> parse_signature(const std::string& hex) {
  if (hex.empty() || hex.size() > 16) return std::nullopt;
  char* end = nullptr;
  std::uint64_t sig = std::strtoull(hex.c_str(), &end, 16);
  if (end != hex.c_str() + hex.size() || sig == 0) return std::nullopt;
  return sig;
}

} // namespace

Collapsed collapse_near_duplicates(const Xapian::MSet& mset, int distance) {
  Collapsed out;
  std::vector<std::optional<std::uint64_t>> signatures; // of out.kept, index for index
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    std::optional<std::uint64_t> sig =
        parse_signature(it.get_document().get_value(schema::signature_slot));
    CollapsedHit* into = nullptr;
    if (sig)
      for (std::size_t k = 0; k < out.kept.size(); ++k)
        if (signatures[k] && signature_distance(*signatures[k], *sig) <= distance) {
          into = &out.kept[k];
          break;
        }
    if (into) {
      into->folded.push_back(it);
      ++out.folded;
    } else {
      out.kept.push_back({it, {}});
      signatures.push_back(sig);
    }
  }
  return out;
}

} // namespace newsdex::detail
