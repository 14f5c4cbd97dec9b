// Time partitions: a collection created with `newsdex init --partition month|year` keeps each
// period's articles in shards of their own, so a closed period is compacted once and rarely
// rewritten, and a date-restricted query reads only the shards whose period can match.
//
// Routing (part of the format, like shard_of): an article's period comes from its date value
// (schema::date_slot, days since 1970-01-01): "YYYY-MM" by month, "YYYY" by year; an article
// without one goes to the period "undated". Within a period, shard fnv1a64(id) mod N, N the
// collection's shards per period (`--shards`, default 1).
//
// On disk the scheme is a comment line of the stub, and each shard's period is its directory:
//
//   # newsdex.partition month 2        scheme and shards per period
//   auto PATH.d/gG/undated/s0          always present, first: the shard whose metadata a
//   auto PATH.d/gG/undated/s1          multi-database reads (the manifest, the schema)
//   auto PATH.d/gG/1987-03/s0          then each period, oldest first, its N shards in order
//   auto PATH.d/gG/1987-03/s1
//
// Compaction rewrites only the shards changed since they were last compacted; the others stay
// in the generation that wrote them, which the stub then still names (mark_compacted).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::detail {

enum class PartitionScheme { none, month, year };

/// "month" -> month, "year" -> year, "none" or "" -> none; anything else: std::nullopt.
std::optional<PartitionScheme> partition_scheme_from_string(std::string_view name);
/// "none", "month" or "year".
std::string_view to_string(PartitionScheme scheme);

/// The period of the articles without a (valid) date.
inline constexpr std::string_view undated_period = "undated";

/// The civil date ("YYYY-MM-DD") of a day number (days since 1970-01-01, may be negative).
std::string date_of_day(long days);
/// The day number a date value stores (schema::date_slot, sortable_serialise'd); std::nullopt for
/// an empty value or one that is not a whole number of days.
std::optional<long> day_of_date_value(const std::string& value);

/// The period of a day: "YYYY-MM" (month) or "YYYY" (year); undated_period for std::nullopt.
/// Only for a scheme other than none.
std::string period_of_day(std::optional<long> days, PartitionScheme scheme);
/// The period of an ISO date ("YYYY-MM-DD"); undated_period when it is not a valid date.
std::string period_of_date(std::string_view iso_date, PartitionScheme scheme);

/// The first and last day of a period (inclusive); std::nullopt for undated_period and for text
/// that is no period of the scheme.
std::optional<std::pair<long, long>> period_days(std::string_view period, PartitionScheme scheme);
/// True when `period` is undated_period or a well-formed period of `scheme`.
bool valid_period(std::string_view period, PartitionScheme scheme);

/// Orders periods as the stub lists them: undated first, then oldest to newest.
bool period_before(std::string_view a, std::string_view b);

/// Where an article goes: its period, and its shard within the period.
struct PartitionKey {
  std::string period;
  unsigned shard = 0; ///< fnv1a64(id) mod shards-per-period
  bool operator==(const PartitionKey&) const = default;
};
PartitionKey partition_of(std::string_view id, std::optional<long> days, PartitionScheme scheme,
                          unsigned shards_per_period);

/// The days a query's matches can be dated in, found from its date ranges (value ranges on
/// schema::date_slot): `limited` means only articles dated within [first, last] can match (so no
/// undated one); first > last means nothing can. Conservative: any part it cannot read leaves the
/// query unlimited, which opens every shard.
struct DateBounds {
  bool limited = false;
  double first = 0, last = 0;
};
DateBounds date_bounds(const Xapian::Query& query);

/// True when an article of `period` can match a query with these bounds.
bool period_can_match(std::string_view period, PartitionScheme scheme, const DateBounds& bounds);

/// PATH.d/gG/PERIOD/sK
std::string partition_shard_path(const std::string& path, unsigned generation,
                                 std::string_view period, unsigned shard);

/// Writes the stub of a partitioned collection: the scheme line, then one line for each of
/// `shards` (paths under PATH.d, in stub order: the undated period's first, then each period's
/// `shards_per_period`, oldest first), which may lie in different generations (a compaction keeps
/// a shard that is already compact where it is). Published atomically, as publish_stub does.
void publish_partitioned_stub(const std::string& path, PartitionScheme scheme,
                              unsigned shards_per_period, const std::vector<std::string>& shards);

/// A shard a compaction made, or kept because it was still as that compaction left it: the file
/// in the shard's directory recording the revision it had then (compact_marker). A shard whose
/// revision is still that one is not rewritten by the next compaction: a closed period is
/// compacted once.
inline constexpr std::string_view compact_marker = "newsdex-compacted";
/// Records `revision` as the shard's compacted revision.
void mark_compacted(const std::string& shard, std::uint64_t revision);
/// True when the shard's marker records `revision`.
bool still_compacted(const std::string& shard, std::uint64_t revision);

/// The stub's comment line naming the scheme: "# newsdex.partition ".
inline constexpr std::string_view partition_line = "# newsdex.partition ";

/// Readers and writers of a partitioned collection hold every shard open, each several file
/// descriptors: raises the soft RLIMIT_NOFILE (up to the hard limit) when `shards` would come
/// close to it, and says so in the log. Never lowers it.
void allow_open_shards(std::size_t shards);

/// When `e` says the process ran out of file descriptors (EMFILE), throws Error(database) saying
/// so, with the shard count and the limit; returns otherwise (the caller translates `e` as usual).
void throw_if_out_of_files(const Xapian::Error& e, const std::string& path, std::size_t shards);

/// File descriptors a reader holds for one glass shard once every table has been read (measured,
/// docs/SCALE.md): what allow_open_shards counts with.
inline constexpr std::size_t descriptors_per_shard = 6;

} // namespace newsdex::detail
