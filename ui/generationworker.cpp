#include "generationworker.h"

#include "common/error.h"
#include "generationoutcome.h"
#include "imageconversion.h"
#include "pipeline/generation_metadata.h"
#include "pipeline/validation.h"

namespace flashface::ui {
namespace {

// Whether the loaded models serve the new options (a new cache budget is applied in place).
bool sameOptions(const pipeline::RuntimeOptions& a, const pipeline::RuntimeOptions& b) {
    return a.device == b.device && a.precision == b.precision && a.threads == b.threads;
}

}  // namespace

GenerationWorker::GenerationWorker(QObject* parent) : GenerationEngine(parent) {}

GenerationWorker::~GenerationWorker() = default;

void GenerationWorker::cancel() { cancel_.cancel(); }

void GenerationWorker::configure(const EngineSettings& settings) {
    const pipeline::RuntimeOptions& options = settings.runtime;
    if (settings.modelsFolder == modelsFolder_ && sameOptions(options, options_)) {
        // A new cache budget needs no reload.
        options_.referenceCacheBytes = options.referenceCacheBytes;
        if (pipeline_) pipeline_->setReferenceCacheBudget(options.referenceCacheBytes);
        return;
    }
    modelsFolder_ = settings.modelsFolder;
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
    using Status = GenerationOutcome::Status;
    try {
        pipeline::validateRequest(job.request);  // before the models load: a mistake is reported at once
    } catch (...) {
        emit failed(endedRun(job, Status::Failed, currentFailure()));
        return;
    }
    if (!ensureLoaded()) {
        if (cancel_.isCancelled()) emit cancelled(endedRun(job, Status::Cancelled));
        else emit failed(endedRun(job, Status::Failed, tr("The models could not be loaded.")));
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
        std::vector<RunImage> images;
        for (std::size_t i = 0; i < result.images.size(); ++i)
            // Each file carries the settings that regenerate it as the first image of a run.
            images.push_back({toQImage(result.images[i]),
                              pipeline::encodeGeneratedImage(result.images[i], pipeline::metadataForImage(job.request, result, int(i)))});
        emit finished(savedRun(job, result.settings, result.seconds, images));
    } catch (const Cancelled&) {
        emit cancelled(endedRun(job, Status::Cancelled));
    } catch (...) {
        emit failed(endedRun(job, Status::Failed, currentFailure()));
    }
}

}  // namespace flashface::ui
