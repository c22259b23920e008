#include "common/human_units.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace flashface {

std::string formatBytes(std::uint64_t bytes) {
    const double value = double(bytes);
    char text[32];
    if (value >= 1e9) std::snprintf(text, sizeof text, "%.2f GB", value / 1e9);
    else if (value >= 1e6) std::snprintf(text, sizeof text, "%.1f MB", value / 1e6);
    else if (value >= 1e3) std::snprintf(text, sizeof text, "%.0f kB", value / 1e3);
    else std::snprintf(text, sizeof text, "%llu B", static_cast<unsigned long long>(bytes));
    return text;
}

std::string formatDuration(double seconds) {
    const long long s = std::llround(std::max(0.0, seconds));
    char text[48];
    if (s >= 3600) std::snprintf(text, sizeof text, "%lld h %02lld min", s / 3600, (s % 3600) / 60);
    else if (s >= 60) std::snprintf(text, sizeof text, "%lld min %lld s", s / 60, s % 60);
    else std::snprintf(text, sizeof text, "%lld s", s);
    return text;
}

}  // namespace flashface
