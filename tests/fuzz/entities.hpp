// Fuzz body: the entity recognizer (lib/entities/recognizer.cpp) on any bytes as text, with the
// headline length drawn from the input, and the query side's name lookups (lib/entities/
// lookup.cpp) on a short prefix of it. Mentions lie inside the text, in order.
#pragma once

#include "entities/recognizer.hpp"
#include "fuzz/check.hpp"
#include "fuzz/data_provider.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace newsdex::fuzz {

inline int entities(const std::uint8_t* data, std::size_t size) {
  static const std::shared_ptr<const detail::EntityTables> tables = detail::entity_tables({});
  FuzzedDataProvider in(data, size);
  const std::size_t headline = in.ConsumeIntegralInRange<std::size_t>(0, 300);
  const std::string name = in.ConsumeRandomLengthString(64);
  const std::string text = in.ConsumeRemainingBytesAsString();

  std::uint32_t previous = 0;
  for (const auto& m : detail::find_mentions(text, *tables, headline)) {
    NEWSDEX_FUZZ_CHECK(m.begin < m.end && m.end <= text.size());
    NEWSDEX_FUZZ_CHECK(m.begin >= previous);
    NEWSDEX_FUZZ_CHECK(!m.name.empty());
    previous = m.begin;
  }
  Article article;
  const std::size_t eol = text.find('\n');
  article.title = text.substr(0, eol);
  if (eol != std::string::npos) article.body = text.substr(eol + 1);
  for (const auto& e : detail::recognize_entities(article, *tables)) {
    NEWSDEX_FUZZ_CHECK(!e.name.empty() && e.mentions > 0);
  }

  if (const detail::KnownName* known = detail::lookup_name(*tables, name))
    NEWSDEX_FUZZ_CHECK(!known->canonical.empty());
  (void)detail::type_of_name(*tables, name);
  (void)detail::entity_term(*tables, name);
  (void)detail::entity_other_names(*tables, name);
  return 0;
}

} // namespace newsdex::fuzz
