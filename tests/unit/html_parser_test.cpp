#include "ingest/html_parser.hpp"

#include "fixture_file.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace newsdex::detail {
namespace {

using test::read_fixture;

struct Parsed {
  bool ok = false;
  Article article;
  std::vector<std::string> warnings;
};

Parsed parse(std::string_view html) {
  Parsed result;
  result.ok = parse_html(html, result.article, result.warnings);
  return result;
}

TEST(HtmlParserTest, NoisyPageKeepsOnlyArticleText) {
  const Parsed p = parse(read_fixture("html/noisy_article.html"));
  ASSERT_TRUE(p.ok);
  // The article's <header> (headline, byline) is left out like every other <header>.
  EXPECT_EQ(p.article.body, "The harbour bridge reopened to traffic on Tuesday after a two-year "
                            "repair.\n\n"
                            "Officials said the work cost \xC2\xA3"
                            "40 million & finished early.\n\n"
                            "Traffic changes\n\n"
                            "Buses return on Monday.\n\n"
                            "Cyclists get a new lane.\n\n"
                            "What residents say\n\n"
                            "\xE2\x80\x9CIt is a relief,\xE2\x80\x9D said one resident.\n\n"
                            "First line\n\n"
                            "Second line");
  for (const char* noise : {"SCRIPTNOISE", "NAVNOISE", "HEADERNOISE", "FORMNOISE", "ASIDENOISE",
                            "NOSCRIPTNOISE", "TEMPLATENOISE", "HIDDENNOISE", "SIDEBARNOISE",
                            "FOOTERNOISE", "font-family", "Subscribe", "Search", "5 March"}) {
    EXPECT_EQ(p.article.body.find(noise), std::string::npos) << noise;
  }
  EXPECT_EQ(p.article.headings,
            (std::vector<std::string>{"Traffic changes", "What residents say"}));
}

TEST(HtmlParserTest, NoisyPageMetadata) {
  const Parsed p = parse(read_fixture("html/noisy_article.html"));
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.article.title, "Harbour bridge reopens after two-year repair"); // og:title wins
  EXPECT_EQ(p.article.url, "https://gazette.example/2024/harbour-bridge");    // canonical wins
  EXPECT_EQ(p.article.language, "en");
  EXPECT_EQ(p.article.source, "The Example Gazette");
  EXPECT_EQ(p.article.author, "Jane Q. Reporter");
  // The article's own <time>, not the one in the site navigation before it.
  EXPECT_EQ(p.article.date, "2024-03-05T09:30:00Z");
  EXPECT_TRUE(p.warnings.empty());
}

TEST(HtmlParserTest, TitlePrecedence) {
  EXPECT_EQ(parse("<html><head><title>From title</title>"
                  "<meta property=\"og:title\" content=\"From og\"></head>"
                  "<body><h1>From h1</h1><p>Text.</p></body></html>")
                .article.title,
            "From og");
  EXPECT_EQ(parse("<html><head><title>\n  From   title\n</title></head>"
                  "<body><h1>From h1</h1><p>Text.</p></body></html>")
                .article.title,
            "From title");
  EXPECT_EQ(parse("<html><body><header><h1>From <em>first</em> h1</h1></header><h1>Second</h1>"
                  "<p>Text.</p></body></html>")
                .article.title,
            "From first h1");
  // An empty og:title does not count.
  EXPECT_EQ(
      parse("<head><meta property=\"og:title\" content=\"  \"><title>T</title></head><p>x</p>")
          .article.title,
      "T");
}

TEST(HtmlParserTest, CanonicalUrl) {
  EXPECT_EQ(parse("<head><meta property=\"og:url\" content=\"https://a.example/og\">"
                  "<link rel=\"canonical\" href=\"https://a.example/canonical\"></head><p>x</p>")
                .article.url,
            "https://a.example/canonical");
  EXPECT_EQ(
      parse("<head><meta property=\"og:url\" content=\"https://a.example/og\"></head><p>x</p>")
          .article.url,
      "https://a.example/og");
  // A canonical path is made absolute with og:url's host.
  EXPECT_EQ(parse("<head><meta property=\"og:url\" content=\"https://a.example/x/og?q=1\">"
                  "<link rel=\"Canonical\" href=\"/news/story-1\"></head><p>x</p>")
                .article.url,
            "https://a.example/news/story-1");
  // rel is a token list.
  EXPECT_EQ(parse("<head><link rel=\"alternate canonical\" href=\"https://b.example/s\"></head>"
                  "<p>x</p>")
                .article.url,
            "https://b.example/s");
}

