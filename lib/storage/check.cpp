// check_collection: the stub, each local shard's tables (Xapian's own check) and the manifests.
#include <newsdex/check.hpp>
#include <newsdex/error.hpp>
#include <newsdex/schema.hpp>

#include "storage/collection.hpp"
#include "storage/manifest.hpp"
#include "storage/partitions.hpp"
#include "storage/read_pin.hpp"

#include <xapian.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace newsdex {
namespace {

namespace fs = std::filesystem;

// "K/N" in every shard newsdex writes: where the shard belongs in its collection.
constexpr std::string_view meta_shard = "newsdex.shard";

// Xapian's check prints "NAME:" before the report on each table.
bool is_table_header(const std::string& line) {
  if (line.size() < 2 || line.back() != ':') return false;
  for (std::size_t i = 0; i + 1 < line.size(); ++i)
    if (line[i] < 'a' || line[i] > 'z') return false;
  return true;
}

// The lines a healthy table's report is made of (with opts 0).
bool is_healthy_line(const std::string& line) {
  return line.empty() || line.find("table structure checked OK") != std::string::npos ||
         line.find("Lazily created") != std::string::npos ||
         line.find("Full structure check not implemented") != std::string::npos ||
         line.find("Continuing check anyway") != std::string::npos ||
         line.rfind("Database couldn't be opened for reading", 0) == 0;
}

struct TableReport {
  std::string last_table;                                  // the one being checked at the end
  std::vector<std::pair<std::string, std::string>> errors; // table, line
};

TableReport read_check_output(const std::string& text) {
  TableReport r;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (is_table_header(line)) {
      r.last_table = line.substr(0, line.size() - 1);
    } else if (!is_healthy_line(line)) {
      r.errors.emplace_back(r.last_table.empty() ? "shard" : r.last_table, line);
    }
  }
  return r;
}

// Xapian's check opens the tables read/write: a shard we may not write (a read-only mount, another
// user's collection) is read entry by entry instead, which reaches the blocks that hold anything
// but cannot see damage the structure check would find in, say, a B-tree's ordering.
bool check_by_reading(const std::string& shard, std::vector<CheckProblem>& problems) {
  std::string part = "shard";
  try {
    // newsdex's writers leave the revision read alone (read_pin.hpp).
    const detail::ReadPin pin(shard);
    Xapian::Database db(shard);
    part = "postlist";
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t)
      for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) (void)p.get_wdf();
    for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
      part = "docdata";
      (void)db.get_document(*d).get_data();
      part = "termlist";
      for (auto t = db.termlist_begin(*d); t != db.termlist_end(*d); ++t) {
        part = "position";
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) (void)*p;
        part = "termlist";
      }
    }
    part = "spelling";
    for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) (void)w.get_termfreq();
    part = "synonym";
    for (auto k = db.synonym_keys_begin(); k != db.synonym_keys_end(); ++k)
      for (auto v = db.synonyms_begin(*k); v != db.synonyms_end(*k); ++v) (void)*v;
    return true;
  } catch (const Xapian::Error& e) {
    problems.push_back({shard, part, std::string(e.get_type()) + ": " + e.get_msg()});
    return false;
  }
}

bool writable(const std::string& shard) {
  for (const char* table : {"postlist", "termlist", "docdata", "position"}) {
    const std::string file = shard + "/" + table + ".glass";
    if (::access(file.c_str(), F_OK) == 0 && ::access(file.c_str(), W_OK) != 0) return false;
  }
  return true;
}

