#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace flashface::checkpoint {

// Bounds-checked little-endian reads from untrusted bytes. Every read that would run past the
// end returns false, so a truncated or forged file cannot make a parser read outside it.
class ByteReader {
public:
    explicit ByteReader(std::span<const std::byte> bytes, std::size_t position = 0)
        : bytes_(bytes), position_(position) {}

    std::size_t position() const { return position_; }
    std::size_t remaining() const { return position_ <= bytes_.size() ? bytes_.size() - position_ : 0; }

    template <typename Unsigned>
    bool read(Unsigned& value) {
        if (remaining() < sizeof(Unsigned)) return false;
        value = 0;
        for (std::size_t i = sizeof(Unsigned); i-- > 0;)
            value = static_cast<Unsigned>((value << 8) | std::to_integer<Unsigned>(bytes_[position_ + i]));
        position_ += sizeof(Unsigned);
        return true;
    }

    bool read(std::string_view& text, std::uint64_t length) {
        if (remaining() < length) return false;
        text = {reinterpret_cast<const char*>(bytes_.data() + position_), static_cast<std::size_t>(length)};
        position_ += static_cast<std::size_t>(length);
        return true;
    }

    bool skip(std::uint64_t length) {
        if (remaining() < length) return false;
        position_ += static_cast<std::size_t>(length);
        return true;
    }

private:
    std::span<const std::byte> bytes_;
    std::size_t position_;
};

}  // namespace flashface::checkpoint
