// WordCache: the analyzer's flat cache of a word's term and stopword flag.
#include "analysis/word_cache.hpp"

#include <gtest/gtest.h>

#include <string>

namespace newsdex::detail {
namespace {

TEST(WordCache, FindsWhatWasInsertedAndNothingElse) {
  WordCache cache(100);
  EXPECT_EQ(cache.find("nations"), std::nullopt);
  EXPECT_EQ(cache.insert("nations", "nation", false).term, "nation");
  cache.insert("the", "the", true);
  auto hit = cache.find("nations");
  ASSERT_NE(hit, std::nullopt);
  EXPECT_EQ(hit->term, "nation");
  EXPECT_FALSE(hit->stop);
  hit = cache.find("the");
  ASSERT_NE(hit, std::nullopt);
  EXPECT_TRUE(hit->stop);
  EXPECT_EQ(cache.find("nation"), std::nullopt); // a prefix of a cached word is another word
  EXPECT_EQ(cache.find("nationss"), std::nullopt);
  EXPECT_EQ(cache.find(""), std::nullopt);
  EXPECT_EQ(cache.size(), 2u);
}

// Thousands of words: the table grows, and each word still finds its own term.
TEST(WordCache, GrowsAndKeepsEveryEntry) {
  WordCache cache(1u << 16);
  for (int i = 0; i < 20000; ++i)
    cache.insert("word" + std::to_string(i), "term" + std::to_string(i), i % 7 == 0);
  ASSERT_EQ(cache.size(), 20000u);
  for (int i = 0; i < 20000; ++i) {
    auto hit = cache.find("word" + std::to_string(i));
    ASSERT_NE(hit, std::nullopt) << i;
    EXPECT_EQ(hit->term, "term" + std::to_string(i));
    EXPECT_EQ(hit->stop, i % 7 == 0);
  }
}

TEST(WordCache, EmptiesItselfAtTheLimit) {
  WordCache cache(3);
  cache.insert("a", "a", false);
  cache.insert("b", "b", false);
  cache.insert("c", "c", false);
  cache.insert("d", "d", false); // the fourth word empties the cache first
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.find("a"), std::nullopt);
  ASSERT_NE(cache.find("d"), std::nullopt);
  cache.clear();
  EXPECT_EQ(cache.find("d"), std::nullopt);
  EXPECT_EQ(cache.size(), 0u);
}

// Long distinct words fill the cache by bytes before they fill it by count.
TEST(WordCache, EmptiesItselfAtSixteenMebibytes) {
  WordCache cache(1u << 16);
  const std::string long_word(60000, 'w');
  for (int i = 0; i < 300; ++i) {
    const std::string n = std::to_string(i);
    cache.insert(long_word + n, n, false);
  }
  // 16 MiB hold 279 words of 60,003 bytes or so: the cache emptied once on the way to 300.
  EXPECT_LT(cache.size(), 280u);
  EXPECT_GT(cache.size(), 0u);
  ASSERT_NE(cache.find(long_word + "299"), std::nullopt);
  EXPECT_EQ(cache.find(long_word + "0"), std::nullopt);
}

// A word longer than a slot can record is answered but not kept.
TEST(WordCache, AWordTooLongToKeepIsNotCached) {
  WordCache cache(10);
  const std::string huge(70000, 'x');
  EXPECT_EQ(cache.insert(huge, "x#hash", false).term, "x#hash");
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.find(huge), std::nullopt);
}

} // namespace
} // namespace newsdex::detail
