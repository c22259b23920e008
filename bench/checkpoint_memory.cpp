// Peak host memory while loading a full-size FlashFace checkpoint, against the size of the
// weights once converted. No real weights are needed: `write` makes a random checkpoint with every
// key and shape of a manifest (manifests/flashface_ckpt.txt: 10.6 GB, aliases stored separately as
// in the published file) in torch.save's format; `load` reads it as the application does, in a
// fresh process per dtype so that each peak is its own.
//   bench_checkpoint_memory write MANIFEST FILE
//   bench_checkpoint_memory load FILE float16|float32
// Keep FILE out of the repository (e.g. under /tmp) and delete it afterwards.

#include "benchmark/system_probe.h"
#include "checkpoint/checkpoint.h"
#include "checkpoint/checkpoint_files.h"
#include "models/unet.h"
#include "nn/load_state.h"

#include <ATen/ATen.h>
#include <caffe2/serialize/inline_container.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
namespace test = flashface::test;

double gib(std::int64_t bytes) {
    return static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0);
}

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// "1280x320" → {1280, 320}.
std::vector<std::int32_t> parseShape(const std::string& text) {
    std::vector<std::int32_t> shape;
    std::stringstream s(text);
    for (std::string part; std::getline(s, part, 'x');) shape.push_back(std::stoi(part));
    return shape;
}

std::vector<test::TensorSpec> readManifest(const std::string& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot read the manifest " + file);
    std::vector<test::TensorSpec> specs;
    for (std::string name, shape; in >> name >> shape;) {
        test::TensorSpec spec{name, "FloatStorage", std::to_string(specs.size()), 1, 0, parseShape(shape), {}};
        spec.strides.assign(spec.shape.size(), 1);
        for (auto i = static_cast<std::ptrdiff_t>(spec.shape.size()) - 2; i >= 0; --i)
            spec.strides[static_cast<std::size_t>(i)] =
                spec.strides[static_cast<std::size_t>(i) + 1] * spec.shape[static_cast<std::size_t>(i) + 1];
        for (const auto d : spec.shape) spec.storageNumel *= d;
        specs.push_back(std::move(spec));
    }
    return specs;
}

void write(const std::string& manifest, const std::string& file) {
    const auto start = Clock::now();
    const auto specs = readManifest(manifest);
    caffe2::serialize::PyTorchStreamWriter writer(file);
    const auto pickle = test::stateDictPickle(specs);
    writer.writeRecord("data.pkl", pickle.data(), pickle.size());
    std::int64_t bytes = 0;
    for (const auto& spec : specs) {
        // One storage in memory at a time.
        const auto values = at::randn({spec.storageNumel}).mul_(0.02);
        writer.writeRecord("data/" + spec.key, values.data_ptr(), values.nbytes());
        bytes += static_cast<std::int64_t>(values.nbytes());
    }
    writer.writeEndOfFile();
    std::printf("wrote %s: %zu tensors, %.2f GiB of float32, in %.0f s\n", file.c_str(), specs.size(), gib(bytes),
                secondsSince(start));
}

void load(const std::string& file, const std::string& dtypeName) {
    if (dtypeName != "float16" && dtypeName != "float32") throw std::runtime_error("dtype: float16 or float32");
    const auto dtype = dtypeName == "float16" ? at::kHalf : at::kFloat;
    flashface::benchmark::resetPeakMemory();
    const auto before = flashface::benchmark::memoryUsage().current;
    const auto start = Clock::now();
    flashface::models::UNet unet;
    flashface::nn::loadState(unet, flashface::checkpoint::Checkpoint::open(file),
                             {"", dtype, c10::kCPU, flashface::models::UNet::skippedCheckpointKeys()});
    const double seconds = secondsSince(start);
    const auto usage = flashface::benchmark::memoryUsage();
    std::int64_t converted = 0;
    for (const auto& p : unet.parameters()) converted += static_cast<std::int64_t>(p.tensor->nbytes());
    std::printf("loaded the UNet as %s in %.0f s: converted weights %.3f GiB; peak resident %.3f GiB "
                "(%.3f GiB before loading): peak/converted %.3f, growth/converted %.3f\n",
                dtypeName.c_str(), seconds, gib(converted), gib(usage.peak), gib(before),
                static_cast<double>(usage.peak) / static_cast<double>(converted),
                static_cast<double>(usage.peak - before) / static_cast<double>(converted));
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const std::vector<std::string> args(argv + 1, argv + argc);
        if (args.size() == 3 && args[0] == "write") {
            write(args[1], args[2]);
        } else if (args.size() == 3 && args[0] == "load") {
            load(args[1], args[2]);
        } else {
            std::cerr << "usage: bench_checkpoint_memory write MANIFEST FILE | load FILE float16|float32\n";
            return 2;
        }
    } catch (const std::exception& e) {
        std::cerr << "bench_checkpoint_memory: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
