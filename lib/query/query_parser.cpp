#include "query/query_parser.hpp"

#include <newsdex/error.hpp>
#include <newsdex/schema.hpp>

#include "common/ascii.hpp"
#include "entities/recognizer.hpp"
#include "query/date_query.hpp"
#include "query/entity_boost.hpp"
#include "query/positional_query.hpp"
#include "query/query_description.hpp"
#include "query/wildcard_terms.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>

namespace newsdex::detail {
namespace {

using Q = Xapian::Query;

struct Clause {
  enum class Mode { plain, required, excluded } mode = Mode::plain;
  Q query;
  /// A boolean field (source:, date:, lang:, id:, entity:): side by side with words it filters
  /// rather than adds evidence; several of one field side by side mean any of them.
  std::string filter_field;
};

// The terms of a phrase and the span of positions they cover. Stopwords are not indexed, so a
// phrase searches its other words in order within the phrase's whole width: "Bank of England"
// is bank, england within 3 positions (which also matches "Bank for England", the price of an
// index without function words).
struct PhraseTerms {
  std::vector<std::string> terms;
  std::uint32_t first = 0, last = 0;

  // Returns true when `t` became a term of the phrase.
  bool add(const Token& t, const std::string& prefix) {
    if (t.kind == TokenKind::joined || t.stopword) return false;
    if (terms.empty()) first = t.position;
    last = t.position;
    terms.emplace_back(prefix + std::string(t.term));
    return true;
  }

  Q query() const {
    if (terms.size() == 1) return Q(terms.front());
    return Q(Q::OP_PHRASE, terms.begin(), terms.end(),
             static_cast<Xapian::termcount>(last - first + 1));
  }
};

class Parser {
public:
  Parser(const std::string& text, Analyzer& analyzer, const QueryParserOptions& options)
      : text_(text), analyzer_(analyzer), options_(options),
        cache_(options.cache ? *options.cache : own_cache_) {
    capitals_ =
        analyzer_.shouted(text_) ? Analyzer::Capitals::shouted : Analyzer::Capitals::meaningful;
  }

  ParsedQuery run() {
    ParsedQuery out;
    if (!options_.syntax) {
      std::vector<Clause> clauses;
      for (auto& q : words(0, text_.size(), "", true))
        clauses.push_back({Clause::Mode::plain, q, {}});
      out.query = combine(clauses);
    } else {
      out.query = parse_or();
      skip_space();
      while (pos_ < text_.size()) { // stray ')' at top level
        problem(pos_, "unbalanced ')'");
        ++pos_;
        Q rest = parse_or();
        if (!rest.empty()) out.query = out.query.empty() ? rest : Q(default_op(), out.query, rest);
        skip_space();
      }
    }
    if (options_.entity_boost && !out.query.empty()) out.query = boosted(out.query);
    if (out.query.empty()) out.query = Q::MatchNothing;
    out.highlight = std::move(highlight_);
    out.warnings = std::move(warnings_);
    if (options_.explain) {
      out.explanation.tree = describe_query(out.query);
      out.explanation.words = std::move(explained_);
    }
    out.words = std::move(query_words_);
    return out;
  }

private:
  const std::string& text_;
  Analyzer& analyzer_;
  const QueryParserOptions& options_;
  QueryCache own_cache_;
  QueryCache& cache_;
  Analyzer::Capitals capitals_;
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;
  std::size_t flattened_ = 0; ///< '(' over the nesting limit whose ')' is still to come
  bool deep_warned_ = false;
  bool names_warned_ = false;
  static constexpr std::size_t max_warnings = 20;
  std::size_t terms_ = 0;     ///< words searched so far (QueryLimits::max_terms)
  bool out_of_terms_ = false; ///< the word budget ran out: the rest of the query is ignored
  std::size_t wildcards_ = 0; ///< wildcards so far (QueryLimits::max_wildcards)
  bool negated_ = false;
  std::set<std::string> highlight_;
  std::vector<QueryWarning> warnings_;
  std::vector<ExplainedWord> explained_;
  std::string filter_field_; ///< set by parse_primary when it parsed a boolean field
  std::vector<QueryWord> query_words_;
  bool plain_ = false; ///< set by parse_unary for parse_primary: a clause of plain text
  std::vector<std::pair<std::size_t, std::size_t>> bare_words_; ///< plain words' byte ranges

  // Limits of the boost, whatever the query's length: each part is a posting list or two, and a
  // positional check; beyond these a long query's words rank as a bag of words.
  static constexpr std::size_t max_boost_spans = 16;

  // The runs of plain words side by side (only white space between them): a whole --syntax off
  // query is one.
  std::vector<std::pair<std::size_t, std::size_t>> plain_runs() const {
    if (!options_.syntax) return {{0, text_.size()}};
    std::vector<std::pair<std::size_t, std::size_t>> runs;
    auto words = bare_words_;
    std::sort(words.begin(), words.end());
    for (const auto& [b, e] : words) {
      bool joins = !runs.empty() && runs.back().second <= b &&
                   std::all_of(text_.begin() + static_cast<std::ptrdiff_t>(runs.back().second),
                               text_.begin() + static_cast<std::ptrdiff_t>(b), is_ascii_space);
      if (joins)
        runs.back().second = e;
      else
        runs.emplace_back(b, e);
    }
    return runs;
  }

