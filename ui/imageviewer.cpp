#include "imageviewer.h"

#include "gallerymodel.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QActionGroup>
#include <QLabel>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace flashface::ui {
namespace {
constexpr double kPaneGap = 4;        // between the two panes, side by side
constexpr double kDividerGrip = 8;    // how near the swipe divider a press takes hold of it
}  // namespace

ZoomableImageView::ZoomableImageView(QWidget* parent) : QWidget(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setMinimumSize(200, 150);
    setAccessibleName(tr("Image"));
}

void ZoomableImageView::setImage(const QImage& image) {
    image_ = image;
    fitToWindow();
}

void ZoomableImageView::setCaption(const QString& caption) {
    caption_ = caption;
    update();
}

void ZoomableImageView::setCompareImage(const QImage& image, const QString& caption) {
    compare_ = image;
    compareCaption_ = caption;
    if (fit_) fitToWindow();  // side by side, each image has half the room
    clampOffset();
    update();
}

void ZoomableImageView::setCompareMode(CompareMode mode) {
    mode_ = mode;
    if (fit_) fitToWindow();
    clampOffset();
    update();
}

void ZoomableImageView::setSwipePosition(double fraction) {
    swipe_ = std::clamp(fraction, 0.0, 1.0);
    update();
}

QSizeF ZoomableImageView::paneSize() const {
    if (comparing() && mode_ == CompareMode::SideBySide) return {std::max(0.0, (width() - kPaneGap) / 2), double(height())};
    return QSizeF(size());
}

QPointF ZoomableImageView::toPane(QPointF p) const {
    const double right = paneSize().width() + kPaneGap;
    if (comparing() && mode_ == CompareMode::SideBySide && p.x() >= right) p.rx() -= right;
    return p;
}

double ZoomableImageView::dividerX() const { return swipe_ * width(); }

// The second image keeps its own shape inside the first's rectangle (a reference crop beside a
// portrait result), in the right-hand pane side by side.
QRectF ZoomableImageView::compareRect() const {
    if (!comparing() || image_.isNull()) return {};
    QRectF rect = imageRect();
    const QSizeF shape = QSizeF(compare_.size()).scaled(rect.size(), Qt::KeepAspectRatio);
    rect = QRectF(rect.center() - QPointF(shape.width() / 2, shape.height() / 2), shape);
    if (mode_ == CompareMode::SideBySide) rect.translate(paneSize().width() + kPaneGap, 0);
    return rect;
}

double ZoomableImageView::fitZoom() const {
    const QSizeF pane = paneSize();
    if (image_.isNull() || pane.width() <= 0 || pane.height() <= 0) return 1;
    // Fitting only shrinks, except tiny images (previews, crops), which fill the window crisply.
    const double fit = std::min(pane.width() / image_.width(), pane.height() / image_.height());
    const bool tiny = image_.width() < 256 && image_.height() < 256;
    return tiny ? fit : std::min(fit, 1.0);
}

void ZoomableImageView::fitToWindow() {
    fit_ = true;
    zoom_ = std::clamp(fitZoom(), kMinZoom, kMaxZoom);
    clampOffset();
    update();
    emit zoomChanged(zoom_);
}

void ZoomableImageView::actualSize() {
    fit_ = false;
    const QPointF centre(paneSize().width() / 2.0, paneSize().height() / 2.0);
    // The image point under the centre stays under it.
    const QPointF imagePoint = (centre - offset_) / zoom_;
    zoom_ = 1;
    offset_ = centre - imagePoint;
    clampOffset();
    update();
    emit zoomChanged(zoom_);
}

void ZoomableImageView::zoomBy(double factor, QPointF anchor) {
    if (image_.isNull()) return;
    if (anchor.x() < 0) anchor = QPointF(paneSize().width() / 2.0, paneSize().height() / 2.0);
    const double zoom = std::clamp(zoom_ * factor, kMinZoom, kMaxZoom);
    const QPointF imagePoint = (anchor - offset_) / zoom_;
    zoom_ = zoom;
    fit_ = false;
    offset_ = anchor - imagePoint * zoom_;
    clampOffset();
    update();
    emit zoomChanged(zoom_);
}

