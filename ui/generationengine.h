#pragma once

#include "generationjob.h"
#include "pipeline/pipeline.h"

#include <QObject>
#include <QString>

namespace flashface::ui {

// Where generations run: this computer's engine, or a `flashface serve` instance.
enum class EngineKind { Local, Remote };

// A `flashface serve` instance: its base URL and bearer token (empty: none).
struct RemoteServer {
    QString url;
    QString token;
    bool operator==(const RemoteServer&) const = default;
};

// What an engine is configured with; each kind reads its own part.
struct EngineSettings {
    EngineKind kind = EngineKind::Local;
    QString modelsFolder;    // Local
    pipeline::RuntimeOptions runtime;  // Local
    RemoteServer server;     // Remote
};

// The one interface GenerationQueue drives, whichever engine runs the jobs: an object on the
// queue's worker thread that prepares itself (load), runs one job at a time and reports by
// signals. Only cancel() may be called from another thread.
class GenerationEngine : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    virtual EngineKind kind() const = 0;
    // Thread-safe: stops the load or job in progress (a run within a step).
    virtual void cancel() = 0;
    // Takes the settings of its kind; what no longer matches them is dropped.
    virtual void configure(const flashface::ui::EngineSettings& settings) = 0;
    // Gets ready for runs (the models in memory, or the server reached): loaded or loadFailed.
    virtual void load() = 0;
    // Runs `job`: stepProgress while it runs, then exactly one of finished, failed, cancelled.
    virtual void run(const flashface::ui::GenerationJob& job) = 0;

signals:
    void loadProgress(const QString& stage, double fraction);
    void loaded(const QString& deviceDescription);
    void loadFailed(const QString& message);
    void stepProgress(const flashface::ui::StepPreview& progress);
    void finished(const flashface::ui::GenerationOutcome& outcome);
    void failed(const flashface::ui::GenerationOutcome& outcome);
    void cancelled(const flashface::ui::GenerationOutcome& outcome);
};

}  // namespace flashface::ui

Q_DECLARE_METATYPE(flashface::ui::EngineSettings)
