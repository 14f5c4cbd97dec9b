#include "search/suggestion.hpp"

#include <cctype>
#include <cstddef>

namespace newsdex::detail {

std::string recase(std::string_view original, std::string suggestion) {
  bool all_upper = true, first_upper = false, any_alpha = false;
  for (std::size_t i = 0; i < original.size(); ++i) {
    auto c = static_cast<unsigned char>(original[i]);
    if (!std::isalpha(c)) continue;
    if (!any_alpha) first_upper = std::isupper(c) != 0;
    any_alpha = true;
    if (!std::isupper(c)) all_upper = false;
  }
  if (!any_alpha) return suggestion;
  if (all_upper && original.size() > 1) {
    for (auto& ch : suggestion)
      ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  } else if (first_upper && !suggestion.empty()) {
    suggestion[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(suggestion[0])));
  }
  return suggestion;
}

std::string suggest_query(const Xapian::Database& db, const std::string& query,
                          const std::vector<QueryWord>& words, const Xapian::Database* spelling) {
  std::string out = query;
  bool changed = false;
  // Last word first, so the byte ranges of the words still to replace stay valid.
  for (auto w = words.rbegin(); w != words.rend(); ++w) {
    if (w->folded.empty() || db.get_termfreq(w->term) != 0) continue;
    std::string s;
    try {
      s = (spelling ? *spelling : db).get_spelling_suggestion(w->folded);
    } catch (const Xapian::UnimplementedError&) {
      return {}; // a remote shard: no spelling data served
    } catch (const Xapian::DatabaseError&) {
      return {}; // a local copy being rewritten, or damaged: a suggestion is only advice
    }
    if (s.empty() || s == w->folded) continue;
    out.replace(w->begin, w->end - w->begin,
                recase(std::string_view(query).substr(w->begin, w->end - w->begin), s));
    changed = true;
  }
  return changed ? out : std::string();
}

} // namespace newsdex::detail
