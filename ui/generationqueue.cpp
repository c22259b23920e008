#include "generationqueue.h"

#include "generationworker.h"
#include "remotegenerationworker.h"

#include <QCoro/QCoroFuture>
#include <QPointer>

#include <algorithm>

namespace flashface::ui {
namespace {

// Failed jobs kept for a retry (each holds its reference photos).
constexpr std::size_t kRetryableJobs = 4;

GenerationEngine* makeEngine(EngineKind kind) {
    if (kind == EngineKind::Remote) return new RemoteGenerationWorker;
    return new GenerationWorker;
}

}  // namespace

GenerationQueue::GenerationQueue(QObject* parent) : QObject(parent) {
    qRegisterMetaType<GenerationJob>();
    qRegisterMetaType<StepPreview>();
    qRegisterMetaType<GenerationOutcome>();
    qRegisterMetaType<pipeline::RuntimeOptions>();
    qRegisterMetaType<EngineSettings>();
    thread_.setObjectName(QStringLiteral("generation"));
    replaceEngine();
    thread_.start();
}

GenerationQueue::~GenerationQueue() {
    pending_.clear();
    promises_.clear();  // unfinished promises cancel their futures
    engine_->cancel();
    thread_.quit();
    thread_.wait();
}

void GenerationQueue::replaceEngine() {
    if (engine_) {
        disconnect(engine_, nullptr, this, nullptr);
        engine_->cancel();  // a load in progress stops
        engine_->deleteLater();  // on its thread, after what it is doing
    }
    engine_ = makeEngine(settings_.kind);
    engine_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, engine_, &QObject::deleteLater);
    connect(engine_, &GenerationEngine::loadProgress, this, &GenerationQueue::loadProgress);
    connect(engine_, &GenerationEngine::loaded, this, &GenerationQueue::loaded);
    connect(engine_, &GenerationEngine::loadFailed, this, &GenerationQueue::loadFailed);
    connect(engine_, &GenerationEngine::stepProgress, this, [this](const StepPreview& p) {
        if (p.jobId == current_) emit stepProgress(p);
    });
    for (auto signal : {&GenerationEngine::finished, &GenerationEngine::failed, &GenerationEngine::cancelled})
        connect(engine_, signal, this, [this](const GenerationOutcome& outcome) {
            if (outcome.jobId == current_) current_ = 0;
            if (running_ && running_->id == outcome.jobId) {
                if (outcome.status == GenerationOutcome::Status::Failed && outcome.canRetry) {
                    retryable_.emplace(outcome.jobId, std::move(*running_));
                    while (retryable_.size() > kRetryableJobs) retryable_.erase(retryable_.begin());
                }
                running_.reset();
            }
            end(outcome);
        });
    QMetaObject::invokeMethod(engine_, [e = engine_, s = settings_] { e->configure(s); });
}

void GenerationQueue::configure(const EngineSettings& settings) {
    settings_ = settings;
    settingsPending_ = isBusy();
    if (!settingsPending_) applySettings();
}

void GenerationQueue::applySettings() {
    settingsPending_ = false;
    if (settings_.kind != engine_->kind()) return replaceEngine();  // which configures the new one
    QMetaObject::invokeMethod(engine_, [e = engine_, s = settings_] { e->configure(s); });
}

void GenerationQueue::loadModels() {
    if (!settingsPending_) QMetaObject::invokeMethod(engine_, &GenerationEngine::load);
}

quint64 GenerationQueue::enqueue(pipeline::GenerationRequest request, const QString& outputFolder, const QString& fileStem) {
    return add(GenerationJob{0, std::move(request), outputFolder, fileStem});
}

quint64 GenerationQueue::retry(quint64 failedJob) {
    const auto it = retryable_.find(failedJob);
    if (it == retryable_.end()) return 0;
    GenerationJob job = std::move(it->second);
    retryable_.erase(it);
    return add(std::move(job));
}

quint64 GenerationQueue::add(GenerationJob job) {
    job.id = nextId_++;
    const quint64 id = job.id;
    QPromise<GenerationOutcome> promise;
    promise.start();
    promises_.emplace(id, std::move(promise));
    pending_.push_back(std::move(job));
    emit queueChanged(pendingCount());
    if (!draining_) drain();
    return id;
}

void GenerationQueue::cancelCurrent() {
    if (current_ != 0) engine_->cancel();
}

void GenerationQueue::clearQueue() {
    std::vector<quint64> dropped;
    for (const GenerationJob& job : pending_) dropped.push_back(job.id);
    pending_.clear();
    emit queueChanged(0);
    for (quint64 id : dropped) {
        GenerationOutcome outcome;
        outcome.jobId = id;
        outcome.status = GenerationOutcome::Status::Cancelled;
        end(outcome);
    }
}

void GenerationQueue::end(const GenerationOutcome& outcome) {
    if (auto it = promises_.find(outcome.jobId); it != promises_.end()) {
        it->second.addResult(outcome);
        it->second.finish();
        promises_.erase(it);
    }
    emit jobEnded(outcome);
}

QCoro::Task<GenerationOutcome> GenerationQueue::awaitJob(quint64 id) {
    const auto it = promises_.find(id);
    if (it == promises_.end()) {
        GenerationOutcome unknown;
        unknown.jobId = id;
        unknown.status = GenerationOutcome::Status::Failed;
        unknown.error = tr("No such generation in the queue.");
        co_return unknown;
    }
    // Named, not a temporary of the co_await expression: GCC 12 destroys those twice.
    QFuture<GenerationOutcome> done = it->second.future();
    GenerationOutcome outcome = co_await done;
    co_return outcome;
}

// One job at a time: the engine runs it while this coroutine waits for its end, so the event
// loop (and the window) stays free.
QCoro::Task<> GenerationQueue::drain() {
    const QPointer<GenerationQueue> self(this);  // the queue may be destroyed while a job runs
    draining_ = true;
    while (!pending_.empty()) {
        if (settingsPending_) applySettings();  // what was chosen meanwhile runs the next job
        GenerationJob job = std::move(pending_.front());
        pending_.pop_front();
        current_ = job.id;
        running_ = job;  // kept for a retry
        emit queueChanged(pendingCount());
        emit jobStarted(job.id);
        QFuture<GenerationOutcome> done = promises_.at(job.id).future();
        QMetaObject::invokeMethod(engine_, [e = engine_, job = std::move(job)] { e->run(job); });
        co_await done;
        if (!self) co_return;
    }
    draining_ = false;
    if (settingsPending_) applySettings();
}

}  // namespace flashface::ui
