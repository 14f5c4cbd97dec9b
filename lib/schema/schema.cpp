#include <newsdex/schema.hpp>
#include <newsdex/version.hpp>

#include "common/hash.hpp"

namespace newsdex::schema {
namespace {

// Room left for a hash suffix ("#" + 16 hex digits) inside Xapian's limit.
constexpr std::size_t kept_bytes = 200;

// Cuts at `limit` bytes without splitting a UTF-8 sequence.
std::size_t utf8_cut(std::string_view s, std::size_t limit) {
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return cut;
}

} // namespace

std::string bounded_term(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  if (prefix.size() + value.size() <= max_term_bytes) {
    term += value;
    return term;
  }
  term += value.substr(0, utf8_cut(value, kept_bytes - prefix.size()));
  term += '#';
  term += detail::hex64(detail::fnv1a64(value));
  return term;
}

std::string id_term(std::string_view id) {
  return bounded_term(id_prefix, id);
}

} // namespace newsdex::schema

namespace newsdex {

int schema_version() {
  return schema::version;
}

} // namespace newsdex
