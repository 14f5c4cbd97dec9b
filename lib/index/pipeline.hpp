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
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace newsdex::detail {

struct EntityTables;

/// Calls options.progress (when set); an exception it throws becomes a CallerError
/// (storage/boundary.hpp), which the Indexer's boundary rethrows as it was.
void report_progress(const IndexOptions& options, const IndexProgress& progress);

/// Indexes `inputs` into `targets`, routing each article by fnv1a64(id) mod
/// targets.size(); a writer commits every `batch_docs` documents or
/// `options.batch_megabytes`. Every writer commits what it was given, even when
/// another failed; the first error is rethrown. The parallel stage runs in a task_arena of
/// `options.threads` (0: all cores), so the limit never applies to the rest of the process.
/// The items between the stages are owned by the run, not by oneTBB's tokens, so a run cancelled
/// by an exception frees the items in flight.
IndexSummary run_pipeline(const std::vector<std::string>& inputs,
                          const std::vector<Target*>& targets, std::size_t batch_docs,
                          const IndexOptions& options, const Analyzer& analyzer,
                          const std::shared_ptr<const EntityTables>& entities);

/// As run_pipeline, but each analyzed article is handed to `write`, in input order, on the route
/// stage's thread, which is then the one writer: for a time-partitioned collection, whose writer
/// must see every shard (an id whose date changed is removed from its old period's shard) and
/// creates a period's shards when its first article arrives. `write` returns false for an
/// unchanged article; an exception it throws ends the run and is rethrown.
IndexSummary run_pipeline_routed(const std::vector<std::string>& inputs,
                                 const IndexOptions& options, const Analyzer& analyzer,
                                 const std::shared_ptr<const EntityTables>& entities,
                                 const std::function<bool(BuiltDocument&)>& write);

} // namespace newsdex::detail
