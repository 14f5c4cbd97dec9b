// The index pipeline over a set of target databases: read (serial, in order) ->
// parse + analyze (parallel, oneTBB) -> route (serial, in order) -> one
// WriterThread per target. Apart from the collection because it does not care
// what the targets are: a collection's shards or a fresh build's temporary
// databases.
#pragma once

#include <newsdex/analyzer.hpp>
#include <newsdex/indexer.hpp>

#include "index/writer.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace newsdex::detail {

/// Indexes `inputs` into `targets`, routing each article by fnv1a64(id) mod
/// targets.size(); a writer commits every `batch_docs` documents or
/// `options.batch_megabytes`. Every writer commits what it was given, even when
/// another failed; the first error is rethrown.
IndexSummary run_pipeline(const std::vector<std::string>& inputs,
                          const std::vector<Target*>& targets, std::size_t batch_docs,
                          const IndexOptions& options, const Analyzer& analyzer);

} // namespace newsdex::detail
