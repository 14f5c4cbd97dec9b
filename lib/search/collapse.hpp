// Near-duplicate folding for `--collapse`: news is syndicated and re-filed, so one story often
// comes back as several hits a few words apart. Each hit's SimHash signature (written at index
// time, schema/signature.hpp) says how alike two articles are; a hit close enough to a better one
// is shown as that hit's duplicate instead of as a hit of its own. Kept apart from ranking because
// it only regroups a ranked window and never changes a score.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <vector>

namespace newsdex::detail {

struct CollapsedHit {
  Xapian::MSetIterator hit;                   ///< the best-ranked article of its group
  std::vector<Xapian::MSetIterator> folded{}; ///< the others, in rank order
};

struct Collapsed {
  std::vector<CollapsedHit> kept; ///< in rank order
  std::size_t folded = 0;         ///< matches folded into a kept one
};

/// Folds the matches of `mset`, in rank order, greedily: a match whose signature is within
/// `distance` bits of an earlier kept one's is folded into the first such; a match without a
/// signature is always kept and never absorbs another.
Collapsed collapse_near_duplicates(const Xapian::MSet& mset, int distance);

} // namespace newsdex::detail
