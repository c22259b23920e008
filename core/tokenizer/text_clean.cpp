#include "tokenizer/text_clean.h"

#include "tokenizer/html_unescape.h"
#include "tokenizer/unicode_text.h"

namespace flashface {
namespace {

bool isRemovedControl(char32_t c) {
    return c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1F) || (c >= 0x7F && c <= 0x9F) || c == 0xFEFF;
}

bool isLineBreak(char32_t c) {
    return c == U'\r' || c == 0x2028 || c == 0x2029 || c == 0x85;
}

// The Latin ligatures ftfy spells out (U+FB05 is left alone, as ftfy does).
std::u32string_view ligature(char32_t c) {
    switch (c) {
    case 0xFB00: return U"ff";
    case 0xFB01: return U"fi";
    case 0xFB02: return U"fl";
    case 0xFB03: return U"ffi";
    case 0xFB04: return U"ffl";
    case 0xFB06: return U"st";
    default: return {};
    }
}

// Collapses every run of whitespace to one space and drops it at both ends.
std::u32string collapseWhitespace(std::u32string_view text) {
    std::u32string out;
    out.reserve(text.size());
    bool pendingSpace = false;
    for (const char32_t c : text) {
        if (unicode::isWhitespace(c)) {
            pendingSpace = !out.empty();
            continue;
        }
        if (pendingSpace) out.push_back(U' ');
        pendingSpace = false;
        out.push_back(c);
    }
    return out;
}

}  // namespace

std::u32string fixText(std::u32string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char32_t c = text[i];
        if (c == U'\r' && i + 1 < text.size() && text[i + 1] == U'\n') continue;  // \r\n is one break
        if (c >= 0x2018 && c <= 0x201B) {
            out.push_back(U'\'');
        } else if (c >= 0x201C && c <= 0x201F) {
            out.push_back(U'"');
        } else if (const auto spelled = ligature(c); !spelled.empty()) {
            out += spelled;
        } else if (c >= 0xFF01 && c <= 0xFF5E) {
            out.push_back(c - 0xFEE0);  // full-width ASCII
        } else if (c == 0x3000) {
            out.push_back(U' ');
        } else if (isLineBreak(c)) {
            out.push_back(U'\n');
        } else if (!isRemovedControl(c)) {
            out.push_back(c);
        }
    }
    return unicode::nfc(out);
}

std::u32string cleanPrompt(std::string_view utf8) {
    const std::u32string fixed = fixText(unicode::decodeUtf8(utf8));
    return unicode::lower(collapseWhitespace(htmlUnescape(htmlUnescape(fixed))));
}

}  // namespace flashface
