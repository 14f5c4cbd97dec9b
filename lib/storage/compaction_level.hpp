// The level every compaction newsdex does is written at: a fresh build's merge, `newsdex compact`
// and a backup.
#pragma once

#include <xapian.h>

namespace newsdex::detail {

/// Xapian's FULL level (blocks filled, items split where that saves space), not FULLER (items as
/// large as a block allowed). Measured (docs/PERFORMANCE.md, "Appending to a compacted
/// collection"): FULL writes the smaller collection (reuters21578 x 10: 553.6 against 579.3 MiB,
/// the postlist table 220.6 against 246.3 MiB; probably FULLER's oversize posting chunks leave
/// block ends unused), and appending 10 % new articles grows both the same, as it does at STANDARD:
/// every full block a new document touches is split, whatever the level.
inline constexpr Xapian::Compactor::compaction_level compaction_level = Xapian::Compactor::FULL;

} // namespace newsdex::detail
