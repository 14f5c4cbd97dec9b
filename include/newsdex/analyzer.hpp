/// \file
/// The one analyzer that turns text into terms, used by indexing and by query parsing alike.
#pragma once

#include <newsdex/export.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace newsdex {

/// What kind of text a Token was made from (Token::kind): the rules that made its term differ.
enum class TokenKind : std::uint8_t {
  word,    ///< an ordinary word (stemmed unless it is a stopword)
  number,  ///< digits, decimals, percentages, amounts
  acronym, ///< "U.S.", "NATO" in mixed-case text; never stemmed
  joined,  ///< a compound joined from parts ("peace-keeping" -> peacekeeping), same position as its
           ///< first part
};

/// One term occurrence, as Analyzer::analyze hands it to its TokenSink. `term` and `word` view
/// the analyzer's own buffers: they are valid only during the callback that receives the token
/// (copy them to keep them, or use Analyzer::tokens).
struct Token {
  /// The term as indexed, without a field prefix: for a word, the folded word in its canonical
  /// spelling, stemmed; for a number or an acronym, see TokenKind. A stopword's term is the
  /// folded word (never indexed). At most 240 bytes, so that a prefixed term stays within
  /// schema::max_term_bytes: a longer one is cut and ends in '#' and a hash of the whole.
  std::string_view term;
  std::string_view
      word; ///< the folded word before variants and stemming ("ukraine" for "Ukraine’s")
  std::uint32_t position = 0;       ///< word position; parts of one compound are consecutive
  std::uint32_t begin = 0;          ///< byte offset of the token's first byte in the analyzed text
  std::uint32_t end = 0;            ///< byte offset one past its last byte
  TokenKind kind = TokenKind::word; ///< which rules made `term`
  bool stopword = false;            ///< not indexed; its position still counts, so phrases span it
};

/// A non-owning reference to a callable `void(const Token&)`: no allocation per call.
/// It refers to the callable it was made from, which must outlive it; Analyzer::analyze takes
/// one by value, so a lambda passed straight to it lives long enough.
class TokenSink {
public:
  /// Refers to `f`, any callable taking `const Token&` (its result is ignored); does not copy it.
  template <class F, class = std::enable_if_t<!std::is_same_v<std::remove_cvref_t<F>, TokenSink>>>
  TokenSink(F&& f) noexcept // NOLINT(google-explicit-constructor): meant to convert from lambdas
      : object_(const_cast<void*>(static_cast<const void*>(&f))),
        call_([](void* o, const Token& t) { (*static_cast<std::remove_reference_t<F>*>(o))(t); }) {}
  /// Calls the referenced callable with `t`; what it throws propagates.
  void operator()(const Token& t) const { call_(object_, t); }

private:
  void* object_;
  void (*call_)(void*, const Token&);
};

/// How an Analyzer turns text into terms. A collection records the options it was built with
/// (its manifest) and analyzes every later write and query the same way; the defaults suit
/// English news.
struct AnalyzerOptions {
  /// ISO 639-1 code or Snowball name ("en", "english", "de", ...). Default "en".
  std::string language = "en";
  /// Snowball stemming through Xapian::Stem. Default true.
  bool stem = true;
  /// Fold British and American spellings to one form. Default true.
  bool fold_variants = true;
  /// Extra spelling-variant files ("variant<TAB>canonical" per line) added to the shipped table.
  std::vector<std::string> variant_files;
  /// Extra stopword files (one word a line) added to the shipped list of the language.
  std::vector<std::string> stopword_files;
  /// Extra entity alias files (docs/ENTITIES.md) added to the shipped alias table; part of the
  /// fingerprint, so `entity:` and alias expansion at query time match what was indexed.
  std::vector<std::string> entity_files;
  /// Use the language's stopword list (and `stopword_files`). Default true. Without one, queries
  /// keep every word, and acronyms that spell a function word ("US", "WHO") are no longer kept
  /// apart from it (that distinction is drawn from the stopword list).
  bool stopwords = true;
};

