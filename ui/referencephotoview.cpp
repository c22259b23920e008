#include "referencephotoview.h"

#include <QMouseEvent>
#include <QPainter>

namespace flashface::ui {

ReferencePhotoView::ReferencePhotoView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void ReferencePhotoView::setItem(const ReferenceItem& item) {
    preview_ = item.preview;
    photoSize_ = QSize(item.photo.width, item.photo.height);
    faces_ = item.faces;
    chosen_ = item.chosenFace;
    manualBox_ = item.manualBox;
    updateGeometry();
    update();
}

int ReferencePhotoView::heightForWidth(int width) const {
    if (photoSize_.isEmpty()) return width * 3 / 4;
    return std::min(width * photoSize_.height() / photoSize_.width(), 260);
}

QRectF ReferencePhotoView::photoRect() const {
    if (photoSize_.isEmpty()) return {};
    const QSizeF fitted = QSizeF(photoSize_).scaled(QSizeF(size()), Qt::KeepAspectRatio);
    QRectF r(QPointF(), fitted);
    r.moveCenter(QRectF(rect()).center());
    return r;
}

QRectF ReferencePhotoView::toWidget(float x1, float y1, float x2, float y2) const {
    const QRectF p = photoRect();
    const double s = p.width() / photoSize_.width();
    return QRectF(p.left() + x1 * s, p.top() + y1 * s, (x2 - x1) * s, (y2 - y1) * s);
}

QRectF ReferencePhotoView::faceRect(int index) const {
    const pipeline::FaceCandidate& f = faces_.at(index);
    return toWidget(f.x1, f.y1, f.x2, f.y2);
}

int ReferencePhotoView::faceAt(QPointF pos) const {
    // Smallest containing box wins, so a face inside a larger (false) detection stays pickable.
    int best = -1;
    for (int i = 0; i < int(faces_.size()); ++i) {
        const QRectF r = faceRect(i);
        if (r.contains(pos) && (best < 0 || r.width() < faceRect(best).width())) best = i;
    }
    return best;
}

void ReferencePhotoView::mousePressEvent(QMouseEvent* event) {
    const int face = faceAt(event->position());
    if (event->button() == Qt::LeftButton && face >= 0 && faces_.size() > 1) emit faceClicked(face);
}

void ReferencePhotoView::mouseMoveEvent(QMouseEvent* event) {
    setCursor(faces_.size() > 1 && faceAt(event->position()) >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
}

void ReferencePhotoView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF photo = photoRect();
    if (photo.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("Loading…"));
        return;
    }
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawImage(photo, preview_);
    // The chosen face last, so that it is drawn over the others.
    std::vector<int> order;
    for (int i = 0; i < int(faces_.size()); ++i)
        if (i != chosen_) order.push_back(i);
    if (chosen_ < int(faces_.size())) order.push_back(chosen_);
    for (int i : order) {
        const bool chosen = i == chosen_ && !manualBox_;
        const QColor colour = chosen ? QColor(0x2e, 0xcc, 0x71) : QColor(0xe7, 0x4c, 0x3c);
        const QRectF r = faceRect(i);
        painter.setPen(QPen(colour, chosen ? 2.5 : (faces_.size() > 20 ? 0.5 : 1.5)));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(r);
        if (faces_.size() > 1 && faces_.size() <= 20) {
            const QRectF badge(r.left(), r.top() - 16, 18, 16);
            painter.fillRect(badge, colour);
            painter.setPen(Qt::white);
            painter.drawText(badge, Qt::AlignCenter, QString::number(i + 1));
        }
    }
    if (manualBox_) {
        painter.setPen(QPen(palette().color(QPalette::Highlight), 2.5, Qt::DashLine));
        painter.drawRect(toWidget(float(manualBox_->x1), float(manualBox_->y1), float(manualBox_->x2),
                                  float(manualBox_->y2)));
    }
}

}  // namespace flashface::ui
