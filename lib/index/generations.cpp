// Compaction and reindex: both write the next generation beside the current one
// and publish it by renaming a new stub over PATH while holding the write lock,
// so readers opened before keep the previous generation, which stays until the
// next swap.
#include "index/indexer_impl.hpp"

#include <newsdex/reader.hpp>
#include <newsdex/schema.hpp>

#include "index/files.hpp"
#include "index/pipeline.hpp"
#include "storage/compaction_level.hpp"
#include "storage/partitions.hpp"
#include "storage/stored_articles.hpp"
#include "storage/xapian_errors.hpp"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace newsdex {

namespace fs = std::filesystem;

IndexSummary Indexer::Impl::reindex(const std::optional<AnalyzerOptions>& given) {
  refuse_if_created_empty();
  if (remote)
    throw Error(Error::Code::usage,
                "reindex needs the shards' files and they are remote: export the articles "
                "(newsdex export) and index them into a new collection",
                {path, 0, 0});
  if (!layout.stub || layout.generation == 0)
    throw Error(Error::Code::usage,
                "reindex needs a collection created by newsdex (a stub file naming its "
                "generations)",
                {path, 0, 0});
  commit();
  const std::string dump = detail::generations_dir(path) + "/reindex.jsonl";
  detail::translate_xapian(path, [&] {
    std::ofstream out(dump, std::ios::binary | std::ios::trunc);
    Xapian::Database all;
    for (const auto& t : shards) all.add_database(t->db);
    detail::for_each_stored_article(all, nullptr,
                                    [&](const Article& a) { out << article_to_json(a) << '\n'; });
    out.flush();
    if (!out)
      throw Error(Error::Code::io, "cannot write the articles to rebuild from", {dump, 0, 0});
  });
  if (given) {
    use_analyzer(Analyzer(*given));
    manifest = detail::manifest_for(*given);
    manifest.schema_version = schema::version;
  }
  // The new generation's databases are fresh: every article is written, none
  // compared with what the old generation stores.
  IndexSummary summary;
  try {
    summary = partitioned() ? rebuild_partitioned({dump}) : run_fresh({dump});
  } catch (...) {
    detail::remove_quietly(dump);
    throw;
  }
  detail::remove_quietly(dump);
  stale_analysis.reset(); // every shard is now this analyzer's
  return summary;
}

// A partitioned collection's reindex: its articles routed again, by the one writer, into the
// periods of the next generation, which is published when complete. The current generation's
// shards stay open meanwhile: their locks are the collection's, and a failure puts them back.
IndexSummary Indexer::Impl::rebuild_partitioned(const std::vector<std::string>& inputs) {
  const unsigned previous = layout.generation;
  const unsigned next = previous + 1;
  const std::string dir = detail::generations_dir(path) + "/g" + std::to_string(next);
  const std::vector<std::string> replaced = layout.shards;
  detail::remove_quietly(dir);
  detail::translate_xapian(path, [&] { fs::create_directories(dir); });
  std::ofstream(dir + "/" + unpublished_mark); // a writer killed before publishing left it
  std::vector<std::unique_ptr<detail::Target>> current = std::move(shards);
  std::vector<std::string> current_periods = std::move(periods);
  IndexSummary summary;
  try {
    building = next;
    shards.clear();
    periods.assign(per_period, std::string(detail::undated_period));
    for (unsigned k = 0; k < per_period; ++k) {
      auto t = std::make_unique<detail::Target>();
      t->path = shard_dir(next, k);
      t->fresh = true;
      detail::translate_xapian(path, [&] {
        fs::create_directories(fs::path(t->path).parent_path());
        t->db = Xapian::WritableDatabase(t->path, Xapian::DB_CREATE_OR_OVERWRITE);
      });
      shards.push_back(std::move(t));
      prepare(*shards.back(), place_of(k));
    }
    summary = detail::run_pipeline_routed(
        inputs, options, analyzer, entities,
        [&](detail::BuiltDocument& built) { return write_partitioned(built); });
    for (auto& t : shards) t->commit();
    for (auto& t : shards) detail::fsync_tree(t->path);
    fs::remove(dir + "/" + unpublished_mark);
    building = 0;
    publish(next);
  } catch (...) {
    building = 0;
    shards = std::move(current); // closes the new generation's shards first
    periods = std::move(current_periods);
    detail::remove_quietly(dir);
    throw;
  }
  current.clear(); // the replaced generation: readers may hold it until the next swap
  std::vector<std::string> in_use = layout.shards;
  in_use.insert(in_use.end(), replaced.begin(), replaced.end());
  remove_generations_before(previous, in_use);
  return summary;
}

