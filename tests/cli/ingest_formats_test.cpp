// `newsdex index` on each input format, through the real binary: text, JSON Lines, JSON arrays,
// HTML, gzip, stdin, directory globs, encodings, dates and ids.
#include "cli/cli_runner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace newsdex::test {
namespace {

std::string fixture(const std::string& relative) {
  return std::string(NEWSDEX_FIXTURES) + "/" + relative;
}

// run_index, and an exit code for data, never for a failure to run.
Indexed index(const std::string& db, const std::vector<std::string>& inputs,
              const std::vector<std::string>& extra = {}, const std::string& stdin_text = "") {
  Indexed r = run_index(db, inputs, extra, stdin_text);
  EXPECT_TRUE(r.run.exit_code == 0 || r.run.exit_code == 1) << r.run.err;
  return r;
}

// The stored article with this id (`newsdex show`), or null.
nlohmann::json show(const std::string& db, const std::string& id) {
  CliResult r = run_cli({"show", "--db", db, "--format", "json", "--", id});
  if (r.exit_code != 0) return nullptr;
  return nlohmann::json::parse(r.out)["article"];
}

std::string messages(const nlohmann::json& summary) {
  std::string all;
  for (const auto& p : summary["problems"])
    all += p["severity"].get<std::string>() + " " + p["file"].get<std::string>() + ": " +
           p["message"].get<std::string>() + "\n";
  return all;
}

TEST(IngestFormats, PlainTextFixtures) {
  TempDir dir;
  auto r = index(dir / "db", {fixture("text")});
  EXPECT_EQ(r.run.exit_code, 0) << r.run.err;
  EXPECT_EQ(r.summary["failed"], 0);
  EXPECT_EQ(r.summary["indexed"], 5);

  auto ferry = show(dir / "db", "headline_dateline.txt");
  ASSERT_FALSE(ferry.is_null());
  EXPECT_EQ(ferry["title"], "Ferry operators agree winter timetable");
  EXPECT_EQ(ferry["place"], "TROMSØ");
  EXPECT_EQ(ferry["source"], "Fjord Courier");

  auto header = show(dir / "db", "bulletin-2024-0303-lighthouse");
  ASSERT_FALSE(header.is_null()) << "the header's Id wins over the path";
  EXPECT_EQ(header["title"], "Coastal town votes to restore its lighthouse");
  EXPECT_EQ(header["date"], "2024-03-03");
  EXPECT_EQ(header["source"], "North Sea Bulletin");
  EXPECT_EQ(header["url"], "https://example.org/bulletin/2024/03/lighthouse-vote");
  EXPECT_EQ(header["author"], "Marit Olsen");
  EXPECT_EQ(header["language"], "nb");

  auto lead = show(dir / "db", "lead_sentence.txt");
  ASSERT_FALSE(lead.is_null());
  EXPECT_EQ(lead["place"], "VILNIUS");
  EXPECT_EQ(lead["title"].get<std::string>().rfind("Lithuania's parliament approved", 0), 0u);
  EXPECT_EQ(ids_matching(dir / "db", "title:terminals"),
            std::vector<std::string>{"lead_sentence.txt"});
}

TEST(IngestFormats, UnparseableDateWarnsAndTheArticleIsStillIndexed) {
  TempDir dir;
  auto r = index(dir / "db", {fixture("text/unparseable_date.txt")});
  EXPECT_EQ(r.run.exit_code, 0) << "a warning is not a failure";
  EXPECT_EQ(r.summary["indexed"], 1);
  ASSERT_EQ(r.summary["problems"].size(), 1u);
  EXPECT_EQ(r.summary["problems"][0]["severity"], "warning");
  EXPECT_NE(r.summary["problems"][0]["message"].get<std::string>().find("sometime last week"),
            std::string::npos);
  EXPECT_NE(r.run.err.find("unparseable_date.txt"), std::string::npos) << r.run.err;
  auto a = show(dir / "db", fixture("text/unparseable_date.txt"));
  ASSERT_FALSE(a.is_null());
  EXPECT_TRUE(a["date"].is_null());
  EXPECT_EQ(a["title"], "Orchard harvest starts early");
}

TEST(IngestFormats, JsonArrayIsOneArticlePerElement) {
  TempDir dir;
  auto r = index(dir / "db", {fixture("json/array.json")});
  EXPECT_EQ(r.run.exit_code, 0) << r.run.err;
  EXPECT_EQ(r.summary["indexed"], 3);
  EXPECT_EQ(r.summary["read"], 3);
  auto two = show(dir / "db", "arr-2");
  ASSERT_FALSE(two.is_null());
  EXPECT_EQ(two["title"], "Cable car reopens");
  EXPECT_EQ(two["date"], "2023-09-20");
  EXPECT_EQ(two["url"], "https://example.org/alpine/cable-car");
  auto three = show(dir / "db", "arr-3");
  ASSERT_FALSE(three.is_null());
  EXPECT_EQ(three["language"], "de");
  EXPECT_EQ(three["author"], "A. Keller, B. Roth");
}

TEST(IngestFormats, MalformedArrayElementNamesItsLineAndTheOthersAreIndexed) {
  TempDir dir;
  write_file(dir / "a.json",
             "[\n"
             "  {\"id\": \"e1\", \"title\": \"Quay rebuilt\", \"body\": \"Quay.\"},\n"
             "  {\"id\": \"e2\", \"title\": \"Quay\" \"body\": \"bad\"},\n"
             "  {\"id\": \"e3\", \"title\": \"Quay painted\", \"body\": \"Quay.\"}\n"
             "]\n");
  auto r = index(dir / "db", {dir / "a.json"});
  EXPECT_EQ(r.run.exit_code, 1);
  EXPECT_EQ(r.summary["indexed"], 2);
  EXPECT_EQ(r.summary["failed"], 1);
  ASSERT_EQ(r.summary["problems"].size(), 1u);
  EXPECT_EQ(r.summary["problems"][0]["line"], 3);
  EXPECT_EQ(r.summary["problems"][0]["column"], 32) << "where the ',' before \"body\" is missing";
  EXPECT_NE(r.summary["problems"][0]["message"].get<std::string>().find("array element 2"),
            std::string::npos);
  EXPECT_NE(r.run.err.find("a.json:3:32"), std::string::npos) << r.run.err;
  EXPECT_EQ(ids_matching(dir / "db", "quay"), (std::vector<std::string>{"e1", "e3"}));
}

TEST(IngestFormats, JsonLinesCommonFieldNamesAndContentHashIds) {
  TempDir dir;
  auto r = index(dir / "db", {fixture("json/common_names.jsonl")});
  EXPECT_EQ(r.run.exit_code, 0) << r.run.err;
  EXPECT_EQ(r.summary["indexed"], 3);
  auto c1 = show(dir / "db", "c1");
  ASSERT_FALSE(c1.is_null());
  EXPECT_EQ(c1["title"], "Tram line extended");
  EXPECT_EQ(c1["date"], "2024-01-02");
  EXPECT_EQ(c1["source"], "City Ledger");
  EXPECT_EQ(c1["language"], "en");
  EXPECT_EQ(c1["author"], "R. Field");
  auto c2 = show(dir / "db", "c2");
  ASSERT_FALSE(c2.is_null());
  EXPECT_EQ(c2["url"], "https://example.org/ledger/bike-lanes");
  EXPECT_EQ(c2["date"], "2024-01-05");
  auto library = ids_matching(dir / "db", "library");
  ASSERT_EQ(library.size(), 1u);
  EXPECT_EQ(library[0].rfind("sha:", 0), 0u) << "no id and no url: a content hash";
}

TEST(IngestFormats, FieldMappingOption) {
  TempDir dir;
  auto r = index(dir / "db", {fixture("json/mapped.jsonl")},
                 {"--field", "id=story_id", "--field", "title=heading", "--field", "body=copy",
                  "--field", "date=when", "--field", "source=outlet"});
  EXPECT_EQ(r.run.exit_code, 0) << r.run.err;
  EXPECT_EQ(r.summary["indexed"], 2);
  auto m1 = show(dir / "db", "m1");
  ASSERT_FALSE(m1.is_null());
  EXPECT_EQ(m1["title"], "Canal lock repaired");
  EXPECT_EQ(m1["date"], "2024-04-12");
  EXPECT_EQ(m1["source"], "Waterways Weekly");
  EXPECT_EQ(ids_matching(dir / "db", "towpath"), std::vector<std::string>{"m2"});

  // Without the mapping the lines have no text: skipped, not failed.
  auto unmapped = index(dir / "db2", {fixture("json/mapped.jsonl")});
  EXPECT_EQ(unmapped.summary["indexed"], 0);
  EXPECT_EQ(unmapped.summary["skipped"], 2);
  EXPECT_EQ(unmapped.summary["failed"], 0);

  CliResult bad = run_cli({"index", "--db", dir / "db3", "--field", "story", fixture("json")});
  EXPECT_EQ(bad.exit_code, 2) << "a malformed mapping is a usage error";
  CliResult unknown =
      run_cli({"index", "--db", dir / "db3", "--field", "headline=x", fixture("json")});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("headline"), std::string::npos) << unknown.err;
}

