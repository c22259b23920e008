#include "zip_writer.h"

#include <zlib.h>

#include <fstream>
#include <stdexcept>

namespace flashface::test {

namespace {

void put16(std::string& out, std::uint32_t v) {
    out += static_cast<char>(v & 0xFF);
    out += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& out, std::uint32_t v) {
    put16(out, v & 0xFFFF);
    put16(out, v >> 16);
}
void put64(std::string& out, std::uint64_t v) {
    put32(out, static_cast<std::uint32_t>(v));
    put32(out, static_cast<std::uint32_t>(v >> 32));
}

std::string rawDeflate(const std::string& data) {
    z_stream s{};
    if (deflateInit2(&s, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("deflateInit2");
    std::string out(deflateBound(&s, data.size()), '\0');
    s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    s.avail_in = static_cast<uInt>(data.size());
    s.next_out = reinterpret_cast<Bytef*>(out.data());
    s.avail_out = static_cast<uInt>(out.size());
    if (deflate(&s, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("deflate");
    out.resize(s.total_out);
    deflateEnd(&s);
    return out;
}

}  // namespace

void writeTestZip(const std::filesystem::path& file, const std::vector<ZipTestEntry>& entries, bool zip64) {
    const std::uint32_t saturated = 0xFFFFFFFF;
    std::string body, directory;
    for (const auto& entry : entries) {
        const std::string stored = entry.deflate ? rawDeflate(entry.data) : entry.data;
        const auto crc = static_cast<std::uint32_t>(
            crc32(0, reinterpret_cast<const Bytef*>(entry.data.data()), static_cast<uInt>(entry.data.size())));
        const std::uint64_t offset = body.size();
        const std::uint16_t method = entry.deflate ? 8 : 0;

        std::string zip64Extra;
        if (zip64) {
            put16(zip64Extra, 0x0001);
            put16(zip64Extra, 24);
            put64(zip64Extra, entry.data.size());
            put64(zip64Extra, stored.size());
            put64(zip64Extra, offset);
        }

        put32(body, 0x04034b50);
        put16(body, zip64 ? 45 : 20);
        put16(body, 0);
        put16(body, method);
        put32(body, 0);  // time, date
        put32(body, crc);
        put32(body, zip64 ? saturated : static_cast<std::uint32_t>(stored.size()));
        put32(body, zip64 ? saturated : static_cast<std::uint32_t>(entry.data.size()));
        put16(body, static_cast<std::uint32_t>(entry.name.size()));
        put16(body, 7);  // a little padding, as torch aligns its data with an extra field
        body += entry.name;
        put16(body, 0xCAFE);
        put16(body, 3);
        body += "pad";
        body += stored;

        put32(directory, 0x02014b50);
        put16(directory, 45);
        put16(directory, zip64 ? 45 : 20);
        put16(directory, 0);
        put16(directory, method);
        put32(directory, 0);
        put32(directory, crc);
        put32(directory, zip64 ? saturated : static_cast<std::uint32_t>(stored.size()));
        put32(directory, zip64 ? saturated : static_cast<std::uint32_t>(entry.data.size()));
        put16(directory, static_cast<std::uint32_t>(entry.name.size()));
        put16(directory, static_cast<std::uint32_t>(zip64Extra.size()));
        put16(directory, 0);  // comment
        put16(directory, 0);  // disk
        put16(directory, 0);
        put32(directory, 0);
        put32(directory, zip64 ? saturated : static_cast<std::uint32_t>(offset));
        directory += entry.name;
        directory += zip64Extra;
    }

    std::string tail;
    const std::uint64_t directoryOffset = body.size();
    if (zip64) {
        const std::uint64_t recordOffset = directoryOffset + directory.size();
        put32(tail, 0x06064b50);
        put64(tail, 44);
        put16(tail, 45);
        put16(tail, 45);
        put32(tail, 0);
        put32(tail, 0);
        put64(tail, entries.size());
        put64(tail, entries.size());
        put64(tail, directory.size());
        put64(tail, directoryOffset);
        put32(tail, 0x07064b50);
        put32(tail, 0);
        put64(tail, recordOffset);
        put32(tail, 1);
    }
    put32(tail, 0x06054b50);
    put16(tail, 0);
    put16(tail, 0);
    put16(tail, zip64 ? 0xFFFF : static_cast<std::uint32_t>(entries.size()));
    put16(tail, zip64 ? 0xFFFF : static_cast<std::uint32_t>(entries.size()));
    put32(tail, zip64 ? saturated : static_cast<std::uint32_t>(directory.size()));
    put32(tail, zip64 ? saturated : static_cast<std::uint32_t>(directoryOffset));
    put16(tail, 0);

    std::ofstream out(file, std::ios::binary);
    out << body << directory << tail;
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

}  // namespace flashface::test
