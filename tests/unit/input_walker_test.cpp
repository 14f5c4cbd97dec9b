// InputWalker: directory walking with globs, JSON arrays and lines, gzip, and bad inputs.
#include "ingest/gzip.hpp"

#include <newsdex/reader.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace newsdex {
namespace {

namespace fs = std::filesystem;

class WalkerTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::random_device rd;
    for (;;) {
      dir_ = fs::temp_directory_path() / ("newsdex-walker-" + std::to_string(rd()));
      if (fs::create_directory(dir_)) break;
    }
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::string write(const std::string& name, const std::string& content) const {
    auto p = dir_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }

  struct Walk {
    std::vector<RawRecord> records;
    std::vector<InputProblem> problems;
  };
  static Walk walk(std::vector<std::string> inputs, ReadOptions options = {}) {
    Walk w;
    InputWalker walker(std::move(inputs), std::move(options));
    RawRecord r;
    while (walker.next(r, [&](InputProblem p) { w.problems.push_back(std::move(p)); }))
      w.records.push_back(r);
    return w;
  }

  fs::path dir_;
};

TEST_F(WalkerTest, DirectoriesAreWalkedSortedSkippingHiddenFiles) {
  write("in/b.txt", "B\nbody\n");
  write("in/a/z.txt", "Z\nbody\n");
  write("in/.hidden.txt", "H\nbody\n");
  write("in/.git/config", "x\n");
  auto w = walk({path("in")});
  ASSERT_EQ(w.records.size(), 2u);
  EXPECT_EQ(w.records[0].default_id, "a/z.txt");
  EXPECT_EQ(w.records[1].default_id, "b.txt");
  EXPECT_EQ(w.records[1].where.file, path("in/b.txt"));
  EXPECT_TRUE(w.problems.empty());
}

TEST_F(WalkerTest, IncludeAndExcludeGlobs) {
  write("in/a.txt", "A\nbody\n");
  write("in/b.md", "B\nbody\n");
  write("in/drafts/c.txt", "C\nbody\n");
  write("in/world/d.txt", "D\nbody\n");
  write("in/world/old/e.txt", "E\nbody\n");
  auto ids = [&](ReadOptions o) {
    std::vector<std::string> out;
    for (const auto& r : walk({path("in")}, std::move(o)).records) out.push_back(r.default_id);
    return out;
  };
  ReadOptions txt;
  txt.include = {"*.txt"};
  EXPECT_EQ(ids(txt),
            (std::vector<std::string>{"a.txt", "drafts/c.txt", "world/d.txt", "world/old/e.txt"}));
  ReadOptions no_drafts = txt;
  no_drafts.exclude = {"drafts"};
  EXPECT_EQ(ids(no_drafts), (std::vector<std::string>{"a.txt", "world/d.txt", "world/old/e.txt"}));
  ReadOptions by_path;
  by_path.include = {"world/*"}; // a '/' matches the relative path; '*' crosses '/'
  by_path.exclude = {"world/old"};
  EXPECT_EQ(ids(by_path), (std::vector<std::string>{"world/d.txt"}));
  ReadOptions two;
  two.include = {"*.md", "a.*"};
  EXPECT_EQ(ids(two), (std::vector<std::string>{"a.txt", "b.md"}));
  // Files named directly are read whatever the globs say.
  auto direct = walk({path("in/b.md")}, txt);
  ASSERT_EQ(direct.records.size(), 1u);
  EXPECT_EQ(direct.records[0].default_id, path("in/b.md"));
}

TEST_F(WalkerTest, JsonArrayIsSplitIntoOneRecordPerElement) {
  auto file = write(
      "a.json", "[\n  {\"id\": \"1\", \"body\": \"x, [y]\"},\n"
                "  {\"id\": \"2\",\n   \"body\": \"a \\\"quoted\\\" }\"}\n  ,{\"id\": \"3\"}\n]\n");
  auto w = walk({file});
  EXPECT_TRUE(w.problems.empty());
  ASSERT_EQ(w.records.size(), 3u);
  EXPECT_EQ(w.records[0].bytes, R"({"id": "1", "body": "x, [y]"})");
  EXPECT_EQ(w.records[0].format, InputFormat::json);
  EXPECT_EQ(w.records[0].element, 1u);
  EXPECT_EQ(w.records[0].where.line, 2u);
  EXPECT_EQ(w.records[0].where.column, 3u);
  EXPECT_EQ(w.records[1].bytes, "{\"id\": \"2\",\n   \"body\": \"a \\\"quoted\\\" }\"}");
  EXPECT_EQ(w.records[1].where.line, 3u);
  EXPECT_EQ(w.records[2].element, 3u);
  EXPECT_EQ(w.records[2].where.line, 5u);
  EXPECT_EQ(w.records[2].where.column, 4u);
  EXPECT_TRUE(w.records[2].default_id.empty());
}

