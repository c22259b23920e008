#pragma once

// Unicode helpers for the tokenizer's text cleaning, with the semantics of the Python the
// original runs on (str.lower, the `regex` module's classes). Case mappings and normalisation
// come from utf8proc; the properties where Python or `regex` answer otherwise (or from a newer
// Unicode version) from tables generated from them by tools/gen_tokenizer_tables.py.

#include <optional>
#include <string>
#include <string_view>

namespace flashface::tokenizer::unicode {

// Throws InvalidRequest naming the byte offset of the first invalid sequence.
std::u32string decodeUtf8(std::string_view utf8);
// Python's strict UTF-8 decoding (no surrogates, overlong forms or code points past U+10FFFF):
// nullopt where it raises.
std::optional<std::u32string> tryDecodeUtf8(std::string_view utf8);
std::string encodeUtf8(std::u32string_view text);
void appendUtf8(std::string& out, char32_t c);

// Canonical composition (NFC).
std::u32string nfc(std::u32string_view text);

// Python's str.lower(): full lowercase mappings, including Final_Sigma.
std::u32string lower(std::u32string_view text);

// How the original's split pattern, compiled with the `regex` module's IGNORECASE, sees a
// character: which of \s, [\p{L}], [\p{N}] and [^\s\p{L}\p{N}] matches it (at most one does).
// Taken from that module's own tables (pattern_classes.inc), whose
// Unicode version may be newer than utf8proc's. Unmatched: a character that the negated
// class rejects because one of its case variants is a letter, while [\p{L}] rejects it too
// (U+0345, whose upper case is a Greek capital); the pattern skips it like whitespace.
enum class PatternClass { Other, Space, Letter, Number, Unmatched };
PatternClass patternClass(char32_t c);

// The `regex` module's \s, what the original collapses. Python's str.isspace(), which its
// strip() uses, differs only on U+001C..U+001F, which cleaning removes first.
bool isWhitespace(char32_t c);

// Whether `c` matches the ASCII letter or symbol `ascii` under case-insensitive matching
// (simple case folding: 'S', 's' and U+017F LONG S all match 's').
bool equalsIgnoringCase(char32_t c, char ascii);

}  // namespace flashface::tokenizer::unicode
