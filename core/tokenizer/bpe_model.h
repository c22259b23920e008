#pragma once

// CLIP's byte-level BPE vocabulary, expressed as a sentencepiece BPE model: sentencepiece merges
// by piece score, and scoring each merged piece by minus its merge rank reproduces CLIP's merge
// order (checked identical to CLIP's BPE on every fixture case and on 250,000 stress words).

#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace flashface::tokenizer::clip {

// CLIP uses the first 49152 - 256 - 2 merges of the file.
inline constexpr std::size_t kMergeCount = 48894;
// Stands for CLIP's end-of-word suffix "</w>": one private-use character (U+E000, in UTF-8),
// so that sentencepiece sees it as a single symbol.
inline constexpr std::string_view kEndOfWord = "\xEE\x80\x80";

// GPT-2's reversible byte-to-character table: the UTF-8 of the character standing for each
// byte value (printable bytes stand for themselves).
const std::array<std::string, 256>& byteSymbols();

// The merged pieces of the gzip'd merges file, in rank order ("a b</w>" gives "ab" + kEndOfWord).
// Throws FileError when the file is missing, unreadable or not a CLIP merges file.
std::vector<std::string> readMerges(const std::filesystem::path& file);

// Serialised sentencepiece ModelProto whose piece ids are CLIP's token ids: the 256 byte
// symbols, the same with the end-of-word mark, the merged pieces, <|startoftext|>,
// <|endoftext|>, and last an <unk> piece that CLIP lacks (sentencepiece requires one).
std::string sentencePieceModel(const std::vector<std::string>& mergedPieces);

}  // namespace flashface::tokenizer::clip
