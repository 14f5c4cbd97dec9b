#include "ingest/gzip.hpp"

#include <newsdex/error.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace newsdex::detail {
namespace {

using namespace std::string_literals;

// `printf 'Hello, newsdex!\n' | gzip -n -9`: made by another implementation than ours.
const std::string hello_gz = "\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\xf3\x48\xcd\xc9\xc9\xd7"
                             "\x51\xc8\x4b\x2d\x2f\x4e\x49\xad\x50\xe4\x02\x00\x1a\x3f\x22\x95"
                             "\x10\x00\x00\x00"s;

constexpr std::size_t unlimited = SIZE_MAX;

// Text that does not compress well, so that compressed and output sizes are both large.
std::string pseudo_random_text(std::size_t size) {
  std::string out;
  out.reserve(size);
  std::uint32_t state = 12345;
  while (out.size() < size) {
    state = state * 1664525U + 1013904223U;
    out += static_cast<char>('a' + (state >> 24) % 26);
    if ((state >> 8) % 7 == 0) out += ' ';
  }
  out.resize(size);
  return out;
}

void expect_input_error(const std::string& compressed, std::size_t limit, const char* what) {
  try {
    (void)gunzip(compressed, limit);
    ADD_FAILURE() << "no exception for " << what;
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Error::Code::input) << what;
    EXPECT_FALSE(e.message().empty());
  }
}

TEST(GzipTest, IsGzip) {
  EXPECT_TRUE(is_gzip(hello_gz));
  EXPECT_TRUE(is_gzip("\x1f\x8b"));
  EXPECT_FALSE(is_gzip("\x1f"));
  EXPECT_FALSE(is_gzip(""));
  EXPECT_FALSE(is_gzip("<html>"));
  EXPECT_FALSE(is_gzip("\x8b\x1f"));
}

TEST(GzipTest, DecompressesGzipToolOutput) {
  EXPECT_EQ(gunzip(hello_gz, unlimited), "Hello, newsdex!\n");
}

TEST(GzipTest, RoundTrip) {
  const std::string inputs[] = {"",
                                "x",
                                "Hello, newsdex!\n",
                                std::string(300000, 'z'),
                                pseudo_random_text(1 << 20),
                                "binary\0\xFF\x01 bytes"s};
  for (const std::string& input : inputs) {
    for (int level : {-1, 0, 1, 9}) {
      const std::string compressed = gzip(input, level);
      ASSERT_TRUE(is_gzip(compressed));
      EXPECT_EQ(gunzip(compressed, unlimited), input) << input.size() << " level " << level;
    }
  }
}

TEST(GzipTest, MultipleMembers) {
  const std::string joined = gzip("first member, ") + hello_gz + gzip("") + gzip("last");
  EXPECT_EQ(gunzip(joined, unlimited), "first member, Hello, newsdex!\nlast");
}

TEST(GzipTest, TrailingNulPaddingIgnored) {
  EXPECT_EQ(gunzip(hello_gz + std::string(512, '\0'), unlimited), "Hello, newsdex!\n");
}

TEST(GzipTest, CorruptInputThrows) {
  std::string flipped = hello_gz;
  flipped[12] = static_cast<char>(flipped[12] ^ 0x55); // inside the deflate data
  expect_input_error(flipped, unlimited, "flipped data byte");

  std::string bad_crc = hello_gz;
  bad_crc[hello_gz.size() - 6] = static_cast<char>(bad_crc[hello_gz.size() - 6] ^ 1);
  expect_input_error(bad_crc, unlimited, "bad CRC");

  std::string bad_size = hello_gz;
  bad_size[hello_gz.size() - 4] = '\x11';
  expect_input_error(bad_size, unlimited, "bad length");

  std::string bad_method = hello_gz;
  bad_method[2] = '\x07';
  expect_input_error(bad_method, unlimited, "unknown method");

  expect_input_error(hello_gz.substr(0, 20), unlimited, "truncated data");
  expect_input_error(hello_gz.substr(0, hello_gz.size() - 1), unlimited, "truncated trailer");
  expect_input_error(hello_gz.substr(0, 2), unlimited, "magic only");
  expect_input_error("", unlimited, "empty input");
  expect_input_error("plain text, not gzip", unlimited, "not gzip");
  expect_input_error(hello_gz + "garbage", unlimited, "trailing garbage");
  expect_input_error(hello_gz + "\x1f\x8b\x08"s, unlimited, "truncated second member");
}

TEST(GzipTest, OutputLimit) {
  const std::string text = "Hello, newsdex!\n";
  EXPECT_EQ(gunzip(hello_gz, text.size()), text); // exactly at the limit is fine
  expect_input_error(hello_gz, text.size() - 1, "one byte over the limit");
  expect_input_error(hello_gz, 0, "zero limit");
  EXPECT_EQ(gunzip(gzip(""), 0), "");

  // A small file that inflates hugely (a "zip bomb") is stopped at the limit.
  const std::string bomb = gzip(std::string(20 << 20, '\0'), 9);
  EXPECT_LT(bomb.size(), 100000U);
  expect_input_error(bomb, 1 << 20, "bomb");

  // The limit counts all members together.
  const std::string two = gzip("12345") + gzip("67890");
  EXPECT_EQ(gunzip(two, 10), "1234567890");
  expect_input_error(two, 9, "limit across members");
}

} // namespace
} // namespace newsdex::detail
