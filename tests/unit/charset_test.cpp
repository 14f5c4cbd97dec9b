#include "ingest/charset.hpp"

#include "fixture_file.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace newsdex::detail {
namespace {

using namespace std::string_literals;

using test::read_fixture;

constexpr const char* fffd = "\xEF\xBF\xBD";

// ---- html_declared_charset -----------------------------------------------------------------

TEST(CharsetTest, DeclaredMetaCharset) {
  EXPECT_EQ(html_declared_charset("<html><head><meta charset=\"UTF-8\">"), "utf-8");
  EXPECT_EQ(html_declared_charset("<META CHARSET=Windows-1252 >"), "windows-1252");
  EXPECT_EQ(html_declared_charset("<meta name=x charset='iso-8859-15'/>"), "iso-8859-15");
  EXPECT_EQ(html_declared_charset("<meta\ncharset = \" koi8-r \">"), "koi8-r");
}

TEST(CharsetTest, DeclaredHttpEquiv) {
  EXPECT_EQ(html_declared_charset("<meta http-equiv=\"Content-Type\" "
                                  "content=\"text/html; charset=ISO-8859-1\">"),
            "iso-8859-1");
  EXPECT_EQ(html_declared_charset("<meta content='text/html;charset=\"Shift_JIS\"' "
                                  "http-equiv='content-type'>"),
            "shift_jis");
  // Without http-equiv, content is not a declaration.
  EXPECT_EQ(html_declared_charset("<meta name=\"x\" content=\"charset=koi8-r\">"), "");
}

TEST(CharsetTest, DeclaredXmlEncoding) {
  EXPECT_EQ(html_declared_charset("<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?><html>"),
            "iso-8859-2");
}

TEST(CharsetTest, DeclaredNoneOrOutOfReach) {
  EXPECT_EQ(html_declared_charset(""), "");
  EXPECT_EQ(html_declared_charset("<html><head><title>x</title></head>"), "");
  EXPECT_EQ(html_declared_charset("<!-- <meta charset=\"koi8-r\"> --><p>"), "");
  EXPECT_EQ(html_declared_charset("<metadata charset=\"koi8-r\">"), "");
  EXPECT_EQ(html_declared_charset(std::string(5000, ' ') + "<meta charset=\"koi8-r\">"), "");
  EXPECT_EQ(html_declared_charset(std::string(4000, ' ') + "<meta charset=\"koi8-r\">"), "koi8-r");
}

TEST(CharsetTest, DeclaredInFixtures) {
  EXPECT_EQ(html_declared_charset(read_fixture("encodings/cp1252_quotes.html")), "windows-1252");
  EXPECT_EQ(html_declared_charset(read_fixture("encodings/iso8859-1_http_equiv.html")),
            "iso-8859-1");
}

// ---- to_utf8 -------------------------------------------------------------------------------

TEST(CharsetTest, Latin1DetectedWithoutDeclaration) {
  const Transcoded t = to_utf8(read_fixture("encodings/latin1_cafe.txt"), "");
  EXPECT_EQ(t.utf8, "Le caf\xC3\xA9 du coin est tr\xC3\xA8s anim\xC3\xA9 ce matin, "
                    "d\xC3\xA9j\xC3\xA0 plein \xC3\xA0 sept heures.\n");
  EXPECT_EQ(t.charset, "windows-1252");
  EXPECT_TRUE(t.converted);
}

TEST(CharsetTest, ShortLatin1Detected) {
  const Transcoded t = to_utf8("caf\xE9", "");
  EXPECT_EQ(t.utf8, "caf\xC3\xA9");
  EXPECT_TRUE(t.converted);
}

TEST(CharsetTest, Latin1DeclaredIsReadAsWindows1252) {
  // As browsers do: a page declared ISO-8859-1 with a 0x92 apostrophe means U+2019.
  const std::string bytes = read_fixture("encodings/iso8859-1_http_equiv.html");
  const Transcoded t = to_utf8(bytes, html_declared_charset(bytes));
  EXPECT_EQ(t.charset, "windows-1252");
  EXPECT_TRUE(t.converted);
  EXPECT_NE(t.utf8.find("Na\xC3\xAFve caf\xC3\xA9 owner\xE2\x80\x99s r\xC3\xA9sum\xC3\xA9."),
            std::string::npos)
      << t.utf8;
  EXPECT_EQ(to_utf8("caf\xE9", "ISO-8859-1").utf8, "caf\xC3\xA9");
}

TEST(CharsetTest, Windows1252CurlyQuotesDeclaredViaMeta) {
  const std::string bytes = read_fixture("encodings/cp1252_quotes.html");
  const Transcoded t = to_utf8(bytes, html_declared_charset(bytes));
  EXPECT_EQ(t.charset, "windows-1252");
  EXPECT_TRUE(t.converted);
  EXPECT_NE(t.utf8.find("<p>\xE2\x80\x9CIt\xE2\x80\x99s done,\xE2\x80\x9D she said \xE2\x80\x94 "
                        "at a cost of \xE2\x82\xAC"
                        "5.</p>"),
            std::string::npos)
      << t.utf8;
  EXPECT_TRUE(is_valid_utf8(t.utf8));
}

TEST(CharsetTest, Utf16LittleEndianWithBom) {
  const std::string bytes = read_fixture("encodings/utf16le_bom.html");
  EXPECT_FALSE(looks_binary(bytes));
  const Transcoded t = to_utf8(bytes, html_declared_charset(bytes));
  EXPECT_EQ(t.charset, "utf-16le");
  EXPECT_TRUE(t.converted);
  EXPECT_EQ(t.utf8, "<html lang=\"fr\"><head><meta charset=\"utf-16\"><title>Caf\xC3\xA9</title>"
                    "</head><body><article><p>Na\xC3\xAFve caf\xC3\xA9 \xE2\x80\x94 "
                    "\xE6\x9D\xB1\xE4\xBA\xAC \xF0\x9F\x98\x80</p></article></body></html>\n");
}

TEST(CharsetTest, Utf16BigEndianWithBomBeatsDeclaration) {
  const Transcoded t = to_utf8("\xFE\xFF\x00h\x00\xE9\x20\xAC"s, "windows-1252");
  EXPECT_EQ(t.utf8, "h\xC3\xA9\xE2\x82\xAC");
  EXPECT_EQ(t.charset, "utf-16be");
}

TEST(CharsetTest, Utf16WithoutBom) {
  const std::string le = "<\0p\0>\0c\0a\0f\0\xE9\0<\0/\0p\0>\0"s;
  EXPECT_EQ(to_utf8(le, "").utf8, "<p>caf\xC3\xA9</p>");
  EXPECT_EQ(to_utf8(le, "utf-16").utf8, "<p>caf\xC3\xA9</p>");
  const std::string be = "\0<\0p\0>\0x\0<\0/\0p\0>"s;
  EXPECT_EQ(to_utf8(be, "").utf8, "<p>x</p>");
  // A UTF-16 declaration on ASCII bytes is wrong; the bytes are read as UTF-8.
  EXPECT_EQ(to_utf8("<p>plain</p>", "utf-16").utf8, "<p>plain</p>");
}

TEST(CharsetTest, Utf8BomStripped) {
  const Transcoded t = to_utf8("\xEF\xBB\xBFna\xC3\xAFve", "");
  EXPECT_EQ(t.utf8, "na\xC3\xAFve");
  EXPECT_EQ(t.charset, "utf-8");
  EXPECT_FALSE(t.converted);
  // The BOM wins over a declaration.
  EXPECT_EQ(to_utf8("\xEF\xBB\xBFna\xC3\xAFve", "windows-1252").utf8, "na\xC3\xAFve");
}

TEST(CharsetTest, ValidUtf8ReturnedAsIs) {
  const std::string text = "Z\xC3\xBCrich \xE2\x80\x94 \xE6\x9D\xB1\xE4\xBA\xAC \xF0\x9F\x98\x80";
  for (const char* declared : {"", "utf-8", "UTF8"}) {
    const Transcoded t = to_utf8(text, declared);
    EXPECT_EQ(t.utf8, text);
    EXPECT_EQ(t.charset, "utf-8");
    EXPECT_FALSE(t.converted);
  }
  EXPECT_EQ(to_utf8("", "").utf8, "");
}

TEST(CharsetTest, MislabelledUtf8StaysUtf8) {
  const std::string text = "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D";
  const Transcoded t = to_utf8(text, "iso-8859-1");
  EXPECT_EQ(t.utf8, text);
  EXPECT_EQ(t.charset, "utf-8");
  // Pure ASCII is the same in both; it is read as declared.
  const Transcoded ascii = to_utf8("plain", "windows-1252");
  EXPECT_EQ(ascii.utf8, "plain");
  EXPECT_EQ(ascii.charset, "windows-1252");
  EXPECT_FALSE(ascii.converted);
}

TEST(CharsetTest, MostlyUtf8IsLeftForRepair) {
  // UTF-8 with a damaged byte is still UTF-8: returned as is, for repair_utf8 to report and fix.
  const std::string damaged = "caf\xC3\xA9 cr\xC3\xA8me br\xC3\xBBl\xC3\xA9\xFF";
  const Transcoded t = to_utf8(damaged, "utf-8");
  EXPECT_EQ(t.utf8, damaged);
  EXPECT_EQ(t.charset, "utf-8");
  EXPECT_FALSE(t.converted);
  EXPECT_EQ(to_utf8(damaged, "").utf8, damaged);
  EXPECT_EQ(to_utf8("\xEF\xBB\xBF" + damaged, "").utf8, damaged); // BOM still stripped
}

TEST(CharsetTest, DeclaredUtf8ButReallyWindows1252) {
  const Transcoded t = to_utf8("\x93Hi\x94 \x96 it\x92s me", "utf-8");
  EXPECT_EQ(t.utf8, "\xE2\x80\x9CHi\xE2\x80\x9D \xE2\x80\x93 it\xE2\x80\x99s me");
  EXPECT_TRUE(t.converted);
}

TEST(CharsetTest, OtherDeclaredCharsets) {
  const Transcoded sjis = to_utf8("\x82\xB1\x82\xF1\x82\xC9\x82\xBF\x82\xCD", "Shift_JIS");
  EXPECT_EQ(sjis.utf8, "\xE3\x81\x93\xE3\x82\x93\xE3\x81\xAB\xE3\x81\xA1\xE3\x81\xAF");
  EXPECT_EQ(sjis.charset, "shift_jis");
  const Transcoded koi8 = to_utf8("\xF0\xD2\xC9\xD7\xC5\xD4", "koi8-r");
  EXPECT_EQ(koi8.utf8, "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");
}

TEST(CharsetTest, UnknownDeclaredCharsetIgnored) {
  const Transcoded t = to_utf8("caf\xC3\xA9", "x-no-such-charset");
  EXPECT_EQ(t.utf8, "caf\xC3\xA9");
  EXPECT_EQ(t.charset, "utf-8");
}

TEST(CharsetTest, ConvertedOutputIsValidUtf8) {
  const std::string inputs[] = {"\x80\x81\x82\x83\xFF\xFE\xFD", "\xC0\xAF\xE0\x80\x80",
                                "a\0b\0\xFF\xD8"s, "\xFF\xFE\x00\xD8"s, "\x1B$B$3$s$K$A$O\x1B(B"};
  for (const std::string& in : inputs) {
    for (const char* declared : {"", "utf-8", "windows-1252", "iso-2022-jp", "utf-16le"}) {
      const Transcoded t = to_utf8(in, declared);
      EXPECT_TRUE(t.charset == "utf-8" || is_valid_utf8(t.utf8)) << declared;
    }
  }
}

// ---- is_valid_utf8 -------------------------------------------------------------------------

TEST(CharsetTest, IsValidUtf8) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ASCII text that is longer than eight bytes"));
  EXPECT_TRUE(is_valid_utf8("\xC3\xA9\xE2\x82\xAC\xF0\x9D\x84\x9E"));     // é € 𝄞
  EXPECT_TRUE(is_valid_utf8("\xED\x9F\xBF\xEE\x80\x80\xF4\x8F\xBF\xBF")); // U+D7FF U+E000 max
  EXPECT_TRUE(is_valid_utf8("abcdefgh\xC3\xA9"
                            "abcdefghijklmnop\xC3\xA9")); // fast path seams
  EXPECT_TRUE(is_valid_utf8("a\0b"s));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));         // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xC1\xBF"));         // overlong
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));     // overlong
  EXPECT_FALSE(is_valid_utf8("\xF0\x80\x80\xAF")); // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));     // surrogate U+D800
  EXPECT_FALSE(is_valid_utf8("\xED\xBF\xBF"));     // surrogate U+DFFF
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80")); // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(is_valid_utf8("abcdefghij\xE2\x82")); // truncated at the end
  EXPECT_FALSE(is_valid_utf8("\x80"));               // stray continuation
  EXPECT_FALSE(is_valid_utf8("abcdefgh\xFF"));
}

