// The analyzer's golden table: input text -> expected terms at their positions. Used by the golden
// test (analyzer_test.cpp) and by the round-trip test (analyzer_roundtrip_test.cpp).
//
// Expected strings are "term@position" for every token, in order, joined by spaces; joined tokens
// are marked with '+', stopwords with '~', acronyms with '^'.
#pragma once

#include <vector>

namespace newsdex {

struct Golden {
  const char* text;
  const char* expected;
};

inline const std::vector<Golden> golden_rows{

    // Stemming and case folding
    Golden{"Ministers Discussed Spending", "minist@0 discuss@1 spend@2"},
    // Dotted acronyms never meet the pronoun; undotted capitals in mixed-case text are acronyms
    Golden{"U.S. troops", "^u.s@0 troop@1"}, Golden{"the US said", "~the@0 ^u.s@1 said@2"},
    Golden{"tell us more", "tell@0 ~us@1 ~more@2"}, Golden{"NATO allies", "^nato@0 alli@1"},
    // All-capital text (a wire headline): capitals mark nothing
    Golden{"US TROOPS LEAVE BASE", "~us@0 troop@1 leav@2 base@3"},
    // Possessives with straight, curly and modifier apostrophes
    Golden{"Ukraine’s army", "ukrain@0 armi@1"}, Golden{"Ukraine's army", "ukrain@0 armi@1"},
    Golden{"Ukraineʼs army", "ukrain@0 armi@1"}, Golden{"NATO’s plan", "^nato@0 plan@1"},
    Golden{"O'Brien spoke", "o'brien@0 spoke@1"},
    // British and American spellings fold together
    Golden{"Defence defense", "defens@0 defens@1"},
    Golden{"organisation organization", "organ@0 organ@1"},
    Golden{"centre center", "center@0 center@1"}, Golden{"programme", "program@0"},
    // Hyphenated compounds: parts at consecutive positions plus the joined form
    Golden{"pre-2014 borders", "pre@0 2014@1 +pre2014@0 border@2"},
    Golden{"peace-keeping peacekeeping", "peac@0 keep@1 +peacekeep@0 peacekeep@2"},
    // Numbers, percentages and amounts
    Golden{"2,000 troops", "2000@0 troop@1"}, Golden{"3.3% of GDP", "3.3@0 +3.3%@0 ~of@1 ^gdp@2"},
    Golden{"5 percent", "5@0 +5%@0 percent@1"}, Golden{"5 per cent", "5@0 +5%@0 per@1 cent@2"},
    Golden{"$126 billion", "126@0 +$126@0 billion@1"},
    // Accents, width and compatibility forms
    Golden{"café Zürich", "cafe@0 zurich@1"},
    Golden{"ＮＡＴＯ ｆｕｌｌｗｉｄｔｈ", "^nato@0 fullwidth@1"}, Golden{"ﬁnance", "financ@0"},
    // Other scripts: Cyrillic keeps its letters, Greek is folded to lower case
    Golden{"Россия и Украина", "россия@0 и@1 украина@2"},
    Golden{"Αλεξανδρούπολη", "αλεξανδρουπολη@0"},
    // Apostrophes: ' ’ ʼ alike; possessive s' removed; names and contractions stay one word
    Golden{"the allies' plans", "~the@0 alli@1 plan@2"},
    Golden{"the allies’ plans", "~the@0 alli@1 plan@2"},
    Golden{"O’Brien and Oʼbrien", "o'brien@0 ~and@1 o'brien@2"},
    Golden{"don't don’t", "don't@0 don't@1"},
    Golden{"Starmer’s government's plans", "starmer@0 govern@1 plan@2"},
    // Dotted acronyms U.S./U.K./U.N. meet their undotted spellings; lower-case words do not
    // become acronyms
    Golden{"U.K. and U.N. officials", "^uk@0 ~and@1 ^un@2 offici@3"},
    Golden{"the UK and the UN", "~the@0 ^uk@1 ~and@2 ~the@3 ^un@4"},
    Golden{"Washington, U.S.", "washington@0 ^u.s@1"}, Golden{"u.s. policy", "^u.s@0 polici@1"},
    Golden{"US-led forces", "^u.s@0 led@1 +usl@0 forc@2"}, Golden{"WHO warned", "^w.h.o@0 warn@1"},
    Golden{"who warned", "~who@0 warn@1"},
    Golden{"Shares in IT firms", "share@0 ~in@1 ^i.t@2 firm@3"},
    // All-capital text: ordinary words, stemmed, stopwords recognised
    Golden{"IT WAS A US DECISION", "~it@0 ~was@1 ~a@2 ~us@3 decis@4"},
    Golden{"NATO ALLIES AGREE TO SPEND MORE", "nato@0 alli@1 agre@2 ~to@3 spend@4 ~more@5"},
    // Hyphens
    Golden{"a pre-2014 level", "~a@0 pre@1 2014@2 +pre2014@1 level@3"},
    Golden{"well-known", "well@0 known@1 +wellknown@0"},
    Golden{"peace‑keeping", "peac@0 keep@1 +peacekeep@0"}, // U+2011 non-breaking hyphen
    Golden{"COVID-19 cases", "^covid@0 19@1 +covid19@0 case@2"},
    Golden{"2014 - 2015", "2014@0 2015@1"}, // spaced: two numbers, no compound
    // Numbers: integers, decimals, thousands, percentages, currencies, years
    Golden{"in 2014", "~in@0 2014@1"}, Golden{"1,250.75 euros", "1250.75@0 euro@1"},
    Golden{"5% rise", "5@0 +5%@0 rise@1"}, Golden{"5 Percent", "5@0 +5%@0 percent@1"},
    Golden{"€40 and £30", "40@0 +€40@0 ~and@1 30@2 +£30@2"},
    Golden{"$1.5 trillion", "1.5@0 +$1.5@0 trillion@1"},
    // Spelling variants from the table and from the patterns
    Golden{"labour labor", "labor@0 labor@1"}, Golden{"colour color", "color@0 color@1"},
    Golden{"programmes programs", "program@0 program@1"},
    Golden{"modernisation modernization", "modern@0 modern@1"},
    Golden{"theatre metres", "theater@0 meter@1"},
    Golden{"advertise surprise", "advertis@0 surpris@1"}, // -ise words that are not variants
    // Compatibility forms: ligatures, full-width digits, superscripts
    Golden{"ｐｒｅ－２０１４", "pre@0 2014@1 +pre2014@0"},
    // Greek: accents and final sigma folded, capitals mark nothing in Greek-only caps
    Golden{"Αθήνας ΑΘΗΝΑΣ", "αθηνασ@0 ^αθηνασ@1"}};

} // namespace newsdex
