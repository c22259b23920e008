#pragma once

// Torch-free writers of small checkpoint files, so tests can build valid files and forge broken
// ones byte by byte (a zip with a compressed entry, a pickle calling os.system...).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace flashface::test {

using Bytes = std::vector<std::byte>;

Bytes bytesOf(std::string_view text);

// Emits pickle opcodes; each call appends one opcode with its argument.
class PickleWriter {
public:
    PickleWriter& proto(std::uint8_t version = 2);
    PickleWriter& global(std::string_view module, std::string_view name);       // GLOBAL
    PickleWriter& stackGlobal(std::string_view module, std::string_view name);  // STACK_GLOBAL
    PickleWriter& mark();
    PickleWriter& string(std::string_view text);  // BINUNICODE
    PickleWriter& integer(std::int32_t value);    // BININT
    PickleWriter& boolean(bool value);
    PickleWriter& none();
    PickleWriter& tuple();  // from the last mark
    PickleWriter& emptyTuple();
    PickleWriter& emptyDict();
    PickleWriter& setItem();
    PickleWriter& setItems();  // from the last mark
    PickleWriter& reduce();
    PickleWriter& build();
    PickleWriter& persistentId();  // BINPERSID
    PickleWriter& put(std::uint8_t slot);
    PickleWriter& get(std::uint8_t slot);
    PickleWriter& op(std::uint8_t opcode);
    PickleWriter& raw(const Bytes& bytes);
    PickleWriter& stop();

    // Pushes the tensor torch.save writes: _rebuild_tensor_v2((storage pid), offset, size, stride,
    // False, OrderedDict()).
    PickleWriter& tensor(std::string_view storageType, std::string_view key, std::int64_t storageNumel,
                         std::int32_t offset, const std::vector<std::int32_t>& shape,
                         const std::vector<std::int32_t>& strides);

    const Bytes& bytes() const { return bytes_; }

private:
    PickleWriter& ints(const std::vector<std::int32_t>& values);
    Bytes bytes_;
};

// Stored (uncompressed) zip entries, laid out as torch.save does; `zip64` adds the zip64 records.
struct ZipMember {
    std::string name;
    Bytes data;
    std::uint16_t method = 0;
    std::uint16_t flags = 0;
};
Bytes zipArchive(const std::vector<ZipMember>& members, bool zip64 = false);

// A state dict as torch.save writes it (OrderedDict, SETITEMS, _metadata through BUILD) with
// these tensors and storages; the returned pickle is data.pkl.
struct TensorSpec {
    std::string name;
    std::string storageType;  // "FloatStorage", "HalfStorage"...
    std::string key;
    std::int64_t storageNumel;
    std::int32_t offset;
    std::vector<std::int32_t> shape;
    std::vector<std::int32_t> strides;
};
Bytes stateDictPickle(const std::vector<TensorSpec>& tensors);

// "<archive>/data.pkl", "<archive>/data/<key>" per storage, "<archive>/version".
Bytes torchCheckpoint(const Bytes& pickle, const std::vector<std::pair<std::string, Bytes>>& storages,
                      bool zip64 = false, const std::string& archive = "archive");

// A small but complete checkpoint: shared storages, a transposed view with an offset, float16
// and int64 storages, a parameter and a nested dict.
Bytes sampleTorchCheckpoint(bool zip64 = false);

// An 8-byte length, `header` and `data`.
Bytes safetensorsFile(std::string_view header, const Bytes& data);
Bytes sampleSafeTensors();

}  // namespace flashface::test