void ZoomableImageView::panBy(QPointF delta) {
    offset_ += delta;
    clampOffset();
    update();
}

// A smaller image is centred; a larger one cannot be dragged past its edges.
void ZoomableImageView::clampOffset() {
    if (image_.isNull()) return;
    const QSizeF shown = QSizeF(image_.size()) * zoom_;
    const auto clampAxis = [](double offset, double shown, double view) {
        if (shown <= view) return (view - shown) / 2;
        return std::clamp(offset, view - shown, 0.0);
    };
    const QSizeF pane = paneSize();
    if (fit_) offset_ = QPointF((pane.width() - shown.width()) / 2, (pane.height() - shown.height()) / 2);
    offset_ = QPointF(clampAxis(offset_.x(), shown.width(), pane.width()),
                      clampAxis(offset_.y(), shown.height(), pane.height()));
}

QRectF ZoomableImageView::imageRect() const {
    return image_.isNull() ? QRectF() : QRectF(offset_, QSizeF(image_.size()) * zoom_);
}

void ZoomableImageView::drawCaption(QPainter& painter, const QString& text, QPointF at) const {
    if (text.isEmpty()) return;
    const QRectF box = QRectF(at, QSizeF(fontMetrics().horizontalAdvance(text) + 12, fontMetrics().height() + 6));
    painter.fillRect(box, QColor(0, 0, 0, 170));
    painter.setPen(Qt::white);
    painter.drawText(box, Qt::AlignCenter, text);
}

void ZoomableImageView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), QColor(32, 32, 32));
    if (image_.isNull()) return;
    // Pixels stay sharp when enlarged (the artist inspects detail); smooth when reduced.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, zoom_ < 1);
    if (!comparing()) {
        painter.drawImage(imageRect(), image_);
        return;
    }
    const QSizeF pane = paneSize();
    if (mode_ == CompareMode::SideBySide) {
        painter.save();
        painter.setClipRect(QRectF(QPointF(0, 0), pane));
        painter.drawImage(imageRect(), image_);
        painter.restore();
        const QRectF right(QPointF(pane.width() + kPaneGap, 0), pane);
        painter.save();
        painter.setClipRect(right);
        painter.drawImage(compareRect(), compare_);
        painter.restore();
        drawCaption(painter, caption_, {6, 6});
        drawCaption(painter, compareCaption_, right.topLeft() + QPointF(6, 6));
        return;
    }
    // Swipe: the first image left of the divider, the second right of it.
    const double divider = dividerX();
    painter.save();
    painter.setClipRect(QRectF(0, 0, divider, height()));
    painter.drawImage(imageRect(), image_);
    painter.restore();
    painter.save();
    painter.setClipRect(QRectF(divider, 0, width() - divider, height()));
    painter.drawImage(compareRect(), compare_);
    painter.restore();
    painter.setPen(QPen(Qt::white, 2));
    painter.drawLine(QPointF(divider, 0), QPointF(divider, height()));
    drawCaption(painter, caption_, {6, 6});
    const QString second = compareCaption_;
    drawCaption(painter, second, {width() - fontMetrics().horizontalAdvance(second) - 18.0, 6});
}

void ZoomableImageView::resizeEvent(QResizeEvent*) {
    if (fit_) zoom_ = std::clamp(fitZoom(), kMinZoom, kMaxZoom);
    clampOffset();
    emit zoomChanged(zoom_);
}

void ZoomableImageView::wheelEvent(QWheelEvent* event) {
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0) zoomBy(std::pow(1.25, steps), toPane(event->position()));
    event->accept();
}

