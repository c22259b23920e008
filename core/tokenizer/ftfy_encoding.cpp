#include "tokenizer/ftfy_encoding.h"

#include "tokenizer/ftfy_badness.h"
#include "tokenizer/unicode_text.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace flashface::tokenizer {
namespace {

constexpr std::uint8_t kSubstitute = 0x1A;  // the byte ftfy's sloppy codecs encode U+FFFD as
constexpr std::uint8_t kNoBreakSpace = 0xA0;
constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";  // U+FFFD

// A single-byte encoding as ftfy uses it: bytes 0x00..0x7F but 0x1A are ASCII.
struct Charmap {
    std::string_view name;
    int cost;     // what fix_encoding adds to a text's cost for having used it
    bool sloppy;  // one of ftfy's sloppy codecs: lossy sequences may be marked with 0x1A
    char32_t substitute;  // what byte 0x1A decodes to
    std::array<char32_t, 128> high;  // what bytes 0x80..0xFF decode to
};

constexpr Charmap kCharmaps[] = {
#include "tokenizer/ftfy_charmaps.inc"
};

constexpr const Charmap& charmap(std::string_view name) {
    return *std::find_if(std::begin(kCharmaps), std::end(kCharmaps),
                         [&](const Charmap& c) { return c.name == name; });
}

constexpr const Charmap& kLatin1 = charmap("latin-1");
constexpr const Charmap& kWindows1252 = charmap("sloppy-windows-1252");

// The byte `c` encodes to in `map`, if any.
std::optional<std::uint8_t> encodeChar(const Charmap& map, char32_t c) {
    if (c == map.substitute) return kSubstitute;
    if (c < 0x80 && c != kSubstitute) return static_cast<std::uint8_t>(c);
    const auto* it = std::find(map.high.begin(), map.high.end(), c);
    if (it == map.high.end()) return std::nullopt;
    return static_cast<std::uint8_t>(0x80 + (it - map.high.begin()));
}

// `text` encoded in `map`, or nullopt when a character has no byte there (possible_encoding).
std::optional<std::string> encode(const Charmap& map, std::u32string_view text) {
    std::string bytes;
    bytes.reserve(text.size());
    for (const char32_t c : text) {
        const auto byte = encodeChar(map, c);
        if (!byte) return std::nullopt;
        bytes.push_back(static_cast<char>(*byte));
    }
    return bytes;
}

// A byte pattern position: up to two byte ranges.
struct ByteSet {
    std::uint8_t lo1, hi1, lo2 = 1, hi2 = 0;
    constexpr bool contains(std::uint8_t b) const { return (b >= lo1 && b <= hi1) || (b >= lo2 && b <= hi2); }
};

struct BytePattern {
    std::array<ByteSet, 6> sets;
    std::size_t length;
};

constexpr ByteSet kSpace{0x20, 0x20};
constexpr ByteSet kCont{0x80, 0xBF};
constexpr ByteSet kSub{kSubstitute, kSubstitute};
constexpr ByteSet kSubOrCont{kSubstitute, kSubstitute, 0x80, 0xBF};
constexpr ByteSet kLead3{0xE0, 0xEF};
constexpr ByteSet kLead4{0xF0, 0xF4};
constexpr ByteSet kEd{0xED, 0xED};

// chardata.ALTERED_UTF8_RE: UTF-8 sequences whose 0xA0 became a space. The two-byte ones only
// for the leads of likely characters (U+A0, U+E0, U+160, U+3A0, U+420).
constexpr BytePattern kAlteredUtf8[] = {
    {{ByteSet{0xC2, 0xC3, 0xC5, 0xC5}, kSpace}, 2},
    {{ByteSet{0xCE, 0xCE, 0xD0, 0xD0}, kSpace}, 2},
    {{kLead3, kSpace, kCont}, 3},
    {{kLead3, kCont, kSpace}, 3},
    {{kLead4, kSpace, kCont, kCont}, 4},
    {{kLead4, kCont, kSpace, kCont}, 4},
    {{kLead4, kCont, kCont, kSpace}, 4},
};

// chardata.LOSSY_UTF8_RE: UTF-8 (and CESU-8) sequences with continuation bytes lost to 0x1A.
constexpr BytePattern kLossyUtf8[] = {
    {{ByteSet{0xC2, 0xDF}, kSub}, 2},
    {{kEd, ByteSet{0xA0, 0xAF}, kSub, kEd, ByteSet{0xB0, 0xBF}, kSubOrCont}, 6},
    {{kEd, ByteSet{0xA0, 0xAF}, kSubOrCont, kEd, ByteSet{0xB0, 0xBF}, kSub}, 6},
    {{kLead3, kSub, kSubOrCont}, 3},
    {{kLead3, kSubOrCont, kSub}, 3},
    {{kLead4, kSub, kSubOrCont, kSubOrCont}, 4},
    {{kLead4, kSubOrCont, kSub, kSubOrCont}, 4},
    {{kLead4, kSubOrCont, kSubOrCont, kSub}, 4},
    {{kSub}, 1},
};

// The length of the first of `patterns` that matches `bytes` at `at`, or 0.
template <std::size_t N>
std::size_t matchAt(const BytePattern (&patterns)[N], std::string_view bytes, std::size_t at) {
    for (const BytePattern& p : patterns) {
        if (bytes.size() - at < p.length) continue;
        bool all = true;
        for (std::size_t i = 0; i < p.length && all; ++i)
            all = p.sets[i].contains(static_cast<std::uint8_t>(bytes[at + i]));
        if (all) return p.length;
    }
    return 0;
}

// Python's re.sub of the alternation `patterns`, each match replaced by `replace(match)`.
template <std::size_t N, typename Replace>
std::string substitute(const BytePattern (&patterns)[N], std::string_view bytes, Replace replace) {
    std::string out;
    out.reserve(bytes.size());
    for (std::size_t at = 0; at < bytes.size();) {
        const std::size_t length = matchAt(patterns, bytes, at);
        if (length == 0) {
            out.push_back(bytes[at++]);
        } else {
            out += replace(bytes.substr(at, length));
            at += length;
        }
    }
    return out;
}

template <std::size_t N>
bool found(const BytePattern (&patterns)[N], std::string_view bytes) {
    for (std::size_t at = 0; at < bytes.size(); ++at)
        if (matchAt(patterns, bytes, at) != 0) return true;
    return false;
}

// fixes.restore_byte_a0.
std::string restoreByteA0(std::string_view bytes) {
    return substitute(kAlteredUtf8, bytes, [](std::string_view match) {
        std::string restored(match);
        std::replace(restored.begin(), restored.end(), ' ', static_cast<char>(kNoBreakSpace));
        return restored;
    });
}

// fixes.replace_lossy_sequences.
std::string replaceLossySequences(std::string_view bytes) {
    return substitute(kLossyUtf8, bytes, [](std::string_view) { return std::string(kReplacementUtf8); });
}

std::uint8_t byteAt(std::string_view bytes, std::size_t at) {
    return static_cast<std::uint8_t>(bytes[at]);
}

// ftfy's "utf-8-variants" codec: UTF-8, plus Java's null (C0 80) and CESU-8's surrogate pairs
// (ED A0..AF xx ED B0..BF xx). Its null pattern ends in a regex '$', which also matches before
// a final '\n': C0 0A at the very end is a null too.
std::optional<std::u32string> decodeUtf8Variants(std::string_view bytes) {
    std::u32string out;
    std::size_t plain = 0;  // start of the stretch of ordinary UTF-8 not yet decoded
    auto flush = [&](std::size_t end) {
        auto decoded = unicode::tryDecodeUtf8(bytes.substr(plain, end - plain));
        if (decoded) out += *decoded;
        return decoded.has_value();
    };
    for (std::size_t at = 0; at < bytes.size();) {
        const std::size_t left = bytes.size() - at;
        const bool javaNull = byteAt(bytes, at) == 0xC0 && left >= 2 &&
                              (byteAt(bytes, at + 1) == 0x80 || (left == 2 && byteAt(bytes, at + 1) == '\n'));
        const bool cesu = left >= 6 && byteAt(bytes, at) == 0xED && byteAt(bytes, at + 1) >= 0xA0 &&
                          byteAt(bytes, at + 1) <= 0xAF && kCont.contains(byteAt(bytes, at + 2)) &&
                          byteAt(bytes, at + 3) == 0xED && byteAt(bytes, at + 4) >= 0xB0 &&
                          byteAt(bytes, at + 4) <= 0xBF && kCont.contains(byteAt(bytes, at + 5));
        if (!javaNull && !cesu) {
            ++at;
            continue;
        }
        if (!flush(at)) return std::nullopt;
        if (javaNull) {
            out.push_back(U'\0');
            at += 2;
        } else {
            out.push_back(static_cast<char32_t>(((byteAt(bytes, at + 1) & 0x0F) << 16) +
                                                ((byteAt(bytes, at + 2) & 0x3F) << 10) +
                                                ((byteAt(bytes, at + 4) & 0x0F) << 6) +
                                                (byteAt(bytes, at + 5) & 0x3F) + 0x10000));
            at += 6;
        }
        plain = at;
    }
    if (!flush(bytes.size())) return std::nullopt;
    return out;
}

struct Step {
    std::u32string text;
    int cost = 0;  // the summed costs of its plan
};

// The bytes of a text encoded in `map` decoded as UTF-8, after the repairs ftfy tries on them
// first, with the cost of that plan; nullopt when they are no UTF-8.
std::optional<Step> redecode(const Charmap& map, std::string bytes) {
    int cost = map.cost;
    if (found(kAlteredUtf8, bytes)) {
        bytes = restoreByteA0(bytes);
        cost += static_cast<int>(std::count(bytes.begin(), bytes.end(), static_cast<char>(kNoBreakSpace))) * 2;
    }
    if (map.sloppy && bytes.find(static_cast<char>(kSubstitute)) != std::string::npos)
        bytes = replaceLossySequences(bytes);
    const bool variants = bytes.find('\xED') != std::string::npos || bytes.find('\xC0') != std::string::npos;
    auto decoded = variants ? decodeUtf8Variants(bytes) : unicode::tryDecodeUtf8(bytes);
    if (!decoded) return std::nullopt;
    return Step{std::move(*decoded), cost};
}

// chardata.PARTIAL_UTF8_PUNCT_RE at `at`: the UTF-8 of U+2000..U+203F read as Windows-1252
// ("â€" and a third character).
bool isPartialUtf8Punct(std::u32string_view text, std::size_t at) {
    if (text.size() - at < 3 || text[at] != U'â' || (text[at + 1] != U'€' && text[at + 1] != 0x80)) return false;
    const char32_t third = text[at + 2];
    return (third >= 0x80 && third <= 0xBF) ||
           std::find(kWindows1252.high.begin(), kWindows1252.high.begin() + 0x20, third) !=
               kWindows1252.high.begin() + 0x20;
}

bool hasPartialUtf8Punct(std::u32string_view text) {
    for (std::size_t at = 0; at < text.size(); ++at)
        if (isPartialUtf8Punct(text, at)) return true;
    return false;
}

// fixes.fix_partial_utf8_punct_in_1252: C1 controls read as Windows-1252, then each such
// punctuation sequence decoded as the UTF-8 it is.
std::u32string fixPartialUtf8Punct(std::u32string_view text) {
    std::u32string c1Fixed(text);
    for (char32_t& c : c1Fixed)
        if (c >= 0x80 && c <= 0x9F) c = kWindows1252.high[c - 0x80];
    std::u32string out;
    for (std::size_t at = 0; at < c1Fixed.size();) {
        if (!isPartialUtf8Punct(c1Fixed, at)) {
            out.push_back(c1Fixed[at++]);
            continue;
        }
        const std::uint8_t last = *encodeChar(kWindows1252, c1Fixed[at + 2]);
        out.push_back(static_cast<char32_t>(0x2000 + (last & 0x3F)));  // E2 80 xx
        at += 3;
    }
    return out;
}

// Latin-1 text read as (strict) Windows-1252: nullopt when a C1 control is one of the five
// codes Windows-1252 leaves undefined (ftfy's sloppy codec keeps those as they are).
std::optional<std::u32string> latin1AsWindows1252(std::u32string_view text) {
    std::u32string out(text);
    for (char32_t& c : out) {
        if (c < 0x80 || c > 0x9F) continue;
        if (kWindows1252.high[c - 0x80] == c) return std::nullopt;
        c = kWindows1252.high[c - 0x80];
    }
    return out;
}

bool isAscii(std::u32string_view text) {
    return std::all_of(text.begin(), text.end(), [](char32_t c) { return c < 0x80; });
}

// fixes.fix_one_step_and_explain.
Step fixOneStep(std::u32string_view text) {
    if (isAscii(text)) return Step{std::u32string(text), 0};
    bool latin1Possible = false;
    for (const Charmap& map : kCharmaps) {
        auto bytes = encode(map, text);
        if (!bytes) continue;
        if (auto step = redecode(map, std::move(*bytes))) return std::move(*step);
        latin1Possible = latin1Possible || &map == &kLatin1;
    }
    if (hasPartialUtf8Punct(text)) return Step{fixPartialUtf8Punct(text), 1};
    if (latin1Possible) {
        if (auto fixed = latin1AsWindows1252(text)) {
            const int cost = *fixed == text ? 0 : 1;
            return Step{std::move(*fixed), cost};
        }
    }
    return Step{std::u32string(text), 0};
}

}  // namespace

std::u32string ftfyFixEncoding(std::u32string_view original) {
    // fixes.fix_encoding_and_explain: steps until one changes nothing, keeping the cheapest
    // text; the cost of a text includes every step taken to reach it. ASCII takes no step.
    if (isAscii(original)) return std::u32string(original);
    std::u32string best(original), text(original);
    int bestCost = ftfyTextCost(original);
    int planCost = 0;
    for (;;) {
        Step step = fixOneStep(text);
        planCost += step.cost;
        const int cost = ftfyTextCost(step.text) + planCost;
        const bool unchanged = step.text == text;
        if (cost < bestCost) {
            bestCost = cost;
            best = step.text;
        }
        if (unchanged) return best;
        text = std::move(step.text);
    }
}

}  // namespace flashface::tokenizer
