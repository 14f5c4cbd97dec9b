// search_facets DB QUERY...: a ranked search with facet counts.
//
// The read side of libnewsdex: a Searcher runs a query in newsdex's query language (docs/QUERY.md)
// and returns the best hits, each with a snippet whose matched words are marked, and facets:
// how many of *all* matching articles have each source, year and entity.
#include <newsdex/newsdex.hpp>

#include <iomanip>
#include <iostream>
#include <string>

namespace {

// Hit::highlights are byte ranges of Hit::snippet, in order and not overlapping (a compound word
// such as "pre-2014" is one range with its parts): the words that matched, found by the same
// analyzer that indexed them. Here they are marked with [brackets].
std::string marked(const newsdex::Hit& hit) {
  std::string out;
  std::size_t at = 0;
  for (const newsdex::Highlight& h : hit.highlights) {
    out.append(hit.snippet, at, h.begin - at).append("[");
    out.append(hit.snippet, h.begin, h.end - h.begin).append("]");
    at = h.end;
  }
  return out.append(hit.snippet, at);
}

// Fields a source did not provide are empty strings.
std::string or_dash(const std::string& field) {
  return field.empty() ? "-" : field;
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: search_facets DB QUERY...\n";
    return 2;
  }
  // The words are one query, as the newsdex CLI joins them: `NATO '"defense spending"'`.
  std::string query = argv[2];
  for (int i = 3; i < argc; ++i) query.append(" ").append(argv[i]);

  try {
    // No analyzer options: the Searcher analyzes the query exactly as the collection records it
    // was indexed (language, variants, entity aliases), so both sides agree on what a word is.
    newsdex::Searcher searcher(argv[1]);

    newsdex::SearchRequest request;
    request.query = query;
    request.limit = 5;
    request.facets = {newsdex::FacetKind::source, newsdex::FacetKind::year,
                      newsdex::FacetKind::entity};
    request.facet_limit = 5; // the five most frequent values of each facet
    const newsdex::SearchResults results = searcher.search(request);

    // A malformed query (an unbalanced quote, say) is repaired rather than refused, unless
    // request.strict is set; the warnings say what was done, with the query column.
    for (const newsdex::QueryWarning& w : results.warnings)
      std::cerr << "query column " << w.column << ": " << w.message << '\n';

    std::cout << "about " << results.total_estimate << " matches for: " << results.query << '\n';
    for (const newsdex::Hit& hit : results.hits) {
      std::cout << hit.rank << ". " << std::fixed << std::setprecision(3) << hit.score << "  "
                << hit.title << "  (" << or_dash(hit.source) << ", " << or_dash(hit.date) << ", "
                << hit.id << ")\n   " << marked(hit) << '\n';
    }
    if (!results.suggestion.empty()) std::cout << "did you mean: " << results.suggestion << '\n';

    // One Facet per requested kind, in the order requested, most frequent value first.
    for (const newsdex::Facet& facet : results.facets) {
      std::cout << "facet " << newsdex::to_string(facet.kind) << ":";
      for (const newsdex::FacetValue& v : facet.values)
        std::cout << "  " << v.value << " (" << v.count << ")";
      std::cout << '\n';
    }
    return results.hits.empty() ? 1 : 0; // as `newsdex search`: 1 when nothing matched
  } catch (const newsdex::Error& e) {
    // E.g. Error::Code::database_missing for a DB that does not exist, with the path in what().
    std::cerr << "search_facets: " << e.what() << '\n';
    return e.code() == newsdex::Error::Code::query_syntax ? 2 : 3;
  }
}
