// The entity tables: reading and parsing the shipped lists and the alias files, the cache (keyed
// by the files' contents), and the fingerprint that the analyzer fingerprint includes.
#include "entities/tables.hpp"

#include "analysis/tables.hpp"

#include "common/embedded.hpp"
#include "common/hash.hpp"

#include <newsdex/error.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace newsdex::detail {
namespace {

using entities::fnv;
using entities::has_lower;
using entities::has_upper;
using entities::key_of;
using entities::KeySet;
using entities::trim;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Error::Code::usage, "cannot read entity alias file", Location{path, 0, 0});
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

template <class F> void for_each_line(std::string_view text, F&& f) {
  std::size_t number = 0;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++number;
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = trim(line);
    if (!line.empty()) f(line, number);
  }
}

std::size_t word_count(std::string_view key) {
  return key.empty() ? 0 : static_cast<std::size_t>(std::count(key.begin(), key.end(), ' ')) + 1;
}

void add_prefixes(EntityTables& t, const std::string& key) {
  for (std::size_t sp = key.find(' '); sp != std::string::npos; sp = key.find(' ', sp + 1))
    t.prefixes.insert(key.substr(0, sp));
}

void add_name(EntityTables& t, std::size_t entry, std::string_view written, bool override) {
  std::string key = key_of(written);
  if (key.empty()) return;
  const KnownName& canonical = t.names.at(key_of(t.aliases[entry].front())).name;
  EntityTables::Known k{canonical, has_upper(written) && !has_lower(written) && written.size() > 1};
  auto [it, inserted] = t.names.emplace(key, k);
  if (!inserted && override) it->second = k;
  if (!has_upper(written)) {
    t.lower_phrase_first.insert(key.substr(0, key.find(' ')));
    t.lower_phrase_bloom.set(fnv(key.substr(0, key.find(' '))) % 1024);
  }
  t.max_words = std::max(t.max_words, word_count(key));
  add_prefixes(t, key);
}

// A new canonical entry (or the existing one of that canonical name).
std::size_t add_entry(EntityTables& t, std::string_view canonical, EntityType type, bool override) {
  std::string ckey = key_of(canonical);
  auto found = t.canonical_index.find(ckey);
  if (found != t.canonical_index.end()) {
    if (override && type != EntityType::unknown) {
      t.canonical_types[t.aliases[found->second].front()] = type;
      for (auto& [k, v] : t.names)
        if (v.name.canonical == t.aliases[found->second].front()) v.name.type = type;
    }
    return found->second;
  }
  std::size_t entry = t.aliases.size();
  t.aliases.push_back({std::string(canonical)});
  t.canonical_index.emplace(ckey, entry);
  t.canonical_types[std::string(canonical)] = type;
  EntityTables::Known k{{std::string(canonical), type},
                        has_upper(canonical) && !has_lower(canonical) && canonical.size() > 1};
  auto [it, inserted] = t.names.emplace(ckey, k);
  if (!inserted && override) it->second = k;
  if (!has_upper(canonical)) {
    t.lower_phrase_first.insert(ckey.substr(0, ckey.find(' ')));
    t.lower_phrase_bloom.set(fnv(ckey.substr(0, ckey.find(' '))) % 1024);
  }
  t.max_words = std::max(t.max_words, word_count(ckey));
  add_prefixes(t, ckey);
  return entry;
}

EntityType parse_type(std::string_view s, const std::string& file, std::size_t line) {
  if (s == "person") return EntityType::person;
  if (s == "organization" || s == "organisation" || s == "org") return EntityType::organization;
  if (s == "place" || s == "location") return EntityType::place;
  if (s == "other" || s == "topic" || s == "misc") return EntityType::other;
  if (s == "unknown") return EntityType::unknown;
  throw Error(Error::Code::usage,
              "unknown entity type '" + std::string(s) +
                  "' (use person, organization, place, other, topic or unknown)",
              Location{file, line, 0});
}

