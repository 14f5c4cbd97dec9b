// DistinctWords: an article's spelling words, each once, in the order first seen.
#include "index/distinct_words.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace newsdex::detail {
namespace {

TEST(DistinctWords, KeepsEachWordOnceInTheOrderFirstSeen) {
  std::vector<std::string> out{"left over from an earlier article"};
  DistinctWords words(out);
  for (const char* w : {"summit", "leaders", "summit", "allies", "leaders", "summit"}) words.add(w);
  EXPECT_EQ(out, (std::vector<std::string>{"summit", "leaders", "allies"}));
}

TEST(DistinctWords, WordsDifferingByOneByteStayApart) {
  std::vector<std::string> out;
  DistinctWords words(out);
  for (const char* w : {"ab", "ba", "abc", "abd", "", "ab"}) words.add(w);
  EXPECT_EQ(out, (std::vector<std::string>{"ab", "ba", "abc", "abd", ""}));
}

// Past the first table's size it grows, and every word is still found once.
TEST(DistinctWords, ManyWordsGrowTheTable) {
  std::vector<std::string> out;
  DistinctWords words(out);
  for (int round = 0; round < 3; ++round)
    for (int i = 0; i < 5000; ++i) words.add("word" + std::to_string(i));
  ASSERT_EQ(out.size(), 5000u);
  EXPECT_EQ(std::set<std::string>(out.begin(), out.end()).size(), 5000u);
  EXPECT_EQ(out.front(), "word0");
  EXPECT_EQ(out.back(), "word4999");
}

} // namespace
} // namespace newsdex::detail