  // The query with the evidence of its entities and adjacent words added (entity_boost.hpp).
  Q boosted(const Q& query) {
    std::vector<BoostPart> parts;
    BoostCover cover;
    for (const auto& run : plain_runs()) {
      // Named, not structured bindings: clang 14 (the fuzzing build) cannot capture those.
      const std::size_t b = run.first, e = run.second;
      std::vector<BoostWord> words;
      analyzer_.analyze(
          std::string_view(text_).substr(b, e - b),
          [&](const Token& t) {
            if (t.kind == TokenKind::joined) return; // its parts stand for it
            words.push_back({text_.substr(b + t.begin, t.end - t.begin), std::string(t.term),
                             b + t.begin, b + t.end, t.position, t.stopword});
          },
          0, capitals_);
      auto spans = recognise_spans(text_, words, tables(), capitals_ == Analyzer::Capitals::shouted,
                                   max_boost_spans, options_.phrase_boost);
      std::size_t used = 0;
      auto run_parts = boost_parts(words, spans, terms_left(), used, options_.expression_terms);
      take_expansion(used);
      const BoostCover c = boost_cover(words, run_parts);
      cover.covered += c.covered;
      cover.words += c.words;
      for (auto& p : run_parts) parts.push_back(std::move(p));
    }
    // The names' share of the words scales their evidence; --explain says so where it is below 1.
    if (options_.explain) {
      const std::string share = cover.covered < cover.words
                                    ? " (" + std::to_string(cover.covered) + " of " +
                                          std::to_string(cover.words) + " words)"
                                    : "";
      for (const auto& p : parts) explain(p.begin, p.end, "", p.query, "boost: " + p.note + share);
    }
    return with_boost(query, parts, boost_weight(options_.entity_boost_weight, cover));
  }

  void explain(std::size_t begin, std::size_t end, std::string field, const Q& q,
               std::string note = {}) {
    if (!options_.explain) return;
    ExplainedWord w;
    w.column = begin + 1;
    w.text = text_.substr(begin, end - begin);
    w.field = std::move(field);
    for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t)
      w.terms.push_back(*t);
    if (negated_) note = note.empty() ? "excluded" : note + ", excluded";
    w.note = std::move(note);
    explained_.push_back(std::move(w));
  }

  // A term a snippet should mark, and a word the spelling suggestion may correct: kept only when
  // the caller asked for them (a ranked list of ids needs neither).
  void mark(std::string term) {
    if (options_.highlight) highlight_.insert(std::move(term));
  }
  void add_word(QueryWord word) {
    if (options_.words) query_words_.push_back(std::move(word));
  }

  const QueryLimits& limits() const { return options_.limits; }

  // A warning that is no syntax problem (never an error in strict mode), within the same cap.
  void warn(std::size_t at, const std::string& message) {
    if (warnings_.size() < max_warnings) warnings_.push_back({at + 1, message});
  }

  std::size_t terms_left() const {
    return limits().max_terms - std::min(terms_, limits().max_terms);
  }

  // Terms beyond the query's own words (an entity's other names, the further combinations of
  // NEAR, ADJ and phrases) come from what is left of the budget: every term is a posting list
  // Xapian opens, with its buffers, so they bound the memory a query takes.
  bool take_expansion(std::size_t n) {
    if (n > terms_left()) return false;
    terms_ += n;
    return true;
  }

  static std::size_t leaves(const Q& q) {
    if (q.get_type() == Q::LEAF_TERM) return 1;
    std::size_t n = 0;
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) n += leaves(q.get_subquery(i));
    return n;
  }

  // positional_query within the term budget. The words as written are already paid for; their
  // other names (alternatives) are paid here, or, when they do not fit, left out; each further
  // combination costs about as many terms again (twice for a multi-word name, which is also
  // required whole), so fewer are built when the budget runs low. `allowed`: the bound used.
  PositionalResult bounded_positional(PositionalOrder order,
                                      const std::vector<PositionalOperand>& operands,
                                      std::uint32_t slack, std::size_t& allowed) {
    std::size_t own = 0, others = 0, per = 0;
    for (const auto& op : operands) {
      std::size_t widest = 0;
      for (std::size_t k = 0; k < op.alternatives.size(); ++k) {
        (k == 0 ? own : others) += op.alternatives[k].terms.size();
        widest = std::max(widest, op.alternatives[k].terms.size());
      }
      per += widest > 1 ? 2 * widest : widest;
    }
    std::vector<PositionalOperand> trimmed;
    std::size_t dropped = 0;
    if (others > terms_left()) { // the words as written, nothing else
      trimmed = operands;
      for (auto& op : trimmed)
        if (op.alternatives.size() > 1) {
          dropped += op.alternatives.size() - 1;
          op.alternatives.resize(1);
        }
      allowed = 1;
    } else {
      allowed = std::min(limits().max_positional_combinations,
                         1 + (terms_left() - others) / std::max<std::size_t>(per, 1));
    }
    PositionalResult r =
        positional_query(order, trimmed.empty() ? operands : trimmed, slack, allowed);
    r.dropped_alternatives += dropped;
    const std::size_t used = leaves(r.query);
    terms_ += used > own ? used - own : 0;
    return r;
  }

  // One more word to search, at byte `at`: false once the query has used its word budget (a
  // strict parse throws at the first word over it).
  bool take_term(std::size_t at) {
    if (terms_ < limits().max_terms) {
      ++terms_;
      return true;
    }
    if (!out_of_terms_) {
      out_of_terms_ = true;
      problem(at, "more than " + std::to_string(limits().max_terms) + " terms",
              "the rest of the query is ignored");
    }
    return false;
  }

  // One more wildcard at byte `at`: false when the query has its share (then it is a word).
  bool take_wildcard(std::size_t at) {
    if (wildcards_ < limits().max_wildcards) {
      ++wildcards_;
      return true;
    }
    problem(at, "more than " + std::to_string(limits().max_wildcards) + " wildcards",
            "searched as a word");
    return false;
  }

  Q::op default_op() const { return options_.match == MatchMode::all ? Q::OP_AND : Q::OP_OR; }

  // A problem at byte `at`: an error in strict mode; else a warning, saying how the lenient
  // parse recovered when `recovery` is given. At most max_warnings are listed, so that a query
  // of many problems (thousands of '(') does not make as many lines.
  void problem(std::size_t at, const std::string& message, const std::string& recovery = {}) {
    if (options_.strict)
      throw Error(Error::Code::query_syntax,
                  "query: " + message + " at column " + std::to_string(at + 1),
                  Location{"", 0, at + 1});
    if (warnings_.size() < max_warnings)
      warnings_.push_back({at + 1, recovery.empty() ? message : message + " (" + recovery + ")"});
    else if (warnings_.size() == max_warnings)
      warnings_.push_back({at + 1, "more problems, not listed"});
  }

