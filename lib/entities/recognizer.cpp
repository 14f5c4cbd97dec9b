// Recognition: the rules of docs/ENTITIES.md over one text (find_mentions), an article's entities
// (recognize_entities) and the public find_entities.
#include "entities/recognizer.hpp"

#include "entities/keys.hpp"
#include "entities/tables.hpp"
#include "entities/words.hpp"

#include <algorithm>
#include <array>
#include <bitset>
#include <unordered_map>
#include <unordered_set>

namespace newsdex::detail {
namespace {

using entities::append_word_key;
using entities::fnv;
using entities::has_lower;
using entities::has_upper;
using entities::Hashed;
using entities::key_of;
using entities::KeyEqual;
using entities::KeyHash;
using entities::KeyMap;
using entities::split_words;
using entities::trim;
using entities::Word;

EntityType known_type(const EntityTables& t, std::string_view canonical) {
  auto it = t.canonical_types.find(canonical);
  return it == t.canonical_types.end() ? EntityType::unknown : it->second;
}

class Recognizer {
public:
  Recognizer(std::string_view text, const EntityTables& tables, std::size_t headline_bytes)
      : text_(text), t_(tables), headline_(headline_bytes), words_(split_words(text, tables)) {
    // The keys one space apart in one string: the key of a run of words ("new york") is a slice.
    keys_text_.reserve(text.size() + words_.size());
    key_ends_.reserve(words_.size());
    hashes_.reserve(words_.size());
    for (const auto& w : words_) {
      if (!keys_text_.empty()) keys_text_ += ' ';
      hashes_.push_back(append_word_key(keys_text_, name_text(w)));
      key_ends_.push_back(keys_text_.size());
    }
  }