TEST(HtmlParserTest, LanguagePrimarySubtag) {
  EXPECT_EQ(parse("<html lang=\"en-GB\"><p>x</p></html>").article.language, "en");
  EXPECT_EQ(parse("<html lang=\"FR\"><p>x</p></html>").article.language, "fr");
  EXPECT_EQ(parse("<html lang=\" de-AT \"><p>x</p></html>").article.language, "de");
  EXPECT_EQ(parse("<html><head><meta property=\"og:locale\" content=\"pt_BR\"></head><p>x</p>")
                .article.language,
            "pt");
  EXPECT_EQ(parse("<html lang=\"x-klingon\"><p>x</p></html>").article.language, "");
  EXPECT_EQ(parse("<html><p>x</p></html>").article.language, "");
}

TEST(HtmlParserTest, DateSources) {
  const std::string body = "<body><p>x <time datetime=\"2020-01-01\">then</time></p></body>";
  EXPECT_EQ(
      parse("<head><meta property=\"article:published_time\" content=\"2024-05-06T07:08:09+02:00\">"
            "<meta name=\"date\" content=\"2023-01-01\"></head>" +
            body)
          .article.date,
      "2024-05-06T07:08:09+02:00");
  EXPECT_EQ(parse("<head><meta name=\"date\" content=\"2023-01-02\"></head>" + body).article.date,
            "2023-01-02");
  EXPECT_EQ(parse("<head><meta itemprop=\"datePublished\" content=\"2022-02-03\"></head>" + body)
                .article.date,
            "2022-02-03");
  EXPECT_EQ(parse("<body><span itemprop=\"datePublished\" content=\"2022-04-05\">Apr</span>"
                  "<p>x</p></body>")
                .article.date,
            "2022-04-05");
  EXPECT_EQ(parse(body).article.date, "2020-01-01");
  // A <time> without datetime is skipped.
  EXPECT_EQ(
      parse("<p><time>today</time> and <time datetime=\"5 May 2021\">May</time></p>").article.date,
      "5 May 2021");
}

TEST(HtmlParserTest, TimeElementInsideArticleHeader) {
  const Parsed p = parse("<html><body><article><header><h1>Headline</h1>"
                         "<time datetime=\"2019-11-12\">12 November</time></header>"
                         "<p>Story text.</p></article></body></html>");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.article.date, "2019-11-12");
  EXPECT_EQ(p.article.body, "Story text."); // <header> text is not body text
  EXPECT_EQ(p.article.title, "Headline");
}

TEST(HtmlParserTest, BlockElementsAndWhitespace) {
  const Parsed p = parse("<article><div>One <b>bold</b><i>ly</i>\n\t said</div>"
                         "<div><div>Two</div>Three</div>Four<br/>Five<ol><li>Six</li></ol>"
                         "<section>Seven&nbsp;&nbsp; eight</section><h4> Nine </h4></article>");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.article.body,
            "One boldly said\n\nTwo\n\nThree\n\nFour\n\nFive\n\nSix\n\nSeven eight\n\nNine");
  EXPECT_TRUE(p.article.headings.empty()); // h4 is not a section heading
}

TEST(HtmlParserTest, EntitiesDecoded) {
  const Parsed p = parse("<p>Rock &amp; roll &#8212; it&rsquo;s &lt;here&gt;</p>");
  EXPECT_EQ(p.article.body, "Rock & roll \xE2\x80\x94 it\xE2\x80\x99s <here>");
}

TEST(HtmlParserTest, MainUsedWhenNoArticle) {
  const Parsed p = parse("<body><div><p>Outside main.</p></div><main><h2>Sub</h2>"
                         "<div>In main.</div></main></body>");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.article.body, "Sub\n\nIn main.");
  EXPECT_EQ(p.article.headings, std::vector<std::string>{"Sub"});
}

