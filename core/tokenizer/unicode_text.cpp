#include "tokenizer/unicode_text.h"

#include "common/error.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <memory>
#include <optional>

namespace flashface::tokenizer::unicode {
namespace {

char32_t toLower(char32_t c) {
    return static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c)));
}

// Python's Cased and Case_Ignorable properties, as its final-sigma rule sees them (a
// character with both counts as ignorable).
enum class CaseContext { Cased, Ignorable };

template <typename Class>
struct CodePointRange {
    char32_t first;
    char32_t last;
    Class cls;
};

constexpr CodePointRange<CaseContext> kCaseContexts[] = {
#include "tokenizer/case_context.inc"
};

constexpr CodePointRange<PatternClass> kPatternClasses[] = {
#include "tokenizer/pattern_classes.inc"
};

// The class of the range of `table` holding `c`, if any.
template <typename Class, std::size_t N>
std::optional<Class> lookup(const CodePointRange<Class> (&table)[N], char32_t c) {
    const auto* after = std::upper_bound(std::begin(table), std::end(table), c,
                                         [](char32_t x, const CodePointRange<Class>& r) { return x < r.first; });
    if (after == std::begin(table) || c > (after - 1)->last) return std::nullopt;
    return (after - 1)->cls;
}

bool isCaseIgnorable(char32_t c) {
    return lookup(kCaseContexts, c) == CaseContext::Ignorable;
}

bool isCased(char32_t c) {
    return lookup(kCaseContexts, c) == CaseContext::Cased;
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

// Decodes `utf8` into `out` up to its first invalid sequence; returns where decoding stopped.
std::size_t decodeValidPrefix(std::string_view utf8, std::u32string& out) {
    out.reserve(utf8.size());
    const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(utf8.data());
    std::size_t at = 0;
    while (at < utf8.size()) {
        utf8proc_int32_t c = 0;
        const auto n = utf8proc_iterate(bytes + at, static_cast<utf8proc_ssize_t>(utf8.size() - at), &c);
        if (n <= 0) break;
        out.push_back(static_cast<char32_t>(c));
        at += static_cast<std::size_t>(n);
    }
    return at;
}

}  // namespace

std::u32string decodeUtf8(std::string_view utf8) {
    std::u32string out;
    const std::size_t at = decodeValidPrefix(utf8, out);
    if (at < utf8.size())
        throw InvalidRequest("The prompt is not valid UTF-8 text (invalid byte sequence at byte " +
                             std::to_string(at) + ").");
    return out;
}

std::optional<std::u32string> tryDecodeUtf8(std::string_view utf8) {
    std::u32string out;
    if (decodeValidPrefix(utf8, out) < utf8.size()) return std::nullopt;
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

PatternClass patternClass(char32_t c) {
    return lookup(kPatternClasses, c).value_or(PatternClass::Other);
}

bool isWhitespace(char32_t c) {
    return patternClass(c) == PatternClass::Space;
}

bool equalsIgnoringCase(char32_t c, char ascii) {
    const auto a = static_cast<char32_t>(static_cast<unsigned char>(ascii));
    return c == a || caseFold(c) == caseFold(a);
}

}  // namespace flashface::tokenizer::unicode
