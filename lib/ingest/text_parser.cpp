// Plain-text articles: optional "Key: value" header block, headline, dateline, subheadings and a
// trailing "Source:" line.
#include <newsdex/reader.hpp>

#include <algorithm>
#include <cctype>
#include <vector>

namespace newsdex {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    auto nl = text.find('\n');
    lines.push_back(trim(text.substr(0, nl)));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

std::size_t word_count(std::string_view s) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    bool space = std::isspace(static_cast<unsigned char>(c));
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

bool ends_sentence(std::string_view s) {
  if (s.empty()) return false;
  char c = s.back();
  if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == ',') return true;
  // A closing quote after final punctuation: ." or .” (E2 80 9D)
  if (s.size() >= 2 && (c == '"' || c == '\'')) return ends_sentence(s.substr(0, s.size() - 1));
  if (s.size() >= 4 && s.substr(s.size() - 3) == "\xE2\x80\x9D")
    return ends_sentence(s.substr(0, s.size() - 3));
  return false;
}

// A headline: short, and no final punctuation.
bool reads_as_headline(std::string_view line) {
  return !line.empty() && line.size() <= 160 && word_count(line) <= 18 && !ends_sentence(line);
}

// The first sentence of a paragraph, for articles whose first line is not a headline.
std::string first_sentence(std::string_view para) {
  for (std::size_t i = 0; i + 1 < para.size(); ++i) {
    char c = para[i];
    if ((c == '.' || c == '!' || c == '?') && para[i + 1] == ' ' && i > 3) {
      // "U.S. officials": a dot after a single capital letter is an abbreviation, not an end.
      if (c == '.' && i >= 2 && std::isupper(static_cast<unsigned char>(para[i - 1])) &&
          (para[i - 2] == '.' || para[i - 2] == ' '))
        continue;
      para = para.substr(0, i + (c == '.' ? 0 : 1));
      break;
    }
  }
  std::string s(trim(para));
  // A one-sentence paragraph loses its final period too, unless it ends in an initialism ("U.S.").
  if (s.size() > 3 && s.back() == '.' &&
      !(std::isupper(static_cast<unsigned char>(s[s.size() - 2])) && s[s.size() - 3] == '.'))
    s.pop_back();
  if (s.size() > 200) {
    auto cut = s.rfind(' ', 200);
    if (cut == std::string::npos) { // no space: cut between two characters, never inside one
      cut = 200;
      while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    }
    s = s.substr(0, cut) + "…";
  }
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// "Key: value" header lines at the top of the file override what is inferred.
bool header_field(std::string_view line, Article& a) {
  auto colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 12) return false;
  std::string key = lower(trim(line.substr(0, colon)));
  std::string value(trim(line.substr(colon + 1)));
  if (key == "title")
    a.title = value;
  else if (key == "headline")
    a.title = value;
  else if (key == "date" || key == "published")
    a.date = value;
  else if (key == "source")
    a.source = value;
  else if (key == "url")
    a.url = value;
  else if (key == "author" || key == "by")
    a.author = value;
  else if (key == "language" || key == "lang")
    a.language = value;
  else if (key == "id")
    a.id = value;
  else
    return false;
  return true;
}

// "BRUSSELS — ", "KYIV, Feb 12 (Reuters) - " or "LONDON (Reuters) - ": an upper-case place, then
// optional detail after a comma or parenthesis, then a dash within the first 60 bytes. Returns the
// place and sets `text_start` to the first byte after the dash; empty when there is no dateline.
std::string dateline_place(std::string_view first, std::size_t& text_start) {
  std::size_t dash = std::string_view::npos, dash_len = 0;
  for (std::string_view d : {"\xE2\x80\x94", "\xE2\x80\x93", " -- ", " - "}) {
    auto at = first.find(d);
    if (at != std::string_view::npos && at < 60 && at < dash) {
      dash = at;
      dash_len = d.size();
    }
  }
  if (dash == std::string_view::npos || dash_len == 0) return {};
  std::string_view head = trim(first.substr(0, dash));
  std::string_view place = trim(head.substr(0, head.find_first_of(",(")));
  if (place.size() < 2) return {};
  for (char c : place)
    if (std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)))
      return {};
  bool letters =
      std::any_of(place.begin(), place.end(), [](unsigned char c) { return std::isupper(c); });
  if (!letters) return {};
  text_start = dash + dash_len;
  while (text_start < first.size() && first[text_start] == ' ') ++text_start;
  return std::string(place);
}

} // namespace

Article parse_text_article(std::string_view text) {
  Article a;
  std::vector<std::string_view> lines = split_lines(text);
  std::size_t i = 0;
  while (i < lines.size() && lines[i].empty()) ++i;

  // Header block: consecutive "Key: value" lines ended by a blank line.
  std::size_t j = i;
  Article header;
  while (j < lines.size() && !lines[j].empty() && header_field(lines[j], header)) ++j;
  if (j > i && (j == lines.size() || lines[j].empty())) {
    a = std::move(header);
    i = j;
    while (i < lines.size() && lines[i].empty()) ++i;
  }

  std::size_t end = lines.size();
  while (end > i && lines[end - 1].empty()) --end;
  if (end > i && lines[end - 1].size() < 120 && lower(lines[end - 1].substr(0, 7)) == "source:") {
    if (a.source.empty()) a.source = std::string(trim(lines[end - 1].substr(7)));
    --end;
  }
  if (i >= end) return a;

  // A short first line without final punctuation is the headline; otherwise the title is the
  // lead sentence (without its dateline).
  bool headline = reads_as_headline(lines[i]) && i + 1 < end;
  std::size_t body_start = headline ? i + 1 : i;
  while (body_start < end && lines[body_start].empty()) ++body_start;
  std::size_t lead_start = 0;
  if (body_start < end) a.place = dateline_place(lines[body_start], lead_start);
  if (a.title.empty())
    a.title = headline ? std::string(lines[i]) : first_sentence(lines[i].substr(lead_start));

  for (std::size_t k = body_start; k < end; ++k) {
    if (lines[k].empty()) continue;
    if (!a.body.empty()) a.body += "\n\n";
    a.body += lines[k];
    if (k > body_start && reads_as_headline(lines[k]) && word_count(lines[k]) <= 10)
      a.headings.emplace_back(lines[k]);
  }
  return a;
}

} // namespace newsdex
