#pragma once

#include <string>
#include <string_view>

namespace flashface::tokenizer {

// The original's text clean-up before BPE: ftfy.fix_text, HTML-unescaping twice, whitespace
// collapsing, lowercasing. Throws InvalidRequest when `utf8` is not valid UTF-8.
std::u32string cleanPrompt(std::string_view utf8);

// ftfy.fix_text as the original calls it (default settings) in ftfy 5.8, the version that made
// the parity fixtures (6.x differs: it reads every C1 control as Windows-1252, cuts long lines,
// and stops decoding references at a line with '<' alone). Line by line, each line until
// nothing changes: terminal escapes, mojibake and C1 controls (ftfyFixEncoding, skipped on
// lines over a million characters), HTML references (until a line holds both '<' and '>'),
// Latin ligatures, width forms, curly quotes, line breaks, control characters, NFC.
std::u32string fixText(std::u32string_view text);

}  // namespace flashface::tokenizer
