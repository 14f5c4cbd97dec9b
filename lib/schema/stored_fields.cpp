#include "schema/stored_fields.hpp"

#include <newsdex/schema.hpp>

#include "schema/stored_article.hpp"

#include <vector>

namespace newsdex::detail {
namespace {

std::vector<std::string> split_lines(const std::string& v) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < v.size()) {
    std::size_t nl = v.find('\n', at);
    if (nl == std::string::npos) nl = v.size();
    if (nl > at) out.push_back(v.substr(at, nl - at));
    at = nl + 1;
  }
  return out;
}

} // namespace

StoredSummary stored_summary(const Xapian::Document& doc) {
  // One value read a hit: the summary carries the entity names too. A database without a
  // summary (written before it existed) has the same fields in the stored article, and a summary
  // written before the names joined it leaves them to the entities value.
  std::string value = doc.get_value(schema::summary_slot);
  StoredSummary s = decode_summary(value.empty() ? doc.get_data() : value);
  if (!s.has_entities) s.entities = split_lines(doc.get_value(schema::entities_slot));
  return s;
}

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
    StoredSummary s = stored_summary(doc);
    a.id = std::move(s.id);
    a.title = std::move(s.title);
    a.date = std::move(s.date);
    a.source = std::move(s.source);
    a.url = std::move(s.url);
  }
  return a;
}

} // namespace newsdex::detail
