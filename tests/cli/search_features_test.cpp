// Issue 6 features through the real CLI: fields, dates, match modes, strict/lenient, explain,
// sort, recency, facets, suggestion, collapse, similar, show, every output format, exit codes.
#include "cli/cli_runner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

namespace newsdex::test {
namespace {

const std::string k002 = "https://example.org/defense-daily-wire/2025/02/hegseth-contact-group";
const std::string k003 = "https://example.org/continental-dispatch/2025/02/24/kyiv-anniversary";
const std::string k001 = "https://example.org/harbour-post/2025/06/24/nato-hague-spending";
const std::string k017 = "https://example.org/eastern-frontier/2024/11/17/grid-strike";
const std::string k024 = "https://example.org/polar-shipping/2024/07/11/icebreaker-pact";

class Features : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    db_ = *dir_ / "samples.db";
    CliResult r = run_cli({"index", "--db", db_, sample_articles()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static CliResult search(std::vector<std::string> args, const std::string& db = db_) {
    std::vector<std::string> all{"search", "--db", db};
    all.insert(all.end(), args.begin(), args.end());
    return run_cli(all);
  }

  static nlohmann::json json(std::vector<std::string> args, const std::string& db = db_) {
    args.insert(args.begin(), {"--format", "json", "--limit", "50"});
    CliResult r = search(args, db);
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
    return nlohmann::json::parse(r.out);
  }

  static std::vector<std::string> ids(std::vector<std::string> args, const std::string& db = db_) {
    args.insert(args.begin(), {"--format", "ids", "--limit", "50"});
    CliResult r = search(args, db);
    std::vector<std::string> out;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }

  static bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  }

  static TempDir* dir_;
  static std::string db_;
};

TempDir* Features::dir_ = nullptr;
std::string Features::db_;

TEST_F(Features, DateRangesMonthsYearsAndOpenEnds) {
  // Dated samples: 001 2025-06-24, 002 2025-02-13, 003 2025-02-24, 017 2024-11-17, 024 2024-07-11
  auto feb = ids({"--", "date:2025-02-01..2025-02-28"});
  std::sort(feb.begin(), feb.end());
  EXPECT_EQ(feb, (std::vector<std::string>{k003, k002}));
  auto month = ids({"--", "date:2025-02"});
  std::sort(month.begin(), month.end());
  EXPECT_EQ(month, feb);
  EXPECT_EQ(ids({"--", "date:2025.."}).size(), 3u);
  EXPECT_EQ(ids({"--", "year:2024"}).size(), 2u);
  EXPECT_EQ(ids({"--", "date:..2024-12-31"}).size(), 2u);
  // A date beside words filters them.
  EXPECT_EQ(ids({"Hegseth", "date:2025-02-01..2025-02-28"}), std::vector<std::string>{k002});
}

TEST_F(Features, TitlePhraseMatchesTitlesOnly) {
  TempDir dir;
  write_file(dir / "in/a.txt", "Peace talks resume in Geneva\nGENEVA — Envoys met again.\n");
  write_file(dir / "in/b.txt",
             "Envoys meet in Geneva\nGENEVA — The peace talks were described as slow.\n");
  write_file(dir / "in/c.txt", "Talks on peace stall\nGENEVA — No progress was made.\n");
  std::string db = dir / "t.db";
  ASSERT_EQ(run_cli({"index", "--db", db, dir / "in"}).exit_code, 0);
  EXPECT_EQ(ids({"--", "title:\"peace talks\""}, db), std::vector<std::string>{"a.txt"});
  auto plain = ids({"\"peace talks\""}, db);
  std::sort(plain.begin(), plain.end());
  EXPECT_EQ(plain, (std::vector<std::string>{"a.txt", "b.txt"}));
  EXPECT_EQ(ids({"--", "title:peace"}, db).size(), 2u);
}

TEST_F(Features, SourceAndIdFields) {
  EXPECT_EQ(ids({"--", "source:\"Harbour Post\""}), std::vector<std::string>{k001});
  auto baltic = ids({"--", "source:\"Baltic Ledger\""});
  EXPECT_EQ(baltic.size(), 2u) << "005 and 026";
  EXPECT_EQ(ids({"--", "id:010-cup-semi-final.txt"}),
            std::vector<std::string>{"010-cup-semi-final.txt"});
}

TEST_F(Features, MatchAllNeedsEveryWord) {
  auto any = ids({"Hegseth", "Warsaw"});
  auto all = ids({"--match", "all", "Hegseth", "Warsaw"});
  EXPECT_GT(any.size(), all.size());
  EXPECT_EQ(all, std::vector<std::string>{"021-hegseth-warsaw-visit.txt"});
}

TEST_F(Features, MalformedQueryWarnsWithColumnOrFailsWhenStrict) {
  CliResult lenient = search({"NATO", "\"defense"});
  EXPECT_EQ(lenient.exit_code, 0);
  EXPECT_NE(lenient.err.find("unbalanced quote at column 6"), std::string::npos) << lenient.err;
  auto j = json({"--", "NATO \"defense"});
  ASSERT_EQ(j["warnings"].size(), 1u);
  EXPECT_EQ(j["warnings"][0]["column"], 6);
  CliResult strict = search({"--strict", "NATO", "\"defense"});
  EXPECT_EQ(strict.exit_code, 2);
  EXPECT_NE(strict.err.find("query: unbalanced quote at column 6"), std::string::npos)
      << strict.err;
  EXPECT_TRUE(strict.out.empty());
  CliResult field = search({"--strict", "colour:red"});
  EXPECT_EQ(field.exit_code, 2);
  EXPECT_NE(field.err.find("unknown field 'colour'"), std::string::npos) << field.err;
}

TEST_F(Features, SyntaxOffRanksEveryWord) {
  // With syntax, NOT excludes Russia; without, Russia is just another word.
  auto with = ids({"Hegseth", "NOT", "Russia"});
  auto without = ids({"--syntax", "off", "Hegseth", "NOT", "Russia"});
  EXPECT_GT(without.size(), with.size());
  CliResult r = search({"--syntax", "off", "--", "title: (("});
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST_F(Features, ExplainShowsTreeAndTerms) {
  CliResult r = search({"--explain", "-n", "1", "Ukraine’s", "\"defense spending\""});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("query tree:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("PHRASE"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Ukraine’s -> ukrain"), std::string::npos) << r.out;
  auto j = json({"--explain", "title:frigate"});
  EXPECT_EQ(j["explanation"]["words"][0]["terms"][0], "Sfrigat");
  EXPECT_EQ(j["explanation"]["words"][0]["field"], "title");
}

TEST_F(Features, SortByDate) {
  auto newest = ids({"--sort=-date", "--", "date:2024.."});
  EXPECT_EQ(newest, (std::vector<std::string>{k001, k003, k002, k017, k024}));
  auto oldest = ids({"--sort", "date", "--", "date:2024.."});
  EXPECT_EQ(oldest, (std::vector<std::string>{k024, k017, k002, k003, k001}));
}

TEST_F(Features, RecencyBoostFavoursNewerArticles) {
  auto plain = json({"NATO"});
  auto recent = json({"--recent", "30d", "NATO"});
  auto score_of = [](const nlohmann::json& j, const std::string& id) {
    for (const auto& h : j["hits"])
      if (h["id"] == id) return h["score"].get<double>();
    return -1.0;
  };
  // 001 is the newest article (the reference date): it gains half the best score.
  EXPECT_GT(score_of(recent, k001), score_of(plain, k001) * 1.2);
  // Undated articles gain nothing.
  EXPECT_DOUBLE_EQ(score_of(recent, "020-rutte-ammunition-warning.txt"),
                   score_of(plain, "020-rutte-ammunition-warning.txt"));
  EXPECT_EQ(recent["hits"][0]["id"], k001);
  EXPECT_EQ(search({"--recent", "soon", "NATO"}).exit_code, 2);
}

TEST_F(Features, BM25ParametersChangeScores) {
  auto a = json({"--k1", "0.5", "--b", "0.3", "NATO"});
  auto b = json({"NATO"});
  EXPECT_NE(a["hits"][0]["score"], b["hits"][0]["score"]);
  EXPECT_EQ(search({"--b", "2", "NATO"}).exit_code, 2);
}

TEST_F(Features, LimitOffsetAndTotal) {
  auto all = ids({"NATO"});
  auto page = json({"--offset", "2", "NATO"});
  CliResult r = search({"--format", "ids", "--limit", "3", "--offset", "2", "NATO"});
  std::istringstream in(r.out);
  std::vector<std::string> got;
  for (std::string l; std::getline(in, l);) got.push_back(l);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got, (std::vector<std::string>(all.begin() + 2, all.begin() + 5)));
  EXPECT_EQ(page["hits"][0]["rank"], 3);
  EXPECT_EQ(page["total_estimate"].get<std::size_t>(), all.size());
}

TEST_F(Features, FacetsCountTheMatchingSet) {
  auto j = json({"--facet", "source", "--facet", "year", "--facet", "month", "--facet", "entity",
                 "--", "date:2024.."});
  auto& f = j["facets"];
  ASSERT_TRUE(f.contains("source") && f.contains("year") && f.contains("month"));
  EXPECT_EQ(f["year"],
            nlohmann::json::parse(R"([{"value":"2025","count":3},{"value":"2024","count":2}])"));
  EXPECT_EQ(f["month"][0], nlohmann::json::parse(R"({"value":"2025-02","count":2})"));
  EXPECT_EQ(f["month"].size(), 4u);
  EXPECT_EQ(f["source"].size(), 5u);
  for (const auto& v : f["source"]) EXPECT_EQ(v["count"], 1);
  ASSERT_TRUE(f["entity"].is_array());
  for (const auto& v : f["entity"]) EXPECT_GE(v["count"].get<int>(), 1);
  // Baltic Ledger is the one source used twice (005, 026); --facet-limit keeps the top value.
  auto words = json({"--facet", "source", "--facet-limit", "1", "cable", "ammunition"});
  ASSERT_EQ(words["facets"]["source"].size(), 1u);
  EXPECT_EQ(words["facets"]["source"][0],
            nlohmann::json::parse(R"({"value":"Baltic Ledger","count":2})"));
}

TEST_F(Features, DidYouMean) {
  CliResult r = search({"Ukrane"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("did you mean: Ukraine"), std::string::npos) << r.out;
  auto j = json({"Ukrane", "aid"});
  EXPECT_EQ(j["suggestion"], "Ukraine aid");
  EXPECT_TRUE(json({"Ukraine"})["suggestion"].is_null());
}

TEST_F(Features, CollapseFoldsNearDuplicates) {
  TempDir dir;
  const std::string body =
      "The port authority said on Monday that a new icebreaker would be ordered from a "
      "Finnish yard, with delivery expected within three years and crews trained over the winter. "
      "Officials said the vessel would keep the northern shipping lanes open for grain exports "
      "and that the cost would be shared by the three governments involved in the pact.";
  write_file(dir / "in/a.txt", "Icebreaker ordered for northern lanes\nHELSINKI — " + body + "\n");
  write_file(dir / "in/b.txt", "Icebreaker ordered for northern lanes\nHELSINKI — " + body +
                                   " Reuters contributed.\n");
  write_file(dir / "in/c.txt",
             "Grain exports rise\nKYIV — Grain exports rose in March as northern lanes "
             "stayed open thanks to an icebreaker.\n");
  std::string db = dir / "t.db";
  ASSERT_EQ(run_cli({"index", "--db", db, dir / "in"}).exit_code, 0);
  auto plain = json({"icebreaker"}, db);
  EXPECT_EQ(plain["hits"].size(), 3u);
  auto collapsed = json({"--collapse", "icebreaker"}, db);
  ASSERT_EQ(collapsed["hits"].size(), 2u);
  std::size_t folded = 0;
  for (const auto& h : collapsed["hits"]) folded += h["duplicates"].size();
  EXPECT_EQ(folded, 1u);
  CliResult text = search({"--collapse", "icebreaker"}, db);
  EXPECT_NE(text.out.find("+1 near-duplicate"), std::string::npos) << text.out;
}

// Articles of one or two words have no shingle and so no signature: --collapse must keep each
// (they used to share SimHash 0 and fold into the first).
TEST_F(Features, CollapseKeepsDistinctShortArticles) {
  TempDir dir;
  write_file(dir / "in/a.txt", "Headline one\nBriefly: sanctions.\n");
  write_file(dir / "in/b.txt", "Headline two\nBriefly: ceasefire.\n");
  write_file(dir / "in/c.txt", "Headline three\nBriefly: tariffs.\n");
  std::string db = dir / "t.db";
  ASSERT_EQ(run_cli({"index", "--db", db, dir / "in"}).exit_code, 0);
  auto collapsed = json({"--collapse", "briefly"}, db);
  ASSERT_EQ(collapsed["hits"].size(), 3u) << collapsed.dump();
  for (const auto& h : collapsed["hits"]) EXPECT_TRUE(h["duplicates"].empty()) << h.dump();
}

TEST_F(Features, SimilarFindsRelatedArticles) {
  CliResult r = run_cli({"similar", "--db", db_, "--format", "ids", k002});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find(k002), std::string::npos) << "the article itself is excluded";
  // Hegseth articles 004 and 021 are its closest neighbours.
  std::istringstream in(r.out);
  std::vector<std::string> got;
  for (std::string l; std::getline(in, l);) got.push_back(l);
  ASSERT_GE(got.size(), 3u);
  std::vector<std::string> top(got.begin(), got.begin() + 3);
  EXPECT_TRUE(contains(top, "021-hegseth-warsaw-visit.txt")) << r.out;
  EXPECT_EQ(run_cli({"similar", "--db", db_, "no-such-id"}).exit_code, 1);
  CliResult j = run_cli({"similar", "--db", db_, "--format", "json", k002});
  auto parsed = nlohmann::json::parse(j.out);
  EXPECT_EQ(parsed["format_version"], 1);
  // --format ids reads ids only (no summaries): the same articles in the same order.
  ASSERT_EQ(parsed["hits"].size(), got.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(parsed["hits"][i]["id"], got[i]);
    EXPECT_FALSE(parsed["hits"][i]["title"].get<std::string>().empty());
  }
}

TEST_F(Features, ShowPrintsTheStoredArticle) {
  CliResult t = run_cli({"show", "--db", db_, k001});
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_NE(t.out.find("Title: NATO leaders back 5% spending goal at The Hague summit"),
            std::string::npos);
  EXPECT_NE(t.out.find("Date: 2025-06-24"), std::string::npos);
  EXPECT_NE(t.out.find("Mark Rutte"), std::string::npos);
  CliResult j = run_cli({"show", "--db", db_, "--format", "json", k001});
  auto a = nlohmann::json::parse(j.out);
  EXPECT_EQ(a["format_version"], 1);
  EXPECT_EQ(a["article"]["source"], "Harbour Post");
  EXPECT_EQ(a["article"]["url"], k001);
  EXPECT_NE(a["article"]["body"].get<std::string>().find("Rutte"), std::string::npos);
  EXPECT_EQ(run_cli({"show", "--db", db_, "nope"}).exit_code, 1);
}

TEST_F(Features, EveryOutputFormatParsesBack) {
  auto j = json({"Hegseth"});
  ASSERT_EQ(j["hits"].size(), 3u);
  for (const auto& h : j["hits"]) {
    EXPECT_TRUE(h["url"].is_null() || h["url"].is_string());
    EXPECT_TRUE(h["entities"].is_array());
  }
  EXPECT_TRUE(j["facets"].is_object());
  EXPECT_TRUE(j["suggestion"].is_null());

  CliResult l = search({"--format", "jsonl", "Hegseth"});
  std::istringstream lines(l.out);
  int n = 0;
  for (std::string line; std::getline(lines, line);) {
    auto o = nlohmann::json::parse(line);
    EXPECT_EQ(o["id"], j["hits"][n]["id"]);
    EXPECT_EQ(o["rank"], ++n);
    EXPECT_EQ(o["query"], "Hegseth");
  }
  EXPECT_EQ(n, 3);

  CliResult t = search({"--format", "trec", "Hegseth"});
  std::istringstream trec(t.out);
  n = 0;
  for (std::string qid, q0, id, tag; trec >> qid >> q0 >> id;) {
    int rank;
    double score;
    trec >> rank >> score >> tag;
    EXPECT_EQ(qid, "1");
    EXPECT_EQ(q0, "Q0");
    EXPECT_EQ(id, j["hits"][n]["id"]);
    EXPECT_EQ(rank, ++n);
    EXPECT_NEAR(score, j["hits"][n - 1]["score"].get<double>(), 1e-5);
    EXPECT_EQ(tag, "newsdex");
  }
  EXPECT_EQ(n, 3);

  auto got = ids({"Hegseth"});
  ASSERT_EQ(got.size(), 3u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(got[i], j["hits"][i]["id"]);
}

TEST_F(Features, BatchQueriesWriteATrecRun) {
  TempDir dir;
  write_file(dir / "q.tsv", "q1\tHegseth\n# a comment\n\nq2\tzzyzx\nq3\tIcebreaker\n");
  CliResult r = search({"--queries", dir / "q.tsv", "--format", "trec", "--run-tag", "mine"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream in(r.out);
  std::map<std::string, int> per_query;
  for (std::string line; std::getline(in, line);) {
    std::istringstream f(line);
    std::string qid, q0, id, rank, score, tag;
    f >> qid >> q0 >> id >> rank >> score >> tag;
    ++per_query[qid];
    EXPECT_EQ(tag, "mine");
  }
  EXPECT_EQ(per_query["q1"], 3);
  EXPECT_EQ(per_query.count("q2"), 0u);
  EXPECT_GE(per_query["q3"], 1);
  CliResult js = search({"--queries", dir / "q.tsv", "--format", "json"});
  auto j = nlohmann::json::parse(js.out);
  ASSERT_EQ(j["queries"].size(), 3u);
  EXPECT_EQ(j["queries"][1]["qid"], "q2");
  EXPECT_TRUE(j["queries"][1]["hits"].empty());
  write_file(dir / "none.tsv", "a\tzzyzx\n");
  EXPECT_EQ(search({"--queries", dir / "none.tsv"}).exit_code, 1);
}

TEST_F(Features, ExitCodes) {
  EXPECT_EQ(search({"NATO"}).exit_code, 0);
  EXPECT_EQ(search({"zzyzx"}).exit_code, 1);
  EXPECT_EQ(search({"--format", "yaml", "NATO"}).exit_code, 2);
  EXPECT_EQ(search({"--strict", "--", "NATO OR"}).exit_code, 2);
  EXPECT_EQ(search({"--facet", "colour", "NATO"}).exit_code, 2);
  TempDir dir;
  EXPECT_EQ(search({"NATO"}, dir / "missing.db").exit_code, 3);
  write_file(dir / "corrupt.db/iamglass", "not a database");
  EXPECT_EQ(search({"NATO"}, dir / "corrupt.db").exit_code, 3);
  EXPECT_EQ(run_cli({"show", "--db", dir / "missing.db", "x"}).exit_code, 3);
  EXPECT_EQ(run_cli({"similar", "--db", dir / "missing.db", "x"}).exit_code, 3);
}

TEST_F(Features, ColourOnlyOnATerminal) {
  CliResult r = search({"NATO"}, db_);
  EXPECT_EQ(r.out.find("\033["), std::string::npos) << "piped output is plain";
}

} // namespace
} // namespace newsdex::test
