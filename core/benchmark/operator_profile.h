#pragma once

// Where a stage's time goes by libtorch operator: libtorch's profiler around the stage, each
// operator's self time (its own, its callees' excluded) summed by name.

#include <memory>
#include <string>
#include <vector>

namespace flashface::benchmark {

struct OperatorTime {
    std::string name;  // e.g. "aten::mkldnn_convolution"
    double selfSeconds = 0;
    long long calls = 0;
};

// Adds `more` into `into` by name, keeping `into` sorted by self time, longest first.
void mergeOperatorTimes(std::vector<OperatorTime>& into, const std::vector<OperatorTime>& more);

// Profiles the operators the constructing thread runs until stop(); one at a time per process.
class OperatorProfile {
public:
    OperatorProfile();
    ~OperatorProfile();
    OperatorProfile(const OperatorProfile&) = delete;
    OperatorProfile& operator=(const OperatorProfile&) = delete;

    // The self times by operator, longest first.
    std::vector<OperatorTime> stop();

private:
    bool running_ = true;
};

}  // namespace flashface::benchmark
