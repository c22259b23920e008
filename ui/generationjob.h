#pragma once

#include "pipeline/request.h"

#include <QImage>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace flashface::ui {

// One queued run: the request and where its images go.
struct GenerationJob {
    quint64 id = 0;
    pipeline::GenerationRequest request;
    QString outputFolder;
    QString fileStem;  // the engine's writer numbers it: <stem>-00001.png
};

struct StepPreview {
    quint64 jobId = 0;
    int step = 0;
    int totalSteps = 0;
    double elapsedSeconds = 0;
    double secondsLeft = 0;
    QList<QImage> previews;
};

// How a job ended. Images that could not be written are still delivered, with the reason.
struct GenerationOutcome {
    enum class Status { Finished, Failed, Cancelled };
    quint64 jobId = 0;
    Status status = Status::Finished;
    QList<QImage> images;
    QStringList files;
    pipeline::GenerationSettings settings;
    QStringList referenceLabels;           // the references that made the images, in order
    std::vector<double> referenceWeights;  // their weights; empty when all are 1
    double seconds = 0;
    QString error;  // Failed: why; Finished: a problem while saving, if any
    // Failed: the run was cut off before the engine ended it (a server out of reach), so the
    // same job may succeed when queued again (GenerationQueue::retry).
    bool canRetry = false;
};

}  // namespace flashface::ui

Q_DECLARE_METATYPE(flashface::ui::GenerationJob)
Q_DECLARE_METATYPE(flashface::ui::StepPreview)
Q_DECLARE_METATYPE(flashface::ui::GenerationOutcome)
