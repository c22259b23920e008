#include "faceboxcanvas.h"

#include "faceboxgeometry.h"

#include <QFontMetricsF>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace flashface::ui {
namespace {

constexpr double kMargin = 10;
constexpr double kHandle = 7;      // half size of a drawn handle
constexpr double kGrab = 8;        // how far from an edge a press still grabs it
constexpr double kMinDrag = 3;     // a press that moves less than this is a click, not a box

bool sameBox(const pipeline::FaceBox& a, const pipeline::FaceBox& b) {
    return a.x1 == b.x1 && a.y1 == b.y1 && a.x2 == b.x2 && a.y2 == b.y2;
}

}  // namespace

FaceBoxCanvas::FaceBoxCanvas(QWidget* parent) : QWidget(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setPlaceholderText(tr("No face position: the face may appear anywhere.\nDrag to draw a box."));
    setAccessibleName(tr("Face position"));
}

void FaceBoxCanvas::setBox(const pipeline::FaceBox& box) {
    setBoxInternal(box.isNone() ? pipeline::FaceBox{} : normalisedBox(box.x1, box.y1, box.x2, box.y2));
}

void FaceBoxCanvas::clearBox() { setBoxInternal(pipeline::FaceBox{}); }

void FaceBoxCanvas::setBoxInternal(const pipeline::FaceBox& box) {
    if (sameBox(box, box_)) return;
    box_ = box;
    update();
    emit boxChanged(box_);
}

void FaceBoxCanvas::setOutputSize(QSize size) {
    if (size.isEmpty() || size == output_) return;
    output_ = size;
    update();
}

void FaceBoxCanvas::setBackground(const QImage& image) {
    background_ = image;
    if (!image.isNull()) output_ = image.size();
    update();
}

void FaceBoxCanvas::setShowsEffectiveSquare(bool show) {
    showsEffectiveSquare_ = show;
    update();
}

void FaceBoxCanvas::setPlaceholderText(const QString& text) {
    placeholder_ = text;
    update();
}

QRectF FaceBoxCanvas::frameRect() const {
    const QRectF area = QRectF(rect()).adjusted(kMargin, kMargin, -kMargin, -kMargin);
    if (area.isEmpty()) return {};
    const double aspect = double(output_.width()) / output_.height();
    QSizeF size(area.width(), area.width() / aspect);
    if (size.height() > area.height()) size = QSizeF(area.height() * aspect, area.height());
    QRectF frame(QPointF(), size);
    frame.moveCenter(area.center());
    return frame;
}

QString FaceBoxCanvas::faceAreaLabel() const { return tr("face area"); }

QRectF FaceBoxCanvas::faceAreaLabelRect() const {
    if (box_.isNone() || !showsEffectiveSquare_) return {};
    const QRectF square = toWidget(effectiveSquare(box_, output_));
    const QFontMetricsF metrics(font());
    const QSizeF text(metrics.horizontalAdvance(faceAreaLabel()) + 6, metrics.height() + 2);
    // Inside, at the bottom left, when it fits with a small margin.
    QRectF inside(QPointF(square.left() + 3, square.bottom() - 2 - text.height()), text);
    if (square.adjusted(2, 2, -2, -2).contains(inside)) return inside;
    // Else below the square (above it near the bottom edge), kept within the widget.
    const QRectF bounds = QRectF(rect()).adjusted(1, 1, -1, -1);
    QRectF outside(QPointF(square.left(), square.bottom() + 2), text);
    if (outside.bottom() > bounds.bottom()) outside.moveBottom(square.top() - 2);
    if (outside.right() > bounds.right()) outside.moveRight(bounds.right());
    if (outside.left() < bounds.left()) outside.moveLeft(bounds.left());
    if (outside.top() < bounds.top()) outside.moveTop(bounds.top());
    if (outside.bottom() > bounds.bottom()) outside.moveBottom(bounds.bottom());
    return outside;
}

QPointF FaceBoxCanvas::toUnit(QPointF p) const {
    const QRectF f = frameRect();
    return {std::clamp((p.x() - f.left()) / f.width(), 0.0, 1.0),
            std::clamp((p.y() - f.top()) / f.height(), 0.0, 1.0)};
}

QRectF FaceBoxCanvas::toWidget(const QRectF& r) const {
    const QRectF f = frameRect();
    return {f.left() + r.left() * f.width(), f.top() + r.top() * f.height(), r.width() * f.width(),
            r.height() * f.height()};
}

int FaceBoxCanvas::edgesAt(QPointF p) const {
    if (box_.isNone()) return 0;
    const QRectF r = toWidget(toRectF(box_));
    if (!r.adjusted(-kGrab, -kGrab, kGrab, kGrab).contains(p)) return 0;
    int edges = 0;
    if (std::abs(p.x() - r.left()) <= kGrab) edges |= Left;
    else if (std::abs(p.x() - r.right()) <= kGrab) edges |= Right;
    if (std::abs(p.y() - r.top()) <= kGrab) edges |= Top;
    else if (std::abs(p.y() - r.bottom()) <= kGrab) edges |= Bottom;
    if (edges == 0 && r.contains(p)) return Whole;
    return edges;
}

