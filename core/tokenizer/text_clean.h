#pragma once

#include <string>
#include <string_view>

namespace flashface {

// The original's text clean-up before BPE (see the fixtures README): the text fixes of
// ftfy it relies on, HTML-unescaping twice, whitespace collapsing, lowercasing.
// Throws InvalidRequest when `utf8` is not valid UTF-8.
std::u32string cleanPrompt(std::string_view utf8);

// Step 1 alone: quotes, ligatures, full-width forms, line breaks, control characters, NFC.
std::u32string fixText(std::u32string_view text);

}  // namespace flashface
