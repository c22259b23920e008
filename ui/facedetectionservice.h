#pragma once

#include "pipeline/face_finder.h"

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <QCoro/QCoroTask>

#include <memory>

namespace flashface::ui {

struct DetectionResult {
    bool available = false;  // false: no detector (models missing), see `error`
    QString error;
    std::vector<pipeline::FaceCandidate> faces;
};

// The region a face swap repaints (see repaintedRegion), or why it cannot be made.
struct RegionResult {
    bool available = false;  // false: no detector (models missing), see `error`
    QString error;           // the engine's message (no face, …) when the region cannot be made
    Image region;
};

// Runs the face detector off the GUI thread, one photo at a time; the detector is loaded on the
// first request and kept until the models folder or the device changes. It is the pipeline's
// own loaded detector when both use the same folder and device (pipeline::FaceFinder).
class FaceDetectionService : public QObject {
    Q_OBJECT
public:
    explicit FaceDetectionService(QObject* parent = nullptr);
    ~FaceDetectionService() override;

    // The generation's models folder and device, so that the detector is the pipeline's.
    void configure(const QString& modelsFolder, pipeline::DeviceChoice device);
    QCoro::Task<DetectionResult> detect(Image photo);
    // The target's repainted region as a generation at `workingSide` would make it (the face
    // found by this service's detector).
    QCoro::Task<RegionResult> region(pipeline::Target target, int workingSide);

private:
    struct State;
    std::shared_ptr<State> state_;
    QThreadPool pool_;
};

}  // namespace flashface::ui
