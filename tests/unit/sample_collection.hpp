// The project's sample articles (tests/fixtures/articles), indexed once per test suite into a
// temporary collection, for tests that search real text through the library.
#pragma once

#include <newsdex/indexer.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>

namespace newsdex::test {

class SampleCollection : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                     ("newsdex-samples-" + std::to_string(std::random_device{}())));
    std::filesystem::create_directories(*dir_);
    Indexer indexer((*dir_ / "db").string());
    indexer.index({std::string(NEWSDEX_FIXTURES) + "/articles"});
    indexer.commit();
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
    dir_ = nullptr;
  }
  static std::string db() { return (*dir_ / "db").string(); }
  /// The suite's temporary directory, for further databases beside the collection.
  static const std::filesystem::path& dir() { return *dir_; }

private:
  static inline std::filesystem::path* dir_ = nullptr; // suites run one after another
};

} // namespace newsdex::test
