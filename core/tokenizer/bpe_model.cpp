#include "tokenizer/bpe_model.h"

#include "common/error.h"
#include "tokenizer/unicode_text.h"

#include <zlib.h>

#include <bit>
#include <cstdint>
#include <memory>

namespace flashface::tokenizer::clip {
namespace {

// Bytes in vocabulary order: the printable ones (standing for themselves) first, then the
// others, which stand for U+0100, U+0101, ... in byte order.
bool isPrintableByte(int b) {
    return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
}

std::vector<int> bytesInVocabularyOrder() {
    std::vector<int> order;
    for (int b = 0; b < 256; ++b)
        if (isPrintableByte(b)) order.push_back(b);
    for (int b = 0; b < 256; ++b)
        if (!isPrintableByte(b)) order.push_back(b);
    return order;
}

// The merges file is 3.2 MB inflated; a crafted gzip that inflates far beyond it is refused before
// it fills memory.
constexpr std::size_t kMaxMergesBytes = std::size_t{64} << 20;

std::string readGzip(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        throw FileError(file, "the CLIP merges file (bpe_simple_vocab_16e6.txt.gz) does not exist.");
    const std::unique_ptr<gzFile_s, decltype(&gzclose)> in(gzopen(file.c_str(), "rb"), &gzclose);
    if (!in) throw FileError(file, "cannot open the CLIP merges file for reading.");
    std::string text;
    std::array<char, 1 << 16> buffer{};
    for (;;) {
        const int n = gzread(in.get(), buffer.data(), static_cast<unsigned>(buffer.size()));
        if (n < 0) {
            int code = Z_OK;
            throw FileError(file, std::string("the CLIP merges file is corrupt (") + gzerror(in.get(), &code) +
                                      "); download bpe_simple_vocab_16e6.txt.gz again.");
        }
        if (n == 0) break;
        text.append(buffer.data(), static_cast<std::size_t>(n));
        if (text.size() > kMaxMergesBytes)
            throw FileError(file, "inflates to more than 64 MiB: it is not the CLIP merges file; download "
                                  "bpe_simple_vocab_16e6.txt.gz again.");
    }
    // A truncated stream ends like a complete one but leaves an error behind.
    if (int code = Z_OK; gzerror(in.get(), &code), code != Z_OK)
        throw FileError(file, "the CLIP merges file is truncated; download bpe_simple_vocab_16e6.txt.gz again.");
    return text;
}

// Protocol-buffer wire format, just what ModelProto needs.
class ProtoWriter {
public:
    void varint(int field, std::uint64_t value) {
        key(field, 0);
        raw(value);
    }
    // int32 fields encode negative values as 64-bit two's complement.
    void int32(int field, std::int32_t value) { varint(field, static_cast<std::uint64_t>(std::int64_t{value})); }
    void float32(int field, float value) {
        key(field, 5);
        const auto bits = std::bit_cast<std::uint32_t>(value);
        for (int i = 0; i < 4; ++i) out_.push_back(static_cast<char>((bits >> (8 * i)) & 0xFF));
    }
    void bytes(int field, std::string_view value) {
        key(field, 2);
        raw(value.size());
        out_.append(value);
    }
    const std::string& str() const { return out_; }

private:
    void key(int field, int wireType) { raw((static_cast<std::uint64_t>(field) << 3) | wireType); }
    void raw(std::uint64_t value) {
        do {
            const auto low = static_cast<char>(value & 0x7F);
            value >>= 7;
            out_.push_back(value ? static_cast<char>(low | 0x80) : low);
        } while (value);
    }
    std::string out_;
};

// sentencepiece.ModelProto.SentencePiece.Type
enum class PieceType { Normal = 1, Unknown = 2, Control = 3 };

std::string pieceMessage(std::string_view piece, float score, PieceType type) {
    ProtoWriter m;
    m.bytes(1, piece);
    m.float32(2, score);
    if (type != PieceType::Normal) m.varint(3, static_cast<std::uint64_t>(type));
    return m.str();
}

}  // namespace

const std::array<std::string, 256>& byteSymbols() {
    static const std::array<std::string, 256> symbols = [] {
        std::array<std::string, 256> table;
        char32_t next = 0x100;
        for (const int b : bytesInVocabularyOrder())
            unicode::appendUtf8(table[b], isPrintableByte(b) ? static_cast<char32_t>(b) : next++);
        return table;
    }();
    return symbols;
}

std::vector<std::string> readMerges(const std::filesystem::path& file) {
    const std::string text = readGzip(file);
    std::vector<std::string> pieces;
    pieces.reserve(kMergeCount);
    std::size_t at = text.find('\n');  // the first line is a version header
    while (pieces.size() < kMergeCount && at != std::string::npos && at + 1 < text.size()) {
        const std::size_t begin = at + 1;
        at = text.find('\n', begin);
        const std::string_view line = std::string_view(text).substr(begin, at == std::string::npos ? at : at - begin);
        const std::size_t space = line.find(' ');
        if (space == 0 || space == std::string_view::npos || space + 1 == line.size() ||
            line.find(' ', space + 1) != std::string_view::npos)
            throw FileError(file, "line " + std::to_string(pieces.size() + 2) +
                                      " is not a merge rule of two symbols; the file is not a CLIP merges file.");
        std::string piece(line.substr(0, space));
        std::string_view second = line.substr(space + 1);
        constexpr std::string_view kSuffix = "</w>";
        const bool endOfWord = second.ends_with(kSuffix);
        if (endOfWord) second.remove_suffix(kSuffix.size());
        piece += second;
        if (endOfWord) piece += kEndOfWord;
        pieces.push_back(std::move(piece));
    }
    if (pieces.size() < kMergeCount)
        throw FileError(file, "holds " + std::to_string(pieces.size()) + " merge rules where CLIP needs " +
                                  std::to_string(kMergeCount) + "; the file is truncated or not a CLIP merges file.");
    return pieces;
}

std::string sentencePieceModel(const std::vector<std::string>& mergedPieces) {
    // Scores: sentencepiece applies the best-scoring merge first. Attaching the end-of-word
    // mark must come before every real merge, as CLIP starts with it already attached.
    constexpr float kByteScore = 0.0F;
    constexpr float kEndOfWordScore = 1e6F;
    ProtoWriter model;
    const auto order = bytesInVocabularyOrder();
    for (const int b : order) model.bytes(1, pieceMessage(byteSymbols()[b], kByteScore, PieceType::Normal));
    for (const int b : order)
        model.bytes(1, pieceMessage(byteSymbols()[b] + std::string(kEndOfWord), kEndOfWordScore, PieceType::Normal));
    for (std::size_t rank = 0; rank < mergedPieces.size(); ++rank)
        model.bytes(1, pieceMessage(mergedPieces[rank], -static_cast<float>(rank), PieceType::Normal));
    model.bytes(1, pieceMessage("<|startoftext|>", 0.0F, PieceType::Control));
    model.bytes(1, pieceMessage("<|endoftext|>", 0.0F, PieceType::Control));
    const auto unknownId = static_cast<std::int32_t>(2 * order.size() + mergedPieces.size() + 2);
    model.bytes(1, pieceMessage("<unk>", 0.0F, PieceType::Unknown));

    ProtoWriter trainer;  // sentencepiece.TrainerSpec
    trainer.varint(3, 2);  // model_type = BPE
    trainer.int32(4, unknownId + 1);  // vocab_size
    trainer.int32(40, unknownId);  // unk_id
    trainer.int32(41, -1);  // bos_id: none
    trainer.int32(42, -1);  // eos_id: none
    trainer.int32(43, -1);  // pad_id: none
    model.bytes(2, trainer.str());

    ProtoWriter normalizer;  // sentencepiece.NormalizerSpec: leave the text exactly as given
    normalizer.bytes(1, "identity");
    normalizer.varint(3, 0);  // add_dummy_prefix
    normalizer.varint(4, 0);  // remove_extra_whitespaces
    normalizer.varint(5, 0);  // escape_whitespaces
    model.bytes(3, normalizer.str());
    return model.str();
}

}  // namespace flashface::tokenizer::clip
