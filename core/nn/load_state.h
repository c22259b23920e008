#pragma once

#include "checkpoint/key_check.h"
#include "nn/module.h"

#include <c10/core/Device.h>
#include <c10/core/ScalarType.h>

#include <string>
#include <vector>

namespace flashface::checkpoint {
class Checkpoint;
}

namespace flashface::nn {

struct LoadOptions {
    // Checkpoint keys are `prefix` + the module's parameter names (e.g. "textual.").
    std::string prefix;
    // Floating point parameters are converted to this dtype while they are read.
    at::ScalarType dtype = at::kFloat;
    c10::Device device = c10::kCPU;
    // Keys starting with one of these are known extras of the file (another model's weights,
    // aliases of keys read elsewhere) and are skipped without being read.
    std::vector<std::string> expectedExtras;
};

// The keys and shapes loadState requires of a checkpoint, and those a checkpoint holds: for
// checking a file without loading it (checkpoint/key_check.h).
checkpoint::ExpectedKeys expectedKeys(Module& module, const LoadOptions& options = {});
std::vector<checkpoint::TensorShape> foundKeys(const checkpoint::Checkpoint& checkpoint);

// Fills every parameter of `module` from `checkpoint`. Each expected key must be present with
// the architecture's shape; otherwise a FileError names the file, the key, and the expected and
// found shapes (or lists the missing keys). Keys that are neither parameters nor expected
// extras are an error too (the file is for another model), listing the first few.
void loadState(Module& module, const checkpoint::Checkpoint& checkpoint, const LoadOptions& options = {});

}  // namespace flashface::nn
