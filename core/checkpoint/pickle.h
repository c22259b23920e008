#pragma once

#include "checkpoint/dtype.h"

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace flashface::checkpoint {

// A storage named by a persistent id: its values are the zip entry "<archive>/data/<key>".
struct PickledStorage {
    std::string key;
    DType dtype;
    std::uint64_t numel;
};

struct PickledTensor {
    std::string name;  // nested dicts are joined with '.'
    std::size_t storage;
    std::int64_t storageOffset;
    std::vector<std::int64_t> shape;
    std::vector<std::int64_t> strides;
};

struct PickledStateDict {
    std::vector<PickledStorage> storages;  // one per distinct key
    std::vector<PickledTensor> tensors;    // in pickle order
};

// Runs `pickle` (torch.save's data.pkl) on a restricted virtual machine that knows only the
// opcodes and globals a saved state dict uses: OrderedDict, torch._utils._rebuild_tensor_v2,
// _rebuild_parameter(_with_state) and the torch.*Storage types. Any other global is refused
// by name, so loading never runs code. Values that are not tensors (an "epoch" counter...) are
// skipped. Throws FileError naming `file`.
PickledStateDict unpickleStateDict(const std::filesystem::path& file, std::span<const std::byte> pickle);

}  // namespace flashface::checkpoint
