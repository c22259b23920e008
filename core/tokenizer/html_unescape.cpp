#include "tokenizer/html_unescape.h"

#include "tokenizer/unicode_text.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

namespace flashface {
namespace {

struct NamedEntity {
    std::string_view name;  // without ';'
    std::string_view utf8;
    bool legacy;  // also recognised without ';'
};

constexpr NamedEntity kEntities[] = {
#include "tokenizer/html_entities.inc"
};

// HTML5 maps references to the C1 range to what Windows-1252 has there (the five
// codes it leaves undefined map to themselves).
constexpr std::array<char32_t, 32> kWindows1252C1 = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

constexpr char32_t kReplacement = 0xFFFD;
constexpr std::uint32_t kBeyondUnicode = 0x110000;

// Code points a numeric reference may not produce; Python drops them.
bool isDisallowedCodePoint(std::uint32_t c) {
    return (c >= 0x01 && c <= 0x08) || c == 0x0B || (c >= 0x0E && c <= 0x1F) || (c >= 0x7F && c <= 0x9F) ||
           (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

void appendNumericReference(std::u32string& out, std::uint32_t number) {
    if (number == 0) {
        out.push_back(kReplacement);
    } else if (number == 0x0D) {
        out.push_back(U'\r');
    } else if (number >= 0x80 && number <= 0x9F) {
        out.push_back(kWindows1252C1[number - 0x80]);
    } else if ((number >= 0xD800 && number <= 0xDFFF) || number >= kBeyondUnicode) {
        out.push_back(kReplacement);
    } else if (!isDisallowedCodePoint(number)) {
        out.push_back(static_cast<char32_t>(number));
    }
}

std::optional<int> digitValue(char32_t c, int base) {
    int value = -1;
    if (c >= U'0' && c <= U'9') value = static_cast<int>(c - U'0');
    else if (c >= U'a' && c <= U'f') value = static_cast<int>(c - U'a') + 10;
    else if (c >= U'A' && c <= U'F') value = static_cast<int>(c - U'A') + 10;
    if (value < 0 || value >= base) return std::nullopt;
    return value;
}

// Parses "#123;" / "#x1F;" (';' optional) at `text[at]`, the '#'. Returns the length
// consumed, or 0 when no digits follow.
std::size_t numericReference(std::u32string_view text, std::size_t at, std::u32string& out) {
    std::size_t i = at + 1;
    int base = 10;
    if (i < text.size() && (text[i] == U'x' || text[i] == U'X') && i + 1 < text.size() &&
        digitValue(text[i + 1], 16)) {
        base = 16;
        ++i;
    }
    const std::size_t digits = i;
    std::uint32_t number = 0;
    for (; i < text.size(); ++i) {
        const auto d = digitValue(text[i], base);
        if (!d) break;
        // Saturate: any number past the last code point yields U+FFFD.
        number = std::min<std::uint64_t>(std::uint64_t{number} * base + *d, kBeyondUnicode);
    }
    if (i == digits) return 0;
    if (i < text.size() && text[i] == U';') ++i;
    appendNumericReference(out, number);
    return i - at;
}

const NamedEntity* findEntity(std::u32string_view name) {
    std::string ascii;
    for (const char32_t c : name) {
        if (c > 0x7F) return nullptr;
        ascii.push_back(static_cast<char>(c));
    }
    const auto* end = std::end(kEntities);
    const auto* it = std::lower_bound(std::begin(kEntities), end, ascii,
                                      [](const NamedEntity& e, const std::string& n) { return e.name < n; });
    return it != end && it->name == ascii ? it : nullptr;
}

bool endsNamedReference(char32_t c) {
    return c == U'\t' || c == U'\n' || c == U'\f' || c == U' ' || c == U'<' || c == U'&' || c == U'#' ||
           c == U';';
}

// Replaces the named reference starting after the '&' at `text[at]`: up to 32 name
// characters and an optional ';'. An unknown name keeps its text; a legacy name may end
// early ("&ampx" is "&x"). Returns the length consumed, or 0 when no name follows.
std::size_t namedReference(std::u32string_view text, std::size_t at, std::u32string& out) {
    constexpr std::size_t kMaxNameLength = 32;
    std::size_t end = at;
    while (end < text.size() && end - at < kMaxNameLength && !endsNamedReference(text[end])) ++end;
    if (end == at) return 0;
    const bool semicolon = end < text.size() && text[end] == U';';
    const std::u32string_view name = text.substr(at, end - at);
    const std::size_t consumed = name.size() + (semicolon ? 1 : 0);

    if (const auto* entity = findEntity(name); entity && (semicolon || entity->legacy)) {
        out += unicode::decodeUtf8(entity->utf8);
        return consumed;
    }
    // The longest legacy name that is a proper prefix of the reference, at least 2 long.
    for (std::size_t length = consumed - 1; length >= 2; --length) {
        const auto* entity = findEntity(name.substr(0, length));
        if (entity && entity->legacy) {
            out += unicode::decodeUtf8(entity->utf8);
            out += text.substr(at + length, consumed - length);
            return consumed;
        }
    }
    out.push_back(U'&');
    out += text.substr(at, consumed);
    return consumed;
}

}  // namespace

std::u32string htmlUnescape(std::u32string_view text) {
    std::u32string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] != U'&' || i + 1 == text.size()) {
            out.push_back(text[i++]);
            continue;
        }
        const std::size_t consumed =
            text[i + 1] == U'#' ? numericReference(text, i + 1, out) : namedReference(text, i + 1, out);
        if (consumed == 0) out.push_back(U'&');
        i += 1 + consumed;
    }
    return out;
}

}  // namespace flashface
