#include "facedetectionservice.h"

#include <QCoreApplication>
#include <QCoro/QCoroFuture>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>
#include <mutex>

namespace flashface::ui {

struct FaceDetectionService::State {
    std::mutex folderMutex;  // short: the GUI thread sets the folder while a detection runs
    QString folder;
    std::mutex mutex;  // the detector
    QString loadedFolder;
    std::unique_ptr<FaceFinder> finder;
    QString loadError;

    // Runs `work` with the detector of the current folder (loaded if needed), or reports why
    // there is none; `Result` has `available` and `error`.
    template <class Result, class Work>
    Result withFinder(Work work) {
        QString wanted;
        {
            std::lock_guard lock(folderMutex);
            wanted = folder;
        }
        std::lock_guard lock(mutex);
        Result result;
        if (!finder || loadedFolder != wanted) {
            finder.reset();
            loadedFolder = wanted;
            try {
                finder = std::make_unique<FaceFinder>(pipeline::resolveModelFiles(wanted.toStdString()));
                loadError.clear();
            } catch (const std::exception& e) {
                // Missing weights are the usual case (first start); the panel lists them, so the
                // reference cards only need to say so.
                loadError = pipeline::missingModelFiles(wanted.toStdString()).empty()
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

void FaceDetectionService::setModelsFolder(const QString& folder) {
    std::lock_guard lock(state_->folderMutex);
    state_->folder = folder;
}

QCoro::Task<DetectionResult> FaceDetectionService::detect(Image photo) {
    auto state = state_;
    QFuture<DetectionResult> running = QtConcurrent::run(&pool_, [state, photo = std::move(photo)] {
        return state->withFinder<DetectionResult>(
            [&](const FaceFinder& finder, DetectionResult& result) { result.faces = finder.find(photo); });
    });
    DetectionResult result = co_await running;  // named: see GalleryModel::loadFolder
    co_return result;
}

QCoro::Task<RegionResult> FaceDetectionService::region(pipeline::Target target, int workingSide) {
    auto state = state_;
    QFuture<RegionResult> running = QtConcurrent::run(&pool_, [state, target = std::move(target), workingSide] {
        return state->withFinder<RegionResult>([&](const FaceFinder& finder, RegionResult& result) {
            result.region = repaintedRegion(target, workingSide, &finder);
        });
    });
    RegionResult result = co_await running;  // named: see GalleryModel::loadFolder
    co_return result;
}

}  // namespace flashface::ui