  void skip_space() {
    while (pos_ < text_.size() && is_ascii_space(text_[pos_])) ++pos_;
  }

  // The next bare word's extent (stops at space, parentheses and quotes).
  std::size_t word_end(std::size_t from) const {
    std::size_t e = from;
    while (e < text_.size() && !is_ascii_space(text_[e]) && text_[e] != '(' && text_[e] != ')' &&
           text_[e] != '"')
      ++e;
    return e;
  }

  bool keyword_at(std::string_view kw) const { return keyword_at(kw, pos_); }
  bool keyword_at(std::string_view kw, std::size_t at) const {
    if (text_.compare(at, kw.size(), kw) != 0) return false;
    std::size_t after = at + kw.size();
    return after == text_.size() || is_ascii_space(text_[after]) || text_[after] == '(' ||
           text_[after] == '"';
  }

  // NEAR, NEAR/n, ADJ or ADJ/n at `at`: the keyword's length (without "/n"), or 0.
  std::size_t positional_keyword_at(std::size_t at) const {
    for (std::string_view kw : {std::string_view("NEAR"), std::string_view("ADJ")})
      if (keyword_at(kw, at) || (text_.compare(at, kw.size(), kw) == 0 &&
                                 at + kw.size() < text_.size() && text_[at + kw.size()] == '/'))
        return kw.size();
    return 0;
  }

  Q parse_or() {
    Q left = parse_sequence();
    for (;;) {
      skip_space();
      if (!keyword_at("OR")) return left;
      std::size_t at = pos_;
      pos_ += 2;
      Q right = parse_sequence();
      if (right.empty()) {
        problem(at, "OR needs something on its right");
        continue;
      }
      if (left.empty()) {
        problem(at, "OR needs something on its left");
        left = right;
        continue;
      }
      left = Q(Q::OP_OR, left, right);
    }
  }

  // Clauses side by side: combined by the default operator, honouring + and -.
  Q parse_sequence() {
    std::vector<Clause> clauses;
    for (;;) {
      skip_space();
      if (out_of_terms_) pos_ = text_.size();
      if (pos_ < text_.size() && text_[pos_] == ')' && flattened_ > 0) {
        --flattened_; // closes a group that was flattened into this one
        ++pos_;
        continue;
      }
      if (pos_ >= text_.size() || text_[pos_] == ')' || keyword_at("OR")) break;
      std::size_t before = pos_;
      Clause c = parse_and();
      if (!c.query.empty()) clauses.push_back(std::move(c));
      if (pos_ == before) ++pos_; // never loop without progress
    }
    return combine(clauses);
  }

  Q combine(const std::vector<Clause>& clauses) const {
    std::vector<Q> required, optional, excluded;
    std::vector<std::pair<std::string, std::vector<Q>>> filters;
    for (const auto& c : clauses) {
      if (c.mode == Clause::Mode::plain && !c.filter_field.empty()) {
        auto f = std::find_if(filters.begin(), filters.end(),
                              [&](const auto& x) { return x.first == c.filter_field; });
        if (f == filters.end()) f = filters.insert(filters.end(), {c.filter_field, {}});
        f->second.push_back(c.query);
        continue;
      }
      switch (c.mode) {
      case Clause::Mode::required:
        required.push_back(c.query);
        break;
      case Clause::Mode::excluded:
        excluded.push_back(c.query);
        break;
      case Clause::Mode::plain:
        (options_.match == MatchMode::all ? required : optional).push_back(c.query);
        break;
      }
    }
    Q q;
    Q req = required.empty() ? Q() : Q(Q::OP_AND, required.begin(), required.end());
    Q opt = optional.empty() ? Q() : Q(Q::OP_OR, optional.begin(), optional.end());
    if (req.empty())
      q = opt;
    else if (opt.empty())
      q = req;
    else
      q = Q(Q::OP_AND_MAYBE, req, opt);
    if (!filters.empty()) {
      std::vector<Q> each;
      for (const auto& [field, qs] : filters) each.emplace_back(Q::OP_OR, qs.begin(), qs.end());
      Q filter = each.size() == 1 ? each.front() : Q(Q::OP_AND, each.begin(), each.end());
      q = q.empty() ? filter : Q(Q::OP_FILTER, q, filter);
    }
    if (!excluded.empty()) {
      if (q.empty()) q = Q::MatchAll;
      q = Q(Q::OP_AND_NOT, q, Q(Q::OP_OR, excluded.begin(), excluded.end()));
    }
    return q;
  }

