#include "index/fresh_parts.hpp"

#include <newsdex/schema.hpp>

#include "common/hash.hpp"
#include "index/document_builder.hpp"

#include <algorithm>

namespace newsdex::detail {
namespace {

// Nobody reads a part until the build is compacted, and a killed build is thrown away whole: no
// fsync. (Xapian's DB_DANGEROUS, blocks updated in place, measured no better on reuters21578 x 10.)
constexpr int part_flags = Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC;

} // namespace

FreshParts::FreshParts(Xapian::WritableDatabase& db, std::string base, std::size_t part_documents)
    : db_(db), base_(std::move(base)), part_documents_(std::max<std::size_t>(1, part_documents)) {
  db_ = Xapian::WritableDatabase(base_, part_flags);
  paths_.push_back(base_);
  gone_.emplace_back();
}

bool FreshParts::write(BuiltDocument& built) {
  const std::uint64_t hash = fnv1a64(built.id_term);
  if (!open_ids_.insert(hash).second) {
    // Written to the open part before (or an id of the same hash was): Xapian finds it.
    Xapian::PostingIterator p = db_.postlist_begin(built.id_term);
    if (p != db_.postlist_end(built.id_term) &&
        db_.get_document(*p).get_value(schema::hash_slot) == built.content_hash)
      return false;
    db_.replace_document(built.id_term, built.document);
    return true;
  }
  // The latest closed part holding the id, if any: a part whose hashes include this one but
  // not the id holds another id of the same hash.
  const auto short_hash = static_cast<std::uint32_t>(hash >> 32);
  for (std::size_t k = closed_ids_.size(); k-- > 0;) {
    if (!std::binary_search(closed_ids_[k].begin(), closed_ids_[k].end(), short_hash)) continue;
    Xapian::Database part(paths_[k]);
    Xapian::PostingIterator p = part.postlist_begin(built.id_term);
    if (p == part.postlist_end(built.id_term)) continue;
    if (part.get_document(*p).get_value(schema::hash_slot) == built.content_hash) {
      open_ids_.erase(hash); // stays where it is
      return false;
    }
    gone_[k].push_back(built.id_term);
    break;
  }
  db_.add_document(built.document);
  return true;
}

void FreshParts::committed() {
  if (open_ids_.size() < part_documents_) return;
  db_.close();
  std::vector<std::uint32_t> ids;
  ids.reserve(open_ids_.size());
  for (const std::uint64_t hash : open_ids_) ids.push_back(static_cast<std::uint32_t>(hash >> 32));
  std::sort(ids.begin(), ids.end());
  closed_ids_.push_back(std::move(ids));
  open_ids_.clear();
  std::string next = base_;
  next.append(".").append(std::to_string(paths_.size()));
  paths_.push_back(next);
  gone_.emplace_back();
  db_ = Xapian::WritableDatabase(next, part_flags);
}

std::vector<std::string> FreshParts::close() {
  db_.close();
  for (std::size_t k = 0; k + 1 < paths_.size(); ++k) {
    if (gone_[k].empty()) continue;
    Xapian::WritableDatabase part(paths_[k], Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
    for (const auto& term : gone_[k]) part.delete_document(term);
    part.commit();
  }
  return paths_;
}

} // namespace newsdex::detail
