#include "generationqueue.h"

#include "generationworker.h"

#include <QCoro/QCoroFuture>
#include <QPointer>

#include <algorithm>

namespace flashface::ui {

GenerationQueue::GenerationQueue(QObject* parent) : QObject(parent), worker_(new GenerationWorker) {
    qRegisterMetaType<GenerationJob>();
    qRegisterMetaType<StepPreview>();
    qRegisterMetaType<GenerationOutcome>();
    qRegisterMetaType<pipeline::RuntimeOptions>();
    thread_.setObjectName(QStringLiteral("generation"));
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &GenerationWorker::loadProgress, this, &GenerationQueue::loadProgress);
    connect(worker_, &GenerationWorker::loaded, this, &GenerationQueue::loaded);
    connect(worker_, &GenerationWorker::loadFailed, this, &GenerationQueue::loadFailed);
    connect(worker_, &GenerationWorker::stepProgress, this, [this](const StepPreview& p) {
        if (p.jobId == current_) emit stepProgress(p);
    });
    for (auto signal : {&GenerationWorker::finished, &GenerationWorker::failed, &GenerationWorker::cancelled})
        connect(worker_, signal, this, [this](const GenerationOutcome& outcome) {
            if (outcome.jobId == current_) current_ = 0;
            end(outcome);
        });
    thread_.start();
}

GenerationQueue::~GenerationQueue() {
    pending_.clear();
    promises_.clear();  // unfinished promises cancel their futures
    worker_->cancel();
    thread_.quit();
    thread_.wait();
}

void GenerationQueue::configure(const QString& modelsFolder, const pipeline::RuntimeOptions& options) {
    QMetaObject::invokeMethod(worker_, [w = worker_, modelsFolder, options] { w->configure(modelsFolder, options); });
}

void GenerationQueue::loadModels() { QMetaObject::invokeMethod(worker_, &GenerationWorker::load); }

quint64 GenerationQueue::enqueue(pipeline::GenerationRequest request, const QString& outputFolder, const QString& fileStem) {
    GenerationJob job{nextId_++, std::move(request), outputFolder, fileStem};
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
    if (current_ != 0) worker_->cancel();
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

// One job at a time: the worker runs it while this coroutine waits for its end, so the event
// loop (and the window) stays free.
QCoro::Task<> GenerationQueue::drain() {
    const QPointer<GenerationQueue> self(this);  // the queue may be destroyed while a job runs
    draining_ = true;
    while (!pending_.empty()) {
        GenerationJob job = std::move(pending_.front());
        pending_.pop_front();
        current_ = job.id;
        emit queueChanged(pendingCount());
        emit jobStarted(job.id);
        QFuture<GenerationOutcome> done = promises_.at(job.id).future();
        QMetaObject::invokeMethod(worker_, [w = worker_, job = std::move(job)] { w->run(job); });
        co_await done;
        if (!self) co_return;
    }
    draining_ = false;
}

}  // namespace flashface::ui
