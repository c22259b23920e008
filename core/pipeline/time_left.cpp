#include "pipeline/time_left.h"

#include "common/error.h"

#include <cmath>
#include <cstdlib>
#include <string>
#include <utility>

namespace flashface::pipeline {

TimeLeft::TimeLeft(std::vector<int> groupsPerStep) : groups_(std::move(groupsPerStep)) {}

double TimeLeft::estimate(int groups) const {
    // The seen group count nearest to `groups`, scaled per group of difference.
    const std::pair<const int, Mean>* nearest = nullptr;
    for (const auto& entry : finished_)
        if (!nearest || std::abs(entry.first - groups) < std::abs(nearest->first - groups)) nearest = &entry;
    if (!nearest) return 0;
    const auto& [seen, mean] = *nearest;
    return mean.seconds / mean.steps * std::pow(kStepCostPerGroupRatio, groups - seen);
}

double TimeLeft::stepDone(std::size_t index, double seconds) {
    if (index >= groups_.size())
        throw InternalError("time left: step " + std::to_string(index + 1) + " of a run of " +
                            std::to_string(groups_.size()) + " steps");
    auto& mean = finished_[groups_[index]];
    mean.seconds += seconds;
    ++mean.steps;
    double left = 0;
    for (std::size_t i = index + 1; i < groups_.size(); ++i) left += estimate(groups_[i]);
    return left;
}

}  // namespace flashface::pipeline
