#include "query/entity_boost.hpp"

#include <newsdex/schema.hpp>

#include "common/ascii.hpp"
#include "entities/keys.hpp"
#include "entities/recognizer.hpp"
#include "entities/tables.hpp"
#include "query/expression_terms.hpp"

#include <algorithm>

namespace newsdex::detail {
namespace {

using Q = Xapian::Query;

// Words of a possessive ("Reagan's") name their owner.
std::string_view without_possessive(std::string_view s) {
  for (std::string_view tail : {std::string_view("'s"), std::string_view("\xE2\x80\x99s")})
    if (s.size() > tail.size() && s.substr(s.size() - tail.size()) == tail)
      return s.substr(0, s.size() - tail.size());
  return s;
}

bool capitalised(const BoostWord& w) {
  return !w.stopword && !w.text.empty() && entities::is_ascii_upper(w.text.front());
}

// The table entry a span of the query names, with the index side's rules for case.
const KnownName* known_span(const EntityTables& tables, std::string_view text, bool one_word,
                            bool shouted) {
  auto it = tables.names.find(entities::key_of(text));
  if (it == tables.names.end()) return nullptr;
  const EntityTables::Known& k = it->second;
  if (k.caps_required && (shouted || entities::has_lower(text))) return nullptr; // "who", WHO WILL
  // "turkey", "fed": a common word, unless the table writes the name in lower case (a topic)
  if (one_word && (shouted || !entities::has_upper(text)) && entities::has_upper(k.name.canonical))
    return nullptr;
  return &k.name;
}

// The names the recognizer finds in the capitalised words [first, last) replace the table
// matches inside them, except a name that swallows table names other than nationalities ("NATO
// Ukraine": two names in a query, whatever prose would make of them). Expressions stay, and are no
// names. Capitalised words still unnamed, two or more side by side, are a name as written: the form
// the recognizer gives a run it cannot type.
void recognise_run(const std::string& query, const std::vector<BoostWord>& words, std::size_t first,
                   std::size_t last, const EntityTables& tables, std::vector<RecognisedSpan>& out) {
  static constexpr std::string_view before = "the ", after = ".";
  const std::size_t begin = words[first].begin, end = words[last - 1].end;
  std::string framed(before);
  framed.append(query, begin, end - begin);
  framed += after;
  auto inside = [&](std::size_t a, std::size_t z, bool names) {
    return [=](const RecognisedSpan& s) {
      return s.term.empty() != names && s.first >= a && s.last <= z;
    };
  };
  for (const Mention& m : find_mentions(framed, tables)) {
    if (m.begin < before.size() || m.end > framed.size() - after.size()) continue;
    const std::size_t b = begin + m.begin - before.size(), e = begin + m.end - before.size();
    std::size_t a = first;
    while (a < last && words[a].end <= b) ++a;
    std::size_t z = a;
    while (z < last && words[z].begin < e) ++z;
    if (z == a) continue;
    --z; // the last word of the mention
    if (std::any_of(out.begin(), out.end(), inside(a, z, false))) continue; // an expression
    // A name around a nationality ("European Investment Bank") is the name; one around other
    // names is not, unless the tables know it.
    const bool known = lookup_name(tables, m.name) != nullptr;
    const bool swallows = std::any_of(out.begin(), out.end(), [&](const RecognisedSpan& s) {
      return inside(a, z, true)(s) && s.type != EntityType::other;
    });
    if (swallows && !known) continue;
    std::erase_if(out, inside(a, z, true));
    out.push_back({a, z, known, m.name,
                   schema::bounded_term(schema::entity_prefix, lower_ascii(m.name)), m.type});
  }
  std::vector<bool> named(last - first, false);
  for (const auto& s : out)
    for (std::size_t k = std::max(s.first, first); k <= s.last && k < last; ++k)
      named[k - first] = true;
  for (std::size_t i = first; i < last;) {
    std::size_t j = i;
    while (j < last && !named[j - first]) ++j;
    if (j - i >= 2) {
      std::string name;
      for (std::size_t k = i; k < j; ++k) {
        if (!name.empty()) name += ' ';
        name += k + 1 == j ? without_possessive(words[k].text) : words[k].text;
      }
      std::string term = schema::bounded_term(schema::entity_prefix, lower_ascii(name));
      out.push_back({i, j - 1, false, std::move(name), std::move(term)});
    }
    i = j > i ? j : i + 1;
  }
}

} // namespace

std::vector<RecognisedSpan> recognise_spans(const std::string& query,
                                            const std::vector<BoostWord>& words,
                                            const EntityTables& tables, bool shouted,
                                            std::size_t max_spans, bool expressions) {
  std::vector<RecognisedSpan> out;
  std::vector<bool> covered(words.size(), false);
  std::size_t reach = 0; // one past the last word of the spans so far
  for (std::size_t i = 0; i < words.size() && out.size() < max_spans; ++i) {
    if (words[i].stopword) continue;
    const std::size_t longest =
        std::min(words.size() - i, std::max<std::size_t>(tables.max_words, 1));
    for (std::size_t n = longest; n >= 1; --n) {
      const std::size_t last = i + n - 1;
      if (words[last].stopword) continue;
      if (last < reach) break; // inside an earlier span: nothing new
      std::string_view text(query.data() + words[i].begin, words[last].end - words[i].begin);
      text = without_possessive(text);
      const KnownName* k = known_span(tables, text, n == 1, shouted);
      if (!k) continue;
      std::string name = lower_ascii(k->canonical);
      out.push_back({i, last, true, k->canonical, schema::bounded_term(schema::entity_prefix, name),
                     k->type});
      for (std::size_t j = i; j <= last; ++j) covered[j] = true;
      reach = last + 1;
      break;
    }
    if (!expressions || covered[i] || out.size() >= max_spans) continue;
    // No name starts here: perhaps a multi-word expression ("interest rates") does.
    const std::size_t longest_phrase = std::min(words.size() - i, tables.phrase_max_words);
    for (std::size_t n = longest_phrase; n >= 2; --n) {
      const std::size_t last = i + n - 1;
      if (words[last].stopword || covered[last]) continue;
      std::string_view text(query.data() + words[i].begin, words[last].end - words[i].begin);
      std::string key = entities::key_of(text);
      if (!tables.phrases.count(key)) continue;
      out.push_back({i, last, false, std::move(key), {}});
      for (std::size_t j = i; j <= last; ++j) covered[j] = true;
      reach = std::max(reach, last + 1);
      break;
    }
  }
  // A run of two or more capitalised words is read by the index side's own recognizer, so the
  // query names what the index wrote: "European Investment Bank" is one organisation there, not
  // the nationality "European" beside an "Investment Bank". Framed as running text ("the RUN.")
  // so the recognizer does not take the run for a headline. A shouted query's capitals mean
  // nothing.
  if (!shouted) {
    for (std::size_t i = 0; i < words.size();) {
      std::size_t j = i;
      while (j < words.size() && capitalised(words[j])) ++j;
      if (j - i >= 2 && out.size() < max_spans) recognise_run(query, words, i, j, tables, out);
      i = j > i ? j : i + 1;
    }
    std::sort(out.begin(), out.end(),
              [](const RecognisedSpan& a, const RecognisedSpan& b) { return a.first < b.first; });
    if (out.size() > max_spans) out.resize(max_spans);
  }
  return out;
}

std::vector<BoostPart> boost_parts(const std::vector<BoostWord>& words,
                                   const std::vector<RecognisedSpan>& spans,
                                   std::size_t term_budget, std::size_t& used,
                                   bool expression_terms) {
  std::vector<BoostPart> out;
  used = 0;
  auto fits = [&](std::size_t n) {
    if (used + n > term_budget) return false;
    used += n;
    return true;
  };
  for (const auto& s : spans) {
    std::vector<std::string> terms;
    for (std::size_t k = s.first; k <= s.last; ++k)
      if (!words[k].stopword) terms.push_back(words[k].term);
    if (s.term.empty()) { // a multi-word expression: its phrase is all the evidence
      if (terms.size() < 2) continue;
      if (!fits(terms.size() + (expression_terms ? 1 : 0))) break;
      Q phrase(Q::OP_PHRASE, terms.begin(), terms.end(),
               words[s.last].position - words[s.first].position + 1);
      if (expression_terms) {
        // Where the collection indexes the expression, its (boolean) term says which articles
        // use it: the phrase's positions are then read in those articles only, not in every
        // article holding the words, and it scores as before.
        std::vector<PlacedTerm> placed;
        for (std::size_t k = s.first; k <= s.last; ++k)
          if (!words[k].stopword) placed.push_back({words[k].term, words[k].position});
        phrase = Q(Q::OP_FILTER, phrase, Q(expression_term(expression_key(placed))));
      }
      out.push_back({words[s.first].begin, words[s.last].end, s.first, s.last,
                     (expression_terms ? "expression " : "phrase ") + s.name, phrase});
      continue;
    }
    if (!fits(1 + (terms.size() > 1 ? terms.size() : 0))) break;
    std::vector<Q> names{Q(s.term)};
    if (terms.size() > 1)
      names.emplace_back(Q::OP_PHRASE, terms.begin(), terms.end(),
                         words[s.last].position - words[s.first].position + 1);
    out.push_back(
        {words[s.first].begin, words[s.last].end, s.first, s.last,
         (s.known ? "entity " : "name ") + s.name,
         names.size() == 1 ? names.front() : Q(Q::OP_SYNONYM, names.begin(), names.end())});
  }
  return out;
}

BoostCover boost_cover(const std::vector<BoostWord>& words, const std::vector<BoostPart>& parts) {
  std::vector<bool> inside(words.size(), false);
  for (const auto& p : parts)
    for (std::size_t k = p.first; k <= p.last && k < words.size(); ++k) inside[k] = true;
  BoostCover c;
  for (std::size_t k = 0; k < words.size(); ++k) {
    if (words[k].stopword) continue;
    ++c.words;
    if (inside[k]) ++c.covered;
  }
  return c;
}

double boost_weight(double weight, BoostCover cover) {
  if (cover.words == 0 || cover.covered >= cover.words) return weight;
  return weight * static_cast<double>(cover.covered) / static_cast<double>(cover.words);
}

Xapian::Query with_boost(const Xapian::Query& query, const std::vector<BoostPart>& parts,
                         double weight) {
  if (parts.empty() || query.empty()) return query;
  std::vector<Q> qs;
  qs.reserve(parts.size());
  for (const auto& p : parts) qs.push_back(p.query);
  Q boost = qs.size() == 1 ? qs.front() : Q(Q::OP_OR, qs.begin(), qs.end());
  if (weight != 1.0) boost = Q(Q::OP_SCALE_WEIGHT, boost, weight);
  return Q(Q::OP_AND_MAYBE, query, boost);
}

} // namespace newsdex::detail
