// Every input a fuzzer crashed on, replayed in the normal suite through the same fuzz body the
// libFuzzer target runs (tests/fuzz/<target>.hpp): tests/fixtures/fuzz-regressions/<target>/<name>.
// Each must return or throw newsdex::Error; a crash or a failed property aborts the test. See
// docs/RELIABILITY.md, "Fuzzing".
#include "fuzz/analyzer.hpp"
#include "fuzz/charset.hpp"
#include "fuzz/date_parser.hpp"
#include "fuzz/entities.hpp"
#include "fuzz/gzip.hpp"
#include "fuzz/html_reader.hpp"
#include "fuzz/json_array_reader.hpp"
#include "fuzz/jsonl_reader.hpp"
#include "fuzz/manifest.hpp"
#include "fuzz/query_parser.hpp"
#include "fuzz/serve_request.hpp"
#include "fuzz/shard_spec.hpp"
#include "fuzz/stored_article.hpp"
#include "fuzz/text_reader.hpp"
#include "fuzz/watch_state.hpp"
#include "storage/manifest.hpp"

#include <newsdex/error.hpp>

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

namespace newsdex {
namespace {

namespace fs = std::filesystem;
using Body = int (*)(const std::uint8_t*, std::size_t);

// Folder name (the target's name) -> its fuzz body.
const std::map<std::string, Body>& bodies() {
  static const std::map<std::string, Body> b = {
      {"analyzer", fuzz::analyzer},
      {"charset", fuzz::charset},
      {"date_parser", fuzz::date_parser},
      {"entities", fuzz::entities},
      {"gzip", fuzz::gzip},
      {"html_reader", fuzz::html_reader},
      {"json_array_reader", fuzz::json_array_reader},
      {"jsonl_reader", fuzz::jsonl_reader},
      {"manifest", fuzz::manifest},
      {"query_parser", fuzz::query_parser},
      {"serve_request", fuzz::serve_request},
      {"shard_spec", fuzz::shard_spec},
      {"stored_article", fuzz::stored_article},
      {"text_reader", fuzz::text_reader},
      {"watch_state", fuzz::watch_state},
  };
  return b;
}

// Saved inputs whose bug lies outside the fuzzing work's files and is not fixed yet: skipped,
// naming the bug, until it is. "<target>/<name>" -> the bug.
const std::map<std::string, std::string>& known_bugs() {
  static const std::map<std::string, std::string> k = {};
  return k;
}

const fs::path root = fs::path(NEWSDEX_FIXTURES) / "fuzz-regressions";

// libFuzzer fails an input that allocates more than 2 GiB; here, outside the sanitizer build
// (whose shadow memory needs the address space), an address-space cap of 1 GiB over what the
// process holds turns such an allocation into std::bad_alloc, which the test reports.
class MemoryCap {
public:
  MemoryCap() {
#ifndef __SANITIZE_ADDRESS__
    std::ifstream statm("/proc/self/statm");
    unsigned long pages = 0;
    if (statm >> pages && ::getrlimit(RLIMIT_AS, &saved_) == 0) {
      rlimit cap = saved_;
      cap.rlim_cur = pages * static_cast<unsigned long>(::sysconf(_SC_PAGESIZE)) + (1ul << 30);
      if (saved_.rlim_cur == RLIM_INFINITY || cap.rlim_cur < saved_.rlim_cur)
        capped_ = ::setrlimit(RLIMIT_AS, &cap) == 0;
    }
#endif
  }
  ~MemoryCap() {
    if (capped_) ::setrlimit(RLIMIT_AS, &saved_);
  }
  MemoryCap(const MemoryCap&) = delete;
  MemoryCap& operator=(const MemoryCap&) = delete;

private:
  rlimit saved_{};
  bool capped_ = false;
};

struct Case {
  std::string target, name;
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << c.target << "/" << c.name;
}

std::vector<Case> cases() {
  std::vector<Case> out;
  std::error_code ec;
  for (const auto& dir : fs::directory_iterator(root, ec)) {
    if (!dir.is_directory()) continue;
    for (const auto& file : fs::directory_iterator(dir.path()))
      if (file.is_regular_file())
        out.push_back({dir.path().filename().string(), file.path().filename().string()});
  }
  std::sort(out.begin(), out.end(), [](const Case& a, const Case& b) {
    return a.target + "/" + a.name < b.target + "/" + b.name;
  });
  return out;
}

class FuzzRegression : public testing::TestWithParam<Case> {};

TEST_P(FuzzRegression, ReturnsOrThrowsNewsdexError) {
  const Case& c = GetParam();
  const std::string key = c.target + "/" + c.name;
  if (auto bug = known_bugs().find(key); bug != known_bugs().end()) {
    GTEST_SKIP() << bug->second;
  }
  auto body = bodies().find(c.target);
  ASSERT_NE(body, bodies().end()) << "no fuzz target named " << c.target;
  std::ifstream in(root / c.target / c.name, std::ios::binary);
  ASSERT_TRUE(in) << key;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const std::string input = bytes.str();
  MemoryCap cap;
  try {
    body->second(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
  } catch (const Error&) {
    // The library's one exception type: a clean failure.
  } catch (const std::exception& e) {
    FAIL() << key << ": an exception other than newsdex::Error escaped: " << e.what();
  }
}

std::string case_name(const testing::TestParamInfo<Case>& info) {
  std::string name = info.param.target + "_" + info.param.name;
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Saved, FuzzRegression, testing::ValuesIn(cases()), case_name);

// What the manifest fuzzer found (fixture manifest/format-float-past-int) as behaviour: the
// undefined float-to-int cast it tripped only shows under clang's UBSan, so this test says what
// a version that is no small integer now means: an unreadable manifest, never a format read as
// whatever the cast gave (4294967297 used to read as format 1).
TEST(FuzzRegressions, ManifestVersionsMustBeSmallIntegers) {
  const std::string rest = R"("language":"en","stem":true,"fold_variants":true,"stopwords":true})";
  for (const std::string version : {"1e35", "2.5", "4294967297", "-99999999999", "\"1\""}) {
    for (const std::string& text :
         {R"({"manifest_format":)" + version + R"(,"schema_version":2,)" + rest,
          R"({"manifest_format":1,"schema_version":)" + version + "," + rest}) {
      try {
        detail::manifest_from_json(text, "m");
        ADD_FAILURE() << "read: " << text;
      } catch (const Error& e) {
        EXPECT_EQ(e.code(), Error::Code::database_corrupt) << text;
      }
    }
  }
  EXPECT_EQ(detail::manifest_from_json(R"({"manifest_format":1,"schema_version":2,)" + rest, "m")
                .schema_version,
            2);
}

// A folder that names no target would be skipped silently by the cases above.
TEST(FuzzRegressions, EveryFolderNamesATarget) {
  ASSERT_TRUE(fs::is_directory(root)) << root;
  for (const auto& dir : fs::directory_iterator(root)) {
    if (dir.is_directory()) {
      EXPECT_TRUE(bodies().count(dir.path().filename().string()))
          << dir.path() << " names no fuzz target";
    }
  }
}

} // namespace
} // namespace newsdex
