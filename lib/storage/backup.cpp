// backup: each shard compacted from a reader into a new collection of its own.
#include <newsdex/backup.hpp>
#include <newsdex/error.hpp>

#include "storage/boundary.hpp"
#include "storage/collection.hpp"
#include "storage/compaction_level.hpp"
#include "storage/partitions.hpp"
#include "storage/read_pin.hpp"
#include "storage/xapian_errors.hpp"

#include <xapian.h>

#include <filesystem>

namespace newsdex {
namespace fs = std::filesystem;

static BackupSummary backup_of(const std::string& collection, const std::string& destination) {
  const detail::CollectionLayout layout = detail::read_layout(collection);
  if (!layout.exists)
    throw Error(Error::Code::database_missing, "no collection here", {collection, 0, 0});
  if (!layout.remotes.empty())
    throw Error(Error::Code::usage,
                "the collection has remote shards: back them up on their own hosts",
                {collection, 0, 0});
  if (fs::exists(destination) || fs::exists(detail::generations_dir(destination)))
    throw Error(Error::Code::usage, "the backup's destination already exists", {destination, 0, 0});
  BackupSummary summary;
  const auto n = static_cast<unsigned>(layout.shards.size());
  const bool partitioned = layout.partition != detail::PartitionScheme::none;
  for (unsigned k = 0; k < n; ++k) {
    // A partitioned collection's backup is partitioned alike: each shard keeps its period.
    const std::string out = partitioned
                                ? detail::partition_shard_path(destination, 1, layout.periods[k],
                                                               k % layout.shards_per_period)
                                : detail::shard_path(destination, 1, k);
    // A reader sees one committed revision, which the pin keeps newsdex's writers off
    // (read_pin.hpp). Another writer that commits twice while the copy runs invalidates it
    // (DatabaseModifiedError), and the copy of that shard starts again.
    for (int attempt = 1;; ++attempt) {
      try {
        const detail::ReadPin pin(layout.shards[k]);
        std::error_code ec;
        fs::remove_all(out, ec);
        fs::create_directories(fs::path(out).parent_path(), ec);
        if (ec)
          throw Error(Error::Code::io, "cannot create the backup: " + ec.message(),
                      {destination, 0, 0});
        Xapian::Database(layout.shards[k]).compact(out, detail::compaction_level);
        summary.documents += Xapian::Database(out).get_doccount();
        break;
      } catch (const Xapian::DatabaseModifiedError& e) {
        if (attempt >= 20) detail::rethrow_xapian(e, collection);
      } catch (const Xapian::Error& e) {
        detail::rethrow_xapian(e, collection);
      }
    }
  }
  if (partitioned) {
    std::vector<std::string> where;
    for (unsigned k = 0; k < n; ++k)
      where.push_back(detail::partition_shard_path(destination, 1, layout.periods[k],
                                                   k % layout.shards_per_period));
    detail::publish_partitioned_stub(destination, layout.partition, layout.shards_per_period,
                                     where);
  } else {
    detail::publish_stub(destination, 1, n);
  }
  summary.shards = n;
  summary.bytes = detail::collection_disk_size(destination);
  return summary;
}

// Only newsdex::Error leaves it (error.hpp).
BackupSummary backup(const std::string& collection, const std::string& destination) {
  return detail::at_boundary(collection, [&] { return backup_of(collection, destination); });
}

} // namespace newsdex