// A quote after an even run of backslashes ends the string; after an odd run it is escaped.
TEST_F(WalkerTest, JsonArrayStringsEndAfterEvenBackslashes) {
  auto file = write("b.json", R"([{"id": "1", "body": "C:\\"}, {"id": "2", "body": "\\\"]}\\\\"},)"
                              R"( {"id": "3", "body": "no end\\\"}])");
  auto w = walk({file});
  ASSERT_EQ(w.records.size(), 2u);
  EXPECT_EQ(w.records[0].bytes, R"({"id": "1", "body": "C:\\"})");
  EXPECT_EQ(w.records[1].bytes, R"({"id": "2", "body": "\\\"]}\\\\"})");
  ASSERT_EQ(w.problems.size(), 1u);
  EXPECT_NE(w.problems[0].message.find("ends inside array element 3"), std::string::npos)
      << w.problems[0].message;
}

TEST_F(WalkerTest, JsonArrayFixtureParsesIntoArticles) {
  auto w = walk({std::string(NEWSDEX_FIXTURES) + "/json/array.json"});
  ASSERT_EQ(w.records.size(), 3u);
  std::vector<std::string> ids;
  for (const auto& r : w.records) {
    Article a;
    InputProblem p;
    std::vector<InputProblem> warnings;
    ASSERT_TRUE(parse_record(r, a, p, warnings)) << p.message;
    EXPECT_TRUE(warnings.empty());
    ids.push_back(a.id);
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"arr-1", "arr-2", "arr-3"}));
}

TEST_F(WalkerTest, MalformedJsonArraysAreReportedAndGoodElementsKept) {
  // A missing comma is reported and the next element still read; a stray comma is reported.
  auto w = walk({write("a.json", "[{\"id\": \"1\"} {\"id\": \"2\"},, {\"id\": \"3\"}]")});
  ASSERT_EQ(w.records.size(), 3u);
  ASSERT_EQ(w.problems.size(), 2u);
  EXPECT_EQ(w.problems[0].severity, InputProblem::Severity::failed);
  EXPECT_NE(w.problems[0].message.find("missing ','"), std::string::npos);
  EXPECT_EQ(w.problems[0].where.line, 1u);
  EXPECT_EQ(w.problems[0].where.column, 14u);
  EXPECT_NE(w.problems[1].message.find("unexpected ','"), std::string::npos);

  // The file ends inside an element: the elements before it are kept.
  auto cut = walk({write("b.json", "[\n{\"id\": \"1\"},\n{\"id\": \"2\", \"body\": \"no end\n")});
  ASSERT_EQ(cut.records.size(), 1u);
  ASSERT_EQ(cut.problems.size(), 1u);
  EXPECT_EQ(cut.problems[0].where.line, 3u);
  EXPECT_NE(cut.problems[0].message.find("element 2"), std::string::npos);

  auto open = walk({write("c.json", "[{\"id\": \"1\"}\n")});
  ASSERT_EQ(open.records.size(), 1u);
  ASSERT_EQ(open.problems.size(), 1u);
  EXPECT_NE(open.problems[0].message.find("not closed"), std::string::npos);

  auto after = walk({write("d.json", "[{\"id\": \"1\"}] {\"id\": \"2\"}")});
  ASSERT_EQ(after.records.size(), 1u);
  ASSERT_EQ(after.problems.size(), 1u);
  EXPECT_NE(after.problems[0].message.find("after the array"), std::string::npos);
}

TEST_F(WalkerTest, JsonFileWithLinesOrPrettyPrintedObjects) {
  auto lines = walk({write("l.json", "{\"id\": \"1\"}\n{\"id\": \"2\"}\n")});
  ASSERT_EQ(lines.records.size(), 2u);
  EXPECT_EQ(lines.records[1].format, InputFormat::jsonl);
  EXPECT_EQ(lines.records[1].where.line, 2u);
  auto pretty = walk({write("p.json", "{\n  \"id\": \"1\"\n}\n{\n  \"id\": \"2\"\n}\n")});
  ASSERT_EQ(pretty.records.size(), 2u);
  EXPECT_EQ(pretty.records[1].where.line, 4u);
  EXPECT_EQ(pretty.records[1].element, 0u);
  auto empty_array = walk({write("e.json", " [ ] ")});
  EXPECT_TRUE(empty_array.records.empty());
  EXPECT_TRUE(empty_array.problems.empty());
}

TEST_F(WalkerTest, JsonLinesAreStreamedLineByLineSkippingBlankLines) {
  auto w = walk(
      {write("d.jsonl", "{\"id\": \"1\"}\n\n  \n{\"id\": \"2\"}\r\n{broken\n{\"id\": \"4\"}")});
  ASSERT_EQ(w.records.size(), 4u);
  EXPECT_EQ(w.records[1].where.line, 4u);
  EXPECT_EQ(w.records[2].bytes, "{broken");
  EXPECT_EQ(w.records[2].where.line, 5u);
  EXPECT_EQ(w.records[3].where.line, 6u);
}

