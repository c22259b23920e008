#include "common/threads.h"

#include <ATen/Parallel.h>

#include <cstdlib>
#include <string>
#include <thread>

#include <unistd.h>

namespace flashface {

int resolveThreadCount(int requested) {
    if (requested > 0) return requested;
    if (const char* env = std::getenv("FLASHFACE_THREADS")) {
        try {
            const int n = std::stoi(env);
            if (n > 0) return n;
        } catch (const std::exception&) {
            // An unparsable value falls back to the default rather than failing a run.
        }
    }
    const unsigned hw = std::thread::hardware_concurrency();
    return hw > 0 ? static_cast<int>(hw) : 1;
}

int configureThreads(int requested) {
    const int n = resolveThreadCount(requested);
    at::set_num_threads(n);
    return n;
}

void preferPassiveThreadWaits(char** argv) {
    if (std::getenv("OMP_WAIT_POLICY")) return;
    setenv("OMP_WAIT_POLICY", "passive", 1);
    execv("/proc/self/exe", argv);
    // Not re-executed (no /proc): carry on with libgomp's default.
}

}  // namespace flashface
