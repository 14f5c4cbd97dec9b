// The value of a date: or year: field as a range over the articles' publication day
// (docs/QUERY.md, "Dates").
#pragma once

#include <xapian.h>

#include <string>

namespace newsdex::detail {

struct DateRangeQuery {
  Xapian::Query query; ///< empty when the value is no range
  std::string problem; ///< what is wrong with the value ("bad date '2025-13'"), or empty
};

/// "2025-02-01..2025-02-28", "2025..", "..2024", "2025-02", "2025", or any date spelling the
/// ingestion reads ("24 June 2025"), as a value range over schema::date_slot, both ends included.
/// A month or a year at the upper end stands for its last day; a single month or year, for the
/// whole of it.
DateRangeQuery date_range_query(const std::string& value);

} // namespace newsdex::detail