// Xapian's structure check of one shard: every block of every table. False when it could not
// run (the shard is read-only) and the shard was read instead.
bool check_tables(const std::string& shard, std::vector<CheckProblem>& problems) {
  if (!writable(shard)) {
    check_by_reading(shard, problems);
    return false;
  }
  // A writer that commits twice while the check reads overwrites blocks it has yet to read:
  // newsdex's writers wait for the pin (read_pin.hpp), others make the check start again.
  for (int attempt = 1;; ++attempt) {
    std::ostringstream out;
    try {
      const detail::ReadPin pin(shard);
      const std::size_t errors = Xapian::Database::check(shard, 0, &out);
      if (errors == 0) return true;
      TableReport r = read_check_output(out.str());
      for (const auto& [table, line] : r.errors) problems.push_back({shard, table, line});
      if (r.errors.empty())
        problems.push_back({shard, "shard", std::to_string(errors) + " error(s) found"});
      return true;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt < 5) continue;
      problems.push_back({shard, "shard",
                          "the shard kept changing while it was checked: stop "
                          "the writer and check again"});
      return true;
    } catch (const Xapian::Error& e) {
      TableReport r = read_check_output(out.str());
      problems.push_back({shard, r.last_table.empty() ? "shard" : r.last_table,
                          std::string(e.get_type()) + ": " + e.get_msg()});
      return true;
    }
  }
}

// The shard's own records: its place in the collection and the manifest it holds.
struct ShardRecords {
  std::uint64_t documents = 0;
  std::string place; // "K/N" or empty
  std::string manifest;
};

std::optional<ShardRecords> read_records(const std::string& shard,
                                         std::vector<CheckProblem>& problems) {
  try {
    Xapian::Database db(shard);
    ShardRecords r;
    r.documents = db.get_doccount();
    r.place = db.get_metadata(std::string(meta_shard));
    r.manifest = db.get_metadata(std::string(schema::meta_manifest));
    return r;
  } catch (const Xapian::Error& e) {
    problems.push_back(
        {shard, "shard", "cannot be read: " + std::string(e.get_type()) + ": " + e.get_msg()});
    return std::nullopt;
  }
}

// A shard of a time-partitioned collection holds only its period's articles: the range of its
// date values (which Xapian keeps per shard) lies within the period, and the undated period's
// shards hold no date at all. An article elsewhere would be missed by date-restricted searches.
void check_period(const std::string& shard, const std::string& period,
                  detail::PartitionScheme scheme, std::vector<CheckProblem>& problems) {
  try {
    Xapian::Database db(shard);
    const std::string lo = db.get_value_lower_bound(schema::date_slot);
    const std::string hi = db.get_value_upper_bound(schema::date_slot);
    if (lo.empty() && hi.empty()) return; // no dated article
    const auto days = detail::period_days(period, scheme);
    const double first = Xapian::sortable_unserialise(lo), last = Xapian::sortable_unserialise(hi);
    if (days && static_cast<double>(days->first) <= first &&
        last <= static_cast<double>(days->second))
      return;
    problems.push_back({shard, "partition",
                        "holds articles dated outside its period " + period + " (" +
                            detail::date_of_day(static_cast<long>(first)) + " to " +
                            detail::date_of_day(static_cast<long>(last)) +
                            "): date-restricted searches miss them"});
  } catch (const Xapian::Error& e) {
    problems.push_back(
        {shard, "partition", "cannot be read: " + std::string(e.get_type()) + ": " + e.get_msg()});
  }
}

// The count the stub's "# newsdex.shards N" comment states, when it has one.
std::optional<unsigned> stated_shard_count(const std::string& stub) {
  std::ifstream in(stub);
  std::string line;
  const std::string key = "# newsdex.shards ";
  while (std::getline(in, line)) {
    if (line.rfind(key, 0) != 0) continue;
    try {
      return static_cast<unsigned>(std::stoul(line.substr(key.size())));
    } catch (const std::exception&) {
      return 0;
    }
  }
  return std::nullopt;
}

