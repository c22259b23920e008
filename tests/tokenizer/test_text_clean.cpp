// Text cleaning and pre-tokenization, against what the original's Python does: html.unescape,
// ftfy 5.8's fix_text (the version that made the parity fixtures), str.lower, the `regex`
// module's split pattern. Every expected value here is what the original's Python returns for
// the input.

#include "tokenizer/ftfy_badness.h"
#include "tokenizer/html_unescape.h"
#include "tokenizer/pretokenize.h"
#include "tokenizer/text_clean.h"
#include "tokenizer/unicode_text.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace flashface::tokenizer {
namespace {

std::string unescape(std::string_view text) {
    return unicode::encodeUtf8(htmlUnescape(unicode::decodeUtf8(text)));
}

// The original's whitespace_clean(basic_clean(text)).lower().
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
        {"&NewLine;", "\n"},           // HTML5 names
        {"&check;", "\u2713"},
        {"&bigstar;x", "\u2605x"},
        {"&NotNestedGreaterGreater;", "\u2AA2\u0338"},  // two code points
        {"&acE;", "\u223E\u0333"},
        {"&amp;", "&"},
        {"&amp", "&"},                 // legacy names need no ';'
        {"&ampx", "&x"},               // ... and may be a prefix
        {"&ampx;", "&x;"},
        {"&copy2024", "\u00A92024"},
        {"&hellip;", "\u2026"},
        {"&hellip", "&hellip"},        // not legacy: needs its ';'
        {"&apos;", "'"},
        {"&Amp;", "&Amp;"},            // names are case-sensitive
        {"&LT", "<"},
        {"&notit;", "\u00ACit;"},
        {"&notin", "\u00ACin"},        // "notin;" needs its ';', the prefix "not" does not
        {"&not;in", "\u00ACin"},
        {"&ltb;", "<b;"},
        {"&lt\r", "<\r"},              // '\r' does not end a name, and "lt" is its prefix
        {"&eacute;t&eacute;", "\u00E9t\u00E9"},
        {"&unknown;", "&unknown;"},
        {"& amp;", "& amp;"},
        {"a&", "a&"},
        {"&&amp;", "&&"},
        {"&" + std::string(40, 'a') + ";", "&" + std::string(40, 'a') + ";"},
        {"&" + std::string(32, 'b'), "&" + std::string(32, 'b')},
        {"&amp;amp;", "&amp;"},        // one level per call
        {"&#39;", "'"},
        {"&#x27;", "'"},
        {"&#X27", "'"},
        {"&#65&#66", "AB"},
        {"&#65;;", "A;"},
        {"&#x1F600;", "\U0001F600"},
        {"&#12x", "\fx"},
        {"&#;", "&#;"},
        {"&#x;", "&#x;"},
        {"&#0x41;", "\uFFFDx41;"},
        {"&#0;", "\uFFFD"},
        {"&#13;", "\r"},
        {"&#128;", "\u20AC"},          // C1 references read as Windows-1252
        {"&#x81;", "\u0081"},
        {"&#x9F;", "\u0178"},
        {"&#1;", ""},                  // disallowed code points vanish
        {"&#127;", ""},
        {"&#xFFFE;", ""},
        {"&#x10FFFF;", ""},
        {"&#x10FFFD;", "\U0010FFFD"},
        {"&#xD800;", "\uFFFD"},
        {"&#x110000;", "\uFFFD"},
        {"&#99999999999;", "\uFFFD"},
    };
    for (const auto& [input, expected] : cases) EXPECT_EQ(unescape(input), expected) << input;
}

TEST(TextClean, DecodesReferencesAsFtfyThenTwiceAsHtml) {
    // ftfy also reads upper-cased names, and repeats until nothing changes.
    EXPECT_EQ(clean("&EACUTE;T&EACUTE; &NTILDE; &AMP; &HELLIP;"), "\u00E9t\u00E9 \u00F1 & \u2026");
    EXPECT_EQ(clean("&amp;amp;amp; &amp;lt;3"), "& <3");
    EXPECT_EQ(clean("Tom &amp;amp; Jerry"), "tom & jerry");
    // ... but not from the first line holding both '<' and '>' on: that leaves html.unescape's
    // two levels. A line with only one of them is no markup.
    EXPECT_EQ(clean("<b>&amp;amp;amp;</b>"), "<b>&amp;</b>");
    EXPECT_EQ(clean("&amp;amp;amp;\n<b>\n&amp;amp;amp;"), "& <b> &amp;");
    EXPECT_EQ(clean("a < b &amp;amp;amp;"), "a < b &");
    EXPECT_EQ(clean("&amp;amp;amp;<\n&amp;amp;amp;>\n&amp;amp;amp;"), "&< &> &");
    // ftfy takes a number only when html.unescape decodes it whole.
    EXPECT_EQ(clean("&#59; &#12ab; &#x26;amp;"), "; ab; &");
    EXPECT_EQ(clean("&NewLine;x&Tab;y&nbsp;&bigstar;&check;"), "x y \u2605\u2713");
}

