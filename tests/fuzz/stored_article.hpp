// Fuzz body: decoding what a document stores (lib/schema/stored_article.cpp) from any bytes, as a
// damaged or foreign database would hand them over: the stored article, packed or not, the hit
// summary and the document data. Each decoder returns or throws newsdex::Error; what decodes
// encodes into something that decodes to the same.
#pragma once

#include "fuzz/check.hpp"
#include "schema/stored_article.hpp"

#include <newsdex/error.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace newsdex::fuzz {

namespace stored_detail {

// A summary encoded again, as an article and its '\n'-separated entity names.
inline std::string encode_again(const detail::StoredSummary& s) {
  Article a;
  a.id = s.id;
  a.title = s.title;
  a.date = s.date;
  a.source = s.source;
  a.url = s.url;
  std::string names;
  for (const auto& n : s.entities) names += (names.empty() ? "" : "\n") + n;
  return detail::encode_summary(a, names);
}

inline void decode_article(std::string_view bytes) {
  Article a;
  try {
    a = detail::decode_stored_article(bytes);
  } catch (const Error&) {
    return;
  }
  const std::string encoded = detail::encode_stored_article(a);
  const Article again = detail::decode_stored_article(encoded);
  NEWSDEX_FUZZ_CHECK(detail::encode_stored_article(again) == encoded);
  NEWSDEX_FUZZ_CHECK(detail::unpack_stored_article(detail::pack_stored_article(encoded)) ==
                     encoded);
}

} // namespace stored_detail

inline int stored_article(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  stored_detail::decode_article(bytes);
  try {
    stored_detail::decode_article(detail::unpack_stored_article(bytes));
  } catch (const Error&) {
  }
  try {
    const std::string encoded = stored_detail::encode_again(detail::decode_summary(bytes));
    NEWSDEX_FUZZ_CHECK(stored_detail::encode_again(detail::decode_summary(encoded)) == encoded);
  } catch (const Error&) {
  }
  if (auto id = detail::decode_document_data(bytes))
    NEWSDEX_FUZZ_CHECK(detail::decode_document_data(detail::encode_document_data(*id)) == id);
  return 0;
}

} // namespace newsdex::fuzz
