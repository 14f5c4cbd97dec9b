#include "index/document_builder.hpp"

#include <newsdex/error.hpp>
#include <newsdex/schema.hpp>

#include "common/ascii.hpp"
#include "common/hash.hpp"
#include "entities/recognizer.hpp"
#include "entities/tables.hpp"
#include "index/distinct_words.hpp"
#include "ingest/date_parser.hpp"
#include "schema/signature.hpp"
#include "schema/stored_article.hpp"

#include <algorithm>

namespace newsdex::detail {

Analyzer& AnalyzerSet::get(const std::string& language) {
  if (language.empty() || language == default_.language()) return default_;
  auto it = others_.find(language);
  if (it != others_.end()) return it->second;
  try {
    return others_.emplace(language, default_.for_language(language)).first->second;
  } catch (const Error&) {
    return default_; // an unknown language is analyzed with the default rules
  }
}

ExpressionMatcher& AnalyzerSet::expressions(Analyzer& analyzer) {
  auto& m = expressions_[&analyzer];
  if (!m) m = std::make_unique<ExpressionMatcher>(analyzer, entities_->phrases);
  return *m;
}

std::string content_hash(const std::string& stored_data) {
  return hex64(fnv1a64(stored_data));
}

BuiltDocument build_document(const Article& a, AnalyzerSet& analyzers) {
  if (a.id.empty()) throw Error(Error::Code::input, "article has no id");
  BuiltDocument built;
  Xapian::Document& doc = built.document;
  Analyzer& analyzer = analyzers.get(a.language);

  DistinctWords spelling(built.spelling);
  auto note_spelling = [&](const Token& t) {
    // Words worth suggesting: letters only, not stopwords, not acronyms, not absurdly long.
    if (t.stopword || t.kind != TokenKind::word || t.word.size() < 3 || t.word.size() > 40) return;
    for (char c : t.word)
      if ((c >= '0' && c <= '9') || c == '\'' || c == '.') return;
    spelling.add(t.word);
  };
  // Stopwords are not indexed (no term, no position): the query side never searches them alone,
  // and a phrase spans them with a window (schema.hpp). Their positions stay counted, so the
  // words around them keep their distance. This cut a fifth of the writer's work and 12 % of the
  // index, at no cost in relevance (docs/PERFORMANCE.md).
  std::string term; // reused: one allocation per article, not one per word
  std::string title_term(schema::title_prefix);
  // The phrase table's expressions, as terms of their own (schema::expression_prefix). Boolean:
  // a wdf would lengthen the document and move every query's BM25 scores (the judged news sets'
  // nDCG@10 by -0.001 when it was counted); the query side weighs the phrase of the words.
  ExpressionMatcher& expressions = analyzers.expressions(analyzer);
  auto add_expression = [&](std::string_view key) { doc.add_boolean_term(expression_term(key)); };
  expressions.restart();
  std::uint32_t next = analyzer.analyze(a.title, [&](const Token& t) {
    if (t.stopword) return;
    term.assign(t.term);
    doc.add_posting(term, t.position + 1, title_wdf);
    title_term.resize(schema::title_prefix.size());
    title_term += t.term;
    doc.add_posting(title_term, t.position + 1);
    note_spelling(t);
    expressions.add(t, add_expression);
  });
  SignatureBuilder signature;
  expressions.restart();
  analyzer.analyze(
      a.body,
      [&](const Token& t) {
        if (t.stopword) return;
        term.assign(t.term);
        doc.add_posting(term, t.position + 1);
        if (t.kind != TokenKind::joined) signature.add_term(t.term);
        note_spelling(t);
        expressions.add(t, add_expression);
      },
      next + field_gap);
  doc.add_value(schema::signature_slot, hex64(signature.finish()));

  // An entity term's wdf is the article's mentions of it, a mention in the headline counting as
  // a headline word does (title_wdf): BM25 then ranks the articles about an entity above those
  // that name it once, when a query asks for it (entity-aware ranking, docs/QUERY.md). entity:
  // filters stay unweighted; a collection built before this has wdf 0 here, and the boost then
  // only matches.
  const EntityTables& tables = analyzers.entities();
  std::vector<std::string> in_title;
  if (!a.title.empty())
    for (const Mention& m : find_mentions(a.title, tables, a.title.size()))
      in_title.push_back(lower_ascii(m.name));
  std::string entity_names;
  for (const Entity& e : recognize_entities(a, tables)) {
    const std::string lowered = lower_ascii(e.name);
    const bool headline = std::find(in_title.begin(), in_title.end(), lowered) != in_title.end();
    const Xapian::termcount wdf = std::max(e.mentions, 1u) + (headline ? title_wdf - 1 : 0);
    doc.add_term(schema::bounded_term(schema::entity_prefix, lowered), wdf);
    if (!entity_names.empty()) entity_names += '\n';
    entity_names += e.name;
  }
  if (!entity_names.empty()) doc.add_value(schema::entities_slot, entity_names);

  built.id = a.id;
  built.id_term = schema::id_term(a.id);
  doc.add_boolean_term(built.id_term);
  // The fields present, as one term naming the set ("XFtitle,body,source"): stats sum them by
  // field, and one term an article costs the writer a fifth of one term a field.
  std::string fields(schema::field_prefix);
  fields += "title";
  if (!a.body.empty()) fields += ",body";
  if (!a.source.empty()) {
    doc.add_boolean_term(schema::bounded_term(schema::source_prefix, lower_ascii(a.source)));
    fields += ",source";
    doc.add_value(schema::source_slot, a.source);
  }
  if (!a.url.empty()) fields += ",url";
  if (!a.language.empty()) {
    doc.add_boolean_term(std::string(schema::language_prefix) + lower_ascii(a.language));
  }
  if (a.date.size() == 10) {
    std::string ymd = a.date.substr(0, 4) + a.date.substr(5, 2) + a.date.substr(8, 2);
    doc.add_boolean_term(std::string(schema::year_prefix) + ymd.substr(0, 4));
    doc.add_boolean_term(std::string(schema::month_prefix) + ymd.substr(0, 6));
    doc.add_boolean_term(std::string(schema::day_prefix) + ymd);
    fields += ",date";
    if (auto days = days_since_epoch(a.date))
      doc.add_value(schema::date_slot, Xapian::sortable_serialise(static_cast<double>(*days)));
    doc.add_value(schema::year_slot, a.date.substr(0, 4));
    doc.add_value(schema::month_slot, a.date.substr(0, 7));
  }
  doc.add_boolean_term(fields);

  // The content hash covers every field, encoded as schema version 1 stored them, so an unchanged
  // article in a version 1 collection is still recognised as unchanged.
  const std::string whole = encode_stored_article(a);
  // The entity names again, in the summary: a hit then reads one value slot, not two.
  doc.add_value(schema::summary_slot, encode_summary(a, entity_names));
  // Stored data, plus positions (about one a 6-byte word, 8 bytes each) and about 32 bytes a
  // distinct term in the writer's buffers.
  built.memory =
      whole.size() + (a.title.size() + a.body.size()) * 4 / 3 + 32 * doc.termlist_count();
  built.content_hash = content_hash(whole);
  doc.add_value(schema::hash_slot, built.content_hash);
  // The article deflated here, on the analysis threads, rather than by Xapian on the one writer
  // thread, without the fields the summary holds (a reuters21578 index 1.2 MB smaller); the
  // document data keeps only the id (schema.hpp says why).
  doc.add_value(schema::article_slot,
                pack_stored_article(encode_stored_article(a, StoredFields::beyond_summary)));
  doc.set_data(encode_document_data(a.id));
  return built;
}

} // namespace newsdex::detail
