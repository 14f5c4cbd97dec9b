// parse_record: JSON fields and mapping, error locations, encodings, ids and dates.
#include <newsdex/reader.hpp>

#include "fixture_file.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

namespace newsdex {
namespace {

using test::read_fixture;

struct Parsed {
  bool ok = false;
  Article article;
  InputProblem problem;
  std::vector<InputProblem> warnings;
};

Parsed parse(InputFormat format, std::string bytes, Location where = {"in", 0, 0},
             ReadOptions options = {}, std::string default_id = "", std::size_t element = 0) {
  RawRecord r;
  r.format = format;
  r.bytes = std::move(bytes);
  r.where = std::move(where);
  r.element = element;
  r.default_id = std::move(default_id);
  r.options = std::make_shared<const ReadOptions>(std::move(options));
  Parsed p;
  p.ok = parse_record(r, p.article, p.problem, p.warnings);
  return p;
}

TEST(RecordParser, JsonCommonFieldNames) {
  auto p =
      parse(InputFormat::jsonl,
            R"({"_id": "c1", "headline": "Tram line extended", "content": "Two new stops.",)"
            R"( "published_at": "Tue, 02 Jan 2024 23:30:00 -0300", "publisher": {"name":)"
            R"( "City Ledger"}, "link": "https://example.org/t", "language": "en-GB",)"
            R"( "authors": ["R. Field", "S. Lane"], "extra": {"nested": [1, 2, {"x": null}]}})",
            {"docs.jsonl", 4, 0});
  ASSERT_TRUE(p.ok) << p.problem.message;
  EXPECT_EQ(p.article.id, "c1");
  EXPECT_EQ(p.article.title, "Tram line extended");
  EXPECT_EQ(p.article.body, "Two new stops.");
  EXPECT_EQ(p.article.date, "2024-01-03") << "normalized to the UTC date";
  EXPECT_EQ(p.article.source, "City Ledger");
  EXPECT_EQ(p.article.url, "https://example.org/t");
  EXPECT_EQ(p.article.language, "en");
  EXPECT_EQ(p.article.author, "R. Field, S. Lane");
  EXPECT_TRUE(p.warnings.empty());
}

TEST(RecordParser, JsonPreferredNamesWinWhateverTheirOrder) {
  auto p = parse(InputFormat::jsonl,
                 R"({"description": "A summary.", "body": "The full text.", "id": 42,)"
                 R"( "date": "2024-02-01", "timestamp": "1999-01-01"})");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.article.body, "The full text.");
  EXPECT_EQ(p.article.id, "42") << "numbers are taken as written";
  EXPECT_EQ(p.article.date, "2024-02-01");
}

TEST(RecordParser, JsonFieldMappingOverridesTheCommonNames) {
  ReadOptions options;
  options.json_fields = {{"body", "story"}, {"title", "heading"}, {"id", "story_id"}};
  auto p = parse(InputFormat::jsonl,
                 R"({"story_id": "m1", "heading": "Canal lock repaired", "title": "ignored",)"
                 R"( "story": "Engineers repaired the gate.", "body": "not this"})",
                 {"mapped.jsonl", 1, 0}, options);
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.article.id, "m1");
  EXPECT_EQ(p.article.title, "Canal lock repaired");
  EXPECT_EQ(p.article.body, "Engineers repaired the gate.");
}

TEST(RecordParser, MalformedJsonLineNamesFileLineAndColumn) {
  auto p = parse(InputFormat::jsonl, R"({"id": "2", "title": "Broken" "body": "x"})",
                 {"docs.jsonl", 7, 0});
  ASSERT_FALSE(p.ok);
  EXPECT_EQ(p.problem.severity, InputProblem::Severity::failed);
  EXPECT_EQ(p.problem.where.file, "docs.jsonl");
  EXPECT_EQ(p.problem.where.line, 7u);
  EXPECT_EQ(p.problem.where.column, 31u) << "the byte where the ',' is missing";
  EXPECT_EQ(p.problem.message.rfind("malformed JSON", 0), 0u) << p.problem.message;

  auto truncated = parse(InputFormat::jsonl, R"({"id": "3", "body": "no end)", {"d.jsonl", 2, 0});
  ASSERT_FALSE(truncated.ok);
  EXPECT_EQ(truncated.problem.where.line, 2u);
  EXPECT_GT(truncated.problem.where.column, 0u);

  auto trailing = parse(InputFormat::jsonl, R"({"id": "4", "body": "x"} junk)", {"d.jsonl", 3, 0});
  ASSERT_FALSE(trailing.ok);
  EXPECT_EQ(trailing.problem.where.column, 26u) << trailing.problem.message;

  auto not_object = parse(InputFormat::jsonl, R"(["a", "b"])", {"d.jsonl", 5, 0});
  ASSERT_FALSE(not_object.ok);
  EXPECT_NE(not_object.problem.message.find("expected an object"), std::string::npos);
}

