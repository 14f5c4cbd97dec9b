// The document data of a Xapian document: the article fields needed to print a hit and build a
// snippet without re-reading the input. Length-prefixed fields behind a format byte.
#pragma once

#include <newsdex/article.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace newsdex::detail {

std::string encode_stored_article(const Article& article);

/// Throws Error(database_corrupt) when `data` is not in the stored format.
Article decode_stored_article(std::string_view data);

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
