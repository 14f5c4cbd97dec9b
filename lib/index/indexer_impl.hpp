// Indexer::Impl: the state of one writer of a collection, shared by the files
// that each do one of its jobs, so that none of them needs the others'
// internals:
//   collection_writer.cpp  open (or create) the collection, check and record
//   its build, commit,
//                          publish;
//   fresh_build.cpp        a run: into the collection's shards, or a fresh
//   build through
//                          temporary databases compacted into the next
//                          generation;
//   generations.cpp        compaction and reindex, which swap in a new
//   generation; delete.cpp             removing documents by id or by query.
// The pipeline and the writer threads (pipeline.hpp, writer.hpp) know nothing
// of a collection.
#pragma once

#include <newsdex/analyzer.hpp>
#include <newsdex/indexer.hpp>

#include "index/document_builder.hpp"
#include "index/writer.hpp"
#include "storage/collection.hpp"
#include "storage/manifest.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

struct Indexer::Impl {
  std::string path;
  IndexOptions options;
  Analyzer analyzer;
  detail::CollectionLayout layout;
  std::vector<std::unique_ptr<detail::Target>>
      shards;             ///< the writers of the collection, one a shard
  bool created = false;   ///< the collection did not exist: it lives in
                          ///< PATH.d/g1, unpublished
  bool published = true;  ///< PATH names the current shards
  bool abandoned = false; ///< a fresh build failed: never publish what is left

  detail::Manifest manifest; ///< what every shard records: how the collection is built

  Impl(const std::string& p, IndexOptions o);

  unsigned shard_count() const { return static_cast<unsigned>(shards.size()); }

  // collection_writer.cpp
  void prepare(detail::Target& t, unsigned k, unsigned n);
  void open();
  bool open_new();
  void publish(unsigned generation);
  void commit();
  bool write_one(detail::BuiltDocument& built);
  bool nothing_written() const;

  // fresh_build.cpp
  unsigned auto_writers() const;
  IndexSummary run(const std::vector<std::string>& inputs);
  IndexSummary run_fresh(const std::vector<std::string>& inputs);

  // generations.cpp
  IndexSummary reindex(const std::optional<AnalyzerOptions>& given);
  void remove_generations_before(unsigned keep);
  void compact();

  // delete.cpp
  bool remove(std::string_view id);
  std::uint64_t remove_matching(const std::string& query);
};

} // namespace newsdex
