#pragma once

#include "common/error.h"
#include "pipeline/request.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

// The jobs of `flashface serve`: one engine, one generation at a time, a bounded line of waiting
// jobs, and the finished ones kept (with their PNGs) until they are fetched or crowded out.
namespace flashface::server {

enum class JobState { Queued, Running, Succeeded, Failed, Cancelled };
const char* stateName(JobState state);  // "queued", "running", ...
inline bool isFinished(JobState s) { return s == JobState::Succeeded || s == JobState::Failed || s == JobState::Cancelled; }

using EncodedImage = std::vector<std::uint8_t>;

// A job as it stands; `version` grows with every change, so watchers can tell what is new.
struct JobSnapshot {
    std::string id;
    JobState state = JobState::Queued;
    std::uint64_t version = 0;
    int step = 0, totalSteps = 0;
    double elapsedSeconds = 0, secondsLeft = 0;
    bool cancelRequested = false;
    std::string error;            // Failed or Cancelled: why, as one sentence
    pipeline::GenerationSettings settings;  // as requested; once succeeded, what produced the images
    std::size_t imageCount = 0;   // once succeeded
    double seconds = 0;           // once succeeded: the engine's time for the run
    int previewStep = 0;          // the step the previews show (0: none yet)
    std::shared_ptr<const std::vector<EncodedImage>> previews;  // JPEG, one per image
};

class Job {
public:
    const std::string& id() const { return id_; }
    JobSnapshot snapshot() const;
    // The snapshot as soon as its version differs from `seen`, or after `timeout` in any case.
    JobSnapshot waitForChange(std::uint64_t seen, std::chrono::milliseconds timeout) const;
    // Image `index` as PNG with its parameters, once the job succeeded; nullptr otherwise.
    std::shared_ptr<const EncodedImage> image(std::size_t index) const;

private:
    friend class JobQueue;
    Job(std::string id, pipeline::GenerationRequest request);
    template <class Change>
    void update(Change&& change);

    const std::string id_;
    pipeline::GenerationRequest request_;  // released once the job has run
    CancelToken cancel_;
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    JobSnapshot state_;
    std::vector<std::shared_ptr<const EncodedImage>> images_;
};

// What runs a request: Pipeline::generate, or a stand-in in tests. Throws as the Pipeline does.
using Engine =
    std::function<pipeline::GenerationResult(const pipeline::GenerationRequest&, const pipeline::ProgressCallback&, const CancelToken*)>;

// submit() when `capacity` jobs are already waiting.
class QueueFull : public Error {
public:
    using Error::Error;
};

class JobQueue {
public:
    // `idPrefix` starts every job id (a load balancer can route a job's requests to its instance).
    JobQueue(Engine engine, std::size_t capacity, std::size_t keptJobs, std::string idPrefix = {});
    ~JobQueue();  // cancels every job and waits for the running one to stop
    JobQueue(const JobQueue&) = delete;
    JobQueue& operator=(const JobQueue&) = delete;

    std::shared_ptr<Job> submit(pipeline::GenerationRequest request);
    std::shared_ptr<Job> find(const std::string& id) const;

    enum class Removal { Unknown, Cancelled, Forgotten };
    // Cancels a waiting or running job (a running one stops at its next model pass); forgets a
    // finished one and its images.
    Removal cancelOrForget(const std::string& id);

    // How many jobs wait ahead of `job`, while it waits.
    std::optional<std::size_t> queuePosition(const Job& job) const;

    struct Counts {
        std::size_t waiting = 0, running = 0, capacity = 0;
    };
    Counts counts() const;

private:
    void work();
    // Runs `job`; returns what publishes its outcome (called with mutex_ held).
    std::function<void()> run(Job& job);
    void keepFinished(const std::shared_ptr<Job>& job);
    // A new version for every waiting job, whose queue position has changed: watchers hear of it.
    void moveUp();

    Engine engine_;
    const std::size_t capacity_, kept_;
    const std::string prefix_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::shared_ptr<Job>> waiting_;
    std::shared_ptr<Job> running_;
    std::unordered_map<std::string, std::shared_ptr<Job>> jobs_;
    std::deque<std::string> finished_;  // oldest first
    bool stopping_ = false;
    std::thread worker_;  // last: starts once the rest is built
};

}  // namespace flashface::server