// ---- repair_utf8 ---------------------------------------------------------------------------

struct RepairCase {
  std::string in;
  std::string out;
  std::size_t replaced;
  std::size_t first_bad;
};

TEST(CharsetTest, RepairUtf8ExactOutput) {
  const std::string r = fffd;
  const RepairCase cases[] = {
      {"ab\xC0\xAF"
       "cd",
       "ab" + r + r + "cd", 2, 2},  // overlong: two bytes, two
      {"x\xE2\x82", "x" + r, 1, 1}, // truncated at the end
      {"\xE2\x82"
       "A",
       r + "A", 1, 0},                                   // truncated: one U+FFFD
      {"ok\xED\xA0\x80!", "ok" + r + r + r + "!", 3, 2}, // surrogate
      {"\xE0\x80\x80", r + r + r, 3, 0},                 // overlong 3-byte
      {"\xF4\x90\x80\x80"
       "z",
       r + r + r + r + "z", 4, 0},                                    // above U+10FFFF
      {"\xF0\x9F\x98\x80\xF0\x9F\x98", "\xF0\x9F\x98\x80" + r, 1, 4}, // 😀 then a cut-off one
      {"a\x80"
       "b\xFF\xFE"
       "c",
       "a" + r + "b" + r + r + "c", 3, 1},     // stray bytes
      {"caf\xE9 ok", "caf" + r + " ok", 1, 3}, // Latin-1 é
      {"\xC3\xA9\xC3", "\xC3\xA9" + r, 1, 2},
  };
  for (const RepairCase& c : cases) {
    std::string text = c.in;
    std::size_t offset = 12345;
    EXPECT_EQ(repair_utf8(text, &offset), c.replaced) << c.out;
    EXPECT_EQ(text, c.out);
    EXPECT_EQ(offset, c.first_bad) << c.out;
    EXPECT_TRUE(is_valid_utf8(text));
  }
}