// "type: Canonical = alias = alias"
void add_aliases(EntityTables& t, std::string_view text, const std::string& file, bool user) {
  for_each_line(text, [&](std::string_view line, std::size_t number) {
    EntityType type = EntityType::unknown;
    auto colon = line.find(':');
    auto eq = line.find('=');
    if (colon != std::string_view::npos && (eq == std::string_view::npos || colon < eq) &&
        line.substr(0, colon).find(' ') == std::string_view::npos) {
      type = parse_type(trim(line.substr(0, colon)), file, number);
      line = trim(line.substr(colon + 1));
    }
    std::vector<std::string_view> names;
    while (true) {
      auto e = line.find('=');
      std::string_view name = trim(line.substr(0, e));
      if (!name.empty()) names.push_back(name);
      if (e == std::string_view::npos) break;
      line = line.substr(e + 1);
    }
    if (names.empty()) return;
    // A later line naming a known entity (by any of its names) adds names to that entity.
    std::size_t entry = t.aliases.size();
    for (auto n : names) {
      auto it = t.names.find(key_of(n));
      if (it != t.names.end()) {
        auto c = t.canonical_index.find(key_of(it->second.name.canonical));
        if (c != t.canonical_index.end()) {
          entry = c->second;
          break;
        }
      }
    }
    if (entry == t.aliases.size())
      entry = add_entry(t, names.front(), type, user);
    else if (type != EntityType::unknown)
      add_entry(t, t.aliases[entry].front(), type, true);
    for (auto n : names) {
      if (std::find(t.aliases[entry].begin(), t.aliases[entry].end(), n) == t.aliases[entry].end())
        t.aliases[entry].emplace_back(n);
      add_name(t, entry, n, user);
    }
  });
}

// One name a line, all of one type; never overrides the alias table. "[country]" lines start the
// countries (the rest is "[city]", "[region]").
void add_list(EntityTables& t, std::string_view text, EntityType type) {
  bool countries = false;
  for_each_line(text, [&](std::string_view line, std::size_t) {
    if (line.front() == '[') {
      countries = line == "[country]";
      return;
    }
    std::string key = key_of(line);
    if (countries) {
      auto known = t.names.find(key);
      t.countries.insert(known == t.names.end() ? key : key_of(known->second.name.canonical));
    }
    if (t.names.count(key)) return;
    add_entry(t, line, type, false);
  });
}

// Lower-case expressions of two words or more, separated by ','. A shipped table: a line that
// breaks the rules is a bug here, not a user's mistake, so it is refused loudly.
void add_phrases(EntityTables& t, std::string_view text, const std::string& file) {
  for_each_line(text, [&](std::string_view line, std::size_t number) {
    while (!line.empty()) {
      auto comma = line.find(',');
      std::string_view phrase = trim(line.substr(0, comma));
      line = comma == std::string_view::npos ? std::string_view{} : line.substr(comma + 1);
      if (phrase.empty()) continue;
      std::string key = key_of(phrase);
      if (has_upper(phrase) || word_count(key) < 2)
        throw Error(Error::Code::internal,
                    "a multi-word expression is two or more lower-case words: '" +
                        std::string(phrase) + "'",
                    Location{file, number, 0});
      t.phrase_max_words = std::max(t.phrase_max_words, word_count(key));
      t.phrases.insert(std::move(key));
    }
  });
}

// "[section]" lines, then words separated by spaces.
template <class F> void add_sections(std::string_view text, F&& set_for) {
  KeySet* current = nullptr;
  for_each_line(text, [&](std::string_view line, std::size_t) {
    if (line.front() == '[' && line.back() == ']') {
      current = set_for(line.substr(1, line.size() - 2));
      return;
    }
    if (!current) return;
    std::size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && line[i] == ' ') ++i;
      std::size_t j = i;
      while (j < line.size() && line[j] != ' ') ++j;
      if (j > i) current->insert(key_of(line.substr(i, j - i)));
      i = j;
    }
  });
}

constexpr std::string_view shipped_files[] = {
    "entity-aliases.txt",     "entity-places.txt",      "entity-other.txt",
    "entity-org-words.txt",   "entity-person-cues.txt", "entity-common.txt",
    "entity-other-words.txt", "entity-place-words.txt", "entity-name-words.txt",
    "entity-given-names.txt", "stopwords-en.txt",       "phrases-en.txt",
};

// Bumped whenever a recognition rule changes which entities a text yields. 2: text in capitals
// (names from the tables, titles and given names only; no pronoun-like acronyms).
constexpr int entity_rules_version = 2;

