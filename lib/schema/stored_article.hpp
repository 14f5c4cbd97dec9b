// What a Xapian document stores of its article, beside its terms: the stored article (for
// snippets and `show`), the hit summary (what a result page prints) and the document data (the id
// alone). Length-prefixed fields behind a format byte.
#pragma once

#include <newsdex/article.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::detail {

/// Which fields encode_stored_article writes.
enum class StoredFields {
  all,            ///< every field (schema version 1's document data; the content hash)
  beyond_summary, ///< id, title, date, source and url left empty: the summary holds them
};

std::string encode_stored_article(const Article& article, StoredFields which = StoredFields::all);

/// Throws Error(database_corrupt) when `data` is not in the stored format.
Article decode_stored_article(std::string_view data);

/// The stored article as schema::article_slot holds it: `encoded` (encode_stored_article's
/// output) deflated by newsdex, or as it is when deflating would not make it smaller.
std::string pack_stored_article(std::string_view encoded);

/// The inverse of pack_stored_article: encode_stored_article's output, ready for
/// decode_stored_article. Throws Error(database_corrupt) on damaged data.
std::string unpack_stored_article(std::string_view packed);

/// The document data: the article id behind a format byte, as small as a plain Xapian
/// application's, so that a hit that needs only its id reads a few bytes and inflates nothing.
std::string encode_document_data(std::string_view id);

/// The id, if `data` is encode_document_data's output; std::nullopt for the document data of
/// older databases (the whole stored article).
std::optional<std::string> decode_document_data(std::string_view data);

/// What a result page prints of a hit (schema::summary_slot).
struct StoredSummary {
  std::string id, title, date, source, url;
  std::vector<std::string> entities;
  /// False for a summary written before the entity names joined it (the stored-article format
  /// with the other fields empty): the names are then in schema::entities_slot only.
  bool has_entities = false;
};

/// `entity_names`: the canonical names, '\n'-separated, as in schema::entities_slot.
std::string encode_summary(const Article& article, std::string_view entity_names);

/// Reads either summary format. Throws Error(database_corrupt) when `data` is neither.
StoredSummary decode_summary(std::string_view data);

} // namespace newsdex::detail
