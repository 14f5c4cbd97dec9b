// gzip (RFC 1952) decompression for compressed input files.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsdex::detail {

/// True if `bytes` starts with the gzip magic number 1f 8b.
bool is_gzip(std::string_view bytes);

/// Decompresses a gzip file, including files of several concatenated members (as `gzip -c a b`
/// or `cat a.gz b.gz` make them); NUL padding after the last member is ignored. Throws
/// `newsdex::Error` (`Error::Code::input`) if the data is not gzip, is corrupt or truncated, has
/// trailing garbage, or would decompress to more than `max_output_bytes`.
std::string gunzip(std::string_view compressed, std::size_t max_output_bytes);

/// Compresses `data` into a single gzip member (zlib `level`: 0-9, or -1 for the default).
/// For writing compressed files and for tests.
std::string gzip(std::string_view data, int level = -1);

} // namespace newsdex::detail