void FaceBoxCanvas::updateCursor(QPointF p) {
    switch (edgesAt(p)) {
    case Whole: setCursor(dragging_ ? Qt::ClosedHandCursor : Qt::OpenHandCursor); break;
    case Left: case Right: setCursor(Qt::SizeHorCursor); break;
    case Top: case Bottom: setCursor(Qt::SizeVerCursor); break;
    case Left | Top: case Right | Bottom: setCursor(Qt::SizeFDiagCursor); break;
    case Right | Top: case Left | Bottom: setCursor(Qt::SizeBDiagCursor); break;
    default: setCursor(Qt::CrossCursor);
    }
}

void FaceBoxCanvas::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
    setFocus(Qt::MouseFocusReason);
    dragging_ = true;
    dragEdges_ = edgesAt(event->position());
    pressUnit_ = toUnit(event->position());
    boxAtPress_ = box_;
    updateCursor(event->position());
}

void FaceBoxCanvas::mouseMoveEvent(QMouseEvent* event) {
    const QPointF p = event->position();
    if (!dragging_) return updateCursor(p);
    const QPointF u = toUnit(p);
    const QRectF frame = frameRect();
    if (dragEdges_ == 0) {
        const QPointF pressWidget(frame.left() + pressUnit_.x() * frame.width(),
                                  frame.top() + pressUnit_.y() * frame.height());
        if ((p - pressWidget).manhattanLength() < kMinDrag) return;
        setBoxInternal(normalisedBox(float(pressUnit_.x()), float(pressUnit_.y()), float(u.x()), float(u.y())));
        return;
    }
    const QPointF d = u - pressUnit_;
    QRectF r = toRectF(boxAtPress_);
    if (dragEdges_ == Whole) {
        // Keep the box's size while moving: clamp the offset, not the corners.
        const double dx = std::clamp(d.x(), -r.left(), 1.0 - r.right());
        const double dy = std::clamp(d.y(), -r.top(), 1.0 - r.bottom());
        r.translate(dx, dy);
    } else {
        if (dragEdges_ & Left) r.setLeft(r.left() + d.x());
        if (dragEdges_ & Right) r.setRight(r.right() + d.x());
        if (dragEdges_ & Top) r.setTop(r.top() + d.y());
        if (dragEdges_ & Bottom) r.setBottom(r.bottom() + d.y());
    }
    setBoxInternal(toFaceBox(r));
}

void FaceBoxCanvas::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || !dragging_) return QWidget::mouseReleaseEvent(event);
    dragging_ = false;
    // A degenerate box (a click, or a resize to nothing) would silently mean "no constraint";
    // keep the previous box instead.
    if (!box_.isNone() && (box_.x2 - box_.x1 <= 0 || box_.y2 - box_.y1 <= 0)) setBoxInternal(boxAtPress_);
    updateCursor(event->position());
}

void FaceBoxCanvas::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) {
        clearBox();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

void FaceBoxCanvas::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF frame = frameRect();
    if (frame.isEmpty()) return;
    const QPalette pal = palette();

    if (!background_.isNull()) {
        painter.drawImage(frame, background_);
    } else {
        painter.fillRect(frame, pal.color(QPalette::Base).darker(115));
        // Thirds help place a face the way photographers do.
        painter.setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DotLine));
        for (int i = 1; i < 3; ++i) {
            const double x = frame.left() + frame.width() * i / 3, y = frame.top() + frame.height() * i / 3;
            painter.drawLine(QPointF(x, frame.top()), QPointF(x, frame.bottom()));
            painter.drawLine(QPointF(frame.left(), y), QPointF(frame.right(), y));
        }
    }
    painter.setPen(QPen(pal.color(QPalette::Mid), 1));
    painter.drawRect(frame);

    const QColor accent = pal.color(QPalette::Highlight);
    if (box_.isNone()) {
        painter.setPen(pal.color(QPalette::Text));
        painter.drawText(frame.adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, placeholder_);
        return;
    }

    if (showsEffectiveSquare_) {
        const QRectF square = toWidget(effectiveSquare(box_, output_));
        QColor fill = accent;
        fill.setAlpha(70);
        painter.fillRect(square, fill);
        painter.setPen(QPen(accent, 2));
        painter.drawRect(square);
        // The label sits inside the square when it fits, else on a plate just outside it.
        const QRectF label = faceAreaLabelRect();
        const bool inside = square.contains(label);
        if (!inside) {
            QColor plate = pal.color(QPalette::Window);
            plate.setAlpha(220);
            painter.fillRect(label, plate);
        }
        painter.setPen(inside ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::WindowText));
        painter.drawText(label, Qt::AlignCenter, faceAreaLabel());
    }

    const QRectF box = toWidget(toRectF(box_));
    painter.setPen(QPen(showsEffectiveSquare_ ? pal.color(QPalette::Text) : accent, 1.5, Qt::DashLine));
    painter.drawRect(box);
    painter.setPen(QPen(pal.color(QPalette::Base), 1));
    painter.setBrush(accent);
    for (const QPointF& c : {box.topLeft(), box.topRight(), box.bottomLeft(), box.bottomRight(),
                             QPointF(box.center().x(), box.top()), QPointF(box.center().x(), box.bottom()),
                             QPointF(box.left(), box.center().y()), QPointF(box.right(), box.center().y())})
        painter.drawRect(QRectF(c.x() - kHandle / 2, c.y() - kHandle / 2, kHandle, kHandle));
}

}  // namespace flashface::ui