TEST(IngestFormats, HtmlPagesThroughTheRecordParser) {
  TempDir dir;
  auto r = index(dir / "db", {fixture("html")});
  EXPECT_EQ(r.run.exit_code, 0) << r.run.err;
  EXPECT_EQ(r.summary["indexed"], 3);

  const std::string ice_id = "https://example.org/northern-wire/2024/ice-road";
  auto ice = show(dir / "db", ice_id);
  ASSERT_FALSE(ice.is_null()) << "the canonical URL is the id";
  EXPECT_EQ(ice["title"], "Ice road to the lake villages opens early");
  EXPECT_EQ(ice["date"], "2024-01-20") << "22:30 at -05:00 is the next day in UTC";
  EXPECT_EQ(ice["source"], "Northern Wire");
  EXPECT_EQ(ice["url"], ice_id);
  EXPECT_EQ(ice["language"], "fr");
  const std::string body = ice["body"];
  EXPECT_NE(body.find("Trucks heavier than twenty tonnes"), std::string::npos);
  for (const char* noise : {"NAVNOISE", "SCRIPTNOISE", "FOOTERNOISE", "display: none"})
    EXPECT_EQ(body.find(noise), std::string::npos) << noise;
  EXPECT_TRUE(ids_matching(dir / "db", "navnoise OR scriptnoise OR footernoise").empty());

  auto plain = show(dir / "db", "plain_page.htm");
  ASSERT_FALSE(plain.is_null()) << "no canonical URL: the relative path";
  EXPECT_EQ(plain["title"], "Market hall gets a new roof");
  EXPECT_EQ(plain["date"], "2023-11-02");

  auto gazette = show(dir / "db", "https://gazette.example/2024/harbour-bridge");
  ASSERT_FALSE(gazette.is_null());
  EXPECT_EQ(gazette["author"], "Jane Q. Reporter");
  EXPECT_EQ(gazette["language"], "en");
}

