#include "tokenizer/text_clean.h"

#include "tokenizer/ftfy_encoding.h"
#include "tokenizer/html_unescape.h"
#include "tokenizer/unicode_text.h"

#include <utf8proc.h>

#include <algorithm>
#include <iterator>

namespace flashface::tokenizer {
namespace {

struct CharReplacement {
    char32_t code;
    std::string_view utf8;
};

constexpr CharReplacement kLigatures[] = {
#include "tokenizer/ftfy_ligatures.inc"
};

constexpr CharReplacement kWidthForms[] = {
#include "tokenizer/ftfy_width_forms.inc"
};

constexpr char32_t kControlChars[] = {
#include "tokenizer/ftfy_control_chars.inc"
};

// ftfy's max_decode_length: it skips fix_encoding on longer lines, to bound its time.
constexpr std::size_t kMaxDecodeLength = 1'000'000;

template <std::size_t N>
std::u32string replaceChars(std::u32string_view text, const CharReplacement (&table)[N]) {
    std::u32string out;
    out.reserve(text.size());
    for (const char32_t c : text) {
        const auto* it = std::lower_bound(std::begin(table), std::end(table), c,
                                          [](const CharReplacement& r, char32_t x) { return r.code < x; });
        if (it != std::end(table) && it->code == c) out += unicode::decodeUtf8(it->utf8);
        else out.push_back(c);
    }
    return out;
}

std::u32string uncurlQuotes(std::u32string_view text) {
    std::u32string out(text);
    for (char32_t& c : out) {
        if (c == 0x02BC || (c >= 0x2018 && c <= 0x201B)) c = U'\'';
        else if (c >= 0x201C && c <= 0x201F) c = U'"';
    }
    return out;
}

std::u32string fixLineBreaks(std::u32string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char32_t c = text[i];
        if (c == U'\r' && i + 1 < text.size() && text[i + 1] == U'\n') continue;  // \r\n is one break
        const bool lineBreak = c == U'\r' || c == 0x2028 || c == 0x2029 || c == 0x85;
        out.push_back(lineBreak ? U'\n' : c);
    }
    return out;
}

// Python's \d on str: any decimal digit.
bool isDecimalDigit(char32_t c) {
    return utf8proc_category(static_cast<utf8proc_int32_t>(c)) == UTF8PROC_CATEGORY_ND;
}

bool isAsciiLetter(char32_t c) {
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
}

// ANSI escape sequences: ESC '[' (digit or ';')* letter.
std::u32string removeTerminalEscapes(std::u32string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == 0x1B && i + 1 < text.size() && text[i + 1] == U'[') {
            std::size_t end = i + 2;
            while (end < text.size() && (text[end] == U';' || isDecimalDigit(text[end]))) ++end;
            if (end < text.size() && isAsciiLetter(text[end])) {
                i = end;
                continue;
            }
        }
        out.push_back(text[i]);
    }
    return out;
}

std::u32string removeControlChars(std::u32string_view text) {
    std::u32string out;
    out.reserve(text.size());
    std::copy_if(text.begin(), text.end(), std::back_inserter(out),
                 [](char32_t c) { return !std::binary_search(std::begin(kControlChars), std::end(kControlChars), c); });
    return out;
}

struct SegmentFixes {
    bool unescapeHtml;
    bool fixEncoding;
};

// One pass of fix_text_segment's fixes, in its order. Its fix_surrogates has nothing to do:
// text decoded from UTF-8 holds no surrogates, and no fix makes one.
std::u32string fixOnce(std::u32string_view text, SegmentFixes fixes) {
    std::u32string fixed = removeTerminalEscapes(text);
    if (fixes.fixEncoding) fixed = ftfyFixEncoding(fixed);
    if (fixes.unescapeHtml) fixed = ftfyUnescapeHtml(fixed);
    fixed = replaceChars(fixed, kLigatures);
    fixed = replaceChars(fixed, kWidthForms);
    fixed = uncurlQuotes(fixed);
    fixed = fixLineBreaks(fixed);
    fixed = removeControlChars(fixed);
    return unicode::nfc(fixed);
}

// ftfy repeats its fixes until they change nothing (one fix may uncover work for another:
// "&amp;amp;" takes two passes).
std::u32string fixSegment(std::u32string_view segment, SegmentFixes fixes) {
    std::u32string text(segment);
    for (;;) {
        std::u32string fixed = fixOnce(text, fixes);
        if (fixed == text) return fixed;
        text = std::move(fixed);
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
    // A line holding both '<' and '>' may be markup, where references are meant literally:
    // ftfy stops decoding them there, for the rest of the text.
    bool unescapeHtml = true;
    for (std::size_t begin = 0; begin < text.size();) {
        const std::size_t lineEnd = text.find(U'\n', begin);
        const std::size_t end = lineEnd == std::u32string_view::npos ? text.size() : lineEnd + 1;
        const std::u32string_view line = text.substr(begin, end - begin);
        if (line.find(U'<') != std::u32string_view::npos && line.find(U'>') != std::u32string_view::npos)
            unescapeHtml = false;
        out += fixSegment(line, SegmentFixes{unescapeHtml, line.size() <= kMaxDecodeLength});
        begin = end;
    }
    return out;
}

std::u32string cleanPrompt(std::string_view utf8) {
    const std::u32string fixed = fixText(unicode::decodeUtf8(utf8));
    return unicode::lower(collapseWhitespace(htmlUnescape(htmlUnescape(fixed))));
}

}  // namespace flashface::tokenizer