  // unary (AND unary)*
  Clause parse_and() {
    Clause left = parse_unary();
    for (;;) {
      std::size_t save = pos_;
      skip_space();
      if (!keyword_at("AND")) {
        pos_ = save;
        return left;
      }
      std::size_t at = pos_;
      pos_ += 3;
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] == ')') {
        problem(at, "AND needs something on its right");
        return left;
      }
      Clause right = parse_unary();
      if (left.query.empty()) {
        problem(at, "AND needs something on its left");
        left = right;
        continue;
      }
      if (right.query.empty()) continue;
      if (right.mode == Clause::Mode::excluded)
        left.query = Q(Q::OP_AND_NOT, left.query, right.query);
      else
        left.query = Q(Q::OP_AND, left.query, right.query);
      if (left.mode == Clause::Mode::plain) left.mode = Clause::Mode::required;
    }
  }

  Clause parse_unary() {
    skip_space();
    if (pos_ >= text_.size()) return {};
    char c = text_[pos_];
    if (c == '-' || c == '+') {
      if (pos_ + 1 < text_.size() && !is_ascii_space(text_[pos_ + 1])) {
        ++pos_;
        bool was = negated_;
        negated_ = was || c == '-';
        Q q = parse_primary();
        negated_ = was;
        return {c == '-' ? Clause::Mode::excluded : Clause::Mode::required, q, {}};
      }
      ++pos_; // a lone '-' or '+': nothing to apply it to
      return {};
    }
    if (keyword_at("NOT")) {
      std::size_t at = pos_;
      pos_ += 3;
      skip_space();
      bool was = negated_;
      negated_ = true;
      Q q = parse_primary();
      negated_ = was;
      if (q.empty()) problem(at, "NOT needs something on its right");
      return {Clause::Mode::excluded, q, {}};
    }
    filter_field_.clear();
    plain_ = true;
    Q q = parse_primary();
    return {Clause::Mode::plain, q, std::move(filter_field_)};
  }

  Q parse_primary() {
    const bool plain = std::exchange(plain_, false);
    skip_space();
    if (pos_ >= text_.size()) return {};
    char c = text_[pos_];
    if (c == '(' && depth_ >= limits().max_depth) {
      // Each level of parentheses is a level of recursion: past the limit, groups are flattened
      // into the one around them (their ')' is consumed by parse_sequence), so a query of a
      // hundred thousand '(' costs no stack.
      if (!deep_warned_) {
        deep_warned_ = true;
        problem(pos_, "parentheses nested deeper than " + std::to_string(limits().max_depth),
                "the deeper groups are flattened");
      }
      while (pos_ < text_.size() && (text_[pos_] == '(' || is_ascii_space(text_[pos_]))) {
        if (text_[pos_] == '(') ++flattened_;
        ++pos_;
      }
      return parse_primary(); // never at '(' now: one level deeper at most
    }
    if (c == '(') {
      std::size_t open = pos_++;
      ++depth_;
      Q q = parse_or();
      --depth_;
      skip_space();
      if (pos_ < text_.size() && text_[pos_] == ')')
        ++pos_;
      else
        problem(open, "unbalanced '('");
      return q;
    }
    if (c == '"') return phrase("", pos_);
    if (c == ')') {
      if (depth_ == 0 && flattened_ == 0) {
        problem(pos_, "unbalanced ')'");
        ++pos_;
      }
      return {};
    }
    if (positional_keyword_at(pos_)) {
      problem(pos_, text_.compare(pos_, 3, "ADJ") == 0 ? "ADJ needs a word on its left"
                                                       : "NEAR needs a word on its left");
      pos_ = word_end(pos_);
      return {};
    }
    std::size_t start = pos_;
    {
      std::size_t after = atom_end(start);
      while (after < text_.size() && is_ascii_space(text_[after])) ++after;
      if (positional_keyword_at(after)) return positional_chain();
    }
    std::size_t end = word_end(pos_);
    // field:value
    std::size_t colon = text_.find(':', start);
    if (colon != std::string::npos && colon < end && colon > start) {
      std::string field = field_name(start, colon);
      if (is_field(field)) {
        pos_ = colon + 1;
        if (field != "title") filter_field_ = field == "year" ? "date" : field;
        return field_query(field, start);
      }
      if (std::all_of(field.begin(), field.end(),
                      [](unsigned char ch) { return std::isalpha(ch); }))
        problem(start, "unknown field '" + field + "' (searched as words)");
    }
    pos_ = end;
    if (plain && !negated_ && end > start && text_[end - 1] != '*')
      bare_words_.emplace_back(start, end);
    return word(start, end);
  }

  std::string field_name(std::size_t start, std::size_t colon) const {
    std::string field = text_.substr(start, colon - start);
    for (auto& ch : field) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return field;
  }

  // Where the word, phrase or field:value starting at `from` ends, without parsing it: to see
  // whether NEAR or ADJ follows before anything is recorded about it.
  std::size_t atom_end(std::size_t from) const {
    auto closing = [&](std::size_t open) {
      std::size_t close = text_.find('"', open + 1);
      return close == std::string::npos ? text_.size() : close + 1;
    };
    if (from < text_.size() && text_[from] == '"') return closing(from);
    std::size_t end = word_end(from);
    if (end < text_.size() && text_[end] == '"' && end > from && text_[end - 1] == ':' &&
        is_field(field_name(from, end - 1)))
      return closing(end);
    return end;
  }

  // a NEAR/n b [NEAR/n c ...], a ADJ/n b: the operands within one window (the largest n of the
  // chain), in any order for NEAR and in the order given for ADJ. Every kind of word works: each
  // becomes the alternatives it stands for (positional_query.hpp).
  Q positional_chain() {
    const std::size_t chain_start = pos_;
    std::vector<PositionalOperand> operands;
    std::vector<Q> filters; // fields without positions (source:, date: ...), kept as filters
    auto add_operand = [&] {
      Q filter;
      operands.push_back(operand(filter));
      if (!filter.empty()) filters.push_back(std::move(filter));
    };
    add_operand();
    std::optional<PositionalOrder> order;
    std::size_t window = 0, first_at = 0;
    for (;;) {
      std::size_t save = pos_;
      skip_space();
      const std::size_t kw = positional_keyword_at(pos_);
      if (kw == 0) {
        pos_ = save;
        break;
      }
      const std::size_t at = pos_;
      const PositionalOrder o = kw == 4 ? PositionalOrder::any : PositionalOrder::in_order;
      const std::string name = text_.substr(at, kw);
      pos_ += kw;
      std::size_t n = 10;
      if (pos_ < text_.size() && text_[pos_] == '/') {
        ++pos_;
        const std::size_t digits = pos_;
        std::size_t value = 0;
        bool too_large = false;
        while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
          value = std::min<std::size_t>(value * 10 + static_cast<std::size_t>(text_[pos_] - '0'),
                                        limits().max_window + 1);
          too_large = too_large || value > limits().max_window;
          ++pos_;
        }
        if (digits == pos_) {
          problem(at, name + "/ needs a number");
        } else if (too_large) {
          problem(at, name + "/ window larger than " + std::to_string(limits().max_window));
          n = limits().max_window;
        } else {
          n = value;
        }
      }
      if (!order) {
        order = o;
        first_at = at;
      } else if (*order != o) {
        problem(at, "NEAR and ADJ in one chain (the first, at column " +
                        std::to_string(first_at + 1) + ", applies)");
      }
      window = std::max(window, n);
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] == '(' || text_[pos_] == ')' ||
          positional_keyword_at(pos_)) {
        problem(at, name + " needs a word on its right");
        break;
      }
      add_operand();
    }
    // NEAR/0 cannot be met by two words: it means adjacent, as NEAR/1 does.
    const auto slack = static_cast<std::uint32_t>(std::max<std::size_t>(window, 1) - 1);
    std::size_t allowed = 0;
    PositionalResult r =
        bounded_positional(order.value_or(PositionalOrder::any), operands, slack, allowed);
    if (r.dropped_alternatives > 0)
      warn(chain_start, std::to_string(r.dropped_alternatives) +
                            " other names left out of NEAR/ADJ (at most " +
                            std::to_string(allowed) + " combinations)");
    Q q = r.query;
    if (!filters.empty()) {
      Q filter =
          filters.size() == 1 ? filters.front() : Q(Q::OP_AND, filters.begin(), filters.end());
      q = q.empty() ? filter : Q(Q::OP_FILTER, q, filter);
    }
    return q;
  }

  // One side of NEAR or ADJ: a word, a phrase, title:..., entity:... . A field without positions
  // (source:, date:, id:, lang:) cannot be near anything: it becomes `filter`, with a problem.
  PositionalOperand operand(Q& filter) {
    skip_space();
    const std::size_t start = pos_;
    if (pos_ < text_.size() && text_[pos_] == '"') return phrase_operand("", start);
    const std::size_t end = word_end(pos_);
    const std::size_t colon = text_.find(':', start);
    if (colon != std::string::npos && colon < end && colon > start) {
      const std::string field = field_name(start, colon);
      if (is_field(field)) {
        pos_ = colon + 1;
        if (field == "title") {
          if (pos_ < text_.size() && text_[pos_] == '"')
            return phrase_operand(std::string(schema::title_prefix), start);
          std::size_t e = word_end(pos_);
          return word_operand(pos_, e, std::string(schema::title_prefix));
        }
        std::size_t vb = 0;
        std::string value = field_value(vb);
        if (value.empty()) {
          problem(start, "field '" + field + "' has no value");
          return {};
        }
        if (field == "entity") return entity_operand(value, start);
        if (!take_term(start)) return {};
        problem(start,
                "NEAR and ADJ need words: '" + field + ":' has no positions (a filter here)");
        filter = value_query(field, value, vb);
        return {};
      }
    }
    return word_operand(start, end, "");
  }

  // The alternatives of one word: its terms (several for a word ICU splits, such as Chinese),
  // the entity's other names it stands for, or the expansions of a wildcard.
  PositionalOperand word_operand(std::size_t b, std::size_t e, const std::string& prefix) {
    pos_ = e;
    std::string_view span(text_.data() + b, e - b);
    const std::string field = prefix.empty() ? "" : "title";
    if (span.size() > 1 && span.back() == '*' && !out_of_terms_ && take_wildcard(b))
      return take_term(b) ? wildcard_operand(span.substr(0, span.size() - 1), prefix, b, e)
                          : PositionalOperand{};
    PhraseTerms own;
    analyzer_.analyze(
        span,
        [&](const Token& t) {
          if (t.kind != TokenKind::joined && !t.stopword && !take_term(b + t.begin)) return;
          if (!own.add(t, prefix) || negated_) return;
          add_word({b + t.begin, b + t.end, std::string(t.word), std::string(t.term)});
          mark(std::string(t.term));
        },
        0, capitals_);
    PositionalOperand op;
    if (own.terms.empty()) {
      explain(b, e, field, Q(), "stopword: ignored");
      return op;
    }
    op.alternatives.push_back({own.terms, own.last - own.first + 1});
    if (prefix.empty() && own.terms.size() == 1) add_other_names(op, span);
    explain(b, e, field, any_term_of(op));
    return op;
  }

  // A plain wildcard: what OP_WILDCARD expands to (an OP_SYNONYM of its terms), built here from
  // the whole collection. Xapian expands OP_WILDCARD on each shard over that shard's own terms,
  // and a remote server weighs them with its own statistics: scores would differ from a local
  // collection's. Without a database, or without a bound on terms (0: Xapian's "no limit"),
  // it stays Xapian's; so does one that expands to nothing (an empty Query would be dropped from
  // an AND instead of making it match nothing).
  Q plain_wildcard(const std::string& start) const {
    const std::size_t keep = limits().max_wildcard_terms;
    const Q xapians(Q::OP_WILDCARD, start, static_cast<Xapian::termcount>(keep),
                    Q::WILDCARD_LIMIT_MOST_FREQUENT);
    if (!options_.database || keep == 0) return xapians;
    std::vector<std::string> terms = most_frequent_terms(*options_.database, start, keep);
    if (terms.empty()) return xapians;
    // In the lexicon's order, as OP_WILDCARD lists them.
    std::sort(terms.begin(), terms.end());
    return Q(Q::OP_SYNONYM, terms.begin(), terms.end());
  }

  // prefix* inside NEAR, ADJ or a phrase: the most frequent indexed terms it starts, read from
  // the database.
  PositionalOperand wildcard_operand(std::string_view stem, const std::string& prefix,
                                     std::size_t b, std::size_t e) {
    PositionalOperand op;
    std::string folded(stem);
    for (auto& ch : folded) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const std::string field = prefix.empty() ? "" : "title";
    if (folded.empty()) return op;
    const std::string start = prefix + folded;
    if (!options_.database) {
      problem(b, "a wildcard next to NEAR or ADJ or in a phrase needs a database to expand it");
      return op;
    }
    for (auto& term : most_frequent_terms(*options_.database, start, limits().max_wildcard_terms))
      op.alternatives.push_back({{std::move(term)}, 1});
    op.matches_nothing = op.alternatives.empty();
    explain(b, e, field, op.matches_nothing ? Q(start) : any_term_of(op),
            "wildcard: terms starting with '" + start + "' (most frequent " +
                std::to_string(limits().max_wildcard_terms) + ")");
    return op;
  }

  // entity:NAME next to NEAR or ADJ: the entity's names as text (the XE term has no positions).
  PositionalOperand entity_operand(const std::string& value, std::size_t start) {
    PositionalOperand op;
    PhraseTerms own;
    analyzer_.analyze(
        value,
        [&](const Token& t) {
          if (t.kind != TokenKind::joined && !t.stopword && !take_term(start)) return;
          own.add(t, "");
        },
        0, Analyzer::Capitals::meaningful);
    if (own.terms.empty()) return op; // a stopword, or over the word budget
    op.alternatives.push_back({own.terms, own.last - own.first + 1});
    add_other_names(op, value);
    explain(start, pos_, "entity", any_term_of(op), "names as text");
    return op;
  }

  // A quoted phrase next to NEAR or ADJ: its words in order, or one of the other names of the
  // entity the whole phrase names. Its own words are not expanded one by one here: that would
  // nest one positional operator in another.
  PositionalOperand phrase_operand(const std::string& prefix, std::size_t from) {
    PhraseBody body = phrase_body(prefix);
    PositionalOperand op;
    const std::string field = prefix.empty() ? "" : "title";
    if (body.terms.empty()) {
      explain(from, pos_, field, Q(), "stopwords: ignored");
      return op;
    }
    op.alternatives.push_back({body.terms, body.last - body.first + 1});
    if (prefix.empty()) add_other_names(op, body.text);
    explain(from, pos_, field, any_term_of(op), "phrase");
    return op;
  }

  // The other names of the entity `text` names, as alternatives (each analyzed once per searcher).
  void add_other_names(PositionalOperand& op, std::string_view text) {
    for (const auto& name : entity_other_names(tables(), text)) {
      const QueryCache::Name& n = analyzed_name(name);
      if (n.terms.empty() ||
          std::any_of(op.alternatives.begin(), op.alternatives.end(),
                      [&](const PositionalAlternative& a) { return a.terms == n.terms; }))
        continue;
      if (!negated_ && n.terms.size() == 1) mark(n.terms.front());
      op.alternatives.push_back({n.terms, n.width});
    }
  }

  static Q any_term_of(const PositionalOperand& op) {
    std::vector<std::string> terms;
    for (const auto& a : op.alternatives) terms.insert(terms.end(), a.terms.begin(), a.terms.end());
    if (terms.empty()) return {};
    return terms.size() == 1 ? Q(terms.front()) : Q(Q::OP_OR, terms.begin(), terms.end());
  }

  static bool is_field(const std::string& f) {
    return f == "title" || f == "source" || f == "id" || f == "lang" || f == "language" ||
           f == "date" || f == "entity" || f == "year";
  }

  // The value after "field:": a phrase or one word.
  std::string field_value(std::size_t& begin) {
    if (pos_ < text_.size() && text_[pos_] == '"') {
      std::size_t open = pos_++;
      std::size_t close = text_.find('"', pos_);
      if (close == std::string::npos) {
        problem(open, "unbalanced quote");
        close = text_.size();
      }
      begin = pos_;
      std::string v = text_.substr(pos_, close - pos_);
      pos_ = close < text_.size() ? close + 1 : close;
      return v;
    }
    begin = pos_;
    std::size_t end = word_end(pos_);
    std::string v = text_.substr(pos_, end - pos_);
    pos_ = end;
    return v;
  }

  Q field_query(const std::string& field, std::size_t start) {
    if (field == "title") {
      if (pos_ < text_.size() && text_[pos_] == '"')
        return phrase(std::string(schema::title_prefix), start);
      std::size_t b = pos_, e = word_end(pos_);
      pos_ = e;
      auto qs = words(b, e, std::string(schema::title_prefix), false);
      return qs.empty() ? Q() : Q(Q::OP_AND, qs.begin(), qs.end());
    }
    std::size_t vb = 0;
    std::string value = field_value(vb);
    if (value.empty()) {
      problem(start, "field '" + field + "' has no value");
      return {};
    }
    if (!take_term(start)) return {};
    Q q = value_query(field, value, vb);
    explain(start, pos_, field == "language" ? "lang" : field, q,
            field == "date" || field == "year" ? "date range" : "exact value");
    return q;
  }

  Q value_query(const std::string& field, const std::string& value, std::size_t vb) {
    if (field == "id") return Q(schema::id_term(value));
    if (field == "date" || field == "year") return date_range(value, vb);
    std::string lowered = value;
    for (auto& ch : lowered) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (field == "source") return Q(schema::bounded_term(schema::source_prefix, lowered));
    if (field == "lang" || field == "language")
      return Q(std::string(schema::language_prefix) +
               lowered.substr(0, lowered.find_first_of("-_")));
    return entity_query(lowered);
  }

  // entity:NAME. The one place that turns an entity name into terms: alias expansion and
  // canonicalization hook in here (return an OR of the canonical names' terms).
  Q entity_query(const std::string& lowered) {
    // Entities (issue 7): the canonical name through the alias table (NATO for "North Atlantic
    // Treaty Organization"), as the indexer stores it.
    return Q(schema::bounded_term(schema::entity_prefix, entity_term(tables(), lowered)));
  }

  // Fetched once per searcher, not once per word: entity_tables() locks and looks up a map.
  const EntityTables& tables() {
    if (!cache_.tables) cache_.tables = entity_tables(analyzer_.options().entity_files);
    return *cache_.tables;
  }

  // An alias name's terms, analyzed once per searcher: the alias table and the analyzer do not
  // change between queries.
  const QueryCache::Name& analyzed_name(const std::string& name) {
    auto it = cache_.names.find(name);
    if (it != cache_.names.end()) return it->second;
    PhraseTerms phrase;
    analyzer_.analyze(
        name, [&](const Token& t) { phrase.add(t, ""); }, 0, Analyzer::Capitals::meaningful);
    QueryCache::Name n;
    if (!phrase.terms.empty()) n.width = phrase.last - phrase.first + 1;
    n.terms = std::move(phrase.terms);
    return cache_.names.emplace(name, std::move(n)).first->second;
  }

  // Entities (issue 7): a word or phrase naming a known entity also matches its other names
  // ("United States" finds "U.S."), each as a phrase, as synonyms of the text itself.
  Q with_entity_aliases(Q q, std::string_view text) {
    if (q.empty()) return q;
    std::vector<std::string> names = entity_other_names(tables(), text);
    if (names.empty()) return q;
    std::vector<Q> alternatives{q};
    // Spellings that analyze alike ("Organization"/"Organisation") are one alternative, and a
    // name that analyzes like the text itself ("interest rate" for "interest rates") is none: a
    // second copy would count the text's matches twice and check its positions twice. So is a
    // longer name that holds a one-word text ("Labour Party" for "Labour"): it matches only where
    // the word does, and checking its positions in every article that has both words cost more
    // than the rest of the query (docs/PERFORMANCE.md, "Search latency").
    const std::vector<std::string> own(q.get_terms_begin(), q.get_terms_end());
    const bool one_term = q.get_type() == Q::LEAF_TERM;
    std::vector<const QueryCache::Name*> seen;
    for (const auto& name : names) {
      const QueryCache::Name& n = analyzed_name(name);
      if (n.terms.empty() || n.terms == own ||
          (one_term && std::find(n.terms.begin(), n.terms.end(), own.front()) != n.terms.end()) ||
          std::any_of(seen.begin(), seen.end(),
                      [&](const QueryCache::Name* o) { return o->terms == n.terms; }))
        continue;
      seen.push_back(&n);
      if (!take_expansion(n.terms.size())) {
        if (!names_warned_)
          warn(static_cast<std::size_t>(text.data() - text_.data()),
               "other names of entities left out (at most " + std::to_string(limits().max_terms) +
                   " terms in a query)");
        names_warned_ = true;
        break;
      }
      // Highlight a one-word other name ("U.S."); the words of a longer one ("North Atlantic
      // Treaty Organization") would mark unrelated words ("organized").
      if (!negated_ && n.terms.size() == 1) mark(n.terms.front());
      alternatives.push_back(n.terms.size() == 1
                                 ? Q(n.terms.front())
                                 : Q(Q::OP_PHRASE, n.terms.begin(), n.terms.end(), n.width));
    }
    if (alternatives.size() == 1) return q;
    // OP_SYNONYM: the names weigh as one term, so a query naming an entity scores like one
    // that names it once.
    return Q(Q::OP_SYNONYM, alternatives.begin(), alternatives.end());
  }

  // date:2025-02-01..2025-02-28, date:2025.., date:..2025-03, date:2025-02
  Q date_range(const std::string& value, std::size_t at) {
    DateRangeQuery range = date_range_query(value);
    if (!range.problem.empty()) problem(at, range.problem);
    return range.query;
  }

  // The words between two quotes: their own terms (stopwords spanned, not searched), and what
  // each word stands for in a phrase of several words: its term, the other names of the entity it
  // names ("U.S." is also "United States"), or a wildcard's expansions ("shipyar*").
  struct PhraseBody {
    std::string_view text;
    std::vector<std::string> terms;
    std::uint32_t first = 0, last = 0;
    std::vector<PositionalOperand> words;
  };

  PhraseBody phrase_body(const std::string& prefix) {
    const std::size_t open = pos_++;
    std::size_t close = text_.find('"', pos_);
    if (close == std::string::npos) {
      problem(open, "unbalanced quote");
      close = text_.size();
    }
    PhraseBody body;
    const std::size_t body_begin = pos_;
    body.text = std::string_view(text_.data() + pos_, close - pos_);
    pos_ = close < text_.size() ? close + 1 : close;
    struct Word {
      std::string term, folded;
      std::uint32_t begin, end;
    };
    std::vector<Word> words; // collected first: expanding a word analyzes its other names
    PhraseTerms own;
    bool too_wide = false;
    analyzer_.analyze(
        body.text,
        [&](const Token& t) {
          if (t.kind == TokenKind::joined || t.stopword) return;
          if (!own.terms.empty() && t.position - own.first >= limits().max_window) {
            if (!too_wide)
              problem(body_begin + t.begin,
                      "phrase spans more than " + std::to_string(limits().max_window) + " words",
                      "the words beyond are left out");
            too_wide = true;
            return;
          }
          if (!take_term(body_begin + t.begin)) return;
          if (own.add(t, prefix))
            words.push_back({own.terms.back(), std::string(t.word), t.begin, t.end});
        },
        0, capitals_);
    body.terms = std::move(own.terms);
    body.first = own.first;
    body.last = own.last;
    for (const Word& w : words) {
      PositionalOperand op;
      std::string_view written = body.text.substr(w.begin, w.end - w.begin);
      const bool wildcard = w.end < body.text.size() && body.text[w.end] == '*' &&
                            take_wildcard(body_begin + w.begin);
      if (!negated_ && !wildcard)
        add_word(
            {body_begin + w.begin, body_begin + w.end, w.folded, w.term.substr(prefix.size())});
      if (wildcard) {
        op = wildcard_operand(written, prefix, body_begin + w.begin, body_begin + w.end + 1);
      } else {
        op.alternatives.push_back({{w.term}, 1});
        // A one-word phrase is the word itself: its other names are the whole phrase's.
        if (prefix.empty() && words.size() > 1) add_other_names(op, written);
      }
      body.words.push_back(std::move(op));
    }
    return body;
  }

  // "..." : the words in order, each standing for its alternatives (phrase_body), within the
  // phrase's width. `from`: where the clause starts in the query (the field name of title:"...").
  Q phrase(const std::string& prefix, std::size_t from) {
    PhraseBody body = phrase_body(prefix);
    const std::string field = prefix.empty() ? "" : "title";
    if (body.terms.empty()) {
      if (!body.text.empty()) explain(from, pos_, field, Q(), "stopwords: ignored");
      return {};
    }
    if (!negated_)
      for (const auto& t : body.terms) mark(t.substr(prefix.size()));
    std::uint32_t searched = 0;
    for (const auto& w : body.words)
      searched += w.alternatives.empty() && !w.matches_nothing ? 0 : 1;
    const std::uint32_t span = body.last - body.first + 1;
    std::size_t allowed = 0;
    PositionalResult r = bounded_positional(PositionalOrder::in_order, body.words,
                                            span > searched ? span - searched : 0, allowed);
    if (r.dropped_alternatives > 0)
      warn(from, std::to_string(r.dropped_alternatives) +
                     " other names left out of the phrase (at most " + std::to_string(allowed) +
                     " combinations)");
    Q q = r.query;
    if (prefix.empty()) q = with_entity_aliases(q, body.text); // entities (issue 7)
    explain(from, pos_, field, q, "phrase");
    return q;
  }

  // The queries for the words in [b, e): stopwords dropped, a joined form ("pre-2014", "5%")
  // standing for its parts.
  std::vector<Q> words(std::size_t b, std::size_t e, const std::string& prefix, bool free_text) {
    struct Tok {
      std::string term;
      std::string word;
      std::uint32_t begin, end;
      TokenKind kind;
      bool stop;
    };
    std::vector<Tok> toks;
    std::string_view span(text_.data() + b, e - b);
    // A wildcard: defen* expands over the index's terms.
    if (!free_text && span.size() > 1 && span.back() == '*' && !out_of_terms_ && take_wildcard(b)) {
      if (!take_term(b)) return {};
      // The stem of a prefix is not a prefix of the stems: expand from the folded prefix itself.
      std::string folded(span.substr(0, span.size() - 1));
      for (auto& ch : folded) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (folded.empty()) return {};
      Q q = plain_wildcard(prefix + folded);
      explain(b, e, prefix.empty() ? "" : "title", Q(prefix + folded),
              "wildcard: terms starting with '" + prefix + folded + "' (most frequent " +
                  std::to_string(limits().max_wildcard_terms) + ")");
      return {q};
    }
    analyzer_.analyze(
        span,
        [&](const Token& t) {
          if (out_of_terms_) return;
          if (t.kind != TokenKind::joined && !t.stopword && !take_term(b + t.begin)) return;
          toks.push_back(
              {std::string(t.term), std::string(t.word), t.begin, t.end, t.kind, t.stopword});
        },
        0, capitals_);
    std::vector<Q> out;
    for (const auto& t : toks)
      if (t.kind != TokenKind::joined && !t.stop && !negated_)
        add_word({b + t.begin, b + t.end, t.word, t.term});
    for (std::size_t i = 0; i < toks.size(); ++i) {
      const Tok& t = toks[i];
      if (t.kind == TokenKind::joined) continue;
      // Covered by a joined token? Then the joined one stands for it.
      const Tok* joined = nullptr;
      for (const auto& u : toks)
        if (u.kind == TokenKind::joined && u.begin <= t.begin && t.end <= u.end) joined = &u;
      if (joined) {
        if (joined->begin == t.begin) {
          out.emplace_back(prefix + joined->term, 1, 0);
          if (!negated_) mark(joined->term);
          // the parts are highlighted in documents that write them apart
          for (const auto& u : toks)
            if (u.kind != TokenKind::joined && !u.stop && joined->begin <= u.begin &&
                u.end <= joined->end && !negated_)
              mark(u.term);
        }
        continue;
      }
      if (t.stop) continue;
      out.emplace_back(prefix + t.term, 1, 0);
      if (!negated_) mark(t.term);
    }
    if (options_.explain) {
      if (out.empty())
        explain(b, e, prefix.empty() ? "" : "title", Q(), "stopword: ignored");
      else
        explain(b, e, prefix.empty() ? "" : "title",
                out.size() == 1 ? out.front() : Q(Q::OP_OR, out.begin(), out.end()));
    }
    return out;
  }

  Q word(std::size_t b, std::size_t e) {
    auto qs = words(b, e, "", false);
    if (qs.empty()) return {};
    if (qs.size() == 1) // entities (issue 7): a word naming a known entity
      return with_entity_aliases(qs.front(), std::string_view(text_).substr(b, e - b));
    return Q(default_op(), qs.begin(), qs.end());
  }
};

} // namespace

ParsedQuery parse_query(const std::string& query, Analyzer& analyzer,
                        const QueryParserOptions& options) {
  const std::size_t max = options.limits.max_length;
  if (query.size() <= max) return Parser(query, analyzer, options).run();
  const std::string message = "query longer than " + std::to_string(max) + " bytes";
  if (options.strict)
    throw Error(Error::Code::query_syntax,
                "query: " + message + " at column " + std::to_string(max + 1),
                Location{"", 0, max + 1});
  // Cut before a UTF-8 continuation byte, so the analyzer never sees half a character.
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(query[cut]) & 0xC0) == 0x80) --cut;
  const std::string kept = query.substr(0, cut);
  ParsedQuery parsed = Parser(kept, analyzer, options).run();
  parsed.warnings.insert(parsed.warnings.begin(),
                         QueryWarning{cut + 1, message + " (the rest is ignored)"});
  return parsed;
}

} // namespace newsdex::detail