TEST(HtmlParserTest, AllParagraphsWhenNoArticleOrMain) {
  const Parsed p = parse("<body><div class=menu>Menu text</div><div><p>First.</p>"
                         "<span>loose</span><p>Second <a href=#>link</a>.</p></div>"
                         "<footer><p>Footer.</p></footer><aside><p>Aside.</p></aside>"
                         "<h2>Not a paragraph</h2></body>");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.article.body, "First.\n\nSecond link.");
  EXPECT_TRUE(p.article.headings.empty());
}

TEST(HtmlParserTest, WholeBodyWhenNoParagraphs) {
  const Parsed p = parse("<body><nav>Menu</nav><div>Just a div.</div><div>Another.</div></body>");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.article.body, "Just a div.\n\nAnother.");
}

TEST(HtmlParserTest, LargestArticleWins) {
  const Parsed p = parse("<body><article><p>Teaser.</p></article>"
                         "<article><p>The real story, which is longer.</p>"
                         "<article><p>Nested comment.</p></article></article>"
                         "<aside><article><p>Related story with a lot more text in it.</p>"
                         "</article></aside></body>");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.article.body, "The real story, which is longer.\n\nNested comment.");
}

TEST(HtmlParserTest, NoTextReturnsFalseWithWarning) {
  const Parsed p = parse("<html><head><script>var x = 1;</script><style>p{}</style></head>"
                         "<body><nav>Menu</nav><footer>Footer</footer>  </body></html>");
  EXPECT_FALSE(p.ok);
  EXPECT_FALSE(p.warnings.empty());
  EXPECT_FALSE(parse("").ok);
}

TEST(HtmlParserTest, TitleOnlyIsAcceptedWithWarning) {
  const Parsed p = parse("<html><head><title>Only a title</title></head><body></body></html>");
  EXPECT_TRUE(p.ok);
  EXPECT_EQ(p.article.title, "Only a title");
  EXPECT_EQ(p.article.body, "");
  EXPECT_EQ(p.warnings.size(), 1U);
}

TEST(HtmlParserTest, MissingFieldsLeftUnchanged) {
  Article article;
  article.id = "id-1";
  article.url = "file:///given";
  article.date = "2001-02-03";
  article.title = "Given";
  article.headings = {"stale"};
  std::vector<std::string> warnings;
  ASSERT_TRUE(parse_html("<p>Only text.</p>", article, warnings));
  EXPECT_EQ(article.id, "id-1");
  EXPECT_EQ(article.url, "file:///given");
  EXPECT_EQ(article.date, "2001-02-03");
  EXPECT_EQ(article.title, "Given");
  EXPECT_EQ(article.body, "Only text.");
  EXPECT_TRUE(article.headings.empty());
  EXPECT_EQ(warnings, std::vector<std::string>{"the page has no title"});
}

TEST(HtmlParserTest, SourceAndAuthor) {
  const Parsed p = parse("<head><meta property=\"og:site_name\" content=\"Daily Example\">"
                         "<meta name=\"Author\" content=\" A. N. Writer \"></head><p>x</p>");
  EXPECT_EQ(p.article.source, "Daily Example");
  EXPECT_EQ(p.article.author, "A. N. Writer");
}

TEST(HtmlParserTest, HiddenAndEmbeddedContentExcluded) {
  const Parsed p = parse("<article><p>Visible.</p><p style=\"display: none\">Invisible.</p>"
                         "<div aria-hidden=\"true\">Decoration.</div><svg><text>Chart</text></svg>"
                         "<iframe>Frame</iframe><p>End.</p></article>");
  EXPECT_EQ(p.article.body, "Visible.\n\nEnd.");
}

TEST(HtmlParserTest, DeeplyNestedPageDoesNotOverflow) {
  std::string html = "<article>";
  for (int i = 0; i < 5000; ++i) html += "<span>";
  html += "deep";
  const Parsed p = parse(html);
  EXPECT_TRUE(p.ok);
  EXPECT_EQ(p.article.body, "deep");
}

} // namespace
} // namespace newsdex::detail
