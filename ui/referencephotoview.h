#pragma once

#include "referenceitem.h"

#include <QWidget>

namespace flashface::ui {

// A reference photo with its detected faces outlined and numbered (the chosen one highlighted)
// and the manual box, if any. Clicking a face chooses it.
class ReferencePhotoView : public QWidget {
    Q_OBJECT
public:
    explicit ReferencePhotoView(QWidget* parent = nullptr);

    void setItem(const ReferenceItem& item);
    QRectF photoRect() const;  // where the photo is drawn
    QRectF faceRect(int index) const;  // widget coordinates of face `index`

    QSize sizeHint() const override { return {200, 160}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

signals:
    void faceClicked(int index);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    QRectF toWidget(float x1, float y1, float x2, float y2) const;
    int faceAt(QPointF pos) const;

    QImage preview_;
    QSize photoSize_;
    std::vector<pipeline::FaceCandidate> faces_;
    int chosen_ = 0;
    std::optional<pipeline::PixelBox> manualBox_;
};

}  // namespace flashface::ui
