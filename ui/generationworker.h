#pragma once

#include "generationengine.h"
#include "pipeline/pipeline.h"

#include <memory>

namespace flashface::ui {

// The engine on this computer: owns the Pipeline, loads the weights once and runs one job at a
// time on the queue's worker thread.
class GenerationWorker : public GenerationEngine {
    Q_OBJECT
public:
    explicit GenerationWorker(QObject* parent = nullptr);
    ~GenerationWorker() override;

    EngineKind kind() const override { return EngineKind::Local; }
    void cancel() override;
    // Drops a loaded pipeline when the folder or runtime options differ from the current ones.
    void configure(const EngineSettings& settings) override;
    void load() override;
    void run(const GenerationJob& job) override;

private:
    bool ensureLoaded();

    QString modelsFolder_;
    pipeline::RuntimeOptions options_;
    std::unique_ptr<pipeline::Pipeline> pipeline_;
    CancelToken cancel_;
};

}  // namespace flashface::ui

Q_DECLARE_METATYPE(flashface::pipeline::RuntimeOptions)
