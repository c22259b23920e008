#pragma once

#include "generationjob.h"
#include "pipeline/pipeline.h"

#include <QObject>
#include <QThread>

#include <QCoro/QCoroTask>

#include <QFuture>
#include <QPromise>

#include <deque>
#include <map>

namespace flashface::ui {

class GenerationWorker;

// The GUI side of generation: owns the worker thread, queues runs and feeds them to the worker
// one at a time. Everything here runs on the GUI thread.
class GenerationQueue : public QObject {
    Q_OBJECT
public:
    explicit GenerationQueue(QObject* parent = nullptr);
    ~GenerationQueue() override;

    void configure(const QString& modelsFolder, const pipeline::RuntimeOptions& options);
    void loadModels();  // in the background; a no-op once loaded

    quint64 enqueue(pipeline::GenerationRequest request, const QString& outputFolder, const QString& fileStem);
    void cancelCurrent();  // the running job stops within one step; queued ones still run
    void clearQueue();     // drops the jobs that have not started

    bool isBusy() const { return current_ != 0; }
    quint64 currentJob() const { return current_; }
    int pendingCount() const { return int(pending_.size()); }

    // Resolves when job `id` ends (immediately if it is not queued or running).
    QCoro::Task<GenerationOutcome> awaitJob(quint64 id);

signals:
    void loadProgress(const QString& stage, double fraction);
    void loaded(const QString& deviceDescription);
    void loadFailed(const QString& message);
    void jobStarted(quint64 id);
    void stepProgress(const flashface::ui::StepPreview& progress);
    void jobEnded(const flashface::ui::GenerationOutcome& outcome);
    void queueChanged(int pending);

private:
    QCoro::Task<> drain();
    void end(const GenerationOutcome& outcome);

    QThread thread_;
    GenerationWorker* worker_;  // lives on thread_, deleted when it finishes
    std::deque<GenerationJob> pending_;
    // One per queued or running job, fulfilled when it ends: awaiting a future never misses an
    // end that happened before the await began.
    std::map<quint64, QPromise<GenerationOutcome>> promises_;
    quint64 current_ = 0;
    quint64 nextId_ = 1;
    bool draining_ = false;
};

}  // namespace flashface::ui
