#include "storage/collection_stats.hpp"

#include <newsdex/schema.hpp>

#include "storage/collection.hpp"
#include "storage/manifest.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>

namespace newsdex::detail {
namespace {

std::string date_from_days(double days) {
  auto d = std::chrono::sys_days(std::chrono::days(static_cast<long>(std::lround(days))));
  std::chrono::year_month_day ymd(d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

} // namespace

CollectionStats compute_stats(const Xapian::Database& db, const std::string& path) {
  CollectionStats s;
  s.documents = db.get_doccount();
  for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) ++s.terms;
  s.size_bytes = collection_disk_size(path);
  if (s.documents) {
    std::string lo = db.get_value_lower_bound(schema::date_slot);
    std::string hi = db.get_value_upper_bound(schema::date_slot);
    if (!lo.empty()) s.first_date = date_from_days(Xapian::sortable_unserialise(lo));
    if (!hi.empty()) s.last_date = date_from_days(Xapian::sortable_unserialise(hi));
  }
  s.last_commit = db.get_metadata(std::string(schema::meta_last_commit));
  std::string v = db.get_metadata(std::string(schema::meta_schema));
  s.schema_version = v.empty() ? 0 : std::stoi(v);
  s.analyzer = db.get_metadata(std::string(schema::meta_analyzer));
  s.shards = static_cast<unsigned>(db.size());
  const std::string xf(schema::field_prefix);
  // One term an article names its set of fields ("XFtitle,body,date"; older databases: one term
  // a field): the count of a field sums the sets that hold it.
  std::map<std::string, Xapian::doccount> counts;
  for (auto t = db.allterms_begin(xf); t != db.allterms_end(xf); ++t) {
    const std::string set = (*t).substr(xf.size());
    for (std::size_t b = 0; b <= set.size();) {
      std::size_t e = std::min(set.find(',', b), set.size());
      if (e > b) counts[set.substr(b, e - b)] += t.get_termfreq();
      b = e + 1;
    }
  }
  for (const auto& [field, count] : counts) s.fields.emplace_back(field, count);
  if (auto m = read_manifest(path)) {
    auto names = [](const std::vector<RecordedFile>& files) {
      std::vector<std::string> out;
      for (const auto& f : files) out.push_back(f.name);
      return out;
    };
    s.settings = {true,
                  m->language,
                  m->stem,
                  m->fold_variants,
                  m->stopwords,
                  names(m->variant_files),
                  names(m->stopword_files),
                  names(m->entity_files)};
  }
  return s;
}

} // namespace newsdex::detail
