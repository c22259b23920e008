#pragma once

// The time left of a generation's sampling, from its first step on: a step's cost depends on its
// condition groups (sampler/guidance.h: 2 before the launch step, 3 after), so each remaining step
// is estimated from the finished steps with its own group count. Torch-free.

#include <cstddef>
#include <map>
#include <vector>

namespace flashface::pipeline {

class TimeLeft {
public:
    // How many condition groups each step of the run has, in order (stepGroups, sampling.h).
    explicit TimeLeft(std::vector<int> groupsPerStep);

    // Step `index` (0-based) took `seconds`; returns the seconds the steps after it will take:
    // each the mean of the finished steps with its group count, or for a count not seen yet, the
    // seen steps' mean scaled by kStepCostPerGroupRatio per group of difference.
    double stepDone(std::size_t index, double seconds);

    // A step of 3 groups over one of 2, measured with `flashface bench` at 512² and 768² (first and
    // cached runs, float32 and bfloat16 on the CPU: 1.14–1.24): the third group adds a main pass
    // whose encoder is shared, to a reference pass that does not grow.
    static constexpr double kStepCostPerGroupRatio = 1.2;

private:
    struct Mean {
        double seconds = 0;
        int steps = 0;
    };
    double estimate(int groups) const;

    std::vector<int> groups_;
    std::map<int, Mean> finished_;  // by group count
};

}  // namespace flashface::pipeline