TEST(CharsetTest, RepairUtf8LeavesValidTextAlone) {
  std::string text = "Z\xC3\xBCrich \xF0\x9F\x98\x80";
  std::size_t offset = 0;
  EXPECT_EQ(repair_utf8(text, &offset), 0U);
  EXPECT_EQ(text, "Z\xC3\xBCrich \xF0\x9F\x98\x80");
  EXPECT_EQ(offset, std::string::npos);
  std::string bad = "a\xFF";
  EXPECT_EQ(repair_utf8(bad, nullptr), 1U); // the offset is optional
  EXPECT_EQ(bad, "a"s + fffd);
}

// ---- looks_binary --------------------------------------------------------------------------

TEST(CharsetTest, LooksBinary) {
  const std::string png = "\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0"s;
  EXPECT_TRUE(looks_binary(png));
  EXPECT_TRUE(looks_binary(png.substr(0, 8))); // the signature alone, no NUL yet
  EXPECT_TRUE(looks_binary("\xFF\xD8\xFF\xE0\x00\x10JFIF"s));
  EXPECT_TRUE(looks_binary("%PDF-1.7\n"));
  EXPECT_TRUE(looks_binary("\x1F\x8B\x08\x00"s));
  EXPECT_TRUE(looks_binary("text\x01\x02\x03\x04\x05\x06\x07\x08\x0E\x0F\x10 more"));
  EXPECT_TRUE(looks_binary("plain text with one NUL\0 in it"s));
}

TEST(CharsetTest, LooksLikeText) {
  EXPECT_FALSE(looks_binary(""));
  EXPECT_FALSE(looks_binary("<!DOCTYPE html>\n<html><body>\t<p>News.</p>\r\n\f</body></html>"));
  EXPECT_FALSE(looks_binary("caf\xE9 and \x93quotes\x94")); // legacy 8-bit text
  EXPECT_FALSE(looks_binary("\xFF\xFEh\0i\0"s));            // UTF-16LE with BOM
  EXPECT_FALSE(looks_binary("\xFE\xFF\0h\0i"s));            // UTF-16BE with BOM
  EXPECT_FALSE(looks_binary("\x1B$B$3$s$K$A$O\x1B(B"));     // ISO-2022-JP escapes
  EXPECT_FALSE(looks_binary("BZh is how the word starts"));
  // One stray control character in a long text is fine.
  EXPECT_FALSE(looks_binary(std::string(100, 'a') + "\x01" + std::string(100, 'b')));
  // Only the first 8 KiB count.
  EXPECT_FALSE(looks_binary(std::string(8192, 'a') + "\0"s));
}

} // namespace
} // namespace newsdex::detail
