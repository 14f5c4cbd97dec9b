// Fuzz body: the date parser (lib/ingest/date_parser.*), on any bytes as a date string.
#pragma once

#include "ingest/date_parser.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace newsdex::fuzz {

inline int date_parser(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // A parsed date is a real calendar day: what the index stores as a sortable value.
  if (auto parsed = detail::parse_date(text)) {
    if (!detail::days_since_epoch(parsed->iso)) std::abort();
  }
  (void)detail::days_since_epoch(text);
  return 0;
}

} // namespace newsdex::fuzz
