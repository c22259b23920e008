#include "previewgrid.h"

#include <QContextMenuEvent>
#include <QMouseEvent>
#include <QPainter>

#include <cmath>

namespace flashface::ui {

PreviewGrid::PreviewGrid(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAccessibleName(tr("Preview"));
}

void PreviewGrid::setImages(const QList<QImage>& images, const QString& caption) {
    images_ = images;
    caption_ = caption;
    update();
}

void PreviewGrid::setPlaceholderText(const QString& text) {
    placeholder_ = text;
    update();
}

QRectF PreviewGrid::imageArea() const {
    QRectF area = QRectF(rect()).adjusted(8, 8, -8, -8);
    if (!caption_.isEmpty()) area.setTop(area.top() + fontMetrics().height() + 6);
    return area;
}

// The column count that makes the images largest.
int PreviewGrid::columns(const QRectF& area) const {
    const int n = int(images_.size());
    const QSizeF imageSize = images_.front().size();
    int bestColumns = 1;
    double bestScale = 0;
    for (int columns = 1; columns <= n; ++columns) {
        const int rows = (n + columns - 1) / columns;
        const double scale = std::min(area.width() / columns / imageSize.width(), area.height() / rows / imageSize.height());
        if (scale > bestScale) bestScale = scale, bestColumns = columns;
    }
    return bestColumns;
}

QRectF PreviewGrid::imageRect(int index) const {
    if (index < 0 || index >= images_.size() || images_.front().isNull()) return {};
    const QRectF area = imageArea();
    const int n = int(images_.size());
    const int bestColumns = columns(area);
    const int rows = (n + bestColumns - 1) / bestColumns;
    const QSizeF cell(area.width() / bestColumns, area.height() / rows);
    const QRectF slot(area.left() + (index % bestColumns) * cell.width(), area.top() + (index / bestColumns) * cell.height(),
                      cell.width(), cell.height());
    QSizeF size = QSizeF(images_[index].size()).scaled(slot.size() - QSizeF(6, 6), Qt::KeepAspectRatio);
    QRectF target(QPointF(), size);
    target.moveCenter(slot.center());
    return target;
}

int PreviewGrid::imageAt(QPoint pos) const {
    for (int i = 0; i < images_.size(); ++i)
        if (imageRect(i).contains(pos)) return i;
    return -1;
}

void PreviewGrid::contextMenuEvent(QContextMenuEvent* event) {
    const int index = imageAt(event->pos());
    if (index >= 0) emit imageMenuRequested(index, event->globalPos());
}

void PreviewGrid::mouseDoubleClickEvent(QMouseEvent* event) {
    const int index = imageAt(event->position().toPoint());
    if (index >= 0) emit imageDoubleClicked(index);
}

void PreviewGrid::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base).darker(110));
    const QRectF area = imageArea();
    if (!caption_.isEmpty()) {
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(QRectF(rect()).adjusted(8, 8, -8, -8), Qt::AlignTop | Qt::AlignHCenter, caption_);
    }
    if (images_.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, placeholder_);
        return;
    }
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);  // keep tiny previews crisp
    for (int i = 0; i < images_.size(); ++i) painter.drawImage(imageRect(i), images_[i]);
}

}  // namespace flashface::ui
