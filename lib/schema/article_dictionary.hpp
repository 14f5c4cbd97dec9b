// The preset dictionary newsdex deflates stored articles with (zlib's deflateSetDictionary):
// common English words and the shapes of news copy, written for newsdex. A short article shares
// little with itself, so deflate alone finds few repeats in it; with these strings in its window
// it finds them from the first word. Most frequent last: deflate prefers near matches.
//
// Articles deflated with it are marked with their own format byte: never edit this text. A better
// dictionary needs a new format byte, and the reader keeps this one.
#pragma once

#include <string_view>

namespace newsdex::detail {

inline constexpr std::string_view article_dictionary_v1 =
    "December November October September August July June May April March February January "
    "Sunday Saturday Friday Thursday Wednesday Tuesday Monday "
    "spokeswoman spokesman chairman chief executive officer director analyst analysts "
    "investors investment shareholders earnings revenue revenues dividend quarter quarterly "
    "profit profits loss losses sales share shares stock stocks market markets exchange "
    "prices price rise rose fell fall increase decrease higher lower growth economy economic "
    "inflation unemployment interest rates rate dollar dollars pounds euros yen currency "
    "trade deficit surplus exports imports tariffs oil gas energy production output "
    "agreement talks deal contract negotiations proposal plan plans policy policies "
    "government ministry minister ministers prime president presidential parliament "
    "election elections vote voters party parties leader leaders opposition campaign "
    "committee council commission union federal central national international regional "
    "security defence defense military forces troops war police court judge law legal "
    "health hospital public private industry industrial technology software internet "
    "mobile phone phones service services customers consumer consumers business businesses "
    "company companies corporation group firm firms bank banks financial finance fund funds "
    "million billion thousand hundred percent per cent pct mln dlrs "
    "first second third fourth fifth last next previous earlier later recent current "
    "one two three four five six seven eight nine ten eleven twelve twenty thirty fifty "
    "year years month months week weeks day days today yesterday tomorrow time times "
    "world country countries city state states region area people official officials "
    "however although because though whether while during before after since until "
    "including according expected announced reported added told says said would could "
    "should might must will shall can may also only just still even more most much many "
    "such other another some any each every both all than then there their they them "
    "these those this that what which who whom whose when where why how about above below "
    "over under into onto from with without within between against among through "
    "The In A It He She They We But And For On At As By To Of That This There "
    " has been have had was were are is be not no its his her our your an or if so up out "
    " it's that's the company said. The company said it would "
    " said in a statement. \"We are \"It is a spokesman said. officials said. "
    " of the in the to the for the on the at the and the with the from the by the that the "
    " the ";

} // namespace newsdex::detail