void ZoomableImageView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
    if (comparing() && mode_ == CompareMode::Swipe && std::abs(event->position().x() - dividerX()) <= kDividerGrip) {
        swiping_ = true;
        setCursor(Qt::SplitHCursor);
        return;
    }
    dragging_ = true;
    lastPos_ = event->position();
    setCursor(Qt::ClosedHandCursor);
}

void ZoomableImageView::mouseMoveEvent(QMouseEvent* event) {
    if (swiping_) return setSwipePosition(width() > 0 ? event->position().x() / width() : 0.5);
    if (!dragging_) return;
    panBy(event->position() - lastPos_);
    lastPos_ = event->position();
}

void ZoomableImageView::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return QWidget::mouseReleaseEvent(event);
    dragging_ = swiping_ = false;
    unsetCursor();
}

// Double-click toggles between fit and 1:1 at the clicked point.
void ZoomableImageView::mouseDoubleClickEvent(QMouseEvent* event) {
    if (fit_) zoomBy(1 / zoom_, toPane(event->position()));
    else fitToWindow();
}

ImageViewer::ImageViewer(GalleryModel* model, QWidget* parent)
    : QDialog(parent), model_(model), view_(new ZoomableImageView(this)), status_(new QLabel(this)),
      previous_(new QToolButton(this)), next_(new QToolButton(this)), compare_(new QToolButton(this)) {
    setWindowTitle(tr("Image Viewer"));
    setAttribute(Qt::WA_DeleteOnClose, false);
    auto* fit = new QToolButton(this);
    fit->setText(tr("Fit"));
    fit->setToolTip(tr("Fit the image to the window (0)"));
    auto* actual = new QToolButton(this);
    actual->setText(tr("1:1"));
    actual->setToolTip(tr("Actual pixels (1)"));
    auto* zoomIn = new QToolButton(this);
    zoomIn->setText(QStringLiteral("+"));
    zoomIn->setToolTip(tr("Zoom in (+)"));
    zoomIn->setAccessibleName(tr("Zoom in"));
    auto* zoomOut = new QToolButton(this);
    zoomOut->setText(QStringLiteral("−"));
    zoomOut->setToolTip(tr("Zoom out (−)"));
    zoomOut->setAccessibleName(tr("Zoom out"));
    previous_->setText(QStringLiteral("◀"));
    previous_->setToolTip(tr("Previous image (Left)"));
    previous_->setAccessibleName(tr("Previous image"));
    next_->setText(QStringLiteral("▶"));
    next_->setToolTip(tr("Next image (Right)"));
    next_->setAccessibleName(tr("Next image"));
    auto* save = new QToolButton(this);
    save->setText(tr("Save As…"));
    compare_->setText(tr("Compare"));
    compare_->setToolTip(tr("Compare this image with another result or a reference photo (C)"));
    compare_->setPopupMode(QToolButton::InstantPopup);
    auto* compareMenu = new QMenu(compare_);
    compare_->setMenu(compareMenu);
    connect(compareMenu, &QMenu::aboutToShow, this, &ImageViewer::fillCompareMenu);
    for (QToolButton* b : {fit, actual, zoomIn, zoomOut, previous_, next_, compare_, save}) b->setFocusPolicy(Qt::NoFocus);

    auto* bar = new QHBoxLayout;
    bar->addWidget(previous_);
    bar->addWidget(next_);
    bar->addSpacing(12);
    bar->addWidget(zoomOut);
    bar->addWidget(zoomIn);
    bar->addWidget(actual);
    bar->addWidget(fit);
    bar->addSpacing(12);
    bar->addWidget(compare_);
    bar->addSpacing(12);
    bar->addWidget(status_, 1);
    bar->addWidget(save);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(view_, 1);
    layout->addLayout(bar);

    connect(fit, &QToolButton::clicked, view_, &ZoomableImageView::fitToWindow);
    connect(actual, &QToolButton::clicked, view_, &ZoomableImageView::actualSize);
    connect(zoomIn, &QToolButton::clicked, this, [this] { view_->zoomBy(1.25); });
    connect(zoomOut, &QToolButton::clicked, this, [this] { view_->zoomBy(0.8); });
    connect(previous_, &QToolButton::clicked, this, &ImageViewer::previous);
    connect(next_, &QToolButton::clicked, this, &ImageViewer::next);
    connect(save, &QToolButton::clicked, this, [this] {
        if (row_ >= 0) emit saveAsRequested(row_);
    });
    connect(view_, &ZoomableImageView::zoomChanged, this, &ImageViewer::updateStatus);
    // The same image stays shown while the gallery changes around it.
    connect(model_, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex&, int first, int last) {
        if (row_ >= first) row_ += last - first + 1;
        updateStatus();
    });
    connect(model_, &QAbstractItemModel::rowsRemoved, this, [this](const QModelIndex&, int first, int last) {
        if (row_ > last) row_ -= last - first + 1;
        else if (row_ >= first) return showRow(std::min(first, model_->rowCount() - 1));
        updateStatus();
    });
    connect(model_, &QAbstractItemModel::modelReset, this, [this] { showRow(std::min(row_, model_->rowCount() - 1)); });
    connect(model_, &QAbstractItemModel::dataChanged, this, &ImageViewer::updateStatus);
    resize(900, 760);
}

