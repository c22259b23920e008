#pragma once

#include "checkpoint/format.h"

#include <cstdint>
#include <span>

namespace flashface::fuzz {

// Reads every byte the index says a tensor occupies, so AddressSanitizer reports any record
// that points outside the input.
inline void touchEverything(std::span<const std::byte> bytes, const checkpoint::CheckpointIndex& index) {
    volatile unsigned sink = 0;
    for (const auto& tensor : index.tensors) {
        const auto& storage = index.storages[tensor.storage];
        const auto span = checkpoint::viewSpan(tensor);
        const auto size = static_cast<std::int64_t>(dtypeSize(tensor.dtype));
        for (std::int64_t i = 0; i < span.count * size; ++i)
            sink = sink + std::to_integer<unsigned>(bytes[storage.offset + span.first * size + i]);
    }
}

}  // namespace flashface::fuzz
