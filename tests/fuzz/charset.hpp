// Fuzz body: charset detection and conversion, UTF-8 validation and repair, the binary-file test
// and the HTML charset declaration (lib/ingest/charset.cpp), with the declared charset drawn from
// the input: a label from the list below or any short string.
#pragma once

#include "fuzz/check.hpp"
#include "fuzz/data_provider.hpp"
#include "ingest/charset.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace newsdex::fuzz {

inline int charset(const std::uint8_t* data, std::size_t size) {
  static constexpr std::array<const char*, 12> labels{
      "",         "utf-8",  "iso-8859-1", "windows-1252", "utf-16",      "utf-16le",
      "utf-16be", "koi8-r", "shift_jis",  "gb18030",      "iso-2022-jp", "x-user-defined"};
  FuzzedDataProvider in(data, size);
  const std::string declared =
      in.ConsumeBool() ? labels[in.ConsumeIntegralInRange<std::size_t>(0, labels.size() - 1)]
                       : in.ConsumeRandomLengthString(24);
  const std::string bytes = in.ConsumeRemainingBytesAsString();

  const detail::Transcoded t = detail::to_utf8(bytes, declared);
  // Documented: what was converted from another charset is valid UTF-8; what was not converted
  // may still need repair.
  if (t.converted) NEWSDEX_FUZZ_CHECK(detail::is_valid_utf8(t.utf8));

  const bool valid = detail::is_valid_utf8(bytes);
  std::string repaired = bytes;
  std::size_t first_bad = 0;
  const std::size_t count = detail::repair_utf8(repaired, &first_bad);
  NEWSDEX_FUZZ_CHECK((count == 0) == valid);
  NEWSDEX_FUZZ_CHECK(valid ? first_bad == std::string::npos : first_bad < bytes.size());
  NEWSDEX_FUZZ_CHECK(detail::is_valid_utf8(repaired));
  NEWSDEX_FUZZ_CHECK(valid == (repaired == bytes));
  // The bytes before the first bad one are kept as they were.
  if (!valid) NEWSDEX_FUZZ_CHECK(repaired.compare(0, first_bad, bytes, 0, first_bad) == 0);

  (void)detail::looks_binary(bytes);
  (void)detail::html_declared_charset(bytes);
  return 0;
}

} // namespace newsdex::fuzz
