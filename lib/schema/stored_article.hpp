// The document data of a Xapian document: the article fields needed to print a hit and build a
// snippet without re-reading the input. Length-prefixed fields behind a format byte.
#pragma once

#include <newsdex/article.hpp>

#include <string>
#include <string_view>

namespace newsdex::detail {

std::string encode_stored_article(const Article& article);

/// Throws Error(database_corrupt) when `data` is not in the stored format.
Article decode_stored_article(std::string_view data);

} // namespace newsdex::detail
