#include "benchmark/system_probe.h"

#include <ATen/Version.h>

#include <malloc.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace flashface::benchmark {

namespace {

// "VmRSS:     123 kB" → bytes.
std::int64_t statusField(const std::string& text, const std::string& field) {
    const auto at = text.find(field + ":");
    if (at == std::string::npos) return 0;
    std::istringstream line(text.substr(at + field.size() + 1));
    std::int64_t kib = 0;
    line >> kib;
    return kib * 1024;
}

}  // namespace

MemoryUsage memoryUsage() {
    std::ifstream file("/proc/self/status");
    std::stringstream text;
    text << file.rdbuf();
    return {statusField(text.str(), "VmRSS"), statusField(text.str(), "VmHWM")};
}

bool resetPeakMemory() {
    malloc_trim(0);
    // Writing 5 to clear_refs resets VmHWM (Linux ≥ 4.0).
    std::ofstream clear("/proc/self/clear_refs");
    clear << "5";
    clear.flush();
    return static_cast<bool>(clear);
}

std::string libtorchBuild() {
    const std::string config = at::show_config();
    const auto field = [&](const std::string& key, const std::string& end) {
        const auto start = config.find(key);
        if (start == std::string::npos) return std::string("unknown");
        const auto from = start + key.size();
        return config.substr(from, config.find_first_of(end, from) - from);
    };
    return "libtorch " + field("TORCH_VERSION=", ",\n") + ", BLAS " + field("BLAS_INFO=", ",\n") + ", CPU kernels " +
           at::get_cpu_capability();
}

std::array<double, 3> loadAverage() {
    std::array<double, 3> load{};
    std::ifstream file("/proc/loadavg");
    file >> load[0] >> load[1] >> load[2];
    return load;
}

}  // namespace flashface::benchmark
