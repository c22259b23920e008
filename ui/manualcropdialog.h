#pragma once

#include "pipeline/request.h"

#include <QDialog>

#include <optional>

namespace flashface::ui {

class FaceBoxCanvas;

// Lets the user draw the face box on a reference photo where detection found none (or the
// wrong one). The same canvas as the face position, over the photo.
class ManualCropDialog : public QDialog {
    Q_OBJECT
public:
    ManualCropDialog(const QImage& preview, QSize photoSize, const std::optional<pipeline::PixelBox>& current,
                     QWidget* parent = nullptr);

    std::optional<pipeline::PixelBox> box() const;  // photo pixels; none when nothing is drawn
    FaceBoxCanvas* canvas() const { return canvas_; }

private:
    FaceBoxCanvas* canvas_;
    QSize photoSize_;
};

}  // namespace flashface::ui
