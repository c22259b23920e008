#pragma once

#include <string_view>
#include <vector>

namespace flashface::tokenizer {

// Splits cleaned text into the pieces that BPE encodes one by one, as the original's
// case-insensitive pattern does (matches taken left to right, whitespace skipped):
//   <\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+
std::vector<std::u32string_view> pretokenize(std::u32string_view text);

}  // namespace flashface::tokenizer
