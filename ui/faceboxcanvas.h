#pragma once

#include "pipeline/request.h"

#include <QImage>
#include <QWidget>

namespace flashface::ui {

// A frame with the output's aspect ratio on which the user draws, moves and resizes a box
// (normalised coordinates). Drag on empty space draws, drag inside moves, the handles resize,
// Delete or Backspace clears. Optionally shows the square the model really uses, and a
// background photo (the same widget serves as the manual crop editor of a reference).
class FaceBoxCanvas : public QWidget {
    Q_OBJECT
public:
    explicit FaceBoxCanvas(QWidget* parent = nullptr);

    pipeline::FaceBox box() const { return box_; }
    void setBox(const pipeline::FaceBox& box);
    void clearBox();

    QSize outputSize() const { return output_; }
    void setOutputSize(QSize size);
    void setBackground(const QImage& image);
    void setShowsEffectiveSquare(bool show);
    void setPlaceholderText(const QString& text);

    // Where the output frame is drawn, in widget coordinates.
    QRectF frameRect() const;
    // Where the "face area" label of the effective square is drawn: inside the square when it
    // fits, else beside it; always whole within the widget. Empty when none is shown.
    QRectF faceAreaLabelRect() const;
    QString faceAreaLabel() const;

    QSize sizeHint() const override { return {320, 320}; }
    QSize minimumSizeHint() const override { return {180, 180}; }

signals:
    void boxChanged(const flashface::pipeline::FaceBox& box);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    // Edges a drag moves, as bit flags; all four = move the whole box.
    enum Edge { Left = 1, Top = 2, Right = 4, Bottom = 8, Whole = 15 };

    QPointF toUnit(QPointF widgetPos) const;
    QRectF toWidget(const QRectF& unitRect) const;
    int edgesAt(QPointF widgetPos) const;
    void updateCursor(QPointF widgetPos);
    void setBoxInternal(const pipeline::FaceBox& box);

    pipeline::FaceBox box_{};
    QSize output_{768, 768};
    QImage background_;
    QString placeholder_;
    bool showsEffectiveSquare_ = true;

    bool dragging_ = false;
    int dragEdges_ = 0;         // 0 while drawing a new box
    QPointF pressUnit_;         // press position in unit coordinates
    pipeline::FaceBox boxAtPress_{};
};

}  // namespace flashface::ui
