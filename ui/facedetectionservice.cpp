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

    DetectionResult run(const Image& photo) {
        QString wanted;
        {
            std::lock_guard lock(folderMutex);
            wanted = folder;
        }
        std::lock_guard lock(mutex);
        DetectionResult result;
        if (!finder || loadedFolder != wanted) {
            finder.reset();
            loadedFolder = wanted;
            try {
                finder = std::make_unique<FaceFinder>(resolveModelFiles(wanted.toStdString()));
                loadError.clear();
            } catch (const std::exception& e) {
                // Missing weights are the usual case (first start); the panel lists them, so the
                // reference cards only need to say so.
                loadError = missingModelFiles(wanted.toStdString()).empty()
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
            result.faces = finder->find(photo);
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
    QFuture<DetectionResult> running =
        QtConcurrent::run(&pool_, [state, photo = std::move(photo)] { return state->run(photo); });
    DetectionResult result = co_await running;  // named: see GalleryModel::loadFolder
    co_return result;
}

}  // namespace flashface::ui
