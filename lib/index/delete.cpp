// Removing documents: by id (one shard holds it) and by query (parsed as a
// search parses it, matched shard by shard, each by its own writer).
#include "index/indexer_impl.hpp"

#include <newsdex/schema.hpp>

#include "query/matcher.hpp"
#include "query/query_parser.hpp"
#include "storage/xapian_errors.hpp"

#include <xapian.h>

namespace newsdex {

bool Indexer::Impl::remove(std::string_view id) {
  detail::Target& t = *shards[detail::shard_of(id, shard_count())];
  return detail::translate_xapian(path, [&] {
    std::string term = schema::id_term(id);
    if (!t.db.term_exists(term)) return false;
    t.db.delete_document(term);
    ++t.uncommitted_docs;
    t.dirty = true;
    return true;
  });
}

std::uint64_t Indexer::Impl::remove_matching(const std::string& query) {
  commit();
  // Parsed as a search parses it (strictly), against the whole collection so a
  // wildcard expands as it does for a search; matched shard by shard, each by
  // its own writer.
  detail::ParsedQuery parsed;
  detail::translate_xapian(path, [&] {
    Xapian::Database whole = detail::open_collection(path);
    detail::QueryParserOptions qo;
    qo.strict = true;
    qo.explain = false;
    qo.database = &whole;
    parsed = detail::parse_query(query, analyzer, qo);
  });
  std::uint64_t removed = 0;
  for (auto& t : shards) {
    detail::translate_xapian(path, [&] {
      for (Xapian::docid id : detail::matching_documents(t->db, parsed.query)) {
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

} // namespace newsdex
