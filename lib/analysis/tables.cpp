#include "analysis/tables.hpp"

#include "analysis/folding.hpp"
#include "common/ascii.hpp"
#include "common/embedded.hpp"
#include "common/hash.hpp"

#include <newsdex/error.hpp>

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>

namespace newsdex::detail {
namespace {

struct LanguageName {
  std::string_view code, snowball;
};

// ISO 639-1 codes for the languages Xapian ships a Snowball stemmer for.
constexpr std::array<LanguageName, 24> languages{{
    {"ar", "arabic"},    {"hy", "armenian"},   {"eu", "basque"},     {"ca", "catalan"},
    {"da", "danish"},    {"nl", "dutch"},      {"en", "english"},    {"fi", "finnish"},
    {"fr", "french"},    {"de", "german"},     {"hu", "hungarian"},  {"id", "indonesian"},
    {"ga", "irish"},     {"it", "italian"},    {"lt", "lithuanian"}, {"ne", "nepali"},
    {"nb", "norwegian"}, {"pt", "portuguese"}, {"ro", "romanian"},   {"ru", "russian"},
    {"es", "spanish"},   {"sv", "swedish"},    {"ta", "tamil"},      {"tr", "turkish"},
}};

// Xapian's other stemmers, selectable by their Snowball names; their data tables are those of
// the language they stem.
constexpr std::array<LanguageName, 5> alternative_stemmers{{
    {"en", "earlyenglish"},
    {"en", "lovins"},
    {"en", "porter"},
    {"de", "german2"},
    {"nl", "kraaij_pohlmann"},
}};

// Elided words written joined to the next by an apostrophe: "l'armée" is armée, "dell'Europa" is
// Europa. (English contractions, "don't", stay one word.)
struct Elisions {
  std::string_view language, words;
};
constexpr std::array<Elisions, 3> elisions{{
    {"fr", "l d j m n s t c qu jusqu lorsqu puisqu quoiqu"},
    {"it", "l d c s m t v n un dell all dall nell sull coll quell quest"},
    {"ca", "l d s n m t"},
}};

// Languages analyzed without a stemmer (segmentation and folding only).
constexpr std::array<std::string_view, 8> unstemmed{"zh", "ja", "th", "ko", "el", "uk", "bg", "sr"};

void resolve_language(const std::string& requested, LanguageTables& t) {
  std::string name = lower_ascii(requested.empty() ? std::string("en") : requested);
  for (const auto& l : alternative_stemmers) { // before "de-AT" is cut: kraaij_pohlmann
    if (name == l.snowball) {
      t.language = l.snowball;
      t.data_language = l.code;
      t.snowball = l.snowball;
      return;
    }
  }
  if (auto dash = name.find_first_of("-_"); dash != std::string::npos) name.resize(dash);
  if (name == "no" || name == "nn") name = "nb";
  for (const auto& l : languages) {
    if (name == l.code || name == l.snowball) {
      t.language = l.code;
      t.data_language = l.code;
      t.snowball = l.snowball;
      return;
    }
  }
  for (auto code : unstemmed) {
    if (name == code) {
      t.language = name;
      t.data_language = name;
      return;
    }
  }
  if (name == "none") {
    t.language = "none";
    return;
  }
  throw Error(Error::Code::usage, "unknown language '" + requested +
                                      "' (use an ISO 639-1 code such as en, de, fr, or 'none')");
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Error::Code::usage, "cannot read data file", Location{path, 0, 0});
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Calls f(fields) for each non-blank, non-comment line; fields split on tabs or runs of spaces.
template <class F> void for_each_line(std::string_view text, F&& f) {
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    std::vector<std::string> fields;
    std::size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
      std::size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') ++j;
      if (j > i) fields.emplace_back(line.substr(i, j - i));
      i = j;
    }
    if (!fields.empty()) f(fields);
  }
}

// Table entries are folded exactly as the analyzer folds words ("für" -> "fur", "Ärger" ->
// "arger"), so a file may be written in ordinary spelling.
std::string fold(Folder& folder, const std::string& w) {
  std::string out;
  folder.fold(w, out);
  return out;
}