TEST(RecordParser, ErrorInAnArrayElementIsLocatedInTheFile) {
  // The element starts at line 10, column 3 of the file; the fault is on its second line.
  auto p = parse(InputFormat::json, "{\"id\": \"a\",\n    \"title\" \"x\"}", {"arr.json", 10, 3},
                 {}, "", 4);
  ASSERT_FALSE(p.ok);
  EXPECT_EQ(p.problem.where.line, 11u);
  EXPECT_EQ(p.problem.where.column, 13u);
  EXPECT_NE(p.problem.message.find("array element 4"), std::string::npos) << p.problem.message;
}

TEST(RecordParser, InvalidUtf8InAJsonLineIsRepairedWithItsOffset) {
  std::string line =
      "{\"id\": \"u1\", \"title\": \"Caf\xC3\xA9 reopens\", \"body\": \"Bad \xFF byte\"}";
  auto p = parse(InputFormat::jsonl, line, {"docs.jsonl", 3, 0});
  ASSERT_TRUE(p.ok) << p.problem.message;
  EXPECT_EQ(p.article.body, "Bad \xEF\xBF\xBD byte");
  ASSERT_EQ(p.warnings.size(), 1u);
  EXPECT_EQ(p.warnings[0].severity, InputProblem::Severity::warning);
  EXPECT_EQ(p.warnings[0].where.line, 3u);
  EXPECT_EQ(p.warnings[0].where.column, line.find('\xFF') + 1);
  EXPECT_NE(p.warnings[0].message.find("at byte " + std::to_string(line.find('\xFF'))),
            std::string::npos)
      << p.warnings[0].message;
}

TEST(RecordParser, InvalidUtf8InTextIsRepairedWithItsOffset) {
  std::string text = "Caf\xC3\xA9 owners protest\n\nThe caf\xC3\xA9 owners \xC3 marched.\n";
  auto p = parse(InputFormat::text, text, {"a.txt", 0, 0});
  ASSERT_TRUE(p.ok);
  EXPECT_NE(p.article.body.find("owners \xEF\xBF\xBD marched"), std::string::npos);
  ASSERT_EQ(p.warnings.size(), 1u);
  EXPECT_EQ(p.warnings[0].where.file, "a.txt");
  EXPECT_NE(p.warnings[0].message.find("invalid UTF-8"), std::string::npos);
  EXPECT_NE(p.warnings[0].message.find("at byte " + std::to_string(text.find("\xC3 marched"))),
            std::string::npos)
      << p.warnings[0].message;
}

TEST(RecordParser, Latin1AndWindows1252TextIsDetectedConvertedAndWarned) {
  auto p = parse(InputFormat::text, read_fixture("encodings/windows1252_quotes.txt"),
                 {"windows1252_quotes.txt", 0, 0});
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.article.title, "Bridge tolls scrapped");
  EXPECT_NE(p.article.body.find("\xE2\x80\x9CIt\xE2\x80\x99s finally free"), std::string::npos)
      << p.article.body;
  EXPECT_NE(p.article.body.find("\xE2\x82\xAC"
                                "2"),
            std::string::npos)
      << "the euro sign";
  ASSERT_EQ(p.warnings.size(), 1u);
  EXPECT_EQ(p.warnings[0].where.file, "windows1252_quotes.txt");
  EXPECT_NE(p.warnings[0].message.find("windows-1252"), std::string::npos) << p.warnings[0].message;

  auto latin1 =
      parse(InputFormat::text, read_fixture("encodings/latin1_cafe.txt"), {"l.txt", 0, 0});
  ASSERT_TRUE(latin1.ok);
  EXPECT_NE(latin1.article.body.find("caf\xC3\xA9"), std::string::npos);
  ASSERT_EQ(latin1.warnings.size(), 1u);
  EXPECT_NE(latin1.warnings[0].message.find("not UTF-8"), std::string::npos);
}

