// torch.save's zip layout: "<archive>/data.pkl" (the pickled state dict), one entry
// "<archive>/data/<key>" per storage, and small "version"/"byteorder" records.

#include "checkpoint/format.h"

#include "checkpoint/pickle.h"
#include "checkpoint/zip.h"
#include "common/error.h"

#include <unordered_map>

namespace flashface::checkpoint {

namespace {

constexpr std::string_view kPickleName = "/data.pkl";

const ZipEntry& findPickle(const std::filesystem::path& file, const std::vector<ZipEntry>& entries) {
    const ZipEntry* found = nullptr;
    for (const ZipEntry& entry : entries) {
        const auto& name = entry.name;
        const bool isPickle = name.ends_with(kPickleName) && name.size() > kPickleName.size() &&
                              name.find('/') == name.size() - kPickleName.size();
        if (!isPickle) continue;
        if (found) throw FileError(file, "the archive holds two state dicts (\"" + found->name + "\" and \"" + name + "\")");
        found = &entry;
    }
    if (!found) throw FileError(file, "is a zip archive but not a torch checkpoint: it has no <archive>/data.pkl entry");
    return *found;
}

std::span<const std::byte> contents(std::span<const std::byte> bytes, const ZipEntry& entry) {
    return bytes.subspan(static_cast<std::size_t>(entry.offset), static_cast<std::size_t>(entry.size));
}

void checkByteOrder(const std::filesystem::path& file, std::span<const std::byte> bytes,
                    const std::unordered_map<std::string_view, const ZipEntry*>& byName, const std::string& archive) {
    const auto it = byName.find(archive + "/byteorder");
    if (it == byName.end()) return;  // written by torch >= 2.1 only; older files are little-endian
    const auto order = contents(bytes, *it->second);
    if (std::string_view(reinterpret_cast<const char*>(order.data()), order.size()) != "little")
        throw FileError(file, "the checkpoint was saved on a big-endian machine, which is not supported");
}

}  // namespace

CheckpointIndex parseTorchZip(const std::filesystem::path& file, std::span<const std::byte> bytes) {
    const std::vector<ZipEntry> entries = readZipDirectory(file, bytes);
    const ZipEntry& pickle = findPickle(file, entries);
    const std::string archive = pickle.name.substr(0, pickle.name.size() - kPickleName.size());
    std::unordered_map<std::string_view, const ZipEntry*> byName;
    for (const ZipEntry& entry : entries) byName.emplace(entry.name, &entry);
    checkByteOrder(file, bytes, byName, archive);

    PickledStateDict state = unpickleStateDict(file, contents(bytes, pickle));
    CheckpointIndex index{Format::TorchZip, {}, {}};
    for (const PickledStorage& storage : state.storages) {
        const std::string name = archive + "/data/" + storage.key;
        const auto it = byName.find(name);
        if (it == byName.end())
            throw FileError(file, "the state dict refers to storage \"" + name + "\", which the archive does not hold");
        const ZipEntry& entry = *it->second;
        std::uint64_t expected = 0;
        if (__builtin_mul_overflow(storage.numel, dtypeSize(storage.dtype), &expected) || expected != entry.size)
            throw FileError(file, "storage \"" + name + "\" holds " + std::to_string(entry.size) + " bytes but the state dict declares " +
                                      std::to_string(storage.numel) + " " + dtypeName(storage.dtype) + " values");
        index.storages.push_back({name, storage.dtype, entry.offset, entry.size});
    }
    for (PickledTensor& tensor : state.tensors) {
        const DType dtype = index.storages[tensor.storage].dtype;
        index.tensors.push_back({std::move(tensor.name), dtype, std::move(tensor.shape), std::move(tensor.strides),
                                 tensor.storageOffset, tensor.storage});
    }
    validateIndex(file, index, bytes.size());
    return index;
}

}  // namespace flashface::checkpoint
