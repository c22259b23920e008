#include "tokenizer/tokenizer.h"

#include "tokenizer/bpe_model.h"
#include "tokenizer/pretokenize.h"
#include "tokenizer/spm_model.h"
#include "tokenizer/text_clean.h"
#include "tokenizer/unicode_text.h"

#include <algorithm>

namespace flashface::tokenizer {

struct Tokenizer::Impl {
    explicit Impl(const std::string& proto) : bpe(proto) {}
    SpmModel bpe;
};

namespace {

// CLIP keeps its special tokens whole when they appear in a prompt.
std::int64_t specialTokenId(std::u32string_view piece) {
    if (piece == U"<|startoftext|>") return Tokenizer::kStartOfText;
    if (piece == U"<|endoftext|>") return Tokenizer::kEndOfText;
    return -1;
}

// A piece as BPE sees it: each UTF-8 byte as its GPT-2 symbol, then the end-of-word mark.
std::string byteSymbols(std::u32string_view piece) {
    const auto& symbols = clip::byteSymbols();
    std::string out;
    for (const unsigned char byte : unicode::encodeUtf8(piece)) out += symbols[byte];
    out += clip::kEndOfWord;
    return out;
}

}  // namespace

Tokenizer::Tokenizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;
Tokenizer::~Tokenizer() = default;

Tokenizer Tokenizer::fromMergesFile(const std::filesystem::path& merges) {
    const std::string proto = clip::sentencePieceModel(clip::readMerges(merges));
    return Tokenizer(std::make_unique<Impl>(proto));
}

std::vector<std::int64_t> Tokenizer::tokenize(std::string_view prompt) const {
    const std::u32string text = cleanPrompt(prompt);
    std::vector<std::int64_t> ids;
    for (const auto piece : pretokenize(text)) {
        if (const auto special = specialTokenId(piece); special >= 0) ids.push_back(special);
        else impl_->bpe.encode(byteSymbols(piece), ids);
    }
    return ids;
}

std::vector<std::int64_t> Tokenizer::encode(std::string_view prompt, Padding padding) const {
    const auto tokens = tokenize(prompt);
    const auto kept = std::min<std::size_t>(tokens.size(), kMaxPromptTokens);
    std::vector<std::int64_t> ids;
    ids.reserve(kContextLength);
    ids.push_back(kStartOfText);
    ids.insert(ids.end(), tokens.begin(), tokens.begin() + static_cast<std::ptrdiff_t>(kept));
    ids.push_back(kEndOfText);
    ids.resize(kContextLength, padding == Padding::Zero ? 0 : kEndOfText);
    return ids;
}

std::vector<std::int64_t> Tokenizer::encodeBatch(const std::vector<std::string>& prompts, Padding padding) const {
    std::vector<std::int64_t> ids;
    ids.reserve(prompts.size() * kContextLength);
    for (const auto& prompt : prompts) {
        const auto row = encode(prompt, padding);
        ids.insert(ids.end(), row.begin(), row.end());
    }
    return ids;
}

TokenCount Tokenizer::count(std::string_view prompt) const {
    const auto tokens = static_cast<int>(tokenize(prompt).size());
    return {tokens, tokens > kMaxPromptTokens};
}

}  // namespace flashface::tokenizer