TEST(RecordParser, HtmlDeclaredCharsetIsHonouredWithoutAWarning) {
  auto p = parse(InputFormat::html, read_fixture("encodings/iso8859-1_http_equiv.html"));
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.article.title, "Na\xC3\xAFve");
  EXPECT_NE(p.article.body.find("caf\xC3\xA9 owner\xE2\x80\x99s r\xC3\xA9sum\xC3\xA9"),
            std::string::npos)
      << "ISO-8859-1 is read as windows-1252, as browsers do: " << p.article.body;
  EXPECT_TRUE(p.warnings.empty());
}

TEST(RecordParser, IdRuleExplicitThenUrlThenPathThenContentHash) {
  auto both = parse(InputFormat::jsonl, R"({"id": "x1", "url": "https://e.org/a", "body": "b"})",
                    {"d.jsonl", 1, 0});
  EXPECT_EQ(both.article.id, "x1");
  auto url = parse(InputFormat::jsonl, R"({"url": "https://e.org/a", "body": "b"})");
  EXPECT_EQ(url.article.id, "https://e.org/a");
  auto path =
      parse(InputFormat::text, "Some title\nSome body text.\n", {"in/a.txt", 0, 0}, {}, "a.txt");
  EXPECT_EQ(path.article.id, "a.txt");
  auto hash1 = parse(InputFormat::jsonl, R"({"title": "T", "body": "Same text."})");
  auto hash2 = parse(InputFormat::jsonl, R"({"body": "Same text.", "title": "T"})");
  auto hash3 = parse(InputFormat::jsonl, R"({"title": "T", "body": "Other text."})");
  EXPECT_EQ(hash1.article.id.rfind("sha:", 0), 0u);
  EXPECT_EQ(hash1.article.id, hash2.article.id) << "the hash is of the content, not the bytes";
  EXPECT_NE(hash1.article.id, hash3.article.id);

  ReadOptions prefixed;
  prefixed.id_prefix = "wire/";
  EXPECT_EQ(
      parse(InputFormat::jsonl, R"({"id": "7", "body": "b"})", {"d", 1, 0}, prefixed).article.id,
      "wire/7");
}

TEST(RecordParser, DatesAreNormalizedAndUnparseableOnesWarn) {
  auto prose = parse(InputFormat::jsonl, R"({"id": "1", "body": "b", "date": "Feb. 24, 2022"})");
  EXPECT_EQ(prose.article.date, "2022-02-24");
  auto bad = parse(InputFormat::jsonl, R"({"id": "1", "body": "b", "date": "next Tuesday"})",
                   {"d.jsonl", 9, 0});
  ASSERT_TRUE(bad.ok) << "the article is still read";
  EXPECT_TRUE(bad.article.date.empty());
  ASSERT_EQ(bad.warnings.size(), 1u);
  EXPECT_EQ(bad.warnings[0].where.line, 9u);
  EXPECT_NE(bad.warnings[0].message.find("next Tuesday"), std::string::npos);
  auto header = parse(InputFormat::text, read_fixture("text/header_block.txt"));
  EXPECT_EQ(header.article.date, "2024-03-03");
}

TEST(RecordParser, NoTitleAndNoTextIsSkipped) {
  auto p = parse(InputFormat::jsonl, R"({"id": "9", "title": "", "body": ""})", {"d", 2, 0});
  ASSERT_FALSE(p.ok);
  EXPECT_EQ(p.problem.severity, InputProblem::Severity::skipped);
  EXPECT_EQ(p.problem.where.line, 2u);
  auto title_only = parse(InputFormat::jsonl, R"({"id": "9", "title": "Only a title"})");
  EXPECT_TRUE(title_only.ok);
}

} // namespace
} // namespace newsdex
