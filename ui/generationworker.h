#pragma once

#include "generationjob.h"
#include "pipeline/pipeline.h"

#include <QObject>

#include <memory>

namespace flashface::ui {

// Lives on a worker thread and owns the engine's Pipeline: loads the weights once, runs one
// job at a time, and reports through signals (queued to the GUI thread). Only cancel() may be
// called from another thread.
class GenerationWorker : public QObject {
    Q_OBJECT
public:
    explicit GenerationWorker(QObject* parent = nullptr);
    ~GenerationWorker() override;

    // Thread-safe: stops the load or job in progress at the engine's next check (within a step).
    void cancel();

public slots:
    // Drops a loaded pipeline when the folder or runtime options differ from the current ones.
    void configure(const QString& modelsFolder, flashface::pipeline::RuntimeOptions options);
    void load();
    void run(const flashface::ui::GenerationJob& job);

signals:
    void loadProgress(const QString& stage, double fraction);
    void loaded(const QString& deviceDescription);
    void loadFailed(const QString& message);
    void stepProgress(const flashface::ui::StepPreview& progress);
    void finished(const flashface::ui::GenerationOutcome& outcome);
    void failed(const flashface::ui::GenerationOutcome& outcome);
    void cancelled(const flashface::ui::GenerationOutcome& outcome);

private:
    bool ensureLoaded();
    GenerationOutcome save(const GenerationJob& job, const pipeline::GenerationResult& result) const;

    QString modelsFolder_;
    pipeline::RuntimeOptions options_;
    std::unique_ptr<pipeline::Pipeline> pipeline_;
    CancelToken cancel_;
};

}  // namespace flashface::ui

Q_DECLARE_METATYPE(flashface::pipeline::RuntimeOptions)
