#pragma once

// Unicode helpers for the tokenizer's text cleaning, with the semantics of the Python the
// original ran on (str.lower, str.isspace, the `regex` module's classes). Properties come
// from utf8proc.

#include <string>
#include <string_view>

namespace flashface::unicode {

// Throws InvalidRequest naming the byte offset of the first invalid sequence.
std::u32string decodeUtf8(std::string_view utf8);
std::string encodeUtf8(std::u32string_view text);
void appendUtf8(std::string& out, char32_t c);

// Canonical composition (NFC).
std::u32string nfc(std::u32string_view text);

// Python's str.lower(): full lowercase mappings, including Final_Sigma.
std::u32string lower(std::u32string_view text);

// Python's str.isspace() for one character. The `regex` module's \s differs only on
// U+001C..U+001F, which cleaning removes before any whitespace test.
bool isWhitespace(char32_t c);

// \p{L} and \p{N} as matched case-insensitively: the character or one of its case
// variants has the property.
bool isLetterIgnoringCase(char32_t c);
bool isNumberIgnoringCase(char32_t c);

// Whether `c` matches the ASCII letter or symbol `ascii` under case-insensitive matching
// (simple case folding: 'S', 's' and U+017F LONG S all match 's').
bool equalsIgnoringCase(char32_t c, char ascii);

}  // namespace flashface::unicode
