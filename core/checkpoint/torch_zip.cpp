#include "checkpoint/format.h"

#include "common/error.h"

namespace flashface::checkpoint {

CheckpointIndex parseTorchZip(const std::filesystem::path& file, std::span<const std::byte>) {
    throw FileError(file, "torch zip checkpoints (.pth/.ckpt) are not readable yet; use .safetensors");
}

}  // namespace flashface::checkpoint
