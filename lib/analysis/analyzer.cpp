#include <newsdex/analyzer.hpp>
#include <newsdex/error.hpp>
#include <newsdex/version.hpp>

#include "analysis/ascii_words.hpp"
#include "analysis/folding.hpp"
#include "analysis/tables.hpp"
#include "analysis/word_cache.hpp"
#include "common/ascii.hpp"
#include "common/hash.hpp"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include <cstring>
#include <optional>

namespace newsdex {
namespace {

using detail::LanguageTables;

// A segment the break iterator found: a word, or one punctuation character that a rule needs.
struct Segment {
  std::uint32_t begin, end;
  bool word;  // letters, digits or ideographs
  char punct; // for non-words: '-', '%', '$', '.', or 0 for anything else
};

// Longer terms are hashed: Xapian refuses terms over 245 bytes, and prefixed forms must fit too.
constexpr std::size_t max_term_bytes = 240;
// Entries of each per-thread word cache (the stems, the words' terms) before it is cleared. The
// 65,536 most frequent words cover nearly every token of news text; a larger bound only held the
// long tail of an archive's vocabulary, about 120 bytes an entry in each cache of each analysis
// thread: at 1u << 18, the caches grew with the collection (docs/PERFORMANCE.md, "Cost as the
// collection grows").
constexpr std::size_t stem_cache_limit = 1u << 16;
constexpr std::size_t stem_cache_byte_limit = 16u << 20;

bool is_upper_ascii(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_lower_ascii(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Invalid UTF-8 sequences in `text`, counted as ICU replaces them (one U+FFFD per maximal
// ill-formed subsequence). ASCII is skipped eight bytes at a time.
std::uint64_t count_invalid_utf8(std::string_view text) {
  std::uint64_t invalid = 0;
  const char* p = text.data();
  const auto n = static_cast<std::int32_t>(text.size());
  std::int32_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      std::uint64_t block;
      std::memcpy(&block, p + i, 8);
      if ((block & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    if (static_cast<unsigned char>(p[i]) < 0x80) {
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) ++invalid;
  }
  return invalid;
}

char punct_of(std::string_view s) {
  // hyphen-minus, U+2010 hyphen, U+2011 non-breaking hyphen, U+FE63 small and U+FF0D full-width
  if (s == "-" || s == "\xE2\x80\x90" || s == "\xE2\x80\x91" || s == "\xEF\xB9\xA3" ||
      s == "\xEF\xBC\x8D")
    return '-';
  if (s == "%") return '%';
  if (s == "$" || s == "\xE2\x82\xAC" || s == "\xC2\xA3") return '$'; // $, euro, pound
  return 0;
}

} // namespace

struct Analyzer::Impl {
  AnalyzerOptions options;
  std::shared_ptr<const LanguageTables> tables;
  Xapian::Stem stemmer;
  std::unique_ptr<icu::BreakIterator> breaker;
  std::optional<detail::AsciiWordRules> ascii_rules;
  detail::StringMap stem_cache;
  std::size_t stem_cache_bytes = 0; ///< of the words and stems in stem_cache
  detail::WordCache word_cache{stem_cache_limit};
  detail::Folder folder;
  std::vector<detail::WordSegment> pieces; // every segment, spaces included
  std::vector<Segment> segments;
  std::string folded, joined, term, hashed;
  std::uint64_t invalid_sequences = 0;
  bool english = false;

  explicit Impl(AnalyzerOptions o)
      : options(std::move(o)), tables(detail::language_tables(options)) {
    init();
  }
  Impl(const Impl& other) : options(other.options), tables(other.tables) { init(); }

  void init() {
    english = tables->data_language == "en";
    if (options.stem && !tables->snowball.empty()) stemmer = Xapian::Stem(tables->snowball);
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale(tables->language == "none" ? "" : tables->language.c_str());
    breaker.reset(icu::BreakIterator::createWordInstance(locale, status));
    if (U_FAILURE(status) || !breaker)
      throw Error(Error::Code::internal,
                  std::string("ICU word break iterator: ") + u_errorName(status));
    ascii_rules = detail::ascii_word_rules(*breaker);
  }

  void segment(std::string_view text) {
    segments.clear();
    detail::word_segments(text, *breaker, ascii_rules, pieces);
    for (const auto& s : pieces) {
      if (s.word) {
        segments.push_back({s.begin, s.end, true, 0});
      } else if (char p = punct_of(text.substr(s.begin, s.end - s.begin))) {
        segments.push_back({s.begin, s.end, false, p});
      }
    }
  }

  // Wire headlines and shouted queries are all capitals: there, capitals mark nothing.
  bool all_capitals(std::string_view text) const {
    std::size_t upper_words = 0, lower_words = 0;
    for (const auto& s : segments) {
      if (!s.word) continue;
      bool upper = false, lower = false;
      std::string_view w = text.substr(s.begin, s.end - s.begin);
      for (std::size_t k = 0; k < w.size();) {
        char c = w[k];
        if (static_cast<unsigned char>(c) < 0x80) {
          upper |= is_upper_ascii(c);
          lower |= is_lower_ascii(c);
          ++k;
          continue;
        }
        UChar32 u; // Cyrillic, Greek, accented capitals shout too
        U8_NEXT(w.data(), k, w.size(), u);
        if (u < 0) continue;
        upper |= u_isupper(u) != 0;
        lower |= u_islower(u) != 0;
      }
      if (lower)
        ++lower_words;
      else if (upper)
        ++upper_words;
    }
    return upper_words >= 3 && lower_words * 5 < upper_words;
  }

  const std::string& stem(const std::string& word) {
    if (!options.stem || tables->snowball.empty()) return word;
    auto it = stem_cache.find(word);
    if (it != stem_cache.end()) return it->second;
    // Bounded by bytes too, like the word cache: long distinct tokens must not fill gigabytes.
    if (stem_cache.size() >= stem_cache_limit || stem_cache_bytes > stem_cache_byte_limit) {
      stem_cache.clear();
      stem_cache_bytes = 0;
    }
    const std::string& stemmed = stem_cache.emplace(word, stemmer(word)).first->second;
    stem_cache_bytes += word.size() + stemmed.size();
    return stemmed;
  }

  const std::string& canonical(const std::string& word) {
    auto it = tables->variants.find(word);
    if (it != tables->variants.end()) return it->second;
    // The -ise/-tre patterns are English spelling rules (French "française" is no variant).
    if (!english) return word;
    return detail::fold_variant_pattern(word, term) ? term : word;
  }

  // Acronym terms are the letters, lower-cased and stemmed like any word ("NATO" and "nato"
  // meet, and so do a dateline's "BRUSSELS" and "Brussels"); where that spelling is a stopword
  // ("US" vs "us", "WHO" vs "who") the letters are written with dots so the two never meet.
  void acronym_term(std::string_view letters, std::string& out) {
    if (!tables->stopwords.contains(letters)) {
      term.assign(letters);
      out = stem(term);
      return;
    }
    out.clear();
    for (char c : letters) { // a dot before each character but the first (not between bytes)
      if (!out.empty() && (static_cast<unsigned char>(c) & 0xC0) != 0x80) out += '.';
      out += c;
    }
  }

  void emit(TokenSink& sink, std::string_view t, std::string_view word, std::uint32_t pos,
            std::uint32_t b, std::uint32_t e, TokenKind kind, bool stop) {
    if (t.empty()) return;
    if (t.size() > max_term_bytes) {
      hashed.assign(t.substr(0, 200));
      while (!hashed.empty() && (static_cast<unsigned char>(hashed.back()) & 0xC0) == 0x80)
        hashed.pop_back();
      if (!hashed.empty() && static_cast<unsigned char>(hashed.back()) >= 0xC0) hashed.pop_back();
      hashed += '#';
      hashed += detail::hex64(detail::fnv1a64(t));
      t = hashed;
    }
    Token tok;
    tok.term = t;
    tok.word = word;
    tok.position = pos;
    tok.begin = b;
    tok.end = e;
    tok.kind = kind;
    tok.stopword = stop;
    sink(tok);
  }

  // "l'armee" -> "armee" where the language elides (French, Italian, Catalan).
  void strip_elision(std::string& w) const {
    auto apostrophe = w.find('\'');
    if (apostrophe == std::string::npos || apostrophe == 0 || apostrophe + 1 >= w.size()) return;
    if (tables->elisions.contains(std::string_view(w).substr(0, apostrophe)))
      w.erase(0, apostrophe + 1);
  }

  // Analyzes one word segment already folded into `folded`; returns the kind it was given.
  // The term is left in `out`.
  TokenKind word_term(std::string_view raw, bool shouting, std::string& out, bool& stop) {
    stop = false;
    detail::strip_possessive(folded);
    if (!tables->elisions.empty()) strip_elision(folded);
    bool has_letter = false, has_digit = false, has_dot = false;
    for (char c : folded) {
      has_digit |= is_digit(c);
      has_dot |= c == '.';
      has_letter |= !is_digit(c) && c != '.' && c != ',' && c != '\'';
    }
    if (!has_letter) {
      out.clear();
      for (char c : folded)
        if (c != ',') out += c; // "2,000" -> 2000; the decimal point stays
      return TokenKind::number;
    }
    if (has_dot && detail::is_dotted_acronym(folded)) {
      std::string letters;
      for (char c : folded)
        if (c != '.') letters += c;
      acronym_term(letters, out);
      return TokenKind::acronym;
    }
    if (!shouting && !has_digit && detail::is_capitalised_acronym(raw)) {
      acronym_term(folded, out);
      return TokenKind::acronym;
    }
    if (has_digit) { // "G7", "covid19": no stemming
      out = folded;
      return TokenKind::word;
    }
    // One lookup for the common case: the word's term and stopword flag, cached together
    // (variant table, stopword list and stemmer are consulted once per distinct word).
    if (const auto hit = word_cache.find(folded)) {
      stop = hit->stop;
      out.assign(hit->term);
      return TokenKind::word;
    }
    stop = tables->stopwords.contains(folded);
    out = stop ? folded : stem(canonical(folded));
    word_cache.insert(folded, out, stop);
    return TokenKind::word;
  }

  std::uint32_t analyze(std::string_view text, TokenSink& sink, std::uint32_t pos,
                        Capitals capitals) {
    invalid_sequences += count_invalid_utf8(text);
    segment(text);
    const bool shouting =
        capitals == Capitals::detect ? all_capitals(text) : capitals == Capitals::shouted;
    const std::size_t n = segments.size();
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
      const Segment& s = segments[i];
      if (!s.word) continue;
      std::string_view raw = text.substr(s.begin, s.end - s.begin);
      folder.fold(raw, folded);
      if (folded.empty()) continue;

      // A compound: word-word(-word...) with hyphens and no spaces.
      std::size_t last = i;
      while (last + 2 < n && !segments[last + 1].word && segments[last + 1].punct == '-' &&
             segments[last + 1].begin == segments[last].end && segments[last + 2].word &&
             segments[last + 2].begin == segments[last + 1].end)
        last += 2;

      if (last > i) {
        std::uint32_t first_pos = pos;
        joined.clear();
        for (std::size_t k = i; k <= last; k += 2) {
          std::string_view part =
              text.substr(segments[k].begin, segments[k].end - segments[k].begin);
          folder.fold(part, folded);
          detail::strip_possessive(folded);
          for (char c : folded)
            if (c != '\'') joined += c;
          bool stop = false;
          TokenKind kind = word_term(part, shouting, out, stop);
          emit(sink, out, folded, pos++, segments[k].begin, segments[k].end, kind, stop);
        }
        bool digits = false;
        for (char c : joined) digits |= is_digit(c);
        std::string joined_term = digits ? joined : stem(canonical(joined));
        emit(sink, joined_term, joined, first_pos, s.begin, segments[last].end, TokenKind::joined,
             false);
        i = last;
        continue;
      }

      bool stop = false;
      TokenKind kind = word_term(raw, shouting, out, stop);
      std::uint32_t here = pos++;
      emit(sink, out, folded, here, s.begin, s.end, kind, stop);
      if (kind != TokenKind::number) continue;

      // "$126": the amount is findable with its currency.
      if (i > 0 && segments[i - 1].punct == '$' && segments[i - 1].end == s.begin) {
        std::string_view sym =
            text.substr(segments[i - 1].begin, segments[i - 1].end - segments[i - 1].begin);
        joined.assign(sym == "$" ? "$" : sym == "\xE2\x82\xAC" ? "\xE2\x82\xAC" : "\xC2\xA3");
        joined += out;
        // Its byte range is the number's, like every joined token's, which starts at its first
        // part: the query side lets a joined token stand for the parts it starts with.
        emit(sink, joined, joined, here, s.begin, s.end, TokenKind::joined, false);
      }
      // "5%", "5 percent", "5 per cent" are one term.
      if (i + 1 < n && segments[i + 1].punct == '%' && segments[i + 1].begin == s.end) {
        joined = out + "%";
        emit(sink, joined, joined, here, s.begin, segments[i + 1].end, TokenKind::joined, false);
      } else if (i + 1 < n && segments[i + 1].word) {
        std::string_view next =
            text.substr(segments[i + 1].begin, segments[i + 1].end - segments[i + 1].begin);
        // The joined token spans the words, so a query "5 percent" stands for 5% alone.
        std::uint32_t percent_end = 0;
        if (detail::iequals_ascii(next, "percent")) {
          percent_end = segments[i + 1].end;
        } else if (detail::iequals_ascii(next, "per") && i + 2 < n && segments[i + 2].word &&
                   detail::iequals_ascii(text.substr(segments[i + 2].begin,
                                                     segments[i + 2].end - segments[i + 2].begin),
                                         "cent")) {
          percent_end = segments[i + 2].end;
        }
        if (percent_end != 0) {
          joined = out + "%";
          emit(sink, joined, joined, here, s.begin, percent_end, TokenKind::joined, false);
        }
      }
    }
    return pos;
  }
};

Analyzer::Analyzer(AnalyzerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(const Analyzer& other) : impl_(std::make_unique<Impl>(*other.impl_)) {}
Analyzer& Analyzer::operator=(const Analyzer& other) {
  if (this != &other) impl_ = std::make_unique<Impl>(*other.impl_);
  return *this;
}
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::uint32_t Analyzer::analyze(std::string_view text, TokenSink sink, std::uint32_t first_position,
                                Capitals capitals) {
  return impl_->analyze(text, sink, first_position, capitals);
}

std::uint64_t Analyzer::invalid_sequences() const {
  return impl_->invalid_sequences;
}

bool Analyzer::shouted(std::string_view text) {
  impl_->segment(text);
  return impl_->all_capitals(text);
}

std::vector<Analyzer::OwnedToken> Analyzer::tokens(std::string_view text) {
  std::vector<OwnedToken> out;
  analyze(text, [&](const Token& t) {
    out.push_back(
        {std::string(t.term), std::string(t.word), t.position, t.begin, t.end, t.kind, t.stopword});
  });
  return out;
}

Analyzer Analyzer::for_language(const std::string& language) const {
  AnalyzerOptions o = impl_->options;
  o.language = language;
  return Analyzer(std::move(o));
}

const AnalyzerOptions& Analyzer::options() const {
  return impl_->options;
}
const std::string& Analyzer::language() const {
  return impl_->tables->language;
}
std::string Analyzer::fingerprint() const {
  return impl_->tables->fingerprint;
}

} // namespace newsdex

namespace newsdex {

int analyzer_rules_version() {
  return Analyzer::rules_version;
}

} // namespace newsdex
