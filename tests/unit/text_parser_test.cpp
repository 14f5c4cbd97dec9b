// Plain-text articles: headline or lead sentence, dateline, subheadings, Source line, header block.
#include <newsdex/reader.hpp>

#include "fixture_file.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace newsdex {
namespace {

using test::read_fixture;

TEST(TextParser, HeadlineDatelineSubheadingsAndSourceLine) {
  Article a = parse_text_article(read_fixture("text/headline_dateline.txt"));
  EXPECT_EQ(a.title, "Ferry operators agree winter timetable");
  EXPECT_EQ(a.place, "TROMSØ");
  EXPECT_EQ(a.source, "Fjord Courier");
  EXPECT_EQ(a.headings,
            (std::vector<std::string>{"What Changes for Passengers", "Costs and Subsidies"}));
  // The headline is the title, not body text; the Source line is metadata, not body text.
  EXPECT_EQ(a.body.rfind("TROMSØ — Three ferry operators", 0), 0u) << a.body;
  EXPECT_EQ(a.body.find("Source:"), std::string::npos);
  EXPECT_NE(a.body.find("\n\nWhat Changes for Passengers\n\n"), std::string::npos)
      << "subheadings stay in the body as their own paragraphs";
  EXPECT_TRUE(a.date.empty());
  EXPECT_TRUE(a.id.empty());
}

TEST(TextParser, LeadSentenceBecomesTheTitleWithoutItsDateline) {
  Article a = parse_text_article(read_fixture("text/lead_sentence.txt"));
  EXPECT_EQ(a.title, "Lithuania's parliament approved a plan on Wednesday to build three new rail "
                     "terminals near the Polish border, a project officials say will cut freight "
                     "delays by half");
  EXPECT_EQ(a.place, "VILNIUS");
  EXPECT_EQ(a.source, "Amber Coast Times");
  EXPECT_EQ(a.headings, (std::vector<std::string>{"A Long Wait at the Border"}));
  EXPECT_EQ(a.body.rfind("VILNIUS — Lithuania's parliament", 0), 0u)
      << "the lead stays in the body";
}

TEST(TextParser, HeaderBlockOverridesWhatIsInferred) {
  Article a = parse_text_article(read_fixture("text/header_block.txt"));
  EXPECT_EQ(a.title, "Coastal town votes to restore its lighthouse");
  EXPECT_EQ(a.date, "March 3, 2024") << "left as written; parse_record normalizes";
  EXPECT_EQ(a.source, "North Sea Bulletin") << "the header wins over the trailing Source line";
  EXPECT_EQ(a.url, "https://example.org/bulletin/2024/03/lighthouse-vote");
  EXPECT_EQ(a.author, "Marit Olsen");
  EXPECT_EQ(a.language, "nb");
  EXPECT_EQ(a.id, "bulletin-2024-0303-lighthouse");
  EXPECT_EQ(a.place, "GRIMSTAD");
  EXPECT_EQ(a.body.find("Title:"), std::string::npos);
  EXPECT_EQ(a.body.find("Somebody Else"), std::string::npos);
}

TEST(TextParser, HeaderKeysAreCaseInsensitiveAndNeedABlankLineAfterThem) {
  Article a = parse_text_article("title: Lower-case keys\nDATE: 2024-05-01\nby: A. Writer\n\n"
                                 "The body of the article is here.\n");
  EXPECT_EQ(a.title, "Lower-case keys");
  EXPECT_EQ(a.date, "2024-05-01");
  EXPECT_EQ(a.author, "A. Writer");
  EXPECT_EQ(a.body, "The body of the article is here.");

  // Without the blank line, "Note: ..." is just the first line of the text.
  Article b = parse_text_article("Title: Not a header\nThe council met on Monday.\n");
  EXPECT_NE(b.body.find("The council met"), std::string::npos);
  // An unknown key is not a header.
  Article c = parse_text_article("Weather: rain\n\nThe match was postponed.\n");
  EXPECT_TRUE(c.date.empty());
  EXPECT_NE(c.body.find("The match was postponed"), std::string::npos);
}

TEST(TextParser, SingleParagraphHasALeadSentenceTitle) {
  Article a = parse_text_article(read_fixture("text/no_structure.txt"));
  EXPECT_EQ(a.title.rfind("the council met again on monday", 0), 0u);
  EXPECT_NE(a.title.back(), '.');
  EXPECT_TRUE(a.place.empty());
  EXPECT_TRUE(a.headings.empty());
  EXPECT_EQ(a.body.rfind("the council met again", 0), 0u) << "a one-line text is also the body";
}

TEST(TextParser, LeadSentenceKeepsInitialismsAndIsShortened) {
  Article a = parse_text_article("U.S. officials met E.U. envoys in Geneva. Talks went on.\n");
  EXPECT_EQ(a.title, "U.S. officials met E.U. envoys in Geneva");
  std::string long_sentence;
  for (int i = 0; i < 60; ++i) long_sentence += "word ";
  Article b = parse_text_article(long_sentence + "end.\n");
  EXPECT_LE(b.title.size(), 200u + 3);
  EXPECT_EQ(b.title.substr(b.title.size() - 3), "…");
}

TEST(TextParser, DatelineForms) {
  EXPECT_EQ(
      parse_text_article("Grid repaired\nKYIV, Feb 12 (Reuters) - Engineers restored power.\n")
          .place,
      "KYIV");
  EXPECT_EQ(parse_text_article("Rates held\nLONDON (Reuters) -- The bank held rates.\n").place,
            "LONDON");
  EXPECT_EQ(parse_text_article("Port busy\nNEW YORK – Ships queued outside the port.\n").place,
            "NEW YORK");
  // Not datelines: lower-case words before a dash, or a dash far into the sentence.
  EXPECT_TRUE(
      parse_text_article("Budget\nThe minister — speaking late — said no.\n").place.empty());
  EXPECT_TRUE(parse_text_article("Budget\nTHE MINISTER SAID THAT THE BUDGET WAS FINAL AND THAT NO "
                                 "MORE TALKS WERE NEEDED - AT ALL.\n")
                  .place.empty());
}

TEST(TextParser, ShortLinesWithFinalPunctuationAreNotHeadings) {
  Article a = parse_text_article("Harbour strike\nDockers walked out on Monday.\nThey said no.\n"
                                 "Next Steps\nTalks resume on Friday.\n");
  EXPECT_EQ(a.title, "Harbour strike");
  EXPECT_EQ(a.headings, (std::vector<std::string>{"Next Steps"}));
}

TEST(TextParser, WindowsLineEndingsAndEmptyText) {
  Article a = parse_text_article("Title: Crlf file\r\n\r\nBody line one.\r\nSource: Wire\r\n");
  EXPECT_EQ(a.title, "Crlf file");
  EXPECT_EQ(a.source, "Wire");
  EXPECT_EQ(a.body, "Body line one.");
  Article e = parse_text_article("\n\n  \n");
  EXPECT_TRUE(e.title.empty());
  EXPECT_TRUE(e.body.empty());
}

} // namespace
} // namespace newsdex
