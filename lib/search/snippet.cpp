#include "search/snippet.hpp"

#include <algorithm>

namespace newsdex::detail {
namespace {

struct Match {
  std::uint32_t begin, end;
  const std::string* term;
};

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Moves `at` back to the start of a word (or of a sentence, when one starts close by).
std::size_t start_boundary(std::string_view text, std::size_t at, std::size_t lookback) {
  std::size_t floor = at > lookback ? at - lookback : 0;
  for (std::size_t i = at; i > floor; --i) {
    char p = text[i - 1];
    if ((p == '.' || p == '!' || p == '?' || p == '\n') && i < text.size() &&
        (text[i] == ' ' || text[i] == '\n'))
      return i + 1;
  }
  std::size_t i = floor;
  while (i > 0 && i < at && text[i - 1] != ' ' && text[i - 1] != '\n') ++i;
  while (i > 0 && is_continuation(text[i])) ++i;
  return std::min(i, at);
}

// Moves `at` back to the end of a word after `from`; in text without spaces (Chinese, Japanese, a
// long URL) back to the start of a UTF-8 character, so a snippet never ends inside one.
std::size_t end_boundary(std::string_view text, std::size_t from, std::size_t at) {
  if (at >= text.size()) return text.size();
  for (std::size_t i = at; i > from; --i)
    if (text[i] == ' ' || text[i] == '\n') return i;
  while (at > from && is_continuation(text[at])) --at;
  return at;
}

} // namespace

Snippet make_snippet(std::string_view text, const std::set<std::string>& terms, Analyzer& analyzer,
                     std::size_t max_bytes) {
  std::vector<Match> matches;
  if (!terms.empty()) {
    // Every token of the text is looked up: a few terms compared by size first beat a set lookup
    // through a std::string built for each token.
    std::vector<const std::string*> wanted;
    wanted.reserve(terms.size());
    for (const auto& t : terms) wanted.push_back(&t);
    analyzer.analyze(text, [&](const Token& t) {
      auto it = std::find_if(wanted.begin(), wanted.end(), [&](const std::string* w) {
        return w->size() == t.term.size() && std::string_view(*w) == t.term;
      });
      if (it == wanted.end()) return;
      // A compound gives its parts and the whole ("pre", "2014", "pre-2014"), in either order:
      // a token over earlier matches replaces them, one inside the last match extends it, so the
      // highlights stay in order and never overlap (searcher.hpp promises it; printers rely on it).
      while (!matches.empty() && matches.back().begin >= t.begin && matches.back().end <= t.end)
        matches.pop_back();
      if (!matches.empty() && matches.back().end > t.begin) {
        matches.back().end = std::max(matches.back().end, t.end);
        return;
      }
      matches.push_back({t.begin, t.end, *it});
    });
  }

  // The window with the most distinct terms, then the most matches.
  std::size_t best_first = 0, best_last = 0;
  std::size_t best_distinct = 0, best_count = 0;
  for (std::size_t i = 0, j = 0; i < matches.size(); ++i) {
    if (j < i) j = i;
    while (j + 1 < matches.size() && matches[j + 1].end - matches[i].begin <= max_bytes * 3 / 4)
      ++j;
    std::set<const std::string*> distinct;
    for (std::size_t k = i; k <= j; ++k) distinct.insert(matches[k].term);
    std::size_t count = j - i + 1;
    if (distinct.size() > best_distinct ||
        (distinct.size() == best_distinct && count > best_count)) {
      best_distinct = distinct.size();
      best_count = count;
      best_first = i;
      best_last = j;
    }
  }

  std::size_t from = 0;
  if (!matches.empty()) {
    std::size_t span = matches[best_last].end - matches[best_first].begin;
    std::size_t slack = max_bytes > span ? max_bytes - span : 0;
    from =
        start_boundary(text, matches[best_first].begin, std::min<std::size_t>(slack / 2 + 1, 80));
  }
  std::size_t to = end_boundary(text, from, from + max_bytes);

  Snippet s;
  if (from > 0) s.text = "… ";
  std::size_t shift = s.text.size();
  for (std::size_t i = from; i < to; ++i) s.text += text[i] == '\n' ? ' ' : text[i];
  // Collapse the blank line between paragraphs to one space would move offsets; keep them 1:1.
  if (to < text.size()) s.text += " …";
  for (const auto& m : matches) {
    if (m.begin >= from && m.end <= to)
      s.highlights.push_back({m.begin - from + shift, m.end - from + shift});
  }
  return s;
}

} // namespace newsdex::detail