TEST_F(WalkerTest, GzipFilesOfEveryFormat) {
  write("z/a.txt.gz", detail::gzip("Gzipped headline\nGzipped body.\n"));
  write("z/b.jsonl.gz", detail::gzip("{\"id\": \"j1\"}\n{\"id\": \"j2\"}\n"));
  write("z/c.html.gz", detail::gzip("<html><body><p>Page text.</p></body></html>"));
  write("z/d.json.gz", detail::gzip("[{\"id\": \"a1\"}]"));
  write("z/e.txt.gz", "not gzip at all");
  auto w = walk({path("z")});
  ASSERT_EQ(w.records.size(), 5u);
  EXPECT_EQ(w.records[0].format, InputFormat::text);
  EXPECT_EQ(w.records[0].bytes, "Gzipped headline\nGzipped body.\n");
  EXPECT_EQ(w.records[0].default_id, "a.txt.gz");
  EXPECT_EQ(w.records[1].format, InputFormat::jsonl);
  EXPECT_EQ(w.records[2].where.line, 2u);
  EXPECT_EQ(w.records[3].format, InputFormat::html);
  EXPECT_EQ(w.records[4].format, InputFormat::json);
  ASSERT_EQ(w.problems.size(), 1u);
  EXPECT_EQ(w.problems[0].severity, InputProblem::Severity::failed);
  EXPECT_EQ(w.problems[0].where.file, path("z/e.txt.gz"));
}

TEST_F(WalkerTest, BadInputsAreProblemsAndTheWalkGoesOn) {
  write("in/1-empty.txt", "");
  write("in/2-binary.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  write("in/3-big.txt", std::string(2u << 20, 'a'));
  write("in/4-good.txt", "Good\nbody\n");
  write("in/5-big.jsonl", "{\"id\": \"1\"}\n{\"body\": \"" + std::string((1u << 20) + 10, 'b') +
                              "\"}\n{\"id\": \"3\"}\n");
  write("in/6-big.txt.gz", detail::gzip(std::string(3u << 20, 'c')));
  write("in/7-binary.jsonl", std::string("\0\0\0\0", 4));
  ReadOptions options;
  options.max_file_bytes = 1u << 20;
  auto w = walk({path("in"), path("missing.txt")}, options);
  ASSERT_EQ(w.records.size(), 3u);
  EXPECT_EQ(w.records[0].where.file, path("in/4-good.txt"));
  EXPECT_EQ(w.records[1].where.line, 1u);
  EXPECT_EQ(w.records[2].where.line, 3u);
  ASSERT_EQ(w.problems.size(), 7u);
  auto expect = [&](std::size_t i, InputProblem::Severity s, const std::string& file,
                    const std::string& words) {
    EXPECT_EQ(w.problems[i].severity, s) << i;
    EXPECT_EQ(w.problems[i].where.file, path(file)) << i;
    EXPECT_NE(w.problems[i].message.find(words), std::string::npos) << w.problems[i].message;
  };
  expect(0, InputProblem::Severity::skipped, "in/1-empty.txt", "empty file");
  expect(1, InputProblem::Severity::skipped, "in/2-binary.txt", "binary file");
  expect(2, InputProblem::Severity::skipped, "in/3-big.txt", "over the limit of 1 MiB");
  expect(3, InputProblem::Severity::skipped, "in/5-big.jsonl", "over the limit");
  EXPECT_EQ(w.problems[3].where.line, 2u);
  expect(4, InputProblem::Severity::skipped, "in/6-big.txt.gz", "more than the limit");
  expect(5, InputProblem::Severity::skipped, "in/7-binary.jsonl", "binary file");
  expect(6, InputProblem::Severity::failed, "missing.txt", "no such file");
}

TEST_F(WalkerTest, ReadArticlesRunsBothStages) {
  write("in/a.txt", "Tide tables printed\nThe harbour office printed new tide tables.\n");
  write("in/b.jsonl", "{\"id\": \"j1\", \"title\": \"Buoy replaced\"}\n{bad\n");
  std::vector<Article> articles;
  std::vector<InputProblem> problems;
  read_articles(
      {path("in")}, {}, [&](Article&& a) { articles.push_back(std::move(a)); },
      [&](const InputProblem& p) { problems.push_back(p); });
  ASSERT_EQ(articles.size(), 2u);
  EXPECT_EQ(articles[0].id, "a.txt");
  EXPECT_EQ(articles[1].id, "j1");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].where.line, 2u);
}

} // namespace
} // namespace newsdex
