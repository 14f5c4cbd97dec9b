#include "storage/stored_articles.hpp"

#include "schema/stored_fields.hpp"

namespace newsdex::detail {

std::uint64_t for_each_stored_article(const Xapian::Database& db,
                                      const std::vector<Xapian::docid>* documents,
                                      const std::function<void(const Article&)>& sink) {
  std::uint64_t n = 0;
  if (documents) {
    for (Xapian::docid id : *documents) {
      sink(stored_article(db.get_document(id, Xapian::DOC_ASSUME_VALID)));
      ++n;
    }
    return n;
  }
  // The empty term's posting list is every document, in document id order.
  for (auto p = db.postlist_begin(std::string()); p != db.postlist_end(std::string()); ++p) {
    sink(stored_article(db.get_document(*p, Xapian::DOC_ASSUME_VALID)));
    ++n;
  }
  return n;
}

} // namespace newsdex::detail
