#pragma once

#include "generationengine.h"
#include "generationjob.h"

#include <QObject>
#include <QThread>

#include <QCoro/QCoroTask>

#include <QFuture>
#include <QPromise>

#include <deque>
#include <map>
#include <optional>

namespace flashface::ui {

// The GUI side of generation: owns the worker thread and its engine (this computer's or a
// server's, see GenerationEngine), queues runs and feeds them to the engine one at a time.
// Everything here runs on the GUI thread.
class GenerationQueue : public QObject {
    Q_OBJECT
public:
    explicit GenerationQueue(QObject* parent = nullptr);
    ~GenerationQueue() override;

    // Takes effect before the next job starts: the running one ends on the engine, server and
    // models it began with. Another kind of engine replaces the current one.
    void configure(const EngineSettings& settings);
    EngineKind engineKind() const { return settings_.kind; }
    void loadModels();  // in the background; a no-op once loaded

    quint64 enqueue(pipeline::GenerationRequest request, const QString& outputFolder, const QString& fileStem);
    // Queues again the job of a failed outcome that can be retried (GenerationOutcome::canRetry);
    // returns the new job's id, or 0 when `failedJob` is not such a job.
    quint64 retry(quint64 failedJob);
    bool canRetry(quint64 failedJob) const { return retryable_.count(failedJob) > 0; }
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
    quint64 add(GenerationJob job);
    // Puts an engine of settings_'s kind on the worker thread in place of the current one.
    void replaceEngine();
    // Hands settings_ to the engine (replacing it for another kind).
    void applySettings();

    QThread thread_;
    GenerationEngine* engine_ = nullptr;  // lives on thread_, deleted when replaced or when it finishes
    EngineSettings settings_;
    bool settingsPending_ = false;  // settings_ came while a job ran: applied before the next
    std::deque<GenerationJob> pending_;
    std::optional<GenerationJob> running_;
    std::map<quint64, GenerationJob> retryable_;  // failed jobs that may be queued again, newest last
    // One per queued or running job, fulfilled when it ends: awaiting a future never misses an
    // end that happened before the await began.
    std::map<quint64, QPromise<GenerationOutcome>> promises_;
    quint64 current_ = 0;
    quint64 nextId_ = 1;
    bool draining_ = false;
};

}  // namespace flashface::ui
