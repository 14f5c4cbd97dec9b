// The temporary databases of one writer of a fresh build, written one after another.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

namespace newsdex::detail {

struct BuiltDocument;

/// One writer's temporary databases in a fresh build. A part is closed once it holds
/// `part_documents` and the next one begun, so no commit ever updates a large database:
/// a commit rewrites the B-tree blocks of every term its batch touched, which in one growing
/// database costs more with each commit (docs/PERFORMANCE.md, "Cost as the collection grows").
/// Compaction merges the parts at the end in one pass.
///
/// An id written again replaces its earlier copy: in the open part through Xapian, in a closed
/// part by a deletion applied to that part when the parts are closed. Memory: 4 bytes an
/// article (32 bits of the hashes of the ids of closed parts, sorted, a vector a part).
class FreshParts {
public:
  /// Writes through `db` (the Target's handle, opened here on each part) to `base`, `base`.1,
  /// `base`.2, ... Creates (or overwrites) `base` at once.
  FreshParts(Xapian::WritableDatabase& db, std::string base, std::size_t part_documents);

  /// Writes `built` to the open part; false when an identical copy is stored (in any part).
  bool write(BuiltDocument& built);

  /// After a commit: begins a new part when the open one is full.
  void committed();

  /// True until the first part is closed.
  bool in_first_part() const { return paths_.size() == 1; }

  /// Closes the open part and applies the deletions of closed parts; returns every part's path
  /// in the order written.
  std::vector<std::string> close();

private:
  Xapian::WritableDatabase& db_;
  std::string base_;
  std::size_t part_documents_;
  std::vector<std::string> paths_;             ///< every part, the open one last
  std::vector<std::vector<std::string>> gone_; ///< a closed part's id terms written again later
  std::unordered_set<std::uint64_t> open_ids_; ///< hashes of the ids in the open part
  /// A closed part's id hashes, 32 bits of each, sorted. 32 rather than 64 bits: the one thing
  /// that grows with the collection in a fresh build (3.5 MB less peak RSS at 40x reuters21578),
  /// and a false match only costs a look-up in that part, which finds no such id.
  std::vector<std::vector<std::uint32_t>> closed_ids_;
};

} // namespace newsdex::detail
