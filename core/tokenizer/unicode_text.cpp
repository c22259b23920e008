#include "tokenizer/unicode_text.h"

#include "common/error.h"

#include <utf8proc.h>

#include <array>
#include <cstdlib>
#include <memory>

namespace flashface::unicode {
namespace {

utf8proc_category_t category(char32_t c) {
    return utf8proc_category(static_cast<utf8proc_int32_t>(c));
}

char32_t toLower(char32_t c) {
    return static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c)));
}

char32_t toUpper(char32_t c) {
    return static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(c)));
}

bool isLetter(char32_t c) {
    const auto cat = category(c);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

bool isNumber(char32_t c) {
    const auto cat = category(c);
    return cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO;
}

// Unicode's Cased property, approximated by what utf8proc exposes: cased letters and
// every character that has a case mapping (circled letters, Roman numerals, U+0345...).
bool isCased(char32_t c) {
    const auto cat = category(c);
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL || cat == UTF8PROC_CATEGORY_LT ||
           toLower(c) != c || toUpper(c) != c;
}

// Unicode's Case_Ignorable property: categories Mn, Me, Cf, Lm, Sk, plus the characters
// whose Word_Break is MidLetter, MidNumLet or Single_Quote (listed in UAX #29).
bool isCaseIgnorable(char32_t c) {
    static constexpr std::array<char32_t, 17> kWordBreakMid = {
        0x0027, 0x002E, 0x003A, 0x00B7, 0x0387, 0x055F, 0x05F4, 0x2018, 0x2019,
        0x2024, 0x2027, 0xFE13, 0xFE52, 0xFE55, 0xFF07, 0xFF0E, 0xFF1A};
    switch (category(c)) {
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_SK:
        return true;
    default:
        for (const char32_t m : kWordBreakMid)
            if (m == c) return true;
        return false;
    }
}

// Python lowercases a capital sigma to the final form when it ends a cased word:
// cased (case-ignorable)* Σ, not followed by (case-ignorable)* cased.
char32_t lowerSigma(std::u32string_view text, std::size_t at) {
    std::size_t before = at;
    while (before > 0 && isCaseIgnorable(text[before - 1])) --before;
    if (before == 0 || !isCased(text[before - 1])) return U'σ';
    std::size_t after = at + 1;
    while (after < text.size() && isCaseIgnorable(text[after])) ++after;
    return after < text.size() && isCased(text[after]) ? U'σ' : U'ς';
}

// Simple case folding of one character, or U+FFFF when it folds to several.
char32_t caseFold(char32_t c) {
    std::array<utf8proc_int32_t, 4> folded{};
    int boundary = 0;
    const auto n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(c), folded.data(), folded.size(),
                                           UTF8PROC_CASEFOLD, &boundary);
    return n == 1 ? static_cast<char32_t>(folded[0]) : 0xFFFF;
}

}  // namespace

std::u32string decodeUtf8(std::string_view utf8) {
    std::u32string out;
    out.reserve(utf8.size());
    const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(utf8.data());
    std::size_t at = 0;
    while (at < utf8.size()) {
        utf8proc_int32_t c = 0;
        const auto n = utf8proc_iterate(bytes + at, static_cast<utf8proc_ssize_t>(utf8.size() - at), &c);
        if (n <= 0)
            throw InvalidRequest("The prompt is not valid UTF-8 text (invalid byte sequence at byte " +
                                 std::to_string(at) + ").");
        out.push_back(static_cast<char32_t>(c));
        at += static_cast<std::size_t>(n);
    }
    return out;
}

void appendUtf8(std::string& out, char32_t c) {
    std::array<utf8proc_uint8_t, 4> bytes{};
    const auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(c), bytes.data());
    out.append(reinterpret_cast<const char*>(bytes.data()), static_cast<std::size_t>(n));
}

std::string encodeUtf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char32_t c : text) appendUtf8(out, c);
    return out;
}

std::u32string nfc(std::u32string_view text) {
    const std::string utf8 = encodeUtf8(text);
    utf8proc_uint8_t* composed = nullptr;
    const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
                                static_cast<utf8proc_ssize_t>(utf8.size()), &composed,
                                static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(composed, &std::free);
    if (n < 0) throw Error(std::string("Unicode normalisation of the prompt failed: ") + utf8proc_errmsg(n));
    return decodeUtf8(std::string_view(reinterpret_cast<const char*>(composed), static_cast<std::size_t>(n)));
}

std::u32string lower(std::u32string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char32_t c = text[i];
        if (c == U'Σ') {
            out.push_back(lowerSigma(text, i));
        } else if (c == U'İ') {
            // The one unconditional multi-character lowercase mapping (SpecialCasing.txt).
            out += U"i\u0307";
        } else {
            out.push_back(toLower(c));
        }
    }
    return out;
}

bool isWhitespace(char32_t c) {
    const auto* property = utf8proc_get_property(static_cast<utf8proc_int32_t>(c));
    return property->category == UTF8PROC_CATEGORY_ZS || property->bidi_class == UTF8PROC_BIDI_CLASS_WS ||
           property->bidi_class == UTF8PROC_BIDI_CLASS_B || property->bidi_class == UTF8PROC_BIDI_CLASS_S;
}

bool isLetterIgnoringCase(char32_t c) {
    return isLetter(c) || isLetter(toLower(c)) || isLetter(toUpper(c));
}

bool isNumberIgnoringCase(char32_t c) {
    return isNumber(c) || isNumber(toLower(c)) || isNumber(toUpper(c));
}

bool equalsIgnoringCase(char32_t c, char ascii) {
    const auto a = static_cast<char32_t>(static_cast<unsigned char>(ascii));
    return c == a || caseFold(c) == caseFold(a);
}

}  // namespace flashface::unicode