/// Converts UTF-8 text into terms with positions and byte offsets.
///
/// Thread-safety: an Analyzer must not be used by two threads at once (it caches stems).
/// Copies are cheap, share the immutable tables and have their own cache: give each thread a copy.
/// A moved-from Analyzer may only be destroyed or assigned to.
class NEWSDEX_EXPORT Analyzer {
public:
  /// Throws Error(usage) for an unknown language or an unreadable data file.
  explicit Analyzer(AnalyzerOptions options = {});
  ~Analyzer();
  /// A copy with the same options and shared tables, its own (empty) stem cache and its
  /// invalid_sequences() count at zero.
  Analyzer(const Analyzer&);
  /// Makes this analyzer a copy of the other (see the copy constructor).
  Analyzer& operator=(const Analyzer&);
  /// Takes over the other's state, which may then only be destroyed or assigned to.
  Analyzer(Analyzer&&) noexcept;
  /// Takes over the other's state, which may then only be destroyed or assigned to.
  Analyzer& operator=(Analyzer&&) noexcept;

  /// Whether capitals in a text mark acronyms. `detect` decides from the text itself: a text
  /// whose words are (nearly) all in capitals, like a wire headline, marks nothing.
  enum class Capitals {
    detect,     ///< decide from the text, as shouted() does (the default)
    meaningful, ///< capitals mark acronyms: "US" is the country, "us" the pronoun
    shouted     ///< the text is in capitals throughout: capitals mark nothing
  };

  /// Calls `sink` for every token of `text`, positions starting at `first_position`.
  /// Invalid UTF-8 is treated as U+FFFD and never throws; what `sink` throws propagates.
  /// Returns the next free position (one past the last token's).
  std::uint32_t analyze(std::string_view text, TokenSink sink, std::uint32_t first_position = 0,
                        Capitals capitals = Capitals::detect);

  /// True when `text` is written in capitals throughout (what `detect` decides). The query parser
  /// decides once for the whole query, then analyzes its parts with that answer.
  bool shouted(std::string_view text);

  /// A Token that owns its strings, as tokens() returns them; the fields mean what Token's do.
  struct OwnedToken {
    std::string term;       ///< Token::term, copied
    std::string word;       ///< Token::word, copied
    std::uint32_t position; ///< Token::position
    std::uint32_t begin,    ///< Token::begin: byte offset of the token's first byte
        end;                ///< Token::end: byte offset one past its last byte
    TokenKind kind;         ///< Token::kind
    bool stopword;          ///< Token::stopword
    /// Field by field: tests compare whole token lists.
    bool operator==(const OwnedToken&) const = default;
  };
  /// Convenience for tests and tools: the tokens analyze() yields for `text` (positions from 0,
  /// capitals detected), with their strings copied.
  std::vector<OwnedToken> tokens(std::string_view text);

  /// Invalid UTF-8 sequences met by `analyze` since this analyzer was made (each one read as
  /// U+FFFD, which never reaches a term). Callers report it; copies start from zero.
  std::uint64_t invalid_sequences() const;

  /// An analyzer for another language sharing this one's options otherwise (how an article in
  /// another language is indexed). Throws Error(usage) for an unknown language.
  Analyzer for_language(const std::string& language) const;

  /// The options this analyzer was made with, as given (language as written, not canonical).
  const AnalyzerOptions& options() const;
  /// Canonical language code in use, e.g. "en".
  const std::string& language() const;

  /// Identifies the analyzer's rules and data tables. A database records it; opening the
  /// database with an analyzer of another fingerprint is refused (see Indexer, Searcher).
  std::string fingerprint() const;

  /// Version of the tokenization rules; bumped whenever a rule changes which terms a text yields.
  static constexpr int rules_version = 2;

private:
  struct NEWSDEX_NO_EXPORT Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace newsdex
