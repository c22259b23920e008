#include "server/job_queue.h"

#include "face/photo.h"
#include "pipeline/failure.h"
#include "pipeline/generation_metadata.h"

#include <algorithm>
#include <cstdio>
#include <random>

namespace flashface::server {

namespace {

// 128 random bits: ids cannot be guessed from one another.
std::string randomId() {
    std::random_device device;
    std::string id;
    for (int i = 0; i < 4; ++i) {
        char part[9];
        std::snprintf(part, sizeof part, "%08x", static_cast<unsigned>(device()));
        id += part;
    }
    return id;
}

}  // namespace

const char* stateName(JobState state) {
    switch (state) {
        case JobState::Queued: return "queued";
        case JobState::Running: return "running";
        case JobState::Succeeded: return "succeeded";
        case JobState::Failed: return "failed";
        case JobState::Cancelled: return "cancelled";
    }
    return "unknown";
}

Job::Job(std::string id, pipeline::GenerationRequest request) : id_(std::move(id)), request_(std::move(request)) {
    state_.id = id_;
    state_.settings = request_.settings;
    state_.totalSteps = request_.settings.steps;
}

JobSnapshot Job::snapshot() const {
    const std::lock_guard lock(mutex_);
    return state_;
}

JobSnapshot Job::waitForChange(std::uint64_t seen, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return state_.version != seen; });
    return state_;
}

std::shared_ptr<const EncodedImage> Job::image(std::size_t index) const {
    const std::lock_guard lock(mutex_);
    return index < images_.size() ? images_[index] : nullptr;
}

template <class Change>
void Job::update(Change&& change) {
    {
        const std::lock_guard lock(mutex_);
        change(state_);
        ++state_.version;
    }
    changed_.notify_all();
}

JobQueue::JobQueue(Engine engine, std::size_t capacity, std::size_t keptJobs, std::string idPrefix)
    : engine_(std::move(engine)), capacity_(capacity), kept_(keptJobs), prefix_(std::move(idPrefix)),
      worker_([this] { work(); }) {}

JobQueue::~JobQueue() {
    std::vector<std::shared_ptr<Job>> abandoned;
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
        abandoned.assign(waiting_.begin(), waiting_.end());
        waiting_.clear();
        if (running_) running_->cancel_.cancel();
    }
    for (const auto& job : abandoned)
        job->update([](JobSnapshot& s) {
            s.state = JobState::Cancelled;
            s.error = "The server stopped before the job ran.";
        });
    wake_.notify_all();
    worker_.join();
}

std::shared_ptr<Job> JobQueue::submit(pipeline::GenerationRequest request) {
    std::shared_ptr<Job> job(new Job(prefix_ + randomId(), std::move(request)));
    {
        const std::lock_guard lock(mutex_);
        if (waiting_.size() >= capacity_)
            throw QueueFull("The queue is full (" + std::to_string(capacity_) +
                            " jobs waiting); try again when one has finished.");
        waiting_.push_back(job);
        jobs_.emplace(job->id(), job);
    }
    wake_.notify_one();
    return job;
}

std::shared_ptr<Job> JobQueue::find(const std::string& id) const {
    const std::lock_guard lock(mutex_);
    const auto it = jobs_.find(id);
    return it == jobs_.end() ? nullptr : it->second;
}

JobQueue::Removal JobQueue::cancelOrForget(const std::string& id) {
    std::shared_ptr<Job> job;
    bool wasWaiting = false;
    {
        const std::lock_guard lock(mutex_);
        const auto it = jobs_.find(id);
        if (it == jobs_.end()) return Removal::Unknown;
        job = it->second;
        if (const auto w = std::find(waiting_.begin(), waiting_.end(), job); w != waiting_.end()) {
            waiting_.erase(w);
            moveUp();
            wasWaiting = true;
        } else if (job != running_) {
            jobs_.erase(it);
            finished_.erase(std::remove(finished_.begin(), finished_.end(), id), finished_.end());
            return Removal::Forgotten;
        }
    }
    if (wasWaiting) {
        job->update([](JobSnapshot& s) {
            s.state = JobState::Cancelled;
            s.cancelRequested = true;
            s.error = "Cancelled before it ran.";
        });
        const std::lock_guard lock(mutex_);
        keepFinished(job);
    } else {
        job->cancel_.cancel();
        job->update([](JobSnapshot& s) { s.cancelRequested = true; });
    }
    return Removal::Cancelled;
}

