#pragma once

#include "generationjob.h"

#include <QImage>
#include <QString>

#include <cstdint>
#include <vector>

// How a run's end becomes a GenerationOutcome, the same for every engine.
namespace flashface::ui {

// One image of a finished run: its pixels, and its PNG carrying its parameters.
struct RunImage {
    QImage image;
    std::vector<std::uint8_t> png;
};

// The outcome of `job` having made `images` with `settings` (the batch's, seed included): each PNG
// written into the job's folder as `<stem>-NNNNN.png` by the engine's atomic writer (never
// replacing a file). An image that cannot be written is still delivered, with the reason.
GenerationOutcome savedRun(const GenerationJob& job, const pipeline::GenerationSettings& settings, double seconds,
                           const std::vector<RunImage>& images);

// A run that ended without images: failed (with `error`) or cancelled.
GenerationOutcome endedRun(const GenerationJob& job, GenerationOutcome::Status status, const QString& error = {});

// The exception being handled, as the sentence the user sees (pipeline/failure.h names every kind).
QString currentFailure();

}  // namespace flashface::ui
