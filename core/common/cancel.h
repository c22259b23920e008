#pragma once

#include "common/error.h"

#include <atomic>

namespace flashface {

// Set from any thread; long computations check it between steps, model calls and file chunks.
class CancelToken {
public:
    void cancel() { cancelled_.store(true); }
    void reset() { cancelled_.store(false); }
    bool isCancelled() const { return cancelled_.load(); }

private:
    std::atomic<bool> cancelled_{false};
};

// The one check a cancellable computation makes: throws Cancelled once `token` (null: the
// computation cannot be cancelled) was triggered.
inline void throwIfCancelled(const CancelToken* token) {
    if (token && token->isCancelled()) throw Cancelled();
}

}  // namespace flashface
