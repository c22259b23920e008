#include "common/cpu_memory.h"

#include <c10/core/Allocator.h>
#include <c10/core/CPUAllocator.h>

#include <cstdlib>
#include <map>
#include <mutex>
#include <new>
#include <unordered_map>

namespace flashface {

namespace {

constexpr std::size_t kSmallest = std::size_t{1} << 20;  // smaller blocks are malloc's business
constexpr std::size_t kAlignment = 64;                    // as libtorch's own CPU allocator
constexpr std::uint8_t kPriority = 100;                   // above libtorch's default of 0

// n rounded up to one of 8 classes per power of two.
std::size_t sizeClass(std::size_t n) {
    std::size_t power = kSmallest;
    while (power * 2 <= n) power *= 2;
    const std::size_t step = power / 8;
    return (n + step - 1) / step * step;
}

class ReusingAllocator final : public c10::Allocator {
public:
    c10::DataPtr allocate(std::size_t n) override {
        if (n < kSmallest) return c10::GetDefaultCPUAllocator()->allocate(n);
        const auto size = sizeClass(n);
        void* data = take(size);
        if (!data) {
            data = std::aligned_alloc(kAlignment, size);
            if (!data) throw std::bad_alloc();
        }
        std::lock_guard lock(mutex_);
        sizes_.emplace(data, size);
        // The context is the data itself, so that raw_allocate/raw_deallocate work (oneDNN uses them).
        return {data, data, &giveBack, c10::Device(c10::DeviceType::CPU)};
    }

    c10::DeleterFnPtr raw_deleter() const override { return &giveBack; }
    void copy_data(void* dest, const void* src, std::size_t count) const override {
        default_copy_data(dest, src, count);
    }

    void setLimit(std::size_t limit) {
        std::lock_guard lock(mutex_);
        limit_ = limit;
        trimTo(limit_);
    }
    void release() {
        std::lock_guard lock(mutex_);
        trimTo(0);
    }
    std::size_t cached() const {
        std::lock_guard lock(mutex_);
        return cached_;
    }

    static ReusingAllocator& instance();

private:
    void* take(std::size_t size) const {
        std::lock_guard lock(mutex_);
        const auto it = free_.find(size);
        if (it == free_.end()) return nullptr;
        void* data = it->second;
        free_.erase(it);
        cached_ -= size;
        return data;
    }

    static void giveBack(void* data) { instance().keep(data); }

    void keep(void* data) const {
        std::unique_lock lock(mutex_);
        const auto it = sizes_.find(data);
        if (it == sizes_.end()) {
            // A small block of libtorch's allocator, freed through raw_deallocate.
            lock.unlock();
            c10::GetDefaultCPUAllocator()->raw_deleter()(data);
            return;
        }
        const auto size = it->second;
        sizes_.erase(it);
        if (size > limit_) {
            std::free(data);
            return;
        }
        free_.emplace(size, data);
        cached_ += size;
        trimTo(limit_);
    }

    // Frees the largest kept blocks until at most `limit` bytes stay.
    void trimTo(std::size_t limit) const {
        while (cached_ > limit && !free_.empty()) {
            const auto largest = std::prev(free_.end());
            std::free(largest->second);
            cached_ -= largest->first;
            free_.erase(largest);
        }
    }

    mutable std::mutex mutex_;
    mutable std::multimap<std::size_t, void*> free_;
    mutable std::unordered_map<void*, std::size_t> sizes_;  // of the blocks in use
    mutable std::size_t cached_ = 0;
    std::size_t limit_ = 0;
};

ReusingAllocator& ReusingAllocator::instance() {
    // Never destroyed: tensors may outlive static destruction.
    static auto* allocator = new ReusingAllocator;
    return *allocator;
}

}  // namespace

void reuseCpuMemory(bool enable, std::size_t cacheLimitBytes) {
    auto& reusing = ReusingAllocator::instance();
    if (enable) reusing.setLimit(cacheLimitBytes);
    c10::SetCPUAllocator(enable ? static_cast<c10::Allocator*>(&reusing) : c10::GetDefaultCPUAllocator(), kPriority);
}

bool reusingCpuMemory() {
    return c10::GetCPUAllocator() == &ReusingAllocator::instance();
}

void releaseCachedCpuMemory() {
    ReusingAllocator::instance().release();
}

std::size_t cachedCpuMemory() {
    return ReusingAllocator::instance().cached();
}

}  // namespace flashface
