#pragma once

#include "checkpoint/checkpoint.h"
#include "pipeline/request.h"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace flashface::pipeline {

// Opens `checkpoint` through its compact float16 copy (see checkpoint/safetensors_writer.h),
// writing that copy first when it is missing, stale (the source's size or modification time
// changed) or unreadable (then it is deleted). The copy goes beside the checkpoint, or under
// $XDG_CACHE_HOME/flashface-studio (~/.cache/...) when the models folder is not writable.
// Keys starting with `skipPrefixes` are left out of the copy. `progress` receives the fraction
// of the copy written (0..1]; `cancel` stops the writing (Cancelled) and leaves no file.
// The result is memory-mapped: its floating point tensors read as float16.
checkpoint::Checkpoint openThroughFloat16Cache(const std::filesystem::path& checkpoint,
                                   const std::vector<std::string>& skipPrefixes,
                                   const std::function<void(double)>& progress = {},
                                   const CancelToken* cancel = nullptr);

// The folder for caches when the models folder is not writable.
std::filesystem::path userCacheFolder();

}  // namespace flashface::pipeline