// Generations older than `keep` (readers may still hold `keep` itself), except the shards in
// them that `in_use` names: a partitioned collection's compaction leaves a shard it did not
// rewrite where it was, and the stub just replaced may name such shards still.
void Indexer::Impl::remove_generations_before(unsigned keep,
                                              const std::vector<std::string>& in_use) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(detail::generations_dir(path), ec)) {
    std::string name = e.path().filename().string();
    if (name.size() < 2 || name[0] != 'g' ||
        name.find_first_not_of("0123456789", 1) != std::string::npos)
      continue;
    unsigned g = 0;
    try {
      g = static_cast<unsigned>(std::stoul(name.substr(1)));
    } catch (const std::exception&) {
      continue;
    }
    if (g >= keep) continue;
    const std::string dir = e.path().string() + "/";
    const bool holds = std::any_of(in_use.begin(), in_use.end(),
                                   [&](const std::string& s) { return s.rfind(dir, 0) == 0; });
    if (!holds) {
      detail::remove_quietly(e.path().string());
      continue;
    }
    // gG/PERIOD/sK: each shard directory not in use goes, then each period left empty.
    for (const auto& period : fs::directory_iterator(e.path(), ec)) {
      for (const auto& shard : fs::directory_iterator(period.path(), ec))
        if (std::find(in_use.begin(), in_use.end(), shard.path().string()) == in_use.end())
          detail::remove_quietly(shard.path().string());
      fs::remove(period.path(), ec); // only when empty
    }
  }
}

void Indexer::Impl::compact() {
  refuse_if_created_empty();
  if (remote)
    throw Error(Error::Code::usage,
                "compact needs the shards' files and they are remote: run xapian-compact on "
                "each shard's host",
                {path, 0, 0});
  if (!layout.stub || layout.generation == 0)
    throw Error(Error::Code::usage,
                "compact needs a collection created by newsdex (a stub file naming its "
                "generations); this is a bare database directory: use xapian-compact",
                {path, 0, 0});
  commit();
  const unsigned n = shard_count();
  const unsigned next = layout.generation + 1;
  // Both generations are open at once until the new one is published: a partitioned collection's
  // many shards can need twice the open files its writer needs.
  if (partitioned()) detail::allow_open_shards(2 * static_cast<std::size_t>(n));
  const std::string gens = detail::generations_dir(path);
  detail::remove_quietly(gens + "/g" + std::to_string(next));
  std::vector<std::unique_ptr<detail::Target>> fresh(n);
  std::vector<bool> kept(n, false);
  for (unsigned k = 0; k < n; ++k) {
    // A partitioned collection's shard still as the last compaction left it (a closed period)
    // stays where it is: it is compacted once, not at every compaction.
    if (partitioned() &&
        detail::still_compacted(shards[k]->path, detail::translate_xapian(path, [&] {
                                  return shards[k]->db.get_revision();
                                }))) {
      kept[k] = true;
      continue;
    }
    const std::string out = shard_dir(next, k);
    detail::translate_xapian(path, [&] {
      fs::create_directories(fs::path(out).parent_path());
      Xapian::Database(shards[k]->path).compact(out, detail::compaction_level);
    });
    detail::fsync_tree(out);
    auto t = std::make_unique<detail::Target>();
    t->path = out;
    // Lock the new generation before publishing it: no other writer can slip in
    // between.
    detail::translate_xapian(path, [&] { t->db = Xapian::WritableDatabase(out, Xapian::DB_OPEN); });
    if (partitioned())
      detail::mark_compacted(out,
                             detail::translate_xapian(path, [&] { return t->db.get_revision(); }));
    fresh[k] = std::move(t);
  }
  const unsigned previous = layout.generation;
  const std::vector<std::string> replaced = layout.shards; // what readers opened before may hold
  // The new set in place for publish() (which names each shard where it is); the replaced
  // shards are closed once it is published, or put back when it cannot be.
  for (unsigned k = 0; k < n; ++k)
    if (kept[k]) fresh[k] = std::move(shards[k]);
  std::swap(shards, fresh);
  try {
    publish(next);
  } catch (...) {
    std::swap(shards, fresh);
    for (unsigned k = 0; k < n; ++k)
      if (kept[k]) shards[k] = std::move(fresh[k]);
    throw;
  }
  fresh.clear();
  // Readers that opened the previous generation keep reading it; anything older
  // goes, but for the shards the new stub or the replaced one names.
  std::vector<std::string> in_use = layout.shards;
  in_use.insert(in_use.end(), replaced.begin(), replaced.end());
  remove_generations_before(previous, in_use);
}

} // namespace newsdex
