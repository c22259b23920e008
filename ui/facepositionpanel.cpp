#include "facepositionpanel.h"

#include "faceboxcanvas.h"
#include "faceboxgeometry.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <cmath>
#include <optional>

namespace flashface::ui {
namespace {

enum Preset { Portrait, Official, NoConstraint, Custom };

std::optional<pipeline::FaceBox> boxOfPreset(int preset) {
    switch (preset) {
    case Portrait: return pipeline::kPortraitFaceBox;
    case Official: return pipeline::kOfficialFaceBox;
    case NoConstraint: return pipeline::FaceBox{};
    default: return std::nullopt;
    }
}

bool near(const pipeline::FaceBox& a, const pipeline::FaceBox& b) {
    constexpr float eps = 5e-4f;
    return std::abs(a.x1 - b.x1) < eps && std::abs(a.y1 - b.y1) < eps && std::abs(a.x2 - b.x2) < eps &&
           std::abs(a.y2 - b.y2) < eps;
}

}  // namespace

FacePositionPanel::FacePositionPanel(QWidget* parent)
    : QWidget(parent), canvas_(new FaceBoxCanvas(this)), presets_(new QComboBox(this)), summary_(new QLabel(this)), targetNote_(new QLabel(this)) {
    presets_->addItem(tr("Centred portrait"));
    presets_->addItem(tr("Official default"));
    presets_->addItem(tr("None (face anywhere)"));
    presets_->addItem(tr("Custom"));
    presets_->setToolTip(tr("Recommended: centred portrait [0.3, 0.2, 0.6, 0.5]. "
                            "The official tool's default is [0.3, 0.1, 0.6, 0.4]."));

    auto* grid = new QGridLayout;
    const std::array<QString, 4> names{tr("x1"), tr("y1"), tr("x2"), tr("y2")};
    for (int i = 0; i < 4; ++i) {
        auto* field = new QDoubleSpinBox(this);
        field->setRange(0, 1);
        field->setDecimals(3);
        field->setSingleStep(0.01);
        field->setAccessibleName(names[i]);
        // The value is taken on Enter, focus out or the arrows, never per keystroke: redrawing
        // the box reformats the field ("0.3" → "0.300") under the typing cursor.
        field->setKeyboardTracking(false);
        fields_[i] = field;
        auto* label = new QLabel(names[i], this);
        label->setBuddy(field);
        grid->addWidget(label, i / 2, (i % 2) * 2);
        grid->addWidget(field, i / 2, (i % 2) * 2 + 1);
        connect(field, &QDoubleSpinBox::valueChanged, this, &FacePositionPanel::applyFields);
    }
    summary_->setWordWrap(true);
    summary_->setToolTip(tr("The model constrains a square: the box's longer side, from its top-left "
                            "corner, clipped at the image edges. The filled square shows it."));

    auto* presetRow = new QHBoxLayout;
    presetRow->addWidget(new QLabel(tr("Preset:"), this));
    presetRow->addWidget(presets_, 1);

    targetNote_->setWordWrap(true);
    targetNote_->setText(tr("Face swap: the face goes where the repainted region of the photo is. Tick “Use my face "
                            "box” in the Target panel to place it with this box instead."));
    targetNote_->setStyleSheet(QStringLiteral("font-weight: bold;"));
    targetNote_->hide();

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(targetNote_);
    layout->addWidget(canvas_, 1);
    layout->addLayout(presetRow);
    layout->addLayout(grid);
    layout->addWidget(summary_);

    connect(canvas_, &FaceBoxCanvas::boxChanged, this, &FacePositionPanel::showBox);
    connect(presets_, &QComboBox::activated, this, &FacePositionPanel::applyPreset);
    canvas_->setBox(pipeline::kPortraitFaceBox);
}

pipeline::FaceBox FacePositionPanel::box() const { return canvas_->box(); }

void FacePositionPanel::setBox(const pipeline::FaceBox& box) { canvas_->setBox(box); }

void FacePositionPanel::setOutputSize(int width, int height) {
    canvas_->setOutputSize(QSize(width, height));
    showBox(canvas_->box());
}

void FacePositionPanel::followTarget(bool followsRegion, const QImage& photo) {
    targetNote_->setVisible(followsRegion);
    canvas_->setBackground(photo);
    canvas_->setEnabled(!followsRegion);
    presets_->setEnabled(!followsRegion);
    for (QDoubleSpinBox* field : fields_) field->setEnabled(!followsRegion);
}

bool FacePositionPanel::followsTargetRegion() const { return !targetNote_->isHidden(); }

QString FacePositionPanel::targetNote() const { return targetNote_->text(); }

void FacePositionPanel::writeTo(pipeline::GenerationSettings& settings) const { settings.faceBox = box(); }

void FacePositionPanel::readFrom(const pipeline::GenerationSettings& settings) { setBox(settings.faceBox); }

void FacePositionPanel::showBox(const pipeline::FaceBox& box) {
    syncing_ = true;
    const std::array<float, 4> values{box.x1, box.y1, box.x2, box.y2};
    for (int i = 0; i < 4; ++i) {
        fields_[i]->setValue(values[i]);
        fields_[i]->setStyleSheet({});
    }
    int preset = Custom;
    for (int p : {Portrait, Official, NoConstraint})
        if (near(*boxOfPreset(p), box)) preset = p;
    presets_->setCurrentIndex(preset);
    syncing_ = false;

    const QRect square = effectiveSquarePixels(box, canvas_->outputSize());
    summary_->setText(box.isNone() ? tr("No constraint: the face may appear anywhere.")
                                   : tr("Face area: %1×%2 px at (%3, %4)")
                                         .arg(square.width())
                                         .arg(square.height())
                                         .arg(square.x())
                                         .arg(square.y()));
    emit boxChanged(box);
}

void FacePositionPanel::applyFields() {
    if (syncing_) return;
    const float x1 = float(fields_[0]->value()), y1 = float(fields_[1]->value());
    const float x2 = float(fields_[2]->value()), y2 = float(fields_[3]->value());
    const bool none = x1 == 0 && y1 == 0 && x2 == 0 && y2 == 0;
    // While the user is typing, x1 may pass x2 for a moment: flag it instead of swapping
    // the fields under their cursor.
    const bool valid = none || (x2 > x1 && y2 > y1);
    for (auto* field : fields_) field->setStyleSheet(valid ? QString() : QStringLiteral("color: #d33;"));
    if (valid) canvas_->setBox(pipeline::FaceBox{x1, y1, x2, y2});
}

void FacePositionPanel::applyPreset(int index) {
    if (auto box = boxOfPreset(index)) canvas_->setBox(*box);
}

}  // namespace flashface::ui
