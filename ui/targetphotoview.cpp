#include "targetphotoview.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace flashface::ui {
namespace {

constexpr double kOverlayOpacity = 0.45;
constexpr std::size_t kMaxNumberedFaces = 20;

QColor regionTint() { return QColor(0xff, 0x3b, 0x8d); }

// A region (white = repainted) as the tint, opaque where it is repainted.
QImage tinted(const QImage& region) {
    // White → tint, black → transparent: the region's grey level becomes the alpha.
    QImage out(region.size(), QImage::Format_ARGB32);
    out.fill(regionTint());
    out.setAlphaChannel(region.convertToFormat(QImage::Format_Grayscale8));
    return out.convertToFormat(QImage::Format_ARGB32_Premultiplied);
}

}  // namespace

TargetPhotoView::TargetPhotoView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void TargetPhotoView::setPhoto(const QImage& display, QSize photoSize) {
    display_ = display;
    photoSize_ = photoSize;
    faces_.clear();
    faceRegion_ = {};
    clearMask();
    update();
}

void TargetPhotoView::setFaces(const std::vector<pipeline::FaceCandidate>& faces, int chosen) {
    faces_ = faces;
    chosen_ = chosen;
    update();
}

void TargetPhotoView::setRegion(pipeline::TargetRegion region) {
    region_ = region;
    painting_ = false;
    setCursor(region == pipeline::TargetRegion::Mask ? Qt::CrossCursor : Qt::ArrowCursor);
    update();
}

void TargetPhotoView::setFaceRegion(const QImage& region) {
    faceRegion_ = region.isNull() ? QImage() : tinted(region);
    update();
}

void TargetPhotoView::setMask(const QImage& region) {
    mask_ = tinted(region);
    update();
    emit maskEdited();
}

void TargetPhotoView::clearMask() {
    mask_ = photoSize_.isEmpty() ? QImage() : QImage(photoSize_, QImage::Format_ARGB32_Premultiplied);
    if (!mask_.isNull()) mask_.fill(Qt::transparent);
    update();
}

void TargetPhotoView::setBrush(int radius, bool erase) {
    brushRadius_ = std::max(1, radius);
    erase_ = erase;
}

QRectF TargetPhotoView::photoRect() const {
    if (photoSize_.isEmpty()) return {};
    const QSizeF fitted = QSizeF(photoSize_).scaled(QSizeF(size()), Qt::KeepAspectRatio);
    QRectF r(QPointF(), fitted);
    r.moveCenter(QRectF(rect()).center());
    return r;
}

QPointF TargetPhotoView::toWidget(QPointF photoPos) const {
    const QRectF p = photoRect();
    const double s = p.width() / photoSize_.width();
    return p.topLeft() + photoPos * s;
}

QPointF TargetPhotoView::toPhoto(QPointF widgetPos) const {
    const QRectF p = photoRect();
    const double s = photoSize_.width() / p.width();
    return (widgetPos - p.topLeft()) * s;
}

QRectF TargetPhotoView::faceRect(int index) const {
    const pipeline::FaceCandidate& f = faces_.at(index);
    return QRectF(toWidget(QPointF(f.x1, f.y1)), toWidget(QPointF(f.x2, f.y2)));
}

int TargetPhotoView::faceAt(QPointF pos) const {
    // Smallest containing box wins, so a face inside a larger (false) detection stays pickable.
    int best = -1;
    for (int i = 0; i < int(faces_.size()); ++i) {
        const QRectF r = faceRect(i);
        if (r.contains(pos) && (best < 0 || r.width() < faceRect(best).width())) best = i;
    }
    return best;
}

void TargetPhotoView::paintStroke(QPointF from, QPointF to) {
    QPainter painter(&mask_);
    // Hard edges: the engine reads the mask as repaint or keep, nothing in between.
    painter.setRenderHint(QPainter::Antialiasing, false);
    if (erase_) painter.setCompositionMode(QPainter::CompositionMode_Clear);
    painter.setPen(QPen(regionTint(), 2.0 * brushRadius_, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    if (from == to)
        painter.drawPoint(to);
    else
        painter.drawLine(from, to);
    painter.end();
    update();
}

void TargetPhotoView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || photoSize_.isEmpty()) return;
    if (region_ == pipeline::TargetRegion::Mask) {
        painting_ = true;
        lastPaint_ = toPhoto(event->position());
        paintStroke(lastPaint_, lastPaint_);
        return;
    }
    const int face = faceAt(event->position());
    if (region_ == pipeline::TargetRegion::Face && face >= 0) emit faceClicked(face);
}

void TargetPhotoView::mouseMoveEvent(QMouseEvent* event) {
    if (painting_) {
        const QPointF at = toPhoto(event->position());
        paintStroke(lastPaint_, at);
        lastPaint_ = at;
        return;
    }
    if (region_ == pipeline::TargetRegion::Mask) update();  // the brush outline follows the pointer
    if (region_ == pipeline::TargetRegion::Face)
        setCursor(faces_.size() > 1 && faceAt(event->position()) >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
}

void TargetPhotoView::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || !painting_) return;
    painting_ = false;
    emit maskEdited();
}

void TargetPhotoView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF photo = photoRect();
    if (photo.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap,
                         tr("Drop the photo to change here, or open or paste it.\n\nIts face (or the part you "
                            "paint) is repainted with the person of the references; the rest stays as it is."));
        return;
    }
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawImage(photo, display_);
    painter.setOpacity(kOverlayOpacity);
    switch (region_) {
    case pipeline::TargetRegion::Whole: painter.fillRect(photo, regionTint()); break;
    case pipeline::TargetRegion::Mask: painter.drawImage(photo, mask_); break;
    case pipeline::TargetRegion::Face:
        if (!faceRegion_.isNull()) painter.drawImage(photo, faceRegion_);
        break;
    }
    painter.setOpacity(1.0);
    if (region_ == pipeline::TargetRegion::Mask) {
        // The brush's reach under the pointer.
        const QPointF cursor = mapFromGlobal(QCursor::pos());
        if (underMouse() && photo.contains(cursor)) {
            const double r = brushRadius_ * photo.width() / photoSize_.width();
            painter.setPen(QPen(palette().color(QPalette::Highlight), 1.5));
            painter.setBrush(Qt::NoBrush);
            painter.drawEllipse(cursor, r, r);
        }
        return;
    }
    if (region_ != pipeline::TargetRegion::Face) return;
    // The chosen face last, so that it is drawn over the others.
    std::vector<int> order;
    for (int i = 0; i < int(faces_.size()); ++i)
        if (i != chosen_) order.push_back(i);
    if (chosen_ < int(faces_.size())) order.push_back(chosen_);
    for (int i : order) {
        const bool chosen = i == chosen_;
        const QColor colour = chosen ? QColor(0x2e, 0xcc, 0x71) : QColor(0xe7, 0x4c, 0x3c);
        const QRectF r = faceRect(i);
        // Many detections (a crowd) are drawn thin and unnumbered, so the photo stays visible.
        const bool crowd = faces_.size() > kMaxNumberedFaces;
        painter.setPen(QPen(colour, chosen ? 2.5 : (crowd ? 0.5 : 1.5)));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(r);
        if (faces_.size() > 1 && !crowd) {
            const QRectF badge(r.left(), r.top() - 16, 18, 16);
            painter.fillRect(badge, colour);
            painter.setPen(Qt::white);
            painter.drawText(badge, Qt::AlignCenter, QString::number(i + 1));
        }
    }
}

}  // namespace flashface::ui
