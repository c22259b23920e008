#pragma once

#include <string>
#include <string_view>

namespace flashface {

// The original's text clean-up before BPE: ftfy.fix_text, HTML-unescaping twice, whitespace
// collapsing, lowercasing. Throws InvalidRequest when `utf8` is not valid UTF-8.
std::u32string cleanPrompt(std::string_view utf8);

// ftfy.fix_text as the original calls it (ftfy 6.2.0, default settings), line by line and
// each line until nothing changes: HTML references (until a line holds a '<'), C1 controls
// read as Windows-1252, Latin ligatures, width forms, curly quotes, line breaks, terminal
// escapes, control characters, NFC. All but its mojibake repair (fix_encoding), which guesses
// at the encoding that garbled a text and is not reproduced.
std::u32string fixText(std::u32string_view text);

}  // namespace flashface
