#include "generationqueue.h"

#include "generationworker.h"

#include <QCoro/QCoroSignal>

#include <algorithm>

namespace flashface::ui {

GenerationQueue::GenerationQueue(QObject* parent) : QObject(parent), worker_(new GenerationWorker) {
    qRegisterMetaType<GenerationJob>();
    qRegisterMetaType<StepPreview>();
    qRegisterMetaType<GenerationOutcome>();
    qRegisterMetaType<RuntimeOptions>();
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
            emit jobEnded(outcome);
        });
    thread_.start();
}

GenerationQueue::~GenerationQueue() {
    pending_.clear();
    worker_->cancel();
    thread_.quit();
    thread_.wait();
}

void GenerationQueue::configure(const QString& modelsFolder, const RuntimeOptions& options) {
    QMetaObject::invokeMethod(worker_, [w = worker_, modelsFolder, options] { w->configure(modelsFolder, options); });
}

void GenerationQueue::loadModels() { QMetaObject::invokeMethod(worker_, &GenerationWorker::load); }

quint64 GenerationQueue::enqueue(GenerationRequest request, const QString& outputFolder, const QString& fileStem) {
    GenerationJob job{nextId_++, std::move(request), outputFolder, fileStem};
    const quint64 id = job.id;
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
        emit jobEnded(outcome);
    }
}

bool GenerationQueue::isKnown(quint64 id) const {
    return id == current_ ||
           std::any_of(pending_.begin(), pending_.end(), [id](const GenerationJob& j) { return j.id == id; });
}

QCoro::Task<GenerationOutcome> GenerationQueue::awaitJob(quint64 id) {
    while (isKnown(id)) {
        const GenerationOutcome outcome = co_await qCoro(this, &GenerationQueue::jobEnded);
        if (outcome.jobId == id) co_return outcome;
    }
    GenerationOutcome unknown;
    unknown.jobId = id;
    unknown.status = GenerationOutcome::Status::Failed;
    unknown.error = tr("No such generation in the queue.");
    co_return unknown;
}

// One job at a time: the worker runs it while this coroutine waits for its end, so the event
// loop (and the window) stays free.
QCoro::Task<> GenerationQueue::drain() {
    draining_ = true;
    while (!pending_.empty()) {
        GenerationJob job = std::move(pending_.front());
        pending_.pop_front();
        current_ = job.id;
        emit queueChanged(pendingCount());
        emit jobStarted(job.id);
        QMetaObject::invokeMethod(worker_, [w = worker_, job = std::move(job)] { w->run(job); });
        const quint64 id = current_;
        while (true) {
            const GenerationOutcome outcome = co_await qCoro(this, &GenerationQueue::jobEnded);
            if (outcome.jobId == id) break;
        }
    }
    draining_ = false;
}

}  // namespace flashface::ui
