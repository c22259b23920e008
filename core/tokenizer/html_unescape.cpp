#include "tokenizer/html_unescape.h"

#include "tokenizer/unicode_text.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

namespace flashface::tokenizer {
namespace {

struct NamedEntity {
    std::string_view name;  // as html.entities.html5 spells it: with its ';' where it has one
    std::string_view utf8;
};

constexpr NamedEntity kEntities[] = {
#include "tokenizer/html_entities.inc"
};

// ftfy's extra names: html5's lower-case names upper-cased ("&EACUTE;" for "&eacute;").
constexpr NamedEntity kFtfyEntities[] = {
#include "tokenizer/ftfy_entities.inc"
};

constexpr std::array<char32_t, 32> kWindows1252C1 = {
#include "tokenizer/windows1252_c1.inc"
};

constexpr char32_t kReplacement = 0xFFFD;
constexpr std::uint32_t kBeyondUnicode = 0x110000;

// What HTML5 reads a numeric reference to 0x80..0x9F as: Windows-1252, whose five undefined
// codes stay as they are.
char32_t windows1252C1(char32_t c) {
    return kWindows1252C1[c - 0x80];
}

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
        out.push_back(windows1252C1(static_cast<char32_t>(number)));
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

template <std::size_t N>
const NamedEntity* findIn(const NamedEntity (&table)[N], std::u32string_view name) {
    std::string ascii;
    for (const char32_t c : name) {
        if (c > 0x7F) return nullptr;
        ascii.push_back(static_cast<char>(c));
    }
    const auto* end = std::end(table);
    const auto* it = std::lower_bound(std::begin(table), end, ascii,
                                      [](const NamedEntity& e, const std::string& n) { return e.name < n; });
    return it != end && it->name == ascii ? it : nullptr;
}

const NamedEntity* findEntity(std::u32string_view name) {
    return findIn(kEntities, name);
}

bool isAsciiAlphanumeric(char32_t c) {
    return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
}

// ftfy's one reference at `text[at]`, the '&' (its pattern &#?[0-9A-Za-z]{1,24};).
// Returns the length consumed, or 0 when the text there is no such reference.
std::size_t ftfyReference(std::u32string_view text, std::size_t at, std::u32string& out) {
    constexpr std::size_t kMaxNameLength = 24;
    const bool numeric = at + 1 < text.size() && text[at + 1] == U'#';
    const std::size_t begin = at + (numeric ? 2 : 1);
    std::size_t end = begin;
    while (end < text.size() && isAsciiAlphanumeric(text[end])) ++end;
    if (end == begin || end - begin > kMaxNameLength || end == text.size() || text[end] != U';') return 0;
    const std::u32string_view reference = text.substr(at, end + 1 - at);
    const std::u32string_view name = reference.substr(1);  // with its ';'
    const NamedEntity* entity = numeric ? nullptr : findEntity(name);
    if (!numeric && !entity) entity = findIn(kFtfyEntities, name);
    if (entity) {
        out += unicode::decodeUtf8(entity->utf8);
    } else if (numeric) {
        // Only a number that html.unescape decodes whole: "&#12ab;" stays as it is.
        const std::u32string decoded = htmlUnescape(reference);
        out += decoded.find(U';') == std::u32string::npos ? std::u32string_view(decoded) : reference;
    } else {
        out += reference;
    }
    return reference.size();
}

bool endsNamedReference(char32_t c) {
    return c == U'\t' || c == U'\n' || c == U'\f' || c == U' ' || c == U'<' || c == U'&' || c == U'#' ||
           c == U';';
}

// Replaces the named reference starting after the '&' at `text[at]`: up to 32 name
// characters and an optional ';', looked up whole, then as its longest prefix of at least
// 2 characters that is a name (the ones HTML accepts without ';': "&ampx" is "&x"). An
// unknown name keeps its text. Returns the length consumed, or 0 when no name follows.
std::size_t namedReference(std::u32string_view text, std::size_t at, std::u32string& out) {
    constexpr std::size_t kMaxNameLength = 32;
    std::size_t end = at;
    while (end < text.size() && end - at < kMaxNameLength && !endsNamedReference(text[end])) ++end;
    if (end == at) return 0;
    if (end < text.size() && text[end] == U';') ++end;
    const std::u32string_view reference = text.substr(at, end - at);

    if (const auto* entity = findEntity(reference)) {
        out += unicode::decodeUtf8(entity->utf8);
        return reference.size();
    }
    for (std::size_t length = reference.size() - 1; length >= 2; --length) {
        if (const auto* entity = findEntity(reference.substr(0, length))) {
            out += unicode::decodeUtf8(entity->utf8);
            out += reference.substr(length);
            return reference.size();
        }
    }
    out.push_back(U'&');
    out += reference;
    return reference.size();
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

std::u32string ftfyUnescapeHtml(std::u32string_view text) {
    std::u32string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t consumed = text[i] == U'&' ? ftfyReference(text, i, out) : 0;
        if (consumed == 0) out.push_back(text[i++]);
        i += consumed;
    }
    return out;
}

}  // namespace flashface::tokenizer
