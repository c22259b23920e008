#pragma once

#include <string>
#include <string_view>

namespace flashface::tokenizer {

// ftfy 5.8's fix_encoding: re-decodes text that was UTF-8 read in one of the single-byte
// encodings it knows (mojibake: "cafÃ©" is "café"), C1 controls in otherwise Latin-1 text as
// the Windows-1252 characters they were meant to be ("\x85" is "…"), and leaves a text as it
// is unless a re-decoding lowers its ftfyTextCost by more than the decoding's own cost.
std::u32string ftfyFixEncoding(std::u32string_view text);

}  // namespace flashface::tokenizer
