#pragma once

#include "pipeline/face_finder.h"
#include "pipeline/request.h"

#include <QImage>
#include <QWidget>

#include <vector>

namespace flashface::ui {

// The target photo of a face swap: its detected faces outlined and numbered (clicking one
// chooses it), the region that will be repainted tinted over it, and in Mask mode a brush that
// paints the region (or erases it) at the photo's own resolution.
class TargetPhotoView : public QWidget {
    Q_OBJECT
public:
    explicit TargetPhotoView(QWidget* parent = nullptr);

    // `display` is what is drawn (it may be smaller than the photo); `photoSize` the real size.
    void setPhoto(const QImage& display, QSize photoSize);
    void setFaces(const std::vector<pipeline::FaceCandidate>& faces, int chosen);
    void setRegion(pipeline::TargetRegion region);
    // The repainted region of the chosen face (white = repainted, the photo's size); null for none.
    void setFaceRegion(const QImage& region);

    // The painted mask: the photo's size, opaque where the region is.
    const QImage& mask() const { return mask_; }
    void setMask(const QImage& region);  // white = repainted, the photo's size
    void clearMask();
    void setBrush(int radius, bool erase);
    int brushRadius() const { return brushRadius_; }

    QRectF photoRect() const;                    // where the photo is drawn
    QPointF toWidget(QPointF photoPos) const;    // photo pixels → widget coordinates
    QRectF faceRect(int index) const;            // widget coordinates of face `index`

    QSize sizeHint() const override { return {320, 240}; }
    QSize minimumSizeHint() const override { return {160, 120}; }

signals:
    void faceClicked(int index);
    void maskEdited();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    QPointF toPhoto(QPointF widgetPos) const;
    int faceAt(QPointF pos) const;
    void paintStroke(QPointF from, QPointF to);  // photo coordinates

    QImage display_;
    QSize photoSize_;
    std::vector<pipeline::FaceCandidate> faces_;
    int chosen_ = 0;
    pipeline::TargetRegion region_ = pipeline::TargetRegion::Face;
    QImage faceRegion_;  // tinted where the chosen face's region is
    QImage mask_;        // ARGB, the photo's size
    int brushRadius_ = 16;
    bool erase_ = false;
    bool painting_ = false;
    QPointF lastPaint_;
};

}  // namespace flashface::ui