TEST(TextClean, AppliesFtfyFixes) {
    EXPECT_EQ(clean("\u201Cquoted\u201D \u2018single\u201B \u02BCokina"), "\"quoted\" 'single' 'okina");
    EXPECT_EQ(clean("\uFB01ne \uFB02ower \uFB00 \uFB03 \uFB04 \uFB05 \uFB06 \u0132SSEL \u01C4 \u01C5 \u01C9 \u0149"),
              "fine flower ff ffi ffl \u017Ft st ijssel d\u017E d\u017E lj 'n");
    EXPECT_EQ(clean("\uFF21\uFF42\uFF43\uFF11\u3000\uFF5E \uFF71\uFF9E \uFFE3 \uFFE6"),
              "abc1 ~ \u30A2\u3099 \u0304 \u20A9");
    EXPECT_EQ(clean("\x1B[31mred\x1B[0m \x1B[1;32;40mbold\x1B[K \x1B]0;x"), "red bold ]0;x");
    // Control characters go, and in ftfy 5.8 so do the tag characters of emoji flag sequences
    // and the musical notation controls.
    EXPECT_EQ(clean("a\x01" "b\x7F" "c\uFEFFd\u206Ae\uFFFCf\uFFF9g \U0001F3F4\U000E0067\U000E0062\U000E0077\U000E006C"
                    "\U000E0073\U000E007F \U0001D173x"),
              "abcdefg \U0001F3F4 x");
    EXPECT_EQ(clean("cafe\u0301"), "caf\u00E9");  // NFC
}

// ftfy 5.8 reads C1 controls as Windows-1252 only as part of its mojibake repair: on a line
// that is otherwise Latin-1, where each of them has a Windows-1252 meaning. Elsewhere U+0085
// is a line break and the others stay.
TEST(TextClean, ReadsC1ControlsAsWindows1252OnlyInLatin1Lines) {
    EXPECT_EQ(clean("a\u0080b\u0085c\u009Be"), "a\u20ACb\u2026c\u203Ae");
    EXPECT_EQ(clean("a\u0080b\u0085c\u0081d\u009Be"), "a\u0080b c\u0081d\u009Be");  // 0x81: undefined there
    EXPECT_EQ(clean("control\u0001chars\u007Fremoved\u0085here\uFEFFbom"), "controlcharsremoved herebom");
    EXPECT_EQ(clean("\u00E9\u0085\n\u0436\u0085"), "\u00E9\u2026 \u0436");  // line by line
}

// ftfy does not re-decode lines longer than a million characters (its max_decode_length).
TEST(TextClean, LeavesTheEncodingOfVeryLongLinesAlone) {
    constexpr std::size_t kMaxDecodeLength = 1'000'000;
    const std::u32string longest = U"\u0085" + std::u32string(kMaxDecodeLength - 1, U'a');
    EXPECT_EQ(fixText(longest).front(), U'\u2026');
    const std::u32string tooLong = fixText(longest + U"a\n\u0085");
    EXPECT_EQ(tooLong.front(), U'\n');
    EXPECT_EQ(tooLong.back(), U'\u2026');  // the next line is short
}

// Text that was UTF-8 read in a single-byte encoding is decoded again, when that makes it
// less weird by ftfy's measure.
TEST(TextClean, RepairsMojibakeAsFtfy) {
    // Read as Latin-1, as Windows-1252.
    EXPECT_EQ(clean("caf\u00C3\u00A9 na\u00C3\u00AFve"), "caf\u00E9 na\u00EFve");
    EXPECT_EQ(clean("\u00C3\u00A9 \u00D0\u00BC\u00D0\u00B8\u00D1\u20AC"), "\u00E9 \u043C\u0438\u0440");
    EXPECT_EQ(clean("\u00E2\u20AC\u0153quoted\u00E2\u20AC\u009D"), "\"quoted\"");
    EXPECT_EQ(clean("\u00F0\u0178\u02DC\u20AC"), "\U0001F600");
    // Only the punctuation, where the rest is no single-byte text.
    EXPECT_EQ(clean("\u00E2\u20AC\u201D and \u00E2\u20AC\u2122 in \u0436"), "\u2014 and ' in \u0436");
    EXPECT_EQ(clean("\u00E2\u20AC\uFFFD lost"), "\uFFFD lost");              // a byte lost to U+FFFD
    EXPECT_EQ(clean("\u00ED\u00A0\u00BD\u00ED\u00B8\u0080"), "\U0001F600");  // CESU-8
    EXPECT_EQ(clean("x\u00C0\u0080y"), "xy");                                  // Java's null
    EXPECT_EQ(clean("This is fine: \u00FE"), "this is fine: \u00FE");
    EXPECT_EQ(clean("voil\u00C3 "), "voil\u00E3");  // a space for U+00A0: not convincing enough
}

