#pragma once

#include <QDialog>
#include <QImage>

#include <functional>

class QLabel;
class QToolButton;

namespace flashface::ui {

class GalleryModel;

// The canvas of the image viewer: the image at any zoom, dragged to pan, the wheel zooming
// about the pointer (Ctrl not needed), or fitted to the window.
class ZoomableImageView : public QWidget {
    Q_OBJECT
public:
    explicit ZoomableImageView(QWidget* parent = nullptr);

    void setImage(const QImage& image);  // fits it
    const QImage& image() const { return image_; }

    double zoom() const { return zoom_; }  // 1 = one image pixel per screen pixel
    bool fitsWindow() const { return fit_; }
    void fitToWindow();
    void actualSize();                                 // 1:1, centred on the view's middle
    void zoomBy(double factor, QPointF anchor = {-1, -1});  // anchor in widget coordinates; default the centre
    void panBy(QPointF delta);
    QRectF imageRect() const;  // where the image is drawn, widget coordinates

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

    QImage image_;
    double zoom_ = 1;
    QPointF offset_;  // the image's top-left corner, widget coordinates
    bool fit_ = true;
    bool dragging_ = false;
    QPointF lastPos_;
};

// Full-size viewer of the gallery's images: zoom (+, −, wheel), pan (drag, arrows at high
// zoom), 1:1 (1), fit (0 or F); Left/Right, Page Up/Down, Home/End go through the gallery;
// * marks a favourite; F11 full screen; Esc closes. Follows the gallery as images are added
// or removed.
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

signals:
    void saveAsRequested(int row);

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    void updateStatus();

    GalleryModel* model_;
    ZoomableImageView* view_;
    QLabel* status_;
    QToolButton* previous_;
    QToolButton* next_;
    int row_ = -1;
    std::function<bool(int)> shown_;
};

}  // namespace flashface::ui
