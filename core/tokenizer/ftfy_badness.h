#pragma once

#include <string_view>

namespace flashface::tokenizer {

// ftfy 5.8's badness.text_cost, by which its fix_encoding picks the least weird of the texts
// a re-decoding gives: twice each weird character sequence (of its character classes), twice
// each sequence typical of mojibake, minus each symbol common on its own, plus the length.
int ftfyTextCost(std::u32string_view text);

}  // namespace flashface::tokenizer