void ImageViewer::showRow(int row) {
    if (row < 0 || row >= model_->rowCount()) {
        row_ = -1;
        view_->setImage({});
        updateStatus();
        return;
    }
    row_ = row;
    view_->setImage(model_->item(row).fullImage());
    view_->setCaption(model_->item(row).caption());
    updateStatus();
    emit rowShown(row);
}

void ImageViewer::compareWithRow(int row) {
    if (row < 0 || row >= model_->rowCount()) return;
    compareWithImage(model_->item(row).fullImage(), model_->item(row).caption());
}

void ImageViewer::compareWithImage(const QImage& image, const QString& caption) {
    compareName_ = image.isNull() ? QString() : caption;
    view_->setCompareImage(image, caption);
    updateStatus();
}

void ImageViewer::stopComparing() { compareWithImage({}, {}); }

void ImageViewer::setCompareMode(CompareMode mode) {
    view_->setCompareMode(mode);
    updateStatus();
}

// Offered: this image (pinned while the viewer moves on), its neighbours, and the references.
void ImageViewer::fillCompareMenu() {
    QMenu* menu = compare_->menu();
    menu->clear();
    if (row_ >= 0) menu->addAction(tr("Pin This Image (then go to another)"), this, [this] { compareWithRow(row_); });
    if (row_ > 0) menu->addAction(tr("With the Previous Image"), this, [this] { compareWithRow(row_ - 1); });
    if (row_ >= 0 && row_ + 1 < model_->rowCount())
        menu->addAction(tr("With the Next Image"), this, [this] { compareWithRow(row_ + 1); });
    const QList<QPair<QString, QImage>> references = references_ ? references_() : QList<QPair<QString, QImage>>();
    if (!references.isEmpty()) {
        QMenu* refs = menu->addMenu(tr("With a Reference Photo"));
        for (const auto& [label, image] : references)
            refs->addAction(label, this, [this, label, image] { compareWithImage(image, label); });
    }
    menu->addSeparator();
    auto* modes = new QActionGroup(menu);
    for (auto [mode, text] : {std::pair{CompareMode::SideBySide, tr("Side by Side")}, std::pair{CompareMode::Swipe, tr("Swipe")}}) {
        QAction* action = menu->addAction(text, this, [this, mode] { setCompareMode(mode); });
        action->setCheckable(true);
        action->setChecked(view_->compareMode() == mode);
        modes->addAction(action);
    }
    menu->addSeparator();
    menu->addAction(tr("Stop Comparing"), this, &ImageViewer::stopComparing)->setEnabled(view_->comparing());
}

void ImageViewer::next() {
    for (int r = row_ + 1; r < model_->rowCount(); ++r)
        if (!shown_ || shown_(r)) return showRow(r);
}