TEST(IngestFormats, HtmlDeclaredCharsetsAreHonoured) {
  TempDir dir;
  auto r = index(dir / "db", {fixture("encodings/cp1252_quotes.html"),
                              fixture("encodings/iso8859-1_http_equiv.html"),
                              fixture("encodings/utf16le_bom.html")});
  EXPECT_EQ(r.run.exit_code, 0) << r.run.err;
  EXPECT_EQ(r.summary["indexed"], 3);
  EXPECT_TRUE(r.summary["problems"].empty()) << messages(r.summary);
  auto quotes = show(dir / "db", fixture("encodings/cp1252_quotes.html"));
  ASSERT_FALSE(quotes.is_null());
  EXPECT_NE(quotes["body"].get<std::string>().find("\xE2\x80\x9CIt\xE2\x80\x99s done"),
            std::string::npos)
      << quotes["body"];
  EXPECT_EQ(ids_matching(dir / "db", "naive").size(), 2u) << "Naïve read from ISO-8859-1";
}

TEST(IngestFormats, NonUtf8TextIsTranscodedWithAWarningNamingFileAndCharset) {
  TempDir dir;
  auto r = index(dir / "db", {fixture("encodings/windows1252_quotes.txt")});
  EXPECT_EQ(r.run.exit_code, 0);
  EXPECT_EQ(r.summary["indexed"], 1);
  ASSERT_EQ(r.summary["problems"].size(), 1u);
  EXPECT_EQ(r.summary["problems"][0]["severity"], "warning");
  EXPECT_EQ(r.summary["problems"][0]["file"], fixture("encodings/windows1252_quotes.txt"));
  EXPECT_NE(r.summary["problems"][0]["message"].get<std::string>().find("windows-1252"),
            std::string::npos);
  EXPECT_NE(r.run.err.find("windows1252_quotes.txt: not UTF-8: read as windows-1252"),
            std::string::npos)
      << r.run.err;
  EXPECT_EQ(ids_matching(dir / "db", "cafe").size(), 1u);
  EXPECT_EQ(ids_matching(dir / "db", "decision").size(), 1u);
}

