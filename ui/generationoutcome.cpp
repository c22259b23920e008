#include "generationoutcome.h"

#include "common/atomic_file.h"
#include "pipeline/generation_metadata.h"
#include "pipeline/failure.h"

#include <QObject>

#include <exception>

namespace flashface::ui {

GenerationOutcome savedRun(const GenerationJob& job, const pipeline::GenerationSettings& settings, double seconds,
                           const std::vector<RunImage>& images) {
    GenerationOutcome outcome = endedRun(job, GenerationOutcome::Status::Finished);
    outcome.settings = settings;
    outcome.seconds = seconds;
    // The references as every file of the run records them.
    const pipeline::ImageMetadata recorded = pipeline::referenceMetadata(job.request.references);
    for (const std::string& label : recorded.referenceLabels) outcome.referenceLabels.append(QString::fromStdString(label));
    outcome.referenceWeights = recorded.referenceWeights;
    for (const RunImage& image : images) {
        outcome.images.append(image.image);
        try {
            const auto path = writeNumberedFile(job.outputFolder.toStdString(), job.fileStem.toStdString(), ".png", image.png);
            outcome.files.append(QString::fromStdString(path.string()));
        } catch (...) {
            outcome.files.append(QString());
            outcome.error = currentFailure();
        }
    }
    return outcome;
}

GenerationOutcome endedRun(const GenerationJob& job, GenerationOutcome::Status status, const QString& error) {
    GenerationOutcome outcome;
    outcome.jobId = job.id;
    outcome.status = status;
    outcome.settings = job.request.settings;
    outcome.error = error;
    return outcome;
}

QString currentFailure() {
    const pipeline::Failure failure = pipeline::describeFailure(std::current_exception());
    return failure.message.empty() ? QObject::tr("Out of memory.") : QString::fromStdString(failure.message);
}

}  // namespace flashface::ui