// The measure, against badness.text_cost.
TEST(TextClean, CostsTextAsFtfy) {
    const std::vector<std::pair<std::u32string, int>> cases = {
        {U"caf\u00C3\u00A9", 5}, {U"caf\u00E9", 4},  {U"a\u0080b", 5},      {U"a\u20ACb", 3},
        {U"\u00C2\u00A3", 4},    {U"\u2026 \u00AB\u00BB", 1}, {U"e\u0301", 2}, {U"\u00D7\u0080", 5},
        {U"a\u221A\u00B1b", 6},  {U"\u25CA", 3},     {U"\u0432\u0402\u045A", 3}, {U"\U000F0000", 3},
        {U"\u0378", 3},
    };
    for (const auto& [text, cost] : cases) EXPECT_EQ(ftfyTextCost(text), cost) << unicode::encodeUtf8(text);
}

TEST(TextClean, CollapsesWhitespace) {
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
    // Cased without a case mapping (ª, squared letters); cased and case-ignorable (U+0345).
    EXPECT_EQ(clean("\u00AA\u03A3 \U0001F130\u03A3 \u0391\u0345\u03A3"), "\u00AA\u03C2 \U0001F130\u03C2 \u1FB3\u03C2");
}

TEST(Pretokenize, SplitsLikeThePattern) {
    using V = std::vector<std::string>;
    EXPECT_EQ(pieces("it's they'll we've i'm you'd don't"),
              (V{"it", "'s", "they", "'ll", "we", "'ve", "i", "'m", "you", "'d", "don", "'t"}));
    EXPECT_EQ(pieces("'x 'ss '\u017F 'S 'LL"), (V{"'", "x", "'s", "s", "'\u017F", "'S", "'LL"}));  // ſ matches s
    EXPECT_EQ(pieces("a1b 2024 3.5mm"), (V{"a", "1", "b", "2", "0", "2", "4", "3", ".", "5", "mm"}));
    EXPECT_EQ(pieces("!!?? (x:1.2), <lora>"), (V{"!!??", "(", "x", ":", "1", ".", "2", "),", "<", "lora", ">"}));
    EXPECT_EQ(pieces("<|startoftext|>a<|endoftext|>"), (V{"<|startoftext|>", "a", "<|endoftext|>"}));
    EXPECT_EQ(pieces("<|STARTOFTEXT|>"), (V{"<|STARTOFTEXT|>"}));  // case-insensitive literals
    EXPECT_EQ(pieces("<|\u017Ftartoftext|>"), (V{"<|\u017Ftartoftext|>"}));
    EXPECT_EQ(pieces("caf\u00E9 \u4E00\u4E2A \u0661\u0662 \u2160"),
              (V{"caf\u00E9", "\u4E00\u4E2A", "\u0661", "\u0662", "\u2160"}));
    EXPECT_EQ(pieces("\u00BD\u00B2\u2460\u24B6"), (V{"\u00BD", "\u00B2", "\u2460", "\u24B6"}));
    EXPECT_EQ(pieces("e\u0301"), (V{"e", "\u0301"}));  // a combining mark is neither letter nor number
    EXPECT_EQ(pieces("   "), V{});
}

// U+0345's upper case is a letter, so the negated class rejects it under IGNORECASE, and it is
// no letter itself: no alternative matches it, and it drops out of the text.
TEST(Pretokenize, SkipsWhatNoClassMatches) {
    using V = std::vector<std::string>;
    EXPECT_EQ(unicode::patternClass(U'\u0345'), unicode::PatternClass::Unmatched);
    EXPECT_EQ(pieces("a\u0345b"), (V{"a", "b"}));
    EXPECT_EQ(pieces("\u0345"), V{});
    EXPECT_EQ(pieces("!\u0345?"), (V{"!", "?"}));
    EXPECT_EQ(pieces("1\u0345\u03452"), (V{"1", "2"}));
    EXPECT_EQ(pieces("\u03B9\u0345\u03B9"), (V{"\u03B9", "\u03B9"}));
    EXPECT_EQ(pieces("\u1FB3\u0345"), (V{"\u1FB3"}));
}

}  // namespace
}  // namespace flashface::tokenizer