void add_stopwords(std::string_view text, StringSet& set) {
  Folder folder;
  for_each_line(text, [&](const std::vector<std::string>& fields) {
    for (const auto& w : fields)
      if (auto f = fold(folder, w); !f.empty()) set.insert(std::move(f));
  });
}

void add_variants(std::string_view text, LanguageTables& t) {
  Folder folder;
  for_each_line(text, [&](const std::vector<std::string>& fields) {
    if (fields.size() < 2) return;
    // "variant canonical": every field but the last maps to the last.
    std::string canonical = fold(folder, fields.back());
    for (std::size_t i = 0; i + 1 < fields.size(); ++i)
      if (auto f = fold(folder, fields[i]); !f.empty() && f != canonical)
        t.variants[std::move(f)] = canonical;
  });
}

struct UserFiles {
  std::vector<std::string> stopwords, variants;
};

std::shared_ptr<const LanguageTables> build(const AnalyzerOptions& options, const UserFiles& files,
                                            const std::string& entities) {
  auto t = std::make_shared<LanguageTables>();
  resolve_language(options.language, *t);
  std::uint64_t h = fnv1a64("rules:" + std::to_string(Analyzer::rules_version) + ":" + t->language);
  h = fnv1a64(options.stem ? "stem" : "nostem", h);

  if (options.stopwords) {
    std::string_view stop = embedded_file("stopwords-" + t->data_language + ".txt");
    add_stopwords(stop, t->stopwords);
    h = fnv1a64(stop, h);
    for (const auto& text : files.stopwords) {
      add_stopwords(text, t->stopwords);
      h = fnv1a64(text, h);
    }
  } else {
    h = fnv1a64("nostopwords", h);
  }
  for (const auto& e : elisions)
    if (e.language == t->data_language) add_stopwords(e.words, t->elisions);
  if (options.fold_variants) {
    std::string_view variants = embedded_file("variants-" + t->data_language + ".txt");
    add_variants(variants, *t);
    h = fnv1a64(variants, h);
    for (const auto& text : files.variants) {
      add_variants(text, *t);
      h = fnv1a64(text, h);
    }
  } else {
    h = fnv1a64("novariants", h);
  }
  // Entity tables (shipped and options.entity_files): the XE terms depend on them (issue 7).
  h = fnv1a64(entities, h);
  t->fingerprint = t->language + "-" + std::to_string(Analyzer::rules_version) + "-" + hex64(h);
  return t;
}

// Length-prefixed, so that no two different lists of contents make the same key.
void append_keyed(std::string& key, char kind, std::string_view text) {
  key += '\x1f';
  key += kind;
  key += std::to_string(text.size());
  key += ':';
  key += text;
}

TableCache<LanguageTables>& language_cache() {
  static TableCache<LanguageTables> cache(table_cache_capacity);
  return cache;
}

} // namespace

std::size_t language_tables_cached() {
  return language_cache().size();
}

std::shared_ptr<const LanguageTables> language_tables(const AnalyzerOptions& options) {
  // Keyed by the contents of the user's files, not their paths: an edited file yields new tables
  // (and a new fingerprint) even within one process. The entity files count through their
  // fingerprint, which hashes their contents.
  UserFiles files;
  std::string key = options.language + '\x1f' + (options.stem ? "1" : "0") +
                    (options.fold_variants ? "1" : "0") + (options.stopwords ? "1" : "0");
  for (const auto& path : options.stopword_files) {
    files.stopwords.push_back(read_file(path));
    append_keyed(key, 's', files.stopwords.back());
  }
  if (options.fold_variants) {
    for (const auto& path : options.variant_files) {
      files.variants.push_back(read_file(path));
      append_keyed(key, 'v', files.variants.back());
    }
  }
  const std::string entities = entity_fingerprint(options.entity_files);
  append_keyed(key, 'e', entities);
  return language_cache().get(key, [&] { return build(options, files, entities); });
}

} // namespace newsdex::detail
