// The entity tables: the shipped lists (lib/data/entity-*.txt) and the alias table with the
// user's alias files, parsed once per content of those files (entity_tables() in recognizer.hpp).
#pragma once

#include "common/string_hash.hpp"
#include "entities/keys.hpp"
#include "entities/recognizer.hpp"

#include <bitset>
#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

namespace newsdex::detail {

struct EntityTables {
  using KeySet = entities::KeySet;
  template <class T> using KeyMap = entities::KeyMap<T>;

  struct Known {
    KnownName name;
    bool caps_required = false; ///< an acronym alias: only text with capitals matches it
  };
  KeyMap<Known> names; ///< key -> entity
  std::unordered_map<std::string, std::size_t, StringHash, std::equal_to<>> canonical_index;
  std::vector<std::vector<std::string>> aliases; ///< per canonical entry: its names as written
  std::unordered_map<std::string, EntityType, StringHash, std::equal_to<>> canonical_types;
  KeySet lower_phrase_first;            ///< first word keys of lower-case (topic) names
  std::bitset<1024> lower_phrase_bloom; ///< fnv of those keys, to skip most words fast
  std::size_t max_words = 1;            ///< longest name, in words
  KeySet prefixes;     ///< every proper word-prefix of a multi-word name ("new", "new york")
  KeySet countries;    ///< keys of the [country] section of the places list
  KeySet other_suffix; ///< "Open", "Cup", "Treaty": names ending so are typed other
  KeySet not_entity;   ///< capitals that are no entity at all: "TV", "CEO"
  KeySet org_suffix, org_head, not_org_acronym, org_words, titles, modifiers, verbs, given, common;
  // entity-place-words.txt
  KeySet place_suffix;      ///< "River", "Airport": names ending so are places
  KeySet place_prefix;      ///< "Lake", "Mount", "San": names starting so are places
  KeySet place_preposition; ///< "in", "near": a one-word name after one is a place
  // entity-name-words.txt
  KeySet abbreviations;                 ///< "Mr.", "Corp.": the period is part of the word
  std::size_t longest_abbreviation = 0; ///< in bytes
  KeySet particles;                     ///< "von", "de", "bin": lower-case words inside a name
  KeySet adjective_prefix;              ///< "Franco-", "Anglo-": hyphenated nationalities
  KeySet score_after, score_before;     ///< "v", "beat": a sports results context
  KeySet months;                        ///< "march", "sept": a dateline in capitals ends in one
  // Text written in capitals (docs/ENTITIES.md, "Shouted text")
  KeySet first_names; ///< given names that start a person in capitals: not "will", "mark"
  KeySet honorifics;  ///< "President", "Mr": a title that makes one or two words a person
  KeySet stopwords;   ///< English function words (stopwords-en.txt): no name is one
  // phrases-en.txt: multi-word expressions, recognised in queries (query/entity_boost.hpp) and
  // indexed as terms of their own (query/expression_terms.hpp)
  KeySet phrases;                   ///< keys of the expressions ("interest rates")
  std::size_t phrase_max_words = 0; ///< the longest, in words
  std::string fingerprint;
};

/// How many entity tables are cached now (at most table_cache_capacity); for tests.
std::size_t entity_tables_cached();

} // namespace newsdex::detail
