#pragma once

#include "pipeline/request.h"

#include <QWidget>

#include <array>

class QComboBox;
class QDoubleSpinBox;
class QLabel;

namespace flashface::ui {

class FaceBoxCanvas;

// Where the face goes in the output: the canvas, the four numeric coordinates kept in sync
// with it, and presets (centred portrait, official default, none).
class FacePositionPanel : public QWidget {
    Q_OBJECT
public:
    explicit FacePositionPanel(QWidget* parent = nullptr);

    pipeline::FaceBox box() const;
    void setBox(const pipeline::FaceBox& box);
    void setOutputSize(int width, int height);

    void writeTo(pipeline::GenerationSettings& settings) const;
    void readFrom(const pipeline::GenerationSettings& settings);

    // A face swap places the face where the repainted region of the target photo is: the box is
    // not used then, and the panel says so. `photo` (none: null) is drawn behind the box.
    void followTarget(bool followsRegion, const QImage& photo);
    bool followsTargetRegion() const;
    QString targetNote() const;

    FaceBoxCanvas* canvas() const { return canvas_; }
    QDoubleSpinBox* coordinateField(int index) const { return fields_[index]; }  // x1, y1, x2, y2
    QComboBox* presetBox() const { return presets_; }

signals:
    void boxChanged(const flashface::pipeline::FaceBox& box);

private:
    void showBox(const pipeline::FaceBox& box);
    void applyFields();
    void applyPreset(int index);

    FaceBoxCanvas* canvas_;
    std::array<QDoubleSpinBox*, 4> fields_{};
    QComboBox* presets_;
    QLabel* summary_;
    QLabel* targetNote_;
    bool syncing_ = false;
};

}  // namespace flashface::ui