void check_stub(const std::string& path, const detail::CollectionLayout& layout,
                std::vector<CheckProblem>& problems) {
  if (layout.shards.empty() && layout.remotes.empty()) {
    problems.push_back({path, "stub", "the stub file lists no shards"});
    return;
  }
  const auto stated = stated_shard_count(path);
  const std::size_t listed = layout.shards.size() + layout.remotes.size();
  if (stated && *stated != listed)
    problems.push_back({path, "stub",
                        "the stub file states " + std::to_string(*stated) + " shard(s) but lists " +
                            std::to_string(listed)});
}

void check_manifests(const std::vector<std::pair<std::string, ShardRecords>>& read,
                     CheckReport& report) {
  std::optional<detail::Manifest> first;
  std::string first_shard;
  for (const auto& [shard, records] : read) {
    if (records.manifest.empty()) continue;
    detail::Manifest m;
    try {
      m = detail::manifest_from_json(records.manifest, shard);
    } catch (const Error& e) {
      report.problems.push_back({shard, "manifest", e.message()});
      continue;
    }
    report.manifest_recorded = true;
    if (!first) {
      first = std::move(m);
      first_shard = shard;
    } else if (!first->same_analysis(m)) {
      report.problems.push_back(
          {shard, "manifest", "records another analysis than " + first_shard + " does"});
    }
  }
}

} // namespace

CheckReport check_collection(const std::string& path) {
  CheckReport report;
  detail::CollectionLayout layout;
  try {
    layout = detail::read_layout(path);
  } catch (const Error& e) {
    report.problems.push_back({path, "stub", e.message()});
    report.ok = false;
    return report;
  }
  if (!layout.exists)
    throw Error(Error::Code::database_missing, "no collection here", {path, 0, 0});
  if (layout.stub) check_stub(path, layout, report.problems);
  report.remote_shards = static_cast<unsigned>(layout.remotes.size());

  const auto n = static_cast<unsigned>(layout.shards.size() + layout.remotes.size());
  std::vector<std::pair<std::string, ShardRecords>> records;
  for (unsigned k = 0; k < layout.shards.size(); ++k) {
    const std::string& shard = layout.shards[k];
    const std::size_t before = report.problems.size();
    bool tables_checked = false;
    std::error_code ec;
    if (!fs::is_directory(shard, ec)) {
      report.problems.push_back({shard, "shard", "the shard the stub lists is missing"});
    } else if (!fs::exists(fs::path(shard) / "iamglass", ec)) {
      report.problems.push_back(
          {shard, "iamglass", "the version file iamglass is missing: the shard cannot be opened"});
    } else {
      tables_checked = check_tables(shard, report.problems);
      if (report.problems.size() == before) {
        if (auto r = read_records(shard, report.problems)) {
          // A stub that lists the shards in another order routes ids to the wrong shard.
          const std::string expected = layout.partition == detail::PartitionScheme::none
                                           ? std::to_string(k) + "/" + std::to_string(n)
                                           : layout.periods[k] + " " +
                                                 std::to_string(k % layout.shards_per_period) +
                                                 "/" + std::to_string(layout.shards_per_period);
          if (layout.stub && !r->place.empty() && r->place != expected)
            report.problems.push_back({path, "stub",
                                       "lists " + shard + " as shard " + expected +
                                           ", but the shard records itself as " + r->place});
          if (layout.partition != detail::PartitionScheme::none)
            check_period(shard, layout.periods[k], layout.partition, report.problems);
          records.emplace_back(shard, *r);
        }
      }
    }
    // A problem the stub has with this shard is the stub's, not the shard's.
    const bool shard_ok =
        std::none_of(report.problems.begin() + static_cast<std::ptrdiff_t>(before),
                     report.problems.end(), [&](const CheckProblem& p) { return p.path == shard; });
    CheckedShard checked{shard, shard_ok, 0, tables_checked};
    if (!records.empty() && records.back().first == shard)
      checked.documents = records.back().second.documents;
    report.shards.push_back(checked);
  }
  check_manifests(records, report);
  report.ok = report.problems.empty();
  return report;
}

} // namespace newsdex
