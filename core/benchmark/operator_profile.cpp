#include "benchmark/operator_profile.h"

#include <torch/csrc/autograd/profiler_kineto.h>

#include <algorithm>
#include <map>
#include <unordered_map>

namespace flashface::benchmark {

namespace {

namespace profiler = torch::autograd::profiler;
using torch::profiler::impl::ActivityType;
using torch::profiler::impl::ProfilerConfig;
using torch::profiler::impl::ProfilerState;

void sortLongestFirst(std::vector<OperatorTime>& times) {
    std::sort(times.begin(), times.end(),
              [](const OperatorTime& a, const OperatorTime& b) { return a.selfSeconds > b.selfSeconds; });
}

// Self time = duration less the durations of the operators called directly inside, found per
// thread by nesting the intervals (an operator's callees start and end within it).
std::vector<OperatorTime> selfTimes(const std::vector<profiler::KinetoEvent>& events) {
    std::map<std::uint64_t, std::vector<const profiler::KinetoEvent*>> byThread;
    for (const auto& e : events) byThread[e.startThreadId()].push_back(&e);
    std::unordered_map<std::string, OperatorTime> byName;
    for (auto& [thread, list] : byThread) {
        std::sort(list.begin(), list.end(), [](const auto* a, const auto* b) {
            return a->startNs() != b->startNs() ? a->startNs() < b->startNs() : a->endNs() > b->endNs();
        });
        struct Open {
            const profiler::KinetoEvent* event;
            std::uint64_t childNs;
        };
        std::vector<Open> stack;
        const auto close = [&] {
            const auto [event, childNs] = stack.back();
            stack.pop_back();
            auto& t = byName[event->name()];
            t.name = event->name();
            const auto own = event->durationNs() > childNs ? event->durationNs() - childNs : 0;
            t.selfSeconds += static_cast<double>(own) * 1e-9;
            ++t.calls;
            if (!stack.empty()) stack.back().childNs += event->durationNs();
        };
        for (const auto* e : list) {
            while (!stack.empty() && stack.back().event->endNs() <= e->startNs()) close();
            stack.push_back({e, 0});
        }
        while (!stack.empty()) close();
    }
    std::vector<OperatorTime> out;
    for (auto& [name, t] : byName) out.push_back(std::move(t));
    sortLongestFirst(out);
    return out;
}

}  // namespace

void mergeOperatorTimes(std::vector<OperatorTime>& into, const std::vector<OperatorTime>& more) {
    for (const auto& t : more) {
        const auto it = std::find_if(into.begin(), into.end(), [&](const OperatorTime& x) { return x.name == t.name; });
        if (it == into.end()) {
            into.push_back(t);
            continue;
        }
        it->selfSeconds += t.selfSeconds;
        it->calls += t.calls;
    }
    sortLongestFirst(into);
}

OperatorProfile::OperatorProfile() {
    const ProfilerConfig config(ProfilerState::KINETO, /*report_input_shapes=*/false, /*profile_memory=*/false);
    profiler::prepareProfiler(config, {ActivityType::CPU});
    profiler::enableProfiler(config, {ActivityType::CPU});
}

OperatorProfile::~OperatorProfile() {
    if (running_) profiler::disableProfiler();
}

std::vector<OperatorTime> OperatorProfile::stop() {
    running_ = false;
    const auto result = profiler::disableProfiler();
    return selfTimes(result->events());
}

}  // namespace flashface::benchmark
