// Reading what a document stores of its article, in either layout: the current one (id as the
// document data, stored article in schema::article_slot) and schema version 1's (stored article as
// the document data).
#pragma once

#include <newsdex/article.hpp>

#include "schema/stored_article.hpp"

#include <xapian.h>

#include <string>

namespace newsdex::detail {

/// What a result page prints of a hit: id, title, date, source, url and entity names, from the
/// summary value (or, in older databases, the stored article and the entities value).
StoredSummary stored_summary(const Xapian::Document& doc);

/// The article id, from the document data (a few bytes) when the document has the current
/// layout; from the summary or the stored article otherwise. `data_first` false: try the summary
/// first (a database of schema version 1, whose document data is the whole article).
std::string stored_id(const Xapian::Document& doc, bool data_first = true);

/// Every stored field. Throws Error(database_corrupt) when the document holds no stored article.
Article stored_article(const Xapian::Document& doc);

/// The fields beyond the summary (language, author, place, body, headings), with one value read;
/// the others may be empty. What a snippet needs.
Article stored_body(const Xapian::Document& doc);

} // namespace newsdex::detail
