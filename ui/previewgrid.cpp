#include "previewgrid.h"

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

void PreviewGrid::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base).darker(110));
    QRectF area = QRectF(rect()).adjusted(8, 8, -8, -8);
    if (!caption_.isEmpty()) {
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(area, Qt::AlignTop | Qt::AlignHCenter, caption_);
        area.setTop(area.top() + painter.fontMetrics().height() + 6);
    }
    if (images_.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, placeholder_);
        return;
    }
    // The column count that makes the images largest.
    const int n = int(images_.size());
    const QSizeF imageSize = images_.front().size();
    int bestColumns = 1;
    double bestScale = 0;
    for (int columns = 1; columns <= n; ++columns) {
        const int rows = (n + columns - 1) / columns;
        const double scale = std::min(area.width() / columns / imageSize.width(), area.height() / rows / imageSize.height());
        if (scale > bestScale) bestScale = scale, bestColumns = columns;
    }
    const int rows = (n + bestColumns - 1) / bestColumns;
    const QSizeF cell(area.width() / bestColumns, area.height() / rows);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);  // keep tiny previews crisp
    for (int i = 0; i < n; ++i) {
        const QRectF slot(area.left() + (i % bestColumns) * cell.width(), area.top() + (i / bestColumns) * cell.height(),
                          cell.width(), cell.height());
        QSizeF size = QSizeF(images_[i].size()).scaled(slot.size() - QSizeF(6, 6), Qt::KeepAspectRatio);
        QRectF target(QPointF(), size);
        target.moveCenter(slot.center());
        painter.drawImage(target, images_[i]);
    }
}

}  // namespace flashface::ui
