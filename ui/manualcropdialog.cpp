#include "manualcropdialog.h"

#include "faceboxcanvas.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

namespace flashface::ui {

ManualCropDialog::ManualCropDialog(const QImage& preview, QSize photoSize, const std::optional<pipeline::PixelBox>& current,
                                   QWidget* parent)
    : QDialog(parent), canvas_(new FaceBoxCanvas(this)), photoSize_(photoSize) {
    setWindowTitle(tr("Draw Face Box"));
    canvas_->setBackground(preview);
    canvas_->setOutputSize(photoSize);
    canvas_->setShowsEffectiveSquare(false);
    canvas_->setPlaceholderText(tr("Drag a box around the face, from the forehead to the chin."));
    canvas_->setMinimumSize(480, 360);
    if (current) {
        const double w = photoSize.width(), h = photoSize.height();
        canvas_->setBox(pipeline::FaceBox{float(current->x1 / w), float(current->y1 / h), float(current->x2 / w),
                                float(current->y2 / h)});
    }
    auto* hint = new QLabel(tr("Drag to draw, drag inside to move, drag the handles to resize."), this);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto updateOk = [buttons, this] { buttons->button(QDialogButtonBox::Ok)->setEnabled(box().has_value()); };
    connect(canvas_, &FaceBoxCanvas::boxChanged, this, updateOk);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(canvas_, 1);
    layout->addWidget(hint);
    layout->addWidget(buttons);
    updateOk();
}

std::optional<pipeline::PixelBox> ManualCropDialog::box() const {
    const pipeline::FaceBox b = canvas_->box();
    const int w = photoSize_.width(), h = photoSize_.height();
    const pipeline::PixelBox px{int(std::lround(b.x1 * w)), int(std::lround(b.y1 * h)), int(std::lround(b.x2 * w)),
                      int(std::lround(b.y2 * h))};
    if (b.isNone() || px.x2 - px.x1 < 2 || px.y2 - px.y1 < 2) return std::nullopt;
    return px;
}

}  // namespace flashface::ui
