#include "device_options.h"

#include <CLI/CLI.hpp>

#include <map>
#include <string>

namespace flashface::cli {

void addDeviceOptions(CLI::App& command, pipeline::DeviceChoice& device, pipeline::PrecisionChoice& precision) {
    static const std::map<std::string, pipeline::DeviceChoice> devices{
        {"auto", pipeline::DeviceChoice::Auto}, {"cpu", pipeline::DeviceChoice::Cpu}, {"cuda", pipeline::DeviceChoice::Cuda}};
    static const std::map<std::string, pipeline::PrecisionChoice> precisions{{"auto", pipeline::PrecisionChoice::Auto},
                                                                   {"float32", pipeline::PrecisionChoice::Float32},
                                                                   {"float16", pipeline::PrecisionChoice::Float16},
                                                                   {"bfloat16", pipeline::PrecisionChoice::BFloat16}};
    command.add_option("--device", device, "auto, cpu or cuda (default: auto, the GPU when one is visible)")
        ->transform(CLI::CheckedTransformer(devices, CLI::ignore_case).description(""));
    command
        .add_option("--precision", precision,
                    "auto, float32, float16 (CUDA only) or bfloat16 (default: float16 on CUDA, bfloat16 on CPUs with "
                    "AVX-512 BF16 or AMX, else float32)")
        ->transform(CLI::CheckedTransformer(precisions, CLI::ignore_case).description(""));
}

}  // namespace flashface::cli
