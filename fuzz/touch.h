#pragma once

#include "checkpoint/format.h"

#include <cstdint>
#include <span>

namespace flashface::fuzz {

// Reads every byte the index says a tensor occupies, so AddressSanitizer reports any record
// that points outside the input.
inline void touchEverything(std::span<const std::byte> bytes, const checkpoint::CheckpointIndex& index) {
    volatile unsigned sink = 0;
    for (const auto& tensor : index.tensors)
        for (const std::byte b : checkpoint::viewBytes(bytes, index, tensor)) sink = sink + std::to_integer<unsigned>(b);
}

}  // namespace flashface::fuzz