  std::vector<Mention> run() {
    classify_lines();
    collect_evidence();
    // Lines whose capitals mean something first; then headlines and headings, which only
    // confirm names the rest of the text (or the tables) vouch for.
    for (std::size_t i = 0; i < words_.size();) {
      std::size_t j = i;
      while (j < words_.size() && words_[j].line == words_[i].line) ++j;
      if (!unreliable_[words_[i].line]) reliable_line(i, j);
      i = j;
    }
    link_people();
    for (std::size_t x = 0; x < mentions_.size(); ++x) {
      const Mention& m = mentions_[x];
      std::string_view written = text_.substr(m.begin, m.end - m.begin);
      confirmed_.try_emplace(key_of(written), x);
      if (m.name != written) confirmed_.try_emplace(key_of(m.name), x);
    }
    for (const auto& [surname, full] : surnames_) confirmed_.try_emplace(surname, full);
    for (std::size_t i = 0; i < words_.size();) {
      std::size_t j = i;
      while (j < words_.size() && words_[j].line == words_[i].line) ++j;
      if (unreliable_[words_[i].line]) unreliable_line(i, j);
      i = j;
    }
    resolve_pronouns();
    propagate_types();
    std::sort(mentions_.begin(), mentions_.end(),
              [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
    return std::move(mentions_);
  }

private:
  std::string_view text_;
  const EntityTables& t_;
  std::size_t headline_;
  std::vector<Word> words_;
  std::string keys_text_;             ///< every word's key, one space apart
  std::vector<std::size_t> key_ends_; ///< per word: where its key ends in keys_text_
  std::vector<std::uint32_t> hashes_; ///< per word: fnv of its key
  std::vector<bool> unreliable_, shouted_;
  bool shouted_body_ = false; ///< the body as a whole is written in capitals
  std::size_t resume_ = 0;    ///< the first word not yet read by unreliable_line
  // Evidence per capitalised word (keys point into keys_text_): written in lower case elsewhere,
  // capitalised mid-sentence.
  static constexpr std::uint8_t seen_lower = 1, seen_midcap = 2;
  std::unordered_map<std::string_view, std::uint8_t, KeyHash, KeyEqual> evidence_;
  bool lower_elsewhere(Hashed key) const {
    auto it = evidence_.find(key);
    return it != evidence_.end() && (it->second & seen_lower);
  }
  bool midcap_elsewhere(Hashed key) const {
    auto it = evidence_.find(key);
    return it != evidence_.end() && (it->second & seen_midcap);
  }
  std::vector<Mention> mentions_;
  KeyMap<std::size_t> confirmed_; ///< key -> index in mentions_ of a name found in the text
  KeyMap<std::size_t> surnames_;  ///< surname key -> index in mentions_ of the full name
  /// Pronoun-like acronyms in capitals ("WHO", "US"): names only if the text names them otherwise
  std::vector<std::pair<std::size_t, const KnownName*>> pronouns_;

  std::string_view keys_of(std::size_t a, std::size_t b) const { // words [a, b)
    std::size_t begin = a == 0 ? 0 : key_ends_[a - 1] + 1;
    return std::string_view(keys_text_).substr(begin, key_ends_[b - 1] - begin);
  }
  std::string_view key(std::size_t i) const { return keys_of(i, i + 1); }
  Hashed hashed(std::size_t i) const { return {key(i), hashes_[i]}; }

  std::string_view name_text(const Word& w) const {
    return text_.substr(w.begin, w.name_end - w.begin);
  }
  std::string_view span_text(std::size_t a, std::size_t b) const { // words [a, b)
    return text_.substr(words_[a].begin, words_[b - 1].name_end - words_[a].begin);
  }
  // "I'm", "We're", "Don't": never part of a name.
  static bool contraction(std::string_view k) {
    auto ends = [&](std::string_view s) {
      return k.size() > s.size() && k.substr(k.size() - s.size()) == s;
    };
    return k.find('\'') != std::string_view::npos &&
           (ends("'m") || ends("'re") || ends("'ve") || ends("'ll") || ends("'d") || ends("n't"));
  }
  bool is_common(std::size_t i) const { return t_.common.count(hashed(i)) > 0; }
  bool is_title(std::size_t i) const { return t_.titles.count(hashed(i)) > 0; }
  bool is_modifier(std::size_t i) const { return t_.modifiers.count(hashed(i)) > 0; }
  bool is_acronym(std::size_t i) const {
    const Word& w = words_[i];
    if (!w.upper || w.digit) return false;
    std::size_t letters = 0;
    for (char c : name_text(w))
      if (c != '.') ++letters;
    return w.dotted ? letters >= 2 : (letters >= 2 && letters <= 5);
  }
  // A word that can be part of a name in running text.
  bool name_word(std::size_t i) const {
    const Word& w = words_[i];
    if (!w.cap || contraction(key(i)) || t_.not_entity.count(hashed(i))) return false;
    if (w.cap) return !w.digit || w.upper || has_lower(name_text(w));
    return false;
  }

  // Whether a line's capitals carry information. A line is shouted when at least 80% of its words
  // of two letters or more are in capitals. A body that is shouted as a whole (wire copy, old
  // archives, OCR) decides for its lines too short to judge alone and for those that are shouted
  // but for a few words ("SHR 1.20 DLRS vs 1.10"): half in capitals is enough there. A headline
  // never decides for the body, so a mixed-case body under a shouted headline is read normally.
  void classify_lines() {
    struct LineWords {
      std::size_t first = 0, end = 0, letter = 0, upper = 0, content = 0, capital_content = 0,
                  lower = 0;
      bool digits = false;
    };
    std::vector<LineWords> stats;
    std::size_t body_letter = 0, body_upper = 0;
    for (std::size_t i = 0; i < words_.size();) {
      LineWords l;
      l.first = i;
      std::size_t j = i;
      std::uint32_t line = words_[i].line;
      while (j < words_.size() && words_[j].line == line) {
        const Word& w = words_[j];
        if (w.digit) l.digits = true;
        if (w.lower) ++l.lower;
        if (w.cap || w.lower || w.upper) {
          if (name_text(w).size() >= 2 && !w.digit) {
            ++l.letter;
            if (w.upper) ++l.upper;
          }
          if (w.cap || key(j).size() > 4) { // short lower-case words: function words
            ++l.content;
            if (w.cap) ++l.capital_content;
          }
        }
        ++j;
      }
      l.end = j;
      if (words_[i].begin >= headline_) {
        body_letter += l.letter;
        body_upper += l.upper;
      }
      stats.push_back(l);
      i = j;
    }
    shouted_body_ = body_letter >= 8 && body_upper * 10 >= body_letter * 8;
    std::uint32_t lines = words_.empty() ? 1 : words_.back().line + 1;
    unreliable_.assign(lines, false);
    shouted_.assign(lines, false);
    for (const LineWords& l : stats) {
      std::size_t i = l.first, j = l.end;
      std::uint32_t line = words_[i].line;
      bool headline = words_[i].begin < headline_;
      bool shouted = l.letter >= 1 && l.upper * 10 >= l.letter * 8 && (l.letter >= 2 || j - i <= 3);
      if (shouted_body_ && !headline && (l.letter < 3 || l.upper * 2 >= l.letter)) shouted = true;
      // A heading: short, no sentence punctuation at its end, every content word capitalised.
      // (A list of names has commas; a heading has a small word or three words or more.)
      bool heading = false;
      if (!shouted && !l.digits && l.content >= 2 && l.capital_content == l.content &&
          j - i <= 10 && (j - i >= 3 || l.lower > 0 || !t_.given.count(hashed(i)))) {
        std::uint32_t end = words_[j - 1].end;
        std::size_t nl = text_.find('\n', end);
        std::string_view tail =
            text_.substr(end, nl == std::string_view::npos ? text_.npos : nl - end);
        std::string_view whole = text_.substr(words_[i].begin, end - words_[i].begin);
        heading = trim(tail).empty() && whole.find(',') == std::string_view::npos;
      }
      shouted_[line] = shouted;
      unreliable_[line] = headline || shouted || heading;
    }
  }

  // Which capitalised words of the text are also written in lower case, or capitalised
  // mid-sentence (evidence about a sentence's first word).
  void collect_evidence() {
    std::bitset<4096> bloom;
    evidence_.reserve(words_.size() / 4);
    for (std::size_t i = 0; i < words_.size(); ++i) {
      const Word& w = words_[i];
      if (unreliable_[w.line] || !w.cap) continue;
      auto& e = evidence_[key(i)];
      bloom.set(hashes_[i] % 4096);
      if (!w.initial) e |= seen_midcap;
    }
    for (std::size_t i = 0; i < words_.size(); ++i) {
      const Word& w = words_[i];
      if (!w.lower || unreliable_[w.line] || !bloom.test(hashes_[i] % 4096)) continue;
      auto it = evidence_.find(hashed(i));
      if (it != evidence_.end()) it->second |= seen_lower;
    }
  }

  // The longest known name starting at word i within [i, end): its length in words.
  std::size_t known_at(std::size_t i, std::size_t end, const KnownName** out,
                       bool require_capital_end = true) const {
    std::size_t best = 0;
    std::uint32_t hash = 0;
    for (std::size_t j = i; j < end && j - i < t_.max_words; ++j) {
      if (j > i && !words_[j - 1].joined) break;
      hash = j == i ? hashes_[i] : fnv(key(j), fnv(" ", hash));
      Hashed key{keys_of(i, j + 1), hash};
      auto it = t_.names.find(key);
      if (it == t_.names.end() || (require_capital_end && !words_[j].cap)) {
        if (!t_.prefixes.count(key)) break;
        continue;
      }
      if (it->second.caps_required && has_lower(span_text(i, j + 1))) continue;
      best = j + 1 - i;
      *out = &it->second.name;
      if (words_[j].possessive) break;
    }
    return best;
  }

  void add(std::size_t a, std::size_t b, EntityType type, std::string name) {
    Mention m;
    m.begin = words_[a].begin;
    m.end = words_[b - 1].name_end;
    m.type = type;
    m.name = std::move(name);
    mentions_.push_back(std::move(m));
  }

  // Canonical form of an unknown name: as written, spaces collapsed, dotted acronyms undotted.
  std::string surface(std::size_t a, std::size_t b) const {
    std::string out;
    for (std::size_t i = a; i < b; ++i) {
      if (i > a) out += ' ';
      std::string_view s = name_text(words_[i]);
      if (words_[i].upper && words_[i].dotted && b - a == 1) {
        for (char c : s)
          if (c != '.') out += c;
      } else {
        out += s;
      }
    }
    return out;
  }

  void reliable_line(std::size_t begin, std::size_t end) {
    // Lower-case topic phrases and names with lower-case words ("defense spending").
    for (std::size_t i = begin; i < end;) {
      if (!words_[i].cap && t_.lower_phrase_bloom.test(hashes_[i] % 1024) &&
          t_.lower_phrase_first.count(hashed(i))) {
        const KnownName* k = nullptr;
        std::size_t len = known_at(i, end, &k, false);
        if (len && !has_upper(span_text(i, i + len))) {
          add(i, i + len, k->type, k->canonical);
          i += len;
          continue;
        }
      }
      ++i;
    }
    for (std::size_t i = begin; i < end;) {
      if (!name_word(i)) {
        ++i;
        continue;
      }
      const KnownName* k = nullptr;
      std::size_t known = known_at(i, end, &k);
      // A run of name words, with particles and (after an organisation word) "of" inside.
      std::size_t j = i + 1;
      while (j < end && words_[j - 1].joined && !words_[j - 1].possessive) {
        if (name_word(j)) {
          ++j;
          continue;
        }
        // "von der Leyen", "Bank of England", "Rio de Janeiro"
        std::size_t k2 = j;
        while (k2 < end && words_[k2 - 1].joined && words_[k2].lower &&
               (t_.particles.count(hashed(k2)) || key(k2) == "of" || key(k2) == "the" ||
                key(k2) == "and" || key(k2) == "for" || key(k2) == "on") &&
               k2 - j < 3)
          ++k2;
        if (k2 == j || k2 >= end || !words_[k2 - 1].joined || !name_word(k2)) break;
        bool ok = true;
        for (std::size_t x = j; x < k2; ++x) {
          if (t_.particles.count(hashed(x))) continue;
          if ((key(x) == "of" || key(x) == "the") && t_.org_head.count(hashed(i))) continue;
          if (key(x) == "of" &&
              (t_.org_head.count(hashed(j - 1)) || t_.org_suffix.count(hashed(j - 1)) ||
               t_.place_suffix.count(hashed(j - 1))))
            continue;
          if ((key(x) == "for" || key(x) == "and" || key(x) == "on" || key(x) == "of" ||
               key(x) == "the") &&
              t_.org_head.count(hashed(i)) && (t_.org_suffix.count(hashed(i)) || x > i + 1))
            continue;
          ok = false;
        }
        if (!ok) break;
        j = k2 + 1;
      }
      if (known > j - i) j = i + known;
      candidate(i, j, false);
      i = j;
    }
  }

  // Classify the name words [a, b) of a line whose capitals are meaningful.
  void candidate(std::size_t a, std::size_t b, bool person_cue) {
    if (a >= b) return;
    const KnownName* k = nullptr;
    std::size_t known = known_at(a, b, &k);
    if (known == b - a) {
      if (words_[a].initial && b - a == 1 && is_common(a)) return;
      add(a, b, known_in_context(a, b, *k), k->canonical);
      return;
    }
    // Titles: "U.S. Defense Secretary Pete Hegseth" -> U.S. and Pete Hegseth.
    for (std::size_t x = b; x-- > a;) {
      if (x + 1 < b && is_title(x)) {
        bool general_org =
            key(x) == "general" && x + 2 == b && (t_.org_suffix.count(hashed(x + 1)) || x == a);
        bool title_after = true;
        for (std::size_t y = x + 1; y < b; ++y)
          if (!is_title(y) && !is_modifier(y)) title_after = false;
        if (!general_org && !title_after) {
          candidate_prefix(a, x + 1);
          candidate(x + 1, b, true);
          return;
        }
      }
    }
    // Leading sentence words and other common words: "On Wednesday", "But NATO".
    while (a < b &&
           (is_common(a) || (words_[a].initial && is_modifier(a) && b - a > 1 && !is_title(a)))) {
      if (known > 1) break;
      ++a;
      known = known_at(a, b, &k);
    }
    if (a >= b) return;
    if (known == b - a) {
      add(a, b, known_in_context(a, b, *k), k->canonical);
      return;
    }
    // A leading nationality or place before a name: "Australian Tom Moody", "Mexican Ariel Cruz".
    if (known && (k->type == EntityType::other || k->type == EntityType::place) &&
        !t_.org_suffix.count(hashed(b - 1)) && !t_.other_suffix.count(hashed(b - 1)) &&
        !t_.place_suffix.count(hashed(b - 1)) &&
        (b - a - known >= 2 || t_.given.count(hashed(a + known)) || person_cue)) {
      const KnownName* rest = nullptr;
      if (known_at(a + known, b, &rest) != b - a - known || rest->type != EntityType::other) {
        add(a, a + known, known_in_context(a, a + known, *k), k->canonical);
        candidate(a + known, b, person_cue);
        return;
      }
    }
    if (b - a == 1 && name_text(words_[a]).size() == 1) return; // a lone letter
    if (b - a == 1 && words_[a].initial && !person_cue && !is_acronym(a)) {
      // A sentence's first word: a name only with evidence.
      Hashed key = hashed(a);
      bool midcap = midcap_elsewhere(key);
      if (lower_elsewhere(key) && !midcap) return;
      bool evidence = midcap || t_.given.count(key) || t_.org_words.count(key) ||
                      words_[a].possessive || results(a, b);
      if (!evidence) return;
    }
    if (b - a == 1 && words_[a].cap && !words_[a].upper && lower_elsewhere(hashed(a)) &&
        !midcap_elsewhere(hashed(a)) && !person_cue)
      return; // capitalised here, but a common word elsewhere in the text
    add(a, b, type_of(a, b, person_cue), canonical_of(a, b));
  }

  // A sports results context: a score right after the name ("Leicestershire 22", "Pohang 3
  // Ulsan 2") or "v", "beat" next to it. A city (not a country) named there is its team.
  bool results(std::size_t a, std::size_t b) const {
    if (b < words_.size() && words_[b].line == words_[b - 1].line) {
      const Word& n = words_[b];
      bool only_space = words_[b - 1].joined || words_[b - 1].possessive;
      if (only_space && n.digit && !n.cap && !n.lower && !date_like(n)) return true;
      if (only_space && t_.score_after.count(hashed(b))) return true;
    }
    if (a > 0 && words_[a - 1].line == words_[a].line && words_[a - 1].joined &&
        t_.score_before.count(hashed(a - 1)))
      return true;
    return false;
  }

  // "1996-08-30", "2025": a date, not a score.
  bool date_like(const Word& w) const {
    std::string_view s = text_.substr(w.begin, w.end - w.begin);
    if (std::count(s.begin(), s.end(), '-') >= 2) return true;
    return s.size() == 4 && (s.substr(0, 2) == "19" || s.substr(0, 2) == "20");
  }

  EntityType known_in_context(std::size_t a, std::size_t b, const KnownName& k) const {
    if (k.type == EntityType::place && results(a, b) && !t_.countries.count(key_of(k.canonical)))
      return EntityType::organization;
    return k.type;
  }

  // What stands before a title: drop title and modifier words, keep the names.
  void candidate_prefix(std::size_t a, std::size_t b) {
    while (b > a && (is_title(b - 1) || is_modifier(b - 1))) --b;
    std::size_t s = a;
    for (std::size_t x = a; x <= b; ++x) {
      if (x == b || is_title(x) || is_modifier(x)) {
        if (x > s) candidate(s, x, false);
        s = x + 1;
      }
    }
  }

  std::string canonical_of(std::size_t a, std::size_t b) const { return surface(a, b); }

  // The type a known "other" name has, also for plurals ("Iraqis") and compounds ("Bosnian
  // Serbs"); unknown otherwise.
  EntityType other_type(std::size_t i) const {
    auto it = t_.names.find(hashed(i));
    if (it == t_.names.end() && key(i).size() > 3 && key(i).back() == 's')
      it = t_.names.find(key(i).substr(0, key(i).size() - 1));
    return it == t_.names.end() ? EntityType::unknown : it->second.name.type;
  }

  EntityType type_of(std::size_t a, std::size_t b, bool person_cue) const {
    std::string_view first = key(a);
    Hashed last = hashed(b - 1);
    if (person_cue) return EntityType::person;
    if (b - a > 1 && t_.org_suffix.count(last)) return EntityType::organization;
    if (b - a > 1 && t_.other_suffix.count(last)) return EntityType::other;
    if (b - a == 1 && t_.org_suffix.count(last) && !words_[a].initial)
      return EntityType::organization;
    if (t_.org_words.count(hashed(a)) && b - a == 1) return EntityType::organization;
    if (b - a > 2 && t_.org_head.count(hashed(a)) && key(a + 1) == "of")
      return EntityType::organization;
    if (other_type(b - 1) == EntityType::other) return EntityType::other;
    if (b - a > 1 && t_.place_suffix.count(last)) return EntityType::place;
    if (b - a > 1 && t_.place_prefix.count(hashed(a))) return EntityType::place;
    // Initials: "J. Smith", "J.R.R. Tolkien"
    if (b - a > 1 && words_[a].dotted && words_[a].upper && name_text(words_[a]).size() <= 4 &&
        !is_acronym(a))
      return EntityType::person;
    if (b - a > 1 && t_.given.count(hashed(a))) return EntityType::person;
    if (results(a, b)) return EntityType::organization;
    // A name with a known place in it is an organisation's: "Air France", "Dynamo Moscow".
    if (b - a > 1) {
      for (std::size_t x = a; x < b; ++x) {
        auto it = t_.names.find(hashed(x));
        if (it != t_.names.end() && it->second.name.type == EntityType::place)
          return EntityType::organization;
      }
    }
    if (b - a == 1) {
      // Hyphenated adjectives: "Franco-German", "Israeli-Palestinian".
      if (first.find('-') != std::string::npos) {
        bool all = true;
        std::size_t s = 0;
        while (s <= first.size()) {
          std::size_t e = first.find('-', s);
          if (e == std::string::npos) e = first.size();
          std::string_view part = first.substr(s, e - s);
          auto it = t_.names.find(part);
          if (!t_.adjective_prefix.count(part) &&
              (it == t_.names.end() || it->second.name.type == EntityType::unknown))
            all = false;
          s = e + 1;
        }
        if (all) return EntityType::other;
      }
      if (is_acronym(a))
        return t_.not_org_acronym.count(hashed(a)) ? EntityType::other : EntityType::organization;
      // A dateline: "BRUSSELS —" at the start of a line.
      if (words_[a].upper && words_[a].dash_after &&
          (a == 0 || words_[a - 1].line != words_[a].line))
        return EntityType::place;
      if (a > 0 && words_[a - 1].line == words_[a].line && words_[a - 1].joined &&
          t_.place_preposition.count(hashed(a - 1)) && !words_[a].possessive)
        return EntityType::place;
    }
    // After a lower-case title: "defense secretary, John Healey" / "said spokesman John Smith".
    for (std::size_t back = 1; back <= 2 && a >= back; ++back) {
      std::size_t p = a - back;
      if (words_[p].line != words_[a].line) break;
      if (words_[p].lower && is_title(p)) return EntityType::person;
      if (!words_[p].lower) break;
    }
    // Followed by "said", "told": a person when the name has two or three words.
    if (b < words_.size() && words_[b].line == words_[b - 1].line && b - a >= 2 && b - a <= 3 &&
        t_.verbs.count(hashed(b)))
      return EntityType::person;
    if (b - a >= 2 && b - a <= 3) {
      bool plain = true;
      for (std::size_t x = a; x < b; ++x)
        if (words_[x].upper || words_[x].digit || !words_[x].cap) plain = false;
      if (plain) return EntityType::person;
    }
    return EntityType::unknown;
  }

  // Headlines, capitals lines and headings: only what the tables or the text confirm. In capitals
  // also people (a title or a given name before them) and datelines; never a run of capitals.
  void unreliable_line(std::size_t begin, std::size_t end) {
    const bool shouted = shouted_[words_[begin].line];
    for (std::size_t i = std::max(begin, resume_); i < end;) {
      const Word& w = words_[i];
      if (!(w.cap || w.upper)) {
        ++i;
        continue;
      }
      // Longest confirmed span: a known name or a name found in the text.
      std::size_t best = 0;
      const std::size_t none = mentions_.size(); // mentions_ grows only after the search below
      std::size_t found = none;                  // in mentions_
      const KnownName* known = nullptr;
      const KnownName* pronoun = nullptr; // "WHO", "US" in capitals: a name only in context
      std::uint32_t hash = 0;
      for (std::size_t j = i; j < end && j - i < 6; ++j) {
        if (j > i && !words_[j - 1].joined) break;
        hash = j == i ? hashes_[i] : fnv(key(j), fnv(" ", hash));
        Hashed key{keys_of(i, j + 1), hash};
        if (!(words_[j].cap || words_[j].upper)) continue;
        auto it = confirmed_.find(key);
        if (it != confirmed_.end()) {
          best = j + 1 - i;
          found = it->second;
          known = nullptr;
        }
        auto kn = t_.names.find(key);
        if (kn != t_.names.end() &&
            (!kn->second.caps_required || !has_lower(span_text(i, j + 1))) && j + 1 - i >= best) {
          if (shouted && j == i && pronoun_like(i)) {
            pronoun = &kn->second.name;
          } else {
            best = j + 1 - i;
            known = &kn->second.name;
            found = none;
          }
        }
        if (words_[j].possessive) break;
      }
      if (best && (best > 1 || !is_common(i) || is_acronym(i))) {
        if (found != none)
          add(i, i + best, mentions_[found].type, mentions_[found].name);
        else
          add(i, i + best, known_in_context(i, i + best, *known), known->canonical);
        i += best;
        continue;
      }
      if (pronoun) {
        pronouns_.push_back({i, pronoun});
        ++i;
        continue;
      }
      // In a mixed-case heading, an acronym is one; in capitals, a dateline is a place.
      if (!shouted && is_acronym(i) && !is_common(i)) {
        add(i, i + 1,
            t_.not_org_acronym.count(hashed(i)) ? EntityType::other : EntityType::organization,
            surface(i, i + 1));
      } else if (shouted) {
        std::size_t used = shouted_person(i, end);
        if (!used && i == begin && words_[i].begin >= headline_) used = dateline(i, end);
        if (used) {
          i += used;
          resume_ = i; // a name may go on into the next line
          continue;
        }
      }
      ++i;
    }
  }

  // A word that in capitals is more likely a function word than an acronym: "WHO WILL PAY", "LET
  // US". Dotted ("U.S.") it is a name.
  bool pronoun_like(std::size_t i) const {
    return !words_[i].dotted && t_.stopwords.count(hashed(i)) &&
           !(i > 0 && words_[i - 1].line == words_[i].line && words_[i - 1].joined &&
             key(i - 1) == "the"); // "THE US", "THE WHO"
  }

  // A pronoun-like acronym is a name when the text names the same entity by another name: "WORLD
  // HEALTH ORGANIZATION ... WHO", "U.S. ... US" (not "THE US ... LET US").
  void resolve_pronouns() {
    if (pronouns_.empty()) return;
    std::unordered_set<std::string> named; // "canonical\nwritten key"; copies: add() moves
    for (const auto& m : mentions_)
      named.insert(m.name + '\n' + key_of(text_.substr(m.begin, m.end - m.begin)));
    for (const auto& pronoun : pronouns_) {
      // Named, not structured bindings: clang 14 (the fuzzing build) cannot capture those.
      const std::size_t i = pronoun.first;
      const auto& k = pronoun.second;
      bool otherwise = std::any_of(named.begin(), named.end(), [&](const std::string& n) {
        std::string_view v = n;
        return v.substr(0, v.find('\n')) == k->canonical && v.substr(v.find('\n') + 1) != key(i);
      });
      if (otherwise) add(i, i + 1, known_in_context(i, i + 1, *k), k->canonical);
    }
  }

  // Could word x of a line in capitals be part of a person's name? Not a function word, title,
  // verb, month, organisation or place word, nor the start of a known name other than a person's.
  bool shouted_name_word(std::size_t x, std::size_t end) const {
    const Word& w = words_[x];
    if (!(w.cap || w.upper) || w.digit || contraction(key(x))) return false;
    Hashed k = hashed(x);
    for (const auto* set :
         {&t_.stopwords, &t_.common, &t_.titles, &t_.modifiers, &t_.verbs, &t_.months,
          &t_.org_suffix, &t_.org_words, &t_.not_entity, &t_.place_suffix, &t_.other_suffix})
      if (set->count(k)) return false;
    const KnownName* kn = nullptr;
    return !known_at(x, end, &kn, false) || kn->type == EntityType::person;
  }

  // A person in capitals, where a capital says nothing: a title (with its modifiers) and a name,
  // or a given name and a surname: "PRIME MINISTER HAROLD MACMILLAN", "PRESIDENT REAGAN",
  // "KIICHI MIYAZAWA" only after a title. Adds the person and returns the words used (title
  // included), or 0.
  std::size_t shouted_person(std::size_t i, std::size_t end) {
    std::size_t a = i;
    bool title = false, honorific = false;
    while (a < end && (is_title(a) || is_modifier(a)) && words_[a].joined) {
      if (is_title(a)) {
        title = true;
        honorific = t_.honorifics.count(hashed(a)) > 0;
      }
      ++a;
    }
    if (!title) a = i;
    if (!title && !t_.first_names.count(hashed(a))) return 0; // most words: no look-up more
    const KnownName* kn = nullptr;
    if (a < end && known_at(a, end, &kn, false)) return a - i; // the name is read as known
    std::size_t b = a;
    while (b < end && b - a < 4 && shouted_name_word(b, end)) {
      ++b;
      if (words_[b - 1].joined) continue;
      if (!wrapped(b - 1)) break;
      end = line_end(b); // "CHAIRMAN PAUL\nVOLCKER": a hard-wrapped line goes on
    }
    if (b == a) return 0;
    // "PREMIER INDUSTRIAL CORP": an organisation's name, not a person's.
    if (b < end && b > 0 && (words_[b - 1].joined || wrapped(b - 1)) &&
        (t_.org_suffix.count(hashed(b)) || t_.org_words.count(hashed(b))))
      return 0;
    bool given = t_.first_names.count(hashed(a)) > 0;
    std::size_t len = 0;
    if (given && b - a >= 2) {
      // Given name and surname; a middle initial or a particle makes it longer ("JOHN F.
      // KENNEDY", "JAVIER PEREZ DE CUELLAR").
      len = 2;
      while (a + len < b &&
             (name_text(words_[a + len - 1]).size() <= 2 ||
              t_.particles.count(hashed(a + len - 1)) || t_.particles.count(hashed(a + len))))
        ++len;
    } else if (given && title) {
      len = 1; // "PRINCE CHARLES", "KING HUSSEIN"
    } else if (honorific && !verb_like(key(a))) {
      // "PRESIDENT REAGAN", "MINISTER KIICHI MIYAZAWA"; not "CHAIRMAN RESIGNS", and "PRINCE
      // NASEEM RETAINS" is Naseem.
      len = b - a >= 2 && !verb_like(key(a + 1)) ? 2 : 1;
    }
    if (!len || name_text(words_[a]).size() < (given ? 2u : 3u)) return 0; // not "SGT. OC"
    add(a, a + len, EntityType::person, entities::title_case(surface(a, a + len)));
    // Later mentions of the surname alone, or of the whole name, are this person.
    const Mention& m = mentions_.back();
    confirmed_.try_emplace(key_of(m.name), mentions_.size() - 1);
    if (len > 1) confirmed_.try_emplace(std::string(key(a + len - 1)), mentions_.size() - 1);
    return a + len - i;
  }

  // Whether a line in capitals ends at word x in the middle of a sentence and the next line, also
  // in capitals, goes on (a hard-wrapped paragraph, as in wire copy): one line break between the
  // two words, no indentation.
  bool wrapped(std::size_t x) const {
    if (x + 1 >= words_.size() || words_[x + 1].line != words_[x].line + 1 ||
        !shouted_[words_[x + 1].line] || words_[x].possessive)
      return false;
    std::string_view between = text_.substr(words_[x].end, words_[x + 1].begin - words_[x].end);
    return between == "\n" || between == "\r\n" || between == " \n";
  }
  std::size_t line_end(std::size_t x) const { // of the line of word x
    std::size_t y = x + 1;
    while (y < words_.size() && words_[y].line == words_[x].line) ++y;
    return y;
  }

  // "RESIGNS", "RULED", "WARNING": after a title more likely a verb than a surname.
  static bool verb_like(std::string_view k) {
    auto ends = [&](std::string_view s) { // "REED" and "KING" are names
      return k.size() > 4 && k.substr(k.size() - s.size()) == s;
    };
    return ends("s") || ends("ed") || ends("ing");
  }

  // A dateline at the start of a line in capitals: up to four words before a full date ("LONDON
  // 1996-08-30", "3/2/87") or a comma and a month ("NEW YORK, MARCH 2"). Adds the place and returns
  // its words, or 0. A longer run is no place ("ARRIVALS FOR THE WEEK ENDED FEBRUARY 22"), nor is a
  // word before a dash ("CRICKET - ..." heads a sports story).
  std::size_t dateline(std::size_t i, std::size_t end) {
    std::size_t j = i;
    while (true) {
      Hashed k = hashed(j);
      if (!words_[j].upper || words_[j].digit || t_.stopwords.count(k) || t_.common.count(k) ||
          t_.months.count(k))
        return 0;
      if (j + 1 >= end || !words_[j].joined || words_[j + 1].digit) break;
      if (j - i >= 3) return 0;
      ++j;
    }
    // A full date: a year alone follows many runs ("DEBENTURES DUE 2011").
    auto full_date = [&](const Word& d) {
      std::string_view t = text_.substr(d.begin, d.end - d.begin);
      return std::count(t.begin(), t.end(), '-') + std::count(t.begin(), t.end(), '/') >= 2;
    };
    bool date = j + 1 < end && words_[j].joined && full_date(words_[j + 1]);
    bool month = false;
    if (j + 2 < end && !words_[j].joined && t_.months.count(hashed(j + 1)) && words_[j + 2].digit) {
      std::string_view between = text_.substr(words_[j].end, words_[j + 1].begin - words_[j].end);
      month = trim(between) == ",";
    }
    if (!date && !month) return 0;
    add(i, j + 1, EntityType::place, entities::title_case(surface(i, j + 1)));
    return j + 1 - i;
  }

  // A later surname-only mention links to the full name; "Mr Hegseth" too.
  void link_people() {
    for (std::size_t x = 0; x < mentions_.size(); ++x) {
      const Mention& m = mentions_[x];
      if (m.type != EntityType::person) continue;
      auto sp = m.name.rfind(' ');
      if (sp == std::string::npos) continue;
      std::string surname = key_of(std::string_view(m.name).substr(sp + 1));
      if (surname.size() < 2) continue;
      surnames_.try_emplace(std::move(surname), x);
    }
    for (auto& m : mentions_) {
      if (m.name.find(' ') != std::string::npos) continue;
      if (t_.canonical_types.count(m.name) && known_type(t_, m.name) != EntityType::person)
        continue;
      auto it = surnames_.find(key_of(m.name));
      if (it == surnames_.end()) continue;
      m.name = mentions_[it->second].name; // a full name: never changed here
      m.type = EntityType::person;
    }
  }

  // Unknown mentions take the type the same name has elsewhere in the text.
  void propagate_types() {
    // Mentions grouped by name (sorting their indices costs less than hashing the names).
    std::vector<std::size_t> order(mentions_.size());
    for (std::size_t x = 0; x < order.size(); ++x) order[x] = x;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return mentions_[a].name < mentions_[b].name; });
    for (std::size_t g = 0; g < order.size();) {
      std::size_t end = g + 1;
      while (end < order.size() && mentions_[order[end]].name == mentions_[order[g]].name) ++end;
      std::array<unsigned, 5> v{};
      for (std::size_t x = g; x < end; ++x) ++v[static_cast<std::size_t>(mentions_[order[x]].type)];
      std::size_t best = 0;
      for (std::size_t x = 1; x < 5; ++x)
        if (v[x] > (best ? v[best] : 0)) best = x;
      if (best)
        for (std::size_t x = g; x < end; ++x)
          mentions_[order[x]].type = static_cast<EntityType>(best);
      g = end;
    }
  }
};

} // namespace

std::vector<Mention> find_mentions(std::string_view text, const EntityTables& tables,
                                   std::size_t headline_bytes) {
  if (text.size() > 0xFFFFFFF0u) text = text.substr(0, 0xFFFFFFF0u);
  return Recognizer(text, tables, headline_bytes).run();
}

std::vector<Entity> recognize_entities(const Article& article, const EntityTables& tables) {
  std::string text;
  text.reserve(article.title.size() + article.body.size() + 1);
  text += article.title;
  // The title is one line, whatever it holds.
  std::replace(text.begin(), text.end(), '\n', ' ');
  std::size_t headline = text.size();
  text += '\n';
  text += article.body;
  std::vector<Entity> out;
  std::unordered_map<std::string, std::size_t, StringHash, std::equal_to<>> index;
  std::vector<std::array<unsigned, 5>> votes;
  for (const auto& m : find_mentions(text, tables, headline)) {
    auto [it, inserted] = index.emplace(m.name, out.size());
    if (inserted) {
      out.push_back({m.name, EntityType::unknown, 0});
      votes.push_back({});
    }
    ++out[it->second].mentions;
    ++votes[it->second][static_cast<std::size_t>(m.type)];
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    std::size_t best = 0;
    for (std::size_t x = 1; x < 5; ++x)
      if (votes[i][x] > (best ? votes[i][best] : 0)) best = x;
    out[i].type = static_cast<EntityType>(best);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Entity& a, const Entity& b) { return a.mentions > b.mentions; });
  return out;
}

std::vector<Entity> recognize_entities(const Article& article,
                                       const std::vector<std::string>& alias_files) {
  return recognize_entities(article, *entity_tables(alias_files));
}

} // namespace newsdex::detail

// ---------------------------------------------------------------------------------------------
// Public API

namespace newsdex {

std::string_view entity_type_name(EntityType type) {
  switch (type) {
  case EntityType::person:
    return "person";
  case EntityType::organization:
    return "organization";
  case EntityType::place:
    return "place";
  case EntityType::other:
    return "other";
  case EntityType::unknown:
    break;
  }
  return "unknown";
}

std::vector<EntityMention> find_entities(std::string_view text, std::size_t headline_bytes,
                                         const std::vector<std::string>& alias_files) {
  std::vector<EntityMention> out;
  for (auto& m : detail::find_mentions(text, *detail::entity_tables(alias_files), headline_bytes))
    out.push_back({m.begin, m.end, m.type, std::move(m.name)});
  return out;
}

} // namespace newsdex
