// Removing documents: by id (one shard holds it) and by query (parsed as a search parses it, but
// with every word required, matched shard by shard, each by its own writer).
#include "index/indexer_impl.hpp"

#include <newsdex/schema.hpp>

#include "query/matcher.hpp"
#include "query/query_parser.hpp"
#include "schema/stored_fields.hpp"
#include "storage/xapian_errors.hpp"

#include <xapian.h>

namespace newsdex {
namespace {

// True when `q` matches documents by what they lack alone (a MatchAll that no positive part
// narrows): "-sport" becomes MatchAll AND_NOT sport, which would delete nearly everything; so
// would "nato OR -sport". "nato -sport" (AND_NOT with a positive left side) is bounded.
bool unbounded(const Xapian::Query& q) {
  using Q = Xapian::Query;
  const auto op = q.get_type();
  if (op == Q::LEAF_MATCH_ALL) return true;
  const std::size_t n = q.get_num_subqueries();
  if (n == 0) return false; // a term, a value range, MatchNothing
  switch (op) {
  case Q::OP_AND:
  case Q::OP_FILTER:
  case Q::OP_NEAR:
  case Q::OP_PHRASE: // every part must match: bounded when one part is
    for (std::size_t i = 0; i < n; ++i)
      if (!unbounded(q.get_subquery(i))) return false;
    return true;
  case Q::OP_AND_NOT:
  case Q::OP_AND_MAYBE:
    return unbounded(q.get_subquery(0)); // the others only remove or reweight
  default: // OR, XOR, SYNONYM, MAX, ELITE_SET, SCALE_WEIGHT, ...: any part alone matches
    for (std::size_t i = 0; i < n; ++i)
      if (unbounded(q.get_subquery(i))) return true;
    return false;
  }
}

} // namespace

// The shards that may hold an id: the one its hash names, or, in a partitioned collection, any
// (the period depends on the article's date, which only the stored document knows).
std::vector<detail::Target*> Indexer::Impl::holders(std::string_view id) const {
  std::vector<detail::Target*> out;
  if (!partitioned()) {
    out.push_back(shards[detail::shard_of(id, shard_count())].get());
    return out;
  }
  for (const auto& t : shards) out.push_back(t.get());
  return out;
}

bool Indexer::Impl::remove(std::string_view id) {
  const std::string term = schema::id_term(id);
  bool removed = false;
  for (detail::Target* t : holders(id)) {
    removed = detail::translate_xapian(path,
                                       [&] {
                                         if (!t->db.term_exists(term)) return false;
                                         t->db.delete_document(term);
                                         ++t->uncommitted_docs;
                                         t->dirty = true;
                                         return true;
                                       }) ||
              removed;
  }
  return removed;
}

bool Indexer::Impl::contains(std::string_view id) const {
  const std::string term = schema::id_term(id);
  for (const detail::Target* t : holders(id))
    if (detail::translate_xapian(path, [&] { return t->db.term_exists(term); })) return true;
  return false;
}

Xapian::Query Indexer::Impl::delete_query(const std::string& query) {
  refuse_if_created_empty();
  // Parsed as a search parses it (strictly), against the whole collection so a wildcard expands
  // as it does for a search, but with every word required: a search ranks away an article that
  // has one word of "nato budget"; a delete would remove it.
  Xapian::Database whole;
  for (const auto& t : shards) whole.add_database(t->db);
  detail::QueryParserOptions qo;
  qo.strict = true;
  qo.explain = false;
  qo.match = MatchMode::all;
  qo.database = &whole;
  detail::ParsedQuery parsed =
      detail::translate_xapian(path, [&] { return detail::parse_query(query, analyzer, qo); });
  if (unbounded(parsed.query))
    throw Error(Error::Code::usage,
                "the delete query has nothing positive to match ('" + query +
                    "' would delete every article but the excluded ones): name a word or field "
                    "the articles to delete have");
  return parsed.query;
}

std::uint64_t Indexer::Impl::remove_matching(const std::string& query) {
  refuse_if_created_empty(); // before the commit, which would publish it
  commit();
  const Xapian::Query q = delete_query(query);
  std::uint64_t removed = 0;
  for (auto& t : shards) {
    detail::translate_xapian(path, [&] {
      for (Xapian::docid id : detail::matching_documents(t->db, q)) {
        t->db.delete_document(id);
        ++t->uncommitted_docs;
        t->dirty = true;
        ++removed;
      }
    });
  }
  commit();
  return removed;
}

std::vector<std::string> Indexer::Impl::ids_matching(const std::string& query) {
  const Xapian::Query q = delete_query(query);
  std::vector<std::string> ids;
  for (auto& t : shards) {
    detail::translate_xapian(path, [&] {
      for (Xapian::docid id : detail::matching_documents(t->db, q))
        ids.push_back(detail::stored_id(t->db.get_document(id)));
    });
  }
  return ids;
}

} // namespace newsdex