void ImageViewer::previous() {
    for (int r = row_ - 1; r >= 0; --r)
        if (!shown_ || shown_(r)) return showRow(r);
}

QString ImageViewer::statusText() const { return status_->text(); }

void ImageViewer::updateStatus() {
    previous_->setEnabled(row_ > 0);
    next_->setEnabled(row_ >= 0 && row_ + 1 < model_->rowCount());
    if (row_ < 0 || row_ >= model_->rowCount()) {
        status_->setText(tr("No image"));
        return;
    }
    const GalleryItem& item = model_->item(row_);
    const QString name = item.saved() ? QFileInfo(item.path).fileName() : tr("not saved");
    QString status = (model_->isFavourite(row_) ? QStringLiteral("★ ") : QString()) +
                     tr("%1 of %2 · %3 · seed %4 · %5×%6 · %7%")
                         .arg(row_ + 1)
                         .arg(model_->rowCount())
                         .arg(name)
                         .arg(item.settings.seed)
                         .arg(view_->image().width())
                         .arg(view_->image().height())
                         .arg(qRound(view_->zoom() * 100));
    if (view_->comparing())
        status += QStringLiteral(" · ") + (view_->compareMode() == CompareMode::SideBySide
                                                ? tr("beside %1").arg(compareName_)
                                                : tr("swiping with %1").arg(compareName_));
    status_->setText(status);
    setWindowTitle(tr("%1 — Image Viewer").arg(name));
}

void ImageViewer::keyPressEvent(QKeyEvent* event) {
    const bool zoomedIn = !view_->fitsWindow() && view_->imageRect().width() > view_->paneSize().width() + 1;
    constexpr double kPan = 60;
    switch (event->key()) {
    case Qt::Key_Right:
        if (zoomedIn && !(event->modifiers() & Qt::ControlModifier)) view_->panBy({-kPan, 0});
        else next();
        return;
    case Qt::Key_Left:
        if (zoomedIn && !(event->modifiers() & Qt::ControlModifier)) view_->panBy({kPan, 0});
        else previous();
        return;
    case Qt::Key_Up: view_->panBy({0, kPan}); return;
    case Qt::Key_Down: view_->panBy({0, -kPan}); return;
    case Qt::Key_PageDown: case Qt::Key_Space: next(); return;
    case Qt::Key_PageUp: case Qt::Key_Backspace: previous(); return;
    case Qt::Key_Home:
        for (int r = 0; r < model_->rowCount(); ++r)
            if (!shown_ || shown_(r)) return showRow(r);
        return;
    case Qt::Key_End:
        for (int r = model_->rowCount() - 1; r >= 0; --r)
            if (!shown_ || shown_(r)) return showRow(r);
        return;
    case Qt::Key_Plus: case Qt::Key_Equal: view_->zoomBy(1.25); return;
    case Qt::Key_Minus: view_->zoomBy(0.8); return;
    case Qt::Key_1: view_->actualSize(); return;
    case Qt::Key_0: case Qt::Key_F: view_->fitToWindow(); return;
    case Qt::Key_F11: isFullScreen() ? showNormal() : showFullScreen(); return;
    case Qt::Key_C:
        if (view_->comparing()) stopComparing();
        else compareWithRow(row_);
        return;
    case Qt::Key_M:
        setCompareMode(view_->compareMode() == CompareMode::SideBySide ? CompareMode::Swipe : CompareMode::SideBySide);
        return;
    case Qt::Key_BracketLeft: view_->setSwipePosition(view_->swipePosition() - 0.05); return;
    case Qt::Key_BracketRight: view_->setSwipePosition(view_->swipePosition() + 0.05); return;
    case Qt::Key_Asterisk:
        if (row_ >= 0) model_->setFavourite(row_, !model_->isFavourite(row_));
        return;
    default: break;
    }
    QDialog::keyPressEvent(event);  // Esc closes
}

}  // namespace flashface::ui
