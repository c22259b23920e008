#pragma once

// CLIP's BPE tokenizer, as the original FlashFace uses it (ldm/data/tokenizers.py):
// prompt → 77 token ids. Free of libtorch and sentencepiece, so any unit may include it.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace flashface::tokenizer {

// How much of a prompt the text encoder sees, for a live counter in the UI.
struct TokenCount {
    int tokens = 0;          // BPE tokens of the cleaned prompt, start/end markers not counted
    bool truncated = false;  // more than Tokenizer::kMaxPromptTokens: the rest is ignored
};

class Tokenizer {
public:
    static constexpr int kContextLength = 77;
    static constexpr int kMaxPromptTokens = kContextLength - 2;
    static constexpr std::int64_t kStartOfText = 49406;
    static constexpr std::int64_t kEndOfText = 49407;

    // What fills the ids after the end marker: the end-of-text id (what FlashFace uses) or 0.
    enum class Padding { EndOfText, Zero };

    // Reads CLIP's bpe_simple_vocab_16e6.txt.gz. Throws FileError when it is missing or
    // corrupt, Error when the sentencepiece module cannot be loaded.
    static Tokenizer fromMergesFile(const std::filesystem::path& merges);

    Tokenizer(Tokenizer&&) noexcept;
    Tokenizer& operator=(Tokenizer&&) noexcept;
    ~Tokenizer();

    // kContextLength ids: start, at most kMaxPromptTokens prompt tokens, end, padding.
    // Throws InvalidRequest when `prompt` is not valid UTF-8. Thread-safe.
    std::vector<std::int64_t> encode(std::string_view prompt, Padding padding = Padding::EndOfText) const;

    // Row-major [prompts.size(), kContextLength].
    std::vector<std::int64_t> encodeBatch(const std::vector<std::string>& prompts,
                                          Padding padding = Padding::EndOfText) const;

    // All BPE ids of the cleaned prompt, without start/end markers or truncation.
    std::vector<std::int64_t> tokenize(std::string_view prompt) const;

    TokenCount count(std::string_view prompt) const;

private:
    struct Impl;
    explicit Tokenizer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace flashface::tokenizer
