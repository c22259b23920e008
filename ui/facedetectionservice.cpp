#include "facedetectionservice.h"

#include <QCoreApplication>
#include <QCoro/QCoroFuture>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>
#include <mutex>

namespace flashface::ui {

struct FaceDetectionService::State {
    struct Source {
        QString folder;
        pipeline::DeviceChoice device = pipeline::DeviceChoice::Auto;
        bool operator==(const Source&) const = default;
    };
    std::mutex sourceMutex;  // short: the GUI thread sets the source while a detection runs
    Source source;
    std::mutex mutex;  // the detector
    Source loadedSource;
    std::unique_ptr<pipeline::FaceFinder> finder;
    QString loadError;

    // Runs `work` with the detector of the current folder (loaded if needed), or reports why
    // there is none; `Result` has `available` and `error`.
    template <class Result, class Work>
    Result withFinder(Work work) {
        Source wanted;
        {
            std::lock_guard lock(sourceMutex);
            wanted = source;
        }
        std::lock_guard lock(mutex);
        Result result;
        if (!finder || loadedSource != wanted) {
            finder.reset();
            loadedSource = wanted;
            try {
                finder = std::make_unique<pipeline::FaceFinder>(pipeline::resolveModelFiles(wanted.folder.toStdString()),
                                                                wanted.device);
                loadError.clear();
            } catch (const std::exception& e) {
                // Missing weights are the usual case (first start); the panel lists them, so the
                // reference cards only need to say so.
                loadError = pipeline::missingModelFiles(wanted.folder.toStdString()).empty()
                                ? QCoreApplication::translate("FaceDetectionService", "Face detection is unavailable: %1")
                                      .arg(QString::fromUtf8(e.what()))
                                : QCoreApplication::translate("FaceDetectionService",
                                                              "the model files are not all in place yet.");
            }
        }
        if (!finder) {
            result.error = loadError;
            return result;
        }
        result.available = true;
        try {
            work(*finder, result);
        } catch (const std::exception& e) {
            result.error = QString::fromUtf8(e.what());
        }
        return result;
    }
};

FaceDetectionService::FaceDetectionService(QObject* parent)
    : QObject(parent), state_(std::make_shared<State>()) {
    pool_.setMaxThreadCount(1);  // one detector, one photo at a time
}

FaceDetectionService::~FaceDetectionService() { pool_.waitForDone(); }

void FaceDetectionService::configure(const QString& modelsFolder, pipeline::DeviceChoice device) {
    std::lock_guard lock(state_->sourceMutex);
    state_->source = {modelsFolder, device};
}

QCoro::Task<DetectionResult> FaceDetectionService::detect(Image photo) {
    auto state = state_;
    QFuture<DetectionResult> running = QtConcurrent::run(&pool_, [state, photo = std::move(photo)] {
        return state->withFinder<DetectionResult>(
            [&](const pipeline::FaceFinder& finder, DetectionResult& result) { result.faces = finder.find(photo); });
    });
    DetectionResult result = co_await running;  // named: see GalleryModel::loadFolder
    co_return result;
}

QCoro::Task<RegionResult> FaceDetectionService::region(pipeline::Target target, int workingSide) {
    auto state = state_;
    QFuture<RegionResult> running = QtConcurrent::run(&pool_, [state, target = std::move(target), workingSide] {
        return state->withFinder<RegionResult>([&](const pipeline::FaceFinder& finder, RegionResult& result) {
            result.region = pipeline::repaintedRegion(target, workingSide, &finder);
        });
    });
    RegionResult result = co_await running;  // named: see GalleryModel::loadFolder
    co_return result;
}

}  // namespace flashface::ui
