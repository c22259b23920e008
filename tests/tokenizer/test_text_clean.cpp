// Text cleaning and pre-tokenization, against what the original's Python does
// (html.unescape, str.lower, the fixes of the fixtures README, the split pattern).

#include "tokenizer/html_unescape.h"
#include "tokenizer/pretokenize.h"
#include "tokenizer/text_clean.h"
#include "tokenizer/unicode_text.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace flashface {
namespace {

std::string unescape(std::string_view text) {
    return unicode::encodeUtf8(htmlUnescape(unicode::decodeUtf8(text)));
}

std::string clean(std::string_view text) {
    return unicode::encodeUtf8(cleanPrompt(text));
}

std::vector<std::string> pieces(std::string_view text) {
    const std::u32string decoded = unicode::decodeUtf8(text);
    std::vector<std::string> out;
    for (const auto piece : pretokenize(decoded)) out.push_back(unicode::encodeUtf8(piece));
    return out;
}

// Each pair: input, what Python's html.unescape returns for it.
TEST(HtmlUnescape, MatchesPython) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"&amp;", "&"},
        {"&amp", "&"},                // legacy names need no ';'
        {"&ampx", "&x"},              // ... and may be a prefix
        {"&ampx;", "&x;"},
        {"&copy2024", "\u00A92024"},
        {"&hellip;", "\u2026"},
        {"&hellip", "&hellip"},       // not legacy: needs its ';'
        {"&apos;", "'"},
        {"&Amp;", "&Amp;"},           // names are case-sensitive
        {"&LT", "<"},
        {"&notit;", "\u00ACit;"},
        {"&eacute;t&eacute;", "\u00E9t\u00E9"},
        {"&unknown;", "&unknown;"},
        {"& amp;", "& amp;"},
        {"a&", "a&"},
        {"&" + std::string(40, 'a') + ";", "&" + std::string(40, 'a') + ";"},
        {"&amp;amp;", "&amp;"},       // one level per call
        {"&#39;", "'"},
        {"&#x27;", "'"},
        {"&#X27", "'"},
        {"&#65&#66", "AB"},
        {"&#65;;", "A;"},
        {"&#x1F600;", "\U0001F600"},
        {"&#12x", "\fx"},
        {"&#;", "&#;"},
        {"&#x;", "&#x;"},
        {"&#0;", "\uFFFD"},
        {"&#13;", "\r"},
        {"&#128;", "\u20AC"},         // C1 references read as Windows-1252
        {"&#x81;", "\u0081"},
        {"&#1;", ""},                 // disallowed code points vanish
        {"&#127;", ""},
        {"&#xFFFE;", ""},
        {"&#x10FFFF;", ""},
        {"&#xD800;", "\uFFFD"},
        {"&#x110000;", "\uFFFD"},
        {"&#99999999999;", "\uFFFD"},
    };
    for (const auto& [input, expected] : cases) EXPECT_EQ(unescape(input), expected) << input;
}

TEST(TextClean, AppliesTheFixes) {
    EXPECT_EQ(clean("\u201Cquoted\u201D \u2018single\u201B"), "\"quoted\" 'single'");
    EXPECT_EQ(clean("\uFB01ne \uFB02ower \uFB00 \uFB03 \uFB04 \uFB06 \uFB05"), "fine flower ff ffi ffl st \uFB05");
    EXPECT_EQ(clean("\uFF21\uFF42\uFF43\uFF11\u3000\uFF5E"), "abc1 ~");
    EXPECT_EQ(clean("a\x01" "b\x7F" "c\u0085d\uFEFFe\u009Bf"), "abc d" "ef");
    EXPECT_EQ(clean("cafe\u0301"), "caf\u00E9");  // NFC
}

TEST(TextClean, UnescapesTwiceThenCollapsesWhitespace) {
    EXPECT_EQ(clean("Tom &amp;amp; Jerry"), "tom & jerry");
    EXPECT_EQ(clean("  a\t\tb\r\n\r\nc\u2028d\u00A0e&nbsp;f&#x2003;g  "), "a b c d e f g");
    EXPECT_EQ(clean(" \t\n "), "");
}

TEST(TextClean, LowercasesLikePython) {
    EXPECT_EQ(clean("STRASSE Stra\u00DFe"), "strasse stra\u00DFe");        // ß stays
    EXPECT_EQ(clean("\u0130stanbul"), "i\u0307stanbul");                  // İ → i + dot above
    EXPECT_EQ(clean("\u039F\u0394\u039F\u03A3"), "\u03BF\u03B4\u03BF\u03C2");  // final sigma
    EXPECT_EQ(clean("\u03A3\u0391\u03A3"), "\u03C3\u03B1\u03C2");
    EXPECT_EQ(clean("\u0391.\u03A3"), "\u03B1.\u03C2");                  // '.' is case-ignorable
    EXPECT_EQ(clean("\u0391\u03A3'\u0391"), "\u03B1\u03C3'\u03B1");
    EXPECT_EQ(clean("\u03A3"), "\u03C3");
}

TEST(Pretokenize, SplitsLikeThePattern) {
    using V = std::vector<std::string>;
    EXPECT_EQ(pieces("it's they'll we've i'm you'd don't"),
              (V{"it", "'s", "they", "'ll", "we", "'ve", "i", "'m", "you", "'d", "don", "'t"}));
    EXPECT_EQ(pieces("'x 'ss"), (V{"'", "x", "'s", "s"}));
    EXPECT_EQ(pieces("a1b 2024 3.5mm"), (V{"a", "1", "b", "2", "0", "2", "4", "3", ".", "5", "mm"}));
    EXPECT_EQ(pieces("!!?? (x:1.2), <lora>"), (V{"!!??", "(", "x", ":", "1", ".", "2", "),", "<", "lora", ">"}));
    EXPECT_EQ(pieces("<|startoftext|>a<|endoftext|>"), (V{"<|startoftext|>", "a", "<|endoftext|>"}));
    EXPECT_EQ(pieces("<|STARTOFTEXT|>"), (V{"<|STARTOFTEXT|>"}));  // case-insensitive literals
    EXPECT_EQ(pieces("caf\u00E9 \u4E00\u4E2A \u0661\u0662 \u2160"), (V{"caf\u00E9", "\u4E00\u4E2A", "\u0661", "\u0662", "\u2160"}));
    EXPECT_EQ(pieces("e\u0301"), (V{"e", "\u0301"}));  // a combining mark is neither letter nor number
    EXPECT_EQ(pieces("   "), V{});
}

}  // namespace
}  // namespace flashface
