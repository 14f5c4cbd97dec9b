// The JSON of `newsdex stats --format json`, shared with `newsdex serve` (/api/stats) so both
// print the same document.
#pragma once

#include <newsdex/stats.hpp>
#include <nlohmann/json.hpp>

#include <string>

namespace newsdex::cli {

/// `s`, the statistics of the collection at `db`, as docs/JSON.md describes them.
nlohmann::ordered_json stats_json(const std::string& db, const CollectionStats& s);

} // namespace newsdex::cli
