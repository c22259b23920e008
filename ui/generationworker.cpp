#include "generationworker.h"

#include "common/error.h"
#include "imageconversion.h"
#include "imageparameters.h"
#include "pipeline/failure.h"
#include "pipeline/generation_metadata.h"
#include "pipeline/validation.h"

#include <exception>

namespace flashface::ui {
namespace {

// Whether the loaded models serve the new options (a new cache budget is applied in place).
bool sameOptions(const pipeline::RuntimeOptions& a, const pipeline::RuntimeOptions& b) {
    return a.device == b.device && a.precision == b.precision && a.threads == b.threads;
}

// Whatever was thrown, as the sentence the user sees (pipeline/failure.h names every kind).
QString currentFailure() {
    const pipeline::Failure failure = pipeline::describeFailure(std::current_exception());
    return failure.message.empty() ? QObject::tr("Out of memory.") : QString::fromStdString(failure.message);
}

}  // namespace

GenerationWorker::GenerationWorker(QObject* parent) : QObject(parent) {}

GenerationWorker::~GenerationWorker() = default;

void GenerationWorker::cancel() { cancel_.cancel(); }

void GenerationWorker::configure(const QString& modelsFolder, pipeline::RuntimeOptions options) {
    if (modelsFolder == modelsFolder_ && sameOptions(options, options_)) {
        // A new cache budget needs no reload.
        options_.referenceCacheBytes = options.referenceCacheBytes;
        if (pipeline_) pipeline_->setReferenceCacheBudget(options.referenceCacheBytes);
        return;
    }
    modelsFolder_ = modelsFolder;
    options_ = options;
    pipeline_.reset();  // frees the weights; the next load reads the new configuration
}

void GenerationWorker::load() {
    cancel_.reset();
    ensureLoaded();
}

bool GenerationWorker::ensureLoaded() {
    try {
        if (!pipeline_) pipeline_ = std::make_unique<pipeline::Pipeline>(pipeline::resolveModelFiles(modelsFolder_.toStdString()), options_);
        if (!pipeline_->isLoaded()) {
            pipeline_->load(
                [this](const pipeline::LoadProgress& p) { emit loadProgress(QString::fromStdString(p.stage), p.fraction); },
                &cancel_);
            emit loaded(QString::fromStdString(pipeline_->deviceDescription()));
        }
        return true;
    } catch (const Cancelled&) {
        emit loadFailed(tr("Loading the models was cancelled."));
    } catch (...) {
        pipeline_.reset();
        emit loadFailed(currentFailure());
    }
    return false;
}

void GenerationWorker::run(const GenerationJob& job) {
    cancel_.reset();
    GenerationOutcome outcome;
    outcome.jobId = job.id;
    outcome.settings = job.request.settings;
    try {
        pipeline::validateRequest(job.request);  // before the models load: a mistake is reported at once
    } catch (...) {
        outcome.status = GenerationOutcome::Status::Failed;
        outcome.error = currentFailure();
        emit failed(outcome);
        return;
    }
    if (!ensureLoaded()) {
        if (cancel_.isCancelled()) {
            outcome.status = GenerationOutcome::Status::Cancelled;
            emit cancelled(outcome);
        } else {
            outcome.status = GenerationOutcome::Status::Failed;
            outcome.error = tr("The models could not be loaded.");
            emit failed(outcome);
        }
        return;
    }
    try {
        const pipeline::GenerationResult result = pipeline_->generate(
            job.request,
            [this, &job](const pipeline::StepProgress& p) {
                StepPreview preview{job.id, p.step, p.totalSteps, p.elapsedSeconds, p.secondsLeft, {}};
                for (const Image& image : p.previews) preview.previews.append(toQImage(image));
                emit stepProgress(preview);
            },
            &cancel_);
        emit finished(save(job, result));
    } catch (const Cancelled&) {
        outcome.status = GenerationOutcome::Status::Cancelled;
        emit cancelled(outcome);
    } catch (...) {
        outcome.status = GenerationOutcome::Status::Failed;
        outcome.error = currentFailure();
        emit failed(outcome);
    }
}

GenerationOutcome GenerationWorker::save(const GenerationJob& job, const pipeline::GenerationResult& result) const {
    GenerationOutcome outcome;
    outcome.jobId = job.id;
    outcome.settings = result.settings;
    outcome.seconds = result.seconds;
    // The references as every file of the run records them.
    const pipeline::ImageMetadata recorded = pipeline::metadataForImage(job.request, result, 0);
    for (const std::string& label : recorded.referenceLabels) outcome.referenceLabels.append(QString::fromStdString(label));
    outcome.referenceWeights = recorded.referenceWeights;
    for (std::size_t i = 0; i < result.images.size(); ++i) {
        outcome.images.append(toQImage(result.images[i]));
        // Each file carries the settings that regenerate it as the first image of a run.
        const pipeline::ImageMetadata metadata = pipeline::metadataForImage(job.request, result, int(i));
        try {
            const auto path = pipeline::saveGeneratedImage(job.outputFolder.toStdString(), result.images[i], metadata,
                                                 job.fileStem.toStdString());
            outcome.files.append(QString::fromStdString(path.string()));
        } catch (...) {
            outcome.files.append(QString());
            outcome.error = currentFailure();
        }
    }
    return outcome;
}

}  // namespace flashface::ui
