#include "eval/plain_xapian.hpp"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <fstream>
#include <stdexcept>

namespace newsdex::eval {

void build_plain_xapian(const std::string& docs_jsonl, const std::string& db_path) {
  std::ifstream in(docs_jsonl, std::ios::binary);
  if (!in) throw std::runtime_error(docs_jsonl + ": cannot open");
  Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("en"));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  std::size_t line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    if (line.empty()) continue;
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception& e) {
      throw std::runtime_error(docs_jsonl + ":" + std::to_string(line_number) + ": " + e.what());
    }
    const std::string id = j.value("id", "");
    Xapian::Document doc;
    generator.set_document(doc);
    generator.index_text(j.value("title", ""));
    generator.increase_termpos();
    generator.index_text(j.value("body", ""));
    doc.set_data(id);
    doc.add_boolean_term("Q" + id);
    db.replace_document("Q" + id, doc);
  }
  db.commit();
}

Run run_plain_xapian(const std::string& db_path, const std::vector<JudgedQuery>& queries,
                     std::size_t depth) {
  Xapian::Database db(db_path);
  Xapian::QueryParser parser;
  parser.set_stemmer(Xapian::Stem("en"));
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_database(db);
  Run run;
  for (const auto& query : queries) {
    Xapian::Enquire enquire(db);
    Xapian::Query parsed;
    try {
      parsed = parser.parse_query(query.text);
    } catch (const Xapian::QueryParserError&) {
      // What a user of plain Xapian gets for a query its syntax refuses: the words, unparsed.
      parsed = parser.parse_query(query.text, 0);
    }
    enquire.set_query(parsed);
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(depth));
    if (mset.empty()) continue;
    auto& entries = run[query.qid];
    for (auto it = mset.begin(); it != mset.end(); ++it)
      entries.push_back(RunEntry{it.get_document().get_data(), it.get_weight()});
  }
  return run;
}

} // namespace newsdex::eval
