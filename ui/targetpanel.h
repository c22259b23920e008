#pragma once

#include "pipeline/face_finder.h"
#include "pipeline/request.h"

#include <QCoro/QCoroTask>

#include <QImage>
#include <QWidget>

#include <algorithm>
#include <optional>
#include <vector>

class QAbstractButton;
class QButtonGroup;
class QCheckBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QToolButton;

namespace flashface::ui {

class FaceDetectionService;
class TargetPhotoView;

// Face swap and img2img: the photo to change, the region to repaint (its detected face, a
// painted or loaded mask, or the whole picture) and the strength. Without a photo, generation
// makes a new picture as usual.
class TargetPanel : public QWidget {
    Q_OBJECT
public:
    explicit TargetPanel(FaceDetectionService* detection, QWidget* parent = nullptr);

    // The engine's target for a run; none without a photo.
    std::optional<pipeline::Target> target() const;

    bool hasPhoto() const { return !photo_.empty(); }
    QSize photoSize() const { return {photo_.width, photo_.height}; }
    QImage photo() const;  // the photo as a QImage (full size); null without one
    bool isLoading() const { return loading_ > 0; }
    bool isDetecting() const { return detecting_ > 0; }
    QString statusText() const;

    QCoro::Task<> openFile(QString path);
    void setPhoto(const Image& photo, const QString& label);
    void pasteFromClipboard();
    void clear();

    pipeline::TargetRegion region() const { return region_; }
    void setRegion(pipeline::TargetRegion region);  // also sets the region's default strength
    const std::vector<pipeline::FaceCandidate>& faces() const { return faces_; }
    int faceIndex() const { return faceIndex_; }
    void chooseFace(int index);
    double strength() const;
    void setStrength(double strength);
    void setUsesOwnFaceBox(bool own);

    // A mask image (white = repaint) of the photo's size; false, with the reason in the status,
    // when it cannot be used.
    QCoro::Task<bool> loadMaskFile(QString path);
    // The settings' longer side: a face or mask region is generated at it (the face's overlay
    // shows the engine's feathered edge at that scale).
    void setWorkingSide(int side);
    void setBrushRadius(int radius);
    void setEraser(bool erase);
    TargetPhotoView* view() const { return view_; }
    QPushButton* maskOfferButton() const { return offerMask_; }

signals:
    // The photo, the region or the face-box choice changed (what the rest of the window follows).
    void targetChanged();
    void message(const QString& text);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    QWidget* buildRegionRow();
    QWidget* buildMaskTools();
    QWidget* buildStrengthRow();
    QCoro::Task<> findFaces();
    QCoro::Task<> showFaceRegion();
    void setStatus(const QString& text, bool offerMask = false);
    void updateControls();

    FaceDetectionService* detection_;
    TargetPhotoView* view_;
    QPushButton* clear_;
    QButtonGroup* regions_;
    QWidget* maskTools_;
    QToolButton* brush_;
    QToolButton* eraser_;
    QSpinBox* brushSize_;
    QSlider* strength_;
    QLabel* strengthValue_;
    QCheckBox* ownFaceBox_;
    QLabel* status_;
    QPushButton* offerMask_;
    QPushButton* offerWhole_;

    Image photo_;
    QString label_;
    pipeline::TargetRegion region_ = pipeline::TargetRegion::Face;
    std::vector<pipeline::FaceCandidate> faces_;
    int faceIndex_ = 0;
    int workingSide_ = std::max(pipeline::GenerationSettings{}.width, pipeline::GenerationSettings{}.height);
    QString faceStatus_;   // what the last face search found
    bool noFace_ = false;  // it found none: the panel offers the mask
    quint64 serial_ = 0;        // bumped with each photo: late results for another photo are dropped
    quint64 regionSerial_ = 0;  // bumped with each face region asked for
    int loading_ = 0;
    int detecting_ = 0;
};

}  // namespace flashface::ui
