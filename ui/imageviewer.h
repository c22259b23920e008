#pragma once

#include <QDialog>
#include <QImage>

#include <functional>

class QLabel;
class QToolButton;

namespace flashface::ui {

class GalleryModel;

// How the viewer compares two images: in two panes side by side, or one over the other with a
// divider that is dragged across (swipe).
enum class CompareMode { SideBySide, Swipe };

// The canvas of the image viewer: the image at any zoom, dragged to pan, the wheel zooming
// about the pointer (Ctrl not needed), or fitted to the window. While comparing, a second
// image is shown with the same zoom and pan (scaled to the first's size, keeping its shape),
// beside it or under a swipe divider.
class ZoomableImageView : public QWidget {
    Q_OBJECT
public:
    explicit ZoomableImageView(QWidget* parent = nullptr);

    void setImage(const QImage& image);  // fits it
    const QImage& image() const { return image_; }
    void setCaption(const QString& caption);  // drawn over the image while comparing

    void setCompareImage(const QImage& image, const QString& caption);  // a null image stops comparing
    const QImage& compareImage() const { return compare_; }
    bool comparing() const { return !compare_.isNull(); }
    void setCompareMode(CompareMode mode);
    CompareMode compareMode() const { return mode_; }
    // Swipe: where the divider stands, as a fraction of the view's width (first image left of it).
    void setSwipePosition(double fraction);
    double swipePosition() const { return swipe_; }
    QRectF compareRect() const;  // where the second image is drawn, widget coordinates

    double zoom() const { return zoom_; }  // 1 = one image pixel per screen pixel
    bool fitsWindow() const { return fit_; }
    void fitToWindow();
    void actualSize();                                 // 1:1, centred on the view's middle
    void zoomBy(double factor, QPointF anchor = {-1, -1});  // anchor in widget coordinates; default the centre
    void panBy(QPointF delta);
    QRectF imageRect() const;  // where the image is drawn, widget coordinates (the left pane's, side by side)
    QSizeF paneSize() const;   // the room one image has: half the width side by side

    static constexpr double kMinZoom = 0.02;
    static constexpr double kMaxZoom = 32;

signals:
    void zoomChanged(double zoom);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    double fitZoom() const;
    void clampOffset();
    double dividerX() const;
    QPointF toPane(QPointF widgetPoint) const;  // side by side, the right pane maps onto the left
    void drawCaption(QPainter& painter, const QString& text, QPointF at) const;

    QImage image_;
    QImage compare_;
    QString caption_, compareCaption_;
    CompareMode mode_ = CompareMode::SideBySide;
    double swipe_ = 0.5;
    bool swiping_ = false;
    double zoom_ = 1;
    QPointF offset_;  // the image's top-left corner, widget coordinates
    bool fit_ = true;
    bool dragging_ = false;
    QPointF lastPos_;
};

// Full-size viewer of the gallery's images: zoom (+, −, wheel), pan (drag, arrows at high
// zoom), 1:1 (1), fit (0 or F); Left/Right, Page Up/Down, Home/End go through the gallery;
// * marks a favourite; F11 full screen; Esc closes. Follows the gallery as images are added
// or removed. Compare (C, or the Compare menu) pins the image shown, or a reference photo, as
// the second image while the first goes on through the gallery; M switches side by side and
// swipe; [ and ] move the swipe divider.
class ImageViewer : public QDialog {
    Q_OBJECT
public:
    explicit ImageViewer(GalleryModel* model, QWidget* parent = nullptr);

    void showRow(int row);
    // Which gallery rows Next/Previous visit (those the gallery's filter shows); all by default.
    void setRowFilter(std::function<bool(int)> shown) { shown_ = std::move(shown); }
    int row() const { return row_; }
    void next();
    void previous();
    ZoomableImageView* view() const { return view_; }
    QString statusText() const;

    // The second image of a comparison: a gallery image, or any image (a reference photo).
    void compareWithRow(int row);
    void compareWithImage(const QImage& image, const QString& caption);
    void stopComparing();
    void setCompareMode(CompareMode mode);
    // The reference photos offered in the Compare menu, asked for when it opens.
    void setReferenceSource(std::function<QList<QPair<QString, QImage>>()> source) { references_ = std::move(source); }
    QToolButton* compareButton() const { return compare_; }

signals:
    void saveAsRequested(int row);
    void rowShown(int row);  // the gallery follows the viewer

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    void updateStatus();
    void fillCompareMenu();

    GalleryModel* model_;
    ZoomableImageView* view_;
    QLabel* status_;
    QToolButton* previous_;
    QToolButton* next_;
    QToolButton* compare_;
    int row_ = -1;
    QString compareName_;  // what the second image is, for the status line
    std::function<bool(int)> shown_;
    std::function<QList<QPair<QString, QImage>>()> references_;
};

}  // namespace flashface::ui
