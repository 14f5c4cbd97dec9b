#include "search/collapse.hpp"

#include <newsdex/schema.hpp>

#include "schema/signature.hpp"

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

namespace newsdex::detail {

Collapsed collapse_near_duplicates(const Xapian::MSet& mset, int distance) {
  Collapsed out;
  std::vector<std::optional<std::uint64_t>> signatures; // of out.kept, index for index
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    std::string hex = it.get_document().get_value(schema::signature_slot);
    std::optional<std::uint64_t> sig;
    if (!hex.empty()) sig = std::strtoull(hex.c_str(), nullptr, 16);
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
