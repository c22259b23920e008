#pragma once

#include <cstdint>
#include <string>

namespace flashface {

// "1.23 GB", "350.0 MB", "12 kB", "512 B": sizes for people (decimal units, as disks are sold).
std::string formatBytes(std::uint64_t bytes);
// "2 h 05 min", "3 min 20 s", "45 s": durations for people, rounded to the second.
std::string formatDuration(double seconds);

}  // namespace flashface
