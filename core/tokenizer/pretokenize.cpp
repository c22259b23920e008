#include "tokenizer/pretokenize.h"

#include "tokenizer/unicode_text.h"

#include <array>

namespace flashface::tokenizer {
namespace {

// The literal alternatives, in the pattern's order (the first that matches wins).
constexpr std::array<std::string_view, 9> kLiterals = {
    "<|startoftext|>", "<|endoftext|>", "'s", "'t", "'re", "'ve", "'m", "'ll", "'d"};

bool startsWithIgnoringCase(std::u32string_view text, std::string_view literal) {
    if (text.size() < literal.size()) return false;
    for (std::size_t i = 0; i < literal.size(); ++i)
        if (!unicode::equalsIgnoringCase(text[i], literal[i])) return false;
    return true;
}

// Length of the run of characters of class `cls` at the start of `text`.
std::size_t runLength(std::u32string_view text, unicode::PatternClass cls) {
    std::size_t n = 0;
    while (n < text.size() && unicode::patternClass(text[n]) == cls) ++n;
    return n;
}

// Length of the match at the start of `rest`, or 0 where nothing matches (whitespace, and
// the characters no class matches).
std::size_t matchAt(std::u32string_view rest) {
    using unicode::PatternClass;
    for (const auto literal : kLiterals)
        if (startsWithIgnoringCase(rest, literal)) return literal.size();
    switch (unicode::patternClass(rest.front())) {
    case PatternClass::Letter: return runLength(rest, PatternClass::Letter);
    case PatternClass::Number: return 1;
    case PatternClass::Other: return runLength(rest, PatternClass::Other);
    case PatternClass::Space:
    case PatternClass::Unmatched: return 0;
    }
    return 0;
}

}  // namespace

std::vector<std::u32string_view> pretokenize(std::u32string_view text) {
    std::vector<std::u32string_view> pieces;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t length = matchAt(text.substr(at));
        if (length == 0) {
            ++at;
            continue;
        }
        pieces.push_back(text.substr(at, length));
        at += length;
    }
    return pieces;
}

}  // namespace flashface::tokenizer