TEST(IngestFormats, GzipFiles) {
  TempDir dir;
  write_file(dir / "in/a.txt", "Sluice gate fixed\nThe sluice gate was fixed on Monday.\n");
  write_file(dir / "in/b.jsonl",
             R"({"id": "gz1", "title": "Sluice opened", "body": "The sluice opened."})"
             "\n");
  write_file(dir / "in/c.html",
             "<html lang=\"en\"><head><title>Sluice closed</title></head><body><article><p>The "
             "sluice closed for the winter.</p></article></body></html>");
  ASSERT_EQ(std::system(
                ("gzip -n " + dir / "in/a.txt" + " " + dir / "in/b.jsonl" + " " + dir / "in/c.html")
                    .c_str()),
            0);
  auto r = index(dir / "db", {dir / "in"});
  EXPECT_EQ(r.run.exit_code, 0) << r.run.err;
  EXPECT_EQ(r.summary["indexed"], 3);
  EXPECT_EQ(ids_matching(dir / "db", "sluice"),
            (std::vector<std::string>{"a.txt.gz", "c.html.gz", "gz1"}));
  EXPECT_EQ(show(dir / "db", "c.html.gz")["title"], "Sluice closed");
}

TEST(IngestFormats, StdinFormatsAndGzippedStdin) {
  TempDir dir;
  auto text = index(dir / "db", {"-"}, {}, "Ferry strike ends\nCrews returned on Monday.\n");
  EXPECT_EQ(text.summary["indexed"], 1);
  auto jsonl =
      index(dir / "db", {"-"}, {"--stdin-format", "jsonl"},
            "{\"id\": \"s1\", \"title\": \"Ferry fares\", \"body\": \"Fares rose.\"}\n"
            "{\"id\": \"s2\", \"title\": \"Ferry \"broken\n"
            "{\"id\": \"s3\", \"title\": \"Ferry timetable\", \"body\": \"New times.\"}\n");
  EXPECT_EQ(jsonl.summary["indexed"], 2);
  EXPECT_EQ(jsonl.summary["failed"], 1);
  EXPECT_NE(jsonl.run.err.find("-:2:"), std::string::npos) << jsonl.run.err;
  auto html = index(dir / "db", {"-"}, {"--stdin-format", "html"},
                    "<html><head><link rel=\"canonical\" href=\"https://example.org/ferry\">"
                    "<title>Ferry page</title></head><body><p>Ferry page text.</p></body></html>");
  EXPECT_EQ(html.summary["indexed"], 1);
  auto ids = ids_matching(dir / "db", "ferry");
  ASSERT_EQ(ids.size(), 4u);
  EXPECT_EQ(ids[0], "https://example.org/ferry");
  EXPECT_EQ(ids[1], "s1");
  EXPECT_EQ(ids[2], "s3");
  EXPECT_EQ(ids[3].rfind("sha:", 0), 0u) << "stdin text without an id: a content hash";

  write_file(dir / "s.txt", "Canal frozen\nSkaters took to the canal.\n");
  ASSERT_EQ(std::system(("gzip -n " + dir / "s.txt").c_str()), 0);
  std::ifstream in(dir / "s.txt.gz", std::ios::binary);
  std::string gz((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto zipped = index(dir / "db", {"-"}, {}, gz);
  EXPECT_EQ(zipped.summary["indexed"], 1) << messages(zipped.summary);
  EXPECT_EQ(ids_matching(dir / "db", "skaters").size(), 1u);
}

TEST(IngestFormats, IncludeAndExcludeGlobs) {
  TempDir dir;
  write_file(dir / "in/a.txt", "Pier one\nThe pier reopened.\n");
  write_file(dir / "in/notes.md", "Pier notes\nNotes about the pier.\n");
  write_file(dir / "in/drafts/b.txt", "Pier draft\nA draft about the pier.\n");
  write_file(dir / "in/world/c.txt", "Pier abroad\nA pier abroad.\n");
  auto r = index(dir / "db", {dir / "in"}, {"--include", "*.txt", "--exclude", "drafts"});
  EXPECT_EQ(r.run.exit_code, 0) << r.run.err;
  EXPECT_EQ(r.summary["indexed"], 2);
  EXPECT_EQ(ids_matching(dir / "db", "pier"), (std::vector<std::string>{"a.txt", "world/c.txt"}));
  auto by_path = index(dir / "db2", {dir / "in"}, {"--include", "world/*", "--include", "*.md"});
  EXPECT_EQ(ids_matching(dir / "db2", "pier"),
            (std::vector<std::string>{"notes.md", "world/c.txt"}));
}

TEST(IngestFormats, LongIdsAreHashedAndReindexingReplacesThem) {
  TempDir dir;
  const std::string id = "https://example.org/" + std::string(300, 'x') + "/story";
  auto line = [&](const std::string& body) {
    return "{\"id\": \"" + id + "\", \"title\": \"Lock keeper retires\", \"body\": \"" + body +
           "\"}\n";
  };
  write_file(dir / "a.jsonl", line("The lock keeper retired after forty years."));
  auto first = index(dir / "db", {dir / "a.jsonl"});
  EXPECT_EQ(first.run.exit_code, 0) << first.run.err;
  EXPECT_EQ(first.summary["indexed"], 1);
  auto a = show(dir / "db", id);
  ASSERT_FALSE(a.is_null());
  EXPECT_EQ(a["id"], id) << "the stored id is the full id";

  auto same = index(dir / "db", {dir / "a.jsonl"});
  EXPECT_EQ(same.summary["indexed"], 0);
  EXPECT_EQ(same.summary["unchanged"], 1);

  write_file(dir / "a.jsonl", line("The lock keeper retired after forty-one years."));
  auto changed = index(dir / "db", {dir / "a.jsonl"});
  EXPECT_EQ(changed.summary["indexed"], 1);
  EXPECT_EQ(changed.summary["documents"], 1) << "replaced, not duplicated";
  EXPECT_EQ(ids_matching(dir / "db", "keeper"), std::vector<std::string>{id});
  EXPECT_EQ(ids_matching(dir / "db", "id:\"" + id + "\""), std::vector<std::string>{id});
}

TEST(IngestFormats, UnchangedArticlesAreCountedInTheTextSummary) {
  TempDir dir;
  CliResult first = run_cli({"index", "--db", dir / "db", fixture("json/array.json")});
  EXPECT_EQ(first.exit_code, 0);
  EXPECT_NE(first.out.find("read 3, indexed 3, unchanged 0, skipped 0, failed 0"),
            std::string::npos)
      << first.out;
  CliResult again = run_cli({"index", "--db", dir / "db", fixture("json/array.json")});
  EXPECT_NE(again.out.find("read 3, indexed 0, unchanged 3, skipped 0, failed 0"),
            std::string::npos)
      << again.out;
}

} // namespace
} // namespace newsdex::test
