#include "benchmark/system_probe.h"

#include <malloc.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace flashface::bench {

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

std::vector<std::string> loadedLibraries(const std::string& part) {
    std::ifstream maps("/proc/self/maps");
    std::set<std::string> libraries;
    for (std::string line; std::getline(maps, line);) {
        const auto slash = line.find('/');
        if (slash == std::string::npos) continue;
        const std::filesystem::path path = line.substr(slash);
        if (path.filename().string().find(part) != std::string::npos) libraries.insert(path.string());
    }
    return {libraries.begin(), libraries.end()};
}

std::array<double, 3> loadAverage() {
    std::array<double, 3> load{};
    std::ifstream file("/proc/loadavg");
    file >> load[0] >> load[1] >> load[2];
    return load;
}

}  // namespace flashface::bench
