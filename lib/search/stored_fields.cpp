#include "search/stored_fields.hpp"

#include <newsdex/schema.hpp>

#include "schema/stored_article.hpp"

namespace newsdex::detail {

std::string stored_id(const Xapian::Document& doc, bool data_first) {
  if (!data_first) {
    std::string summary = doc.get_value(schema::summary_slot);
    if (!summary.empty()) return decode_summary(summary).id;
  }
  std::string data = doc.get_data();
  if (auto id = decode_document_data(data)) return std::move(*id);
  std::string summary = doc.get_value(schema::summary_slot);
  return decode_summary(summary.empty() ? data : summary).id;
}

Article stored_body(const Xapian::Document& doc) {
  std::string packed = doc.get_value(schema::article_slot);
  if (!packed.empty()) return decode_stored_article(unpack_stored_article(packed));
  return decode_stored_article(doc.get_data());
}

Article stored_article(const Xapian::Document& doc) {
  Article a = stored_body(doc);
  if (a.id.empty()) { // the current layout: id, title, date, source and url are in the summary
    StoredSummary s = decode_summary(doc.get_value(schema::summary_slot));
    a.id = std::move(s.id);
    a.title = std::move(s.title);
    a.date = std::move(s.date);
    a.source = std::move(s.source);
    a.url = std::move(s.url);
  }
  return a;
}

} // namespace newsdex::detail
