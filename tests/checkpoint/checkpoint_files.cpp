#include "checkpoint_files.h"


namespace flashface::test {

namespace {

template <typename Unsigned>
void putLittleEndian(Bytes& out, Unsigned value) {
    for (std::size_t i = 0; i < sizeof(Unsigned); ++i) out.push_back(std::byte(static_cast<std::uint8_t>(value >> (8 * i))));
}

void append(Bytes& out, std::string_view text) {
    const Bytes bytes = bytesOf(text);
    out.insert(out.end(), bytes.begin(), bytes.end());
}

void append(Bytes& out, const Bytes& bytes) { out.insert(out.end(), bytes.begin(), bytes.end()); }

Bytes pattern(std::size_t size, std::uint8_t seed) {
    Bytes out(size);
    for (std::size_t i = 0; i < size; ++i) out[i] = std::byte(static_cast<std::uint8_t>(i * 37 + seed));
    return out;
}

}  // namespace

Bytes bytesOf(std::string_view text) {
    Bytes out;
    for (const char c : text) out.push_back(std::byte(static_cast<unsigned char>(c)));
    return out;
}

PickleWriter& PickleWriter::op(std::uint8_t opcode) {
    bytes_.push_back(std::byte(opcode));
    return *this;
}
PickleWriter& PickleWriter::raw(const Bytes& bytes) {
    append(bytes_, bytes);
    return *this;
}
PickleWriter& PickleWriter::proto(std::uint8_t version) {
    op(0x80);
    return op(version);
}
PickleWriter& PickleWriter::global(std::string_view module, std::string_view name) {
    op('c');
    append(bytes_, module);
    op('\n');
    append(bytes_, name);
    return op('\n');
}
PickleWriter& PickleWriter::stackGlobal(std::string_view module, std::string_view name) {
    string(module);
    string(name);
    return op(0x93);
}
PickleWriter& PickleWriter::mark() { return op('('); }
PickleWriter& PickleWriter::string(std::string_view text) {
    op('X');
    putLittleEndian(bytes_, static_cast<std::uint32_t>(text.size()));
    append(bytes_, text);
    return *this;
}
PickleWriter& PickleWriter::integer(std::int32_t value) {
    op('J');
    putLittleEndian(bytes_, static_cast<std::uint32_t>(value));
    return *this;
}
PickleWriter& PickleWriter::boolean(bool value) { return op(value ? 0x88 : 0x89); }
PickleWriter& PickleWriter::none() { return op('N'); }
PickleWriter& PickleWriter::tuple() { return op('t'); }
PickleWriter& PickleWriter::emptyTuple() { return op(')'); }
PickleWriter& PickleWriter::emptyDict() { return op('}'); }
PickleWriter& PickleWriter::setItem() { return op('s'); }
PickleWriter& PickleWriter::setItems() { return op('u'); }
PickleWriter& PickleWriter::reduce() { return op('R'); }
PickleWriter& PickleWriter::build() { return op('b'); }
PickleWriter& PickleWriter::persistentId() { return op('Q'); }
PickleWriter& PickleWriter::put(std::uint8_t slot) { return op('q').op(slot); }
PickleWriter& PickleWriter::get(std::uint8_t slot) { return op('h').op(slot); }
PickleWriter& PickleWriter::stop() { return op('.'); }

PickleWriter& PickleWriter::ints(const std::vector<std::int32_t>& values) {
    mark();
    for (const auto v : values) integer(v);
    return tuple();
}

PickleWriter& PickleWriter::tensor(std::string_view storageType, std::string_view key, std::int64_t storageNumel,
                                   std::int32_t offset, const std::vector<std::int32_t>& shape,
                                   const std::vector<std::int32_t>& strides) {
    global("torch._utils", "_rebuild_tensor_v2");
    mark();
    mark().string("storage").global("torch", storageType).string(key).string("cpu");
    integer(static_cast<std::int32_t>(storageNumel)).tuple().persistentId();
    integer(offset);
    ints(shape);
    ints(strides);
    boolean(false);
    global("collections", "OrderedDict").emptyTuple().reduce();
    return tuple().reduce();
}

Bytes zipArchive(const std::vector<ZipMember>& members, bool zip64) {
    constexpr std::uint32_t kMax32 = 0xffffffff;
    Bytes out;
    Bytes directory;
    for (const ZipMember& member : members) {
        const auto localOffset = static_cast<std::uint64_t>(out.size());
        // torch aligns every entry's data to 64 bytes with a padding extra field.
        const std::size_t unpadded = out.size() + 30 + member.name.size() + 4;
        const std::size_t padding = (64 - unpadded % 64) % 64;
        putLittleEndian<std::uint32_t>(out, 0x04034b50);
        putLittleEndian<std::uint16_t>(out, zip64 ? 45 : 20);
        putLittleEndian<std::uint16_t>(out, member.flags);
        putLittleEndian<std::uint16_t>(out, member.method);
        putLittleEndian<std::uint32_t>(out, 0);  // time, date
        putLittleEndian<std::uint32_t>(out, 0);  // crc (not checked)
        putLittleEndian<std::uint32_t>(out, static_cast<std::uint32_t>(member.data.size()));
        putLittleEndian<std::uint32_t>(out, static_cast<std::uint32_t>(member.data.size()));
        putLittleEndian<std::uint16_t>(out, static_cast<std::uint16_t>(member.name.size()));
        putLittleEndian<std::uint16_t>(out, static_cast<std::uint16_t>(4 + padding));
        append(out, member.name);
        putLittleEndian<std::uint16_t>(out, 0x4246);  // "FB"
        putLittleEndian<std::uint16_t>(out, static_cast<std::uint16_t>(padding));
        out.resize(out.size() + padding, std::byte{'Z'});
        append(out, member.data);

        const auto size32 = zip64 ? kMax32 : static_cast<std::uint32_t>(member.data.size());
        putLittleEndian<std::uint32_t>(directory, 0x02014b50);
        putLittleEndian<std::uint16_t>(directory, zip64 ? 45 : 20);
        putLittleEndian<std::uint16_t>(directory, zip64 ? 45 : 20);
        putLittleEndian<std::uint16_t>(directory, member.flags);
        putLittleEndian<std::uint16_t>(directory, member.method);
        putLittleEndian<std::uint32_t>(directory, 0);
        putLittleEndian<std::uint32_t>(directory, 0);
        putLittleEndian<std::uint32_t>(directory, size32);
        putLittleEndian<std::uint32_t>(directory, size32);
        putLittleEndian<std::uint16_t>(directory, static_cast<std::uint16_t>(member.name.size()));
        putLittleEndian<std::uint16_t>(directory, zip64 ? 28 : 0);
        putLittleEndian<std::uint16_t>(directory, 0);  // comment
        putLittleEndian<std::uint16_t>(directory, 0);  // disk
        putLittleEndian<std::uint16_t>(directory, 0);
        putLittleEndian<std::uint32_t>(directory, 0);
        putLittleEndian<std::uint32_t>(directory, zip64 ? kMax32 : static_cast<std::uint32_t>(localOffset));
        append(directory, member.name);
        if (zip64) {
            putLittleEndian<std::uint16_t>(directory, 0x0001);
            putLittleEndian<std::uint16_t>(directory, 24);
            putLittleEndian<std::uint64_t>(directory, member.data.size());
            putLittleEndian<std::uint64_t>(directory, member.data.size());
            putLittleEndian<std::uint64_t>(directory, localOffset);
        }
    }
    const auto directoryOffset = static_cast<std::uint64_t>(out.size());
    append(out, directory);
    if (zip64) {
        const auto recordOffset = static_cast<std::uint64_t>(out.size());
        putLittleEndian<std::uint32_t>(out, 0x06064b50);
        putLittleEndian<std::uint64_t>(out, 44);
        putLittleEndian<std::uint16_t>(out, 45);
        putLittleEndian<std::uint16_t>(out, 45);
        putLittleEndian<std::uint32_t>(out, 0);
        putLittleEndian<std::uint32_t>(out, 0);
        putLittleEndian<std::uint64_t>(out, members.size());
        putLittleEndian<std::uint64_t>(out, members.size());
        putLittleEndian<std::uint64_t>(out, directory.size());
        putLittleEndian<std::uint64_t>(out, directoryOffset);
        putLittleEndian<std::uint32_t>(out, 0x07064b50);
        putLittleEndian<std::uint32_t>(out, 0);
        putLittleEndian<std::uint64_t>(out, recordOffset);
        putLittleEndian<std::uint32_t>(out, 1);
    }
    putLittleEndian<std::uint32_t>(out, 0x06054b50);
    putLittleEndian<std::uint16_t>(out, 0);
    putLittleEndian<std::uint16_t>(out, 0);
    putLittleEndian<std::uint16_t>(out, zip64 ? 0xffff : static_cast<std::uint16_t>(members.size()));
    putLittleEndian<std::uint16_t>(out, zip64 ? 0xffff : static_cast<std::uint16_t>(members.size()));
    putLittleEndian<std::uint32_t>(out, zip64 ? kMax32 : static_cast<std::uint32_t>(directory.size()));
    putLittleEndian<std::uint32_t>(out, zip64 ? kMax32 : static_cast<std::uint32_t>(directoryOffset));
    putLittleEndian<std::uint16_t>(out, 0);
    return out;
}

namespace {

void writeItems(PickleWriter& pickle, const std::vector<TensorSpec>& tensors) {
    for (const TensorSpec& t : tensors) {
        pickle.string(t.name);
        pickle.tensor(t.storageType, t.key, t.storageNumel, t.offset, t.shape, t.strides);
    }
}

// The `_metadata` attribute torch.save attaches through BUILD: {"": {"version": 1}}.
void writeMetadata(PickleWriter& pickle) {
    pickle.emptyDict().string("_metadata");
    pickle.global("collections", "OrderedDict").emptyTuple().reduce();
    pickle.string("").emptyDict().string("version").integer(1).setItem().setItem();
    pickle.setItem().build();
}

}  // namespace

Bytes stateDictPickle(const std::vector<TensorSpec>& tensors) {
    PickleWriter pickle;
    pickle.proto().global("collections", "OrderedDict").emptyTuple().reduce().mark();
    writeItems(pickle, tensors);
    pickle.setItems();
    writeMetadata(pickle);
    return pickle.stop().bytes();
}

Bytes torchCheckpoint(const Bytes& pickle, const std::vector<std::pair<std::string, Bytes>>& storages, bool zip64,
                      const std::string& archive) {
    std::vector<ZipMember> members{{archive + "/data.pkl", pickle}};
    for (const auto& [key, data] : storages) members.push_back({archive + "/data/" + key, data});
    members.push_back({archive + "/version", bytesOf("3\n")});
    return zipArchive(members, zip64);
}

Bytes sampleTorchCheckpoint(bool zip64) {
    PickleWriter pickle;
    pickle.proto().global("collections", "OrderedDict").emptyTuple().reduce().mark();
    writeItems(pickle, {{"embed.weight", "FloatStorage", "0", 12, 0, {3, 4}, {4, 1}},
                        {"embed.weight_t", "FloatStorage", "0", 12, 1, {4, 2}, {1, 4}},
                        {"norm.bias", "HalfStorage", "1", 6, 2, {4}, {1}},
                        {"steps", "LongStorage", "2", 1, 0, {}, {}}});
    pickle.string("proj.weight").global("torch._utils", "_rebuild_parameter");
    pickle.mark().tensor("BFloat16Storage", "3", 8, 0, {2, 4}, {4, 1}).boolean(true);
    pickle.global("collections", "OrderedDict").emptyTuple().reduce().tuple().reduce();
    pickle.string("sub").emptyDict().mark();
    writeItems(pickle, {{"inner", "FloatStorage", "0", 12, 4, {2}, {2}}});
    pickle.setItems();
    pickle.setItems();
    writeMetadata(pickle);
    pickle.stop();
    return torchCheckpoint(pickle.bytes(),
                           {{"0", pattern(48, 1)}, {"1", pattern(12, 2)}, {"2", pattern(8, 3)}, {"3", pattern(16, 4)}},
                           zip64);
}

Bytes safetensorsFile(std::string_view header, const Bytes& data) {
    Bytes out;
    putLittleEndian<std::uint64_t>(out, header.size());
    append(out, header);
    append(out, data);
    return out;
}

Bytes sampleSafeTensors() {
    return safetensorsFile(R"({"__metadata__":{"format":"pt"},)"
                           R"("a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},)"
                           R"("b":{"dtype":"F16","shape":[3],"data_offsets":[24,30]},)"
                           R"("c":{"dtype":"I64","shape":[],"data_offsets":[30,38]},)"
                           R"("d":{"dtype":"BOOL","shape":[0,4],"data_offsets":[38,38]}})",
                           pattern(38, 5));
}

}  // namespace flashface::test
