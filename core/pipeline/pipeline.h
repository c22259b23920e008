#pragma once

#include "pipeline/model_files.h"
#include "pipeline/request.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace flashface::pipeline {

// The memory kept for reference features between runs unless the user chooses otherwise (the
// CLI's --cache-budget, the GUI's Preferences): a 35-step run with 4 references needs 1.4 GiB in
// float32, half that in float16 (docs/model.md), so this keeps one whole run and then some.
inline constexpr std::uint64_t kDefaultReferenceCacheBytes = std::uint64_t{2} << 30;

struct RuntimeOptions {
    DeviceChoice device = DeviceChoice::Auto;
    PrecisionChoice precision = PrecisionChoice::Auto;  // Auto: as resolveComputeDevice (compute_device.h) says
    int threads = 0;                                     // 0 = every hardware thread
    // When the UNet runs in float16, load it from a float16 .safetensors copy of its checkpoint
    // (written on first load, see pipeline/weights_cache.h): a quarter of the bytes, memory-mapped.
    bool useFloat16Cache = true;
    // Bytes of reference features kept between runs (pipeline/reference_feature_cache.h); 0: none.
    std::uint64_t referenceCacheBytes = kDefaultReferenceCacheBytes;
};

struct LoadProgress {
    std::string stage;  // e.g. "text encoder", "autoencoder", "UNet", "face detector"
    double fraction = 0;  // 0..1 over the whole load
};
using LoadProgressCallback = std::function<void(const LoadProgress&)>;

// Turns a request (references, prompts, face box, settings, seed) into images. Weights load
// lazily once and stay loaded between runs; text encodings are cached per prompt, the last
// reference set's latents are kept, and the reference pass's features per timestep within
// RuntimeOptions::referenceCacheBytes. Not thread-safe: one generation at a time (the UI runs it
// on a worker thread).
class Pipeline {
public:
    explicit Pipeline(ModelFiles files, RuntimeOptions options = {});
    ~Pipeline();
    Pipeline(const Pipeline&) = delete;
    Pipeline& operator=(const Pipeline&) = delete;

    // Loads every model if not loaded yet; reports progress; honours `cancel`.
    void load(const LoadProgressCallback& progress = {}, const CancelToken* cancel = nullptr);
    bool isLoaded() const;

    // Throws InvalidRequest for a bad request (no references, size not a multiple of 8, bad box),
    // FileError for unreadable inputs, Cancelled when `cancel` fires (checked within each step).
    GenerationResult generate(const GenerationRequest& request, const ProgressCallback& progress = {},
                              const CancelToken* cancel = nullptr);

    // Evicts reference features down to the new budget at once; 0 keeps none.
    void setReferenceCacheBudget(std::uint64_t bytes);

    // A short description of the device and precision in use, e.g. "CPU float32, 2 threads".
    std::string deviceDescription() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace flashface::pipeline