// `texts[i]` is the content of `files[i]` (the path names it in error messages).
std::shared_ptr<const EntityTables> build_tables(const std::vector<std::string>& files,
                                                 const std::vector<std::string>& texts) {
  auto t = std::make_shared<EntityTables>();
  std::uint64_t h = fnv1a64("entities:" + std::to_string(entity_rules_version));
  for (auto name : shipped_files) h = fnv1a64(embedded_file(name), h);
  add_aliases(*t, embedded_file("entity-aliases.txt"), "entity-aliases.txt", false);
  for (std::size_t i = 0; i < files.size(); ++i) {
    h = fnv1a64(texts[i], h);
    add_aliases(*t, texts[i], files[i], true);
  }
  add_list(*t, embedded_file("entity-places.txt"), EntityType::place);
  add_phrases(*t, embedded_file("phrases-en.txt"), "phrases-en.txt");
  add_list(*t, embedded_file("entity-other.txt"), EntityType::other);
  add_sections(embedded_file("entity-org-words.txt"), [&](std::string_view s) -> KeySet* {
    if (s == "suffix") return &t->org_suffix;
    if (s == "head") return &t->org_head;
    if (s == "acronym-not-org") return &t->not_org_acronym;
    if (s == "not-entity") return &t->not_entity;
    if (s == "org") return &t->org_words;
    return nullptr;
  });
  add_sections(embedded_file("entity-other-words.txt"), [&](std::string_view s) -> KeySet* {
    return s == "suffix" ? &t->other_suffix : nullptr;
  });
  add_sections(embedded_file("entity-person-cues.txt"), [&](std::string_view s) -> KeySet* {
    if (s == "title") return &t->titles;
    if (s == "modifier") return &t->modifiers;
    if (s == "verb") return &t->verbs;
    if (s == "given") return &t->given;
    if (s == "honorific") return &t->honorifics;
    return nullptr;
  });
  // In capitals only a given name that is no common word starts a person: "HAROLD MACMILLAN", but
  // not "WILL HAVE MANAGED" or "BILL PASSED".
  KeySet word_names;
  add_sections(embedded_file("entity-given-names.txt"), [&](std::string_view s) -> KeySet* {
    if (s == "given") return &t->first_names;
    if (s == "word") return &word_names;
    return nullptr;
  });
  add_sections("[stop]\n" + std::string(embedded_file("stopwords-en.txt")),
               [&](std::string_view) { return &t->stopwords; });
  t->first_names.insert(t->given.begin(), t->given.end());
  add_sections("[common]\n" + std::string(embedded_file("entity-common.txt")),
               [&](std::string_view) { return &t->common; });
  add_sections(embedded_file("entity-place-words.txt"), [&](std::string_view s) -> KeySet* {
    if (s == "suffix") return &t->place_suffix;
    if (s == "prefix") return &t->place_prefix;
    if (s == "preposition") return &t->place_preposition;
    return nullptr;
  });
  add_sections(embedded_file("entity-name-words.txt"), [&](std::string_view s) -> KeySet* {
    if (s == "abbreviation") return &t->abbreviations;
    if (s == "particle") return &t->particles;
    if (s == "adjective-prefix") return &t->adjective_prefix;
    if (s == "score-after") return &t->score_after;
    if (s == "score-before") return &t->score_before;
    if (s == "month") return &t->months;
    return nullptr;
  });
  for (const KeySet* words : {&word_names, &t->common, &t->stopwords, &t->months})
    for (const auto& w : *words) t->first_names.erase(w);
  for (const auto& a : t->abbreviations)
    t->longest_abbreviation = std::max(t->longest_abbreviation, a.size());
  t->fingerprint = hex64(h);
  return t;
}

TableCache<EntityTables>& entity_cache() {
  static TableCache<EntityTables> cache(table_cache_capacity);
  return cache;
}

} // namespace

std::size_t entity_tables_cached() {
  return entity_cache().size();
}

std::shared_ptr<const EntityTables> entity_tables(const std::vector<std::string>& alias_files) {
  // Keyed by the files' contents (length-prefixed), never their paths: an alias file edited in a
  // long-running process yields new tables and a new fingerprint (analysis/tables.hpp).
  std::vector<std::string> texts;
  std::string key;
  for (const auto& path : alias_files) {
    texts.push_back(read_file(path));
    key += std::to_string(texts.back().size());
    key += ':';
    key += texts.back();
  }
  return entity_cache().get(key, [&] { return build_tables(alias_files, texts); });
}

std::string entity_fingerprint(const std::vector<std::string>& alias_files) {
  return entity_tables(alias_files)->fingerprint;
}

} // namespace newsdex::detail