std::optional<std::size_t> JobQueue::queuePosition(const Job& job) const {
    const std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < waiting_.size(); ++i)
        if (waiting_[i].get() == &job) return i;
    return std::nullopt;
}

JobQueue::Counts JobQueue::counts() const {
    const std::lock_guard lock(mutex_);
    return {waiting_.size(), running_ ? 1u : 0u, capacity_};
}

void JobQueue::work() {
    for (;;) {
        std::shared_ptr<Job> job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || !waiting_.empty(); });
            if (stopping_) return;
            job = waiting_.front();
            waiting_.pop_front();
            running_ = job;
            moveUp();
        }
        const auto publish = run(*job);
        // Its final state appears together with its leaving the running place: a client that has
        // seen it finished finds it finished (DELETE forgets it, never cancels it again).
        const std::lock_guard lock(mutex_);
        running_.reset();
        keepFinished(job);
        publish();
    }
}

// Called with mutex_ held (the queue's lock is always taken before a job's).
void JobQueue::moveUp() {
    for (const auto& job : waiting_) job->update([](JobSnapshot&) {});
}

// Called with mutex_ held.
void JobQueue::keepFinished(const std::shared_ptr<Job>& job) {
    finished_.push_back(job->id());
    while (finished_.size() > kept_) {
        jobs_.erase(finished_.front());
        finished_.pop_front();
    }
}

std::function<void()> JobQueue::run(Job& job) {
    job.update([](JobSnapshot& s) { s.state = JobState::Running; });
    const pipeline::ProgressCallback progress = [&job](const pipeline::StepProgress& p) {
        auto previews = std::make_shared<std::vector<EncodedImage>>();
        for (const Image& preview : p.previews) previews->push_back(face::encodeImage(preview, ".jpg"));
        job.update([&](JobSnapshot& s) {
            s.step = p.step;
            s.totalSteps = p.totalSteps;
            s.elapsedSeconds = p.elapsedSeconds;
            s.secondsLeft = p.secondsLeft;
            if (!previews->empty()) s.previewStep = p.step, s.previews = std::move(previews);
        });
    };
    std::function<void(JobSnapshot&)> outcome;
    try {
        const pipeline::GenerationResult result = engine_(job.request_, progress, &job.cancel_);
        auto images = std::make_shared<std::vector<std::shared_ptr<const EncodedImage>>>();
        for (std::size_t i = 0; i < result.images.size(); ++i) {
            const pipeline::ImageMetadata metadata = pipeline::metadataForImage(job.request_, result, static_cast<int>(i));
            images->push_back(std::make_shared<const EncodedImage>(pipeline::encodeGeneratedImage(result.images[i], metadata)));
        }
        outcome = [&job, images, settings = result.settings, seconds = result.seconds](JobSnapshot& s) {
            job.images_ = std::move(*images);  // update() holds the job's lock
            s.state = JobState::Succeeded;
            s.settings = settings;
            s.imageCount = job.images_.size();
            s.seconds = seconds;
            s.secondsLeft = 0;
        };
    } catch (...) {
        const pipeline::Failure failure = pipeline::describeFailure(std::current_exception());
        const bool cancelled = failure.code == pipeline::ExitCode::Cancelled;
        const std::string error = cancelled                ? "Cancelled while it ran."
                                  : failure.message.empty() ? "Out of memory."
                                                            : failure.message;
        outcome = [cancelled, error](JobSnapshot& s) {
            s.state = cancelled ? JobState::Cancelled : JobState::Failed;
            s.error = error;
            s.secondsLeft = 0;
        };
    }
    job.request_ = {};  // the references' pixels
    return [&job, outcome] { job.update(outcome); };
}

}  // namespace flashface::server
