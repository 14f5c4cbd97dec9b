// One JSON object (a JSON Lines record or an array element) into an Article.
#pragma once

#include <newsdex/article.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsdex::detail {

/// Recognises the common field names (id, title/headline, body/text/content, date/published,
/// source, url/link, lang/language, author/byline); `mapping` pairs (ours, theirs) override them.
/// On failure returns false with `error` and the 1-based byte `column` of the fault.
bool parse_json_article(std::string_view json,
                        const std::vector<std::pair<std::string, std::string>>& mapping,
                        Article& out, std::string& error, std::size_t& column);

} // namespace newsdex::detail
