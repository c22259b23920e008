#include "tokenizer/ftfy_badness.h"

#include "tokenizer/unicode_text.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <string>

namespace flashface::tokenizer {
namespace {

struct ClassRange {
    char32_t first;
    char32_t last;
    char cls;
};

// ftfy's class letter of every code point (L/l Latin, A/a/C other letters, M marks, X C1 and
// other controls, ...; '_' unassigned).
constexpr ClassRange kCharClasses[] = {
#include "tokenizer/ftfy_char_classes.inc"
};
constexpr char kUnassigned = '_';

struct CodePointSpan {
    char32_t first;
    char32_t last;
};

constexpr CodePointSpan kWordChars[] = {
#include "tokenizer/python_word_chars.inc"
};

// One position of a pattern: a set of characters (negated or not), or Python's \w.
struct CharSet {
    bool negated;
    bool word;
    std::u32string_view chars;
};

// One alternative of a pattern: a fixed-length sequence of sets.
struct Sequence {
    std::array<CharSet, 4> sets;
    std::size_t length;
};

constexpr Sequence kWeirdness[] = {
#include "tokenizer/ftfy_weirdness.inc"
};

constexpr Sequence kMojibakeSymbols[] = {
#include "tokenizer/ftfy_mojibake_symbols.inc"
};

constexpr std::u32string_view kCommonSymbols =
#include "tokenizer/ftfy_common_symbols.inc"
    ;

template <typename Range, std::size_t N>
const Range* findRange(const Range (&table)[N], char32_t c) {
    const auto* after = std::upper_bound(std::begin(table), std::end(table), c,
                                         [](char32_t x, const Range& r) { return x < r.first; });
    return after == std::begin(table) || c > (after - 1)->last ? nullptr : after - 1;
}

char charClass(char32_t c) {
    const ClassRange* range = findRange(kCharClasses, c);
    return range ? range->cls : kUnassigned;
}

bool isWordChar(char32_t c) {
    return findRange(kWordChars, c) != nullptr;
}

bool contains(const CharSet& set, char32_t c) {
    if (set.word) return isWordChar(c);
    return (set.chars.find(c) != std::u32string_view::npos) != set.negated;
}

bool matchesAt(const Sequence& sequence, std::u32string_view text, std::size_t at) {
    if (text.size() - at < sequence.length) return false;
    for (std::size_t i = 0; i < sequence.length; ++i)
        if (!contains(sequence.sets[i], text[at + i])) return false;
    return true;
}

// How many matches Python's findall gives for the alternation of `alternatives`: scanning
// left to right, the first alternative that matches at a position takes its characters.
template <std::size_t N>
int countMatches(const Sequence (&alternatives)[N], std::u32string_view text) {
    int count = 0;
    for (std::size_t at = 0; at < text.size();) {
        const auto* match = std::find_if(std::begin(alternatives), std::end(alternatives),
                                         [&](const Sequence& s) { return matchesAt(s, text, at); });
        if (match == std::end(alternatives)) {
            ++at;
        } else {
            ++count;
            at += match->length;
        }
    }
    return count;
}

// badness.sequence_weirdness.
int sequenceWeirdness(std::u32string_view text) {
    const std::u32string composed = unicode::nfc(text);
    std::u32string classes(composed.size(), U'\0');
    std::transform(composed.begin(), composed.end(), classes.begin(),
                   [](char32_t c) { return static_cast<char32_t>(charClass(c)); });
    const auto common = std::count_if(composed.begin(), composed.end(), [](char32_t c) {
        return kCommonSymbols.find(c) != std::u32string_view::npos;
    });
    return countMatches(kWeirdness, classes) * 2 + countMatches(kMojibakeSymbols, composed) * 2 -
           static_cast<int>(common);
}

}  // namespace

int ftfyTextCost(std::u32string_view text) {
    return sequenceWeirdness(text) + static_cast<int>(text.size());
}

}  // namespace flashface::tokenizer
