// One JSON object (a JSON Lines record or an array element) into an Article.
#pragma once

#include <newsdex/article.hpp>

#include <cstddef>
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

/// One past the end of the JSON value that starts at `from` (an object, array, string or scalar),
/// or npos when the text ends inside it. Only strings and nesting are tracked (a scalar ends at
/// ',', whitespace or a closing bracket); the value itself is validated by the parser.
std::size_t json_value_end(std::string_view text, std::size_t from);

} // namespace newsdex::detail
