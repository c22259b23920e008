#pragma once

#include <QImage>
#include <QList>
#include <QWidget>

namespace flashface::ui {

// The images of the current run, laid out in a grid: the live previews while it runs, the
// results when it ends, or an image picked in the gallery.
class PreviewGrid : public QWidget {
    Q_OBJECT
public:
    explicit PreviewGrid(QWidget* parent = nullptr);

    void setImages(const QList<QImage>& images, const QString& caption = {});
    void setPlaceholderText(const QString& text);
    const QList<QImage>& images() const { return images_; }
    QString caption() const { return caption_; }
    // Which image is drawn at `pos` (widget coordinates); -1 for none.
    int imageAt(QPoint pos) const;
    QRectF imageRect(int index) const;

    QSize sizeHint() const override { return {512, 512}; }
    QSize minimumSizeHint() const override { return {160, 140}; }  // never squeezed away by the prompts

signals:
    // A right click on image `index` (the owner offers Save As… and the like).
    void imageMenuRequested(int index, QPoint globalPos);
    void imageDoubleClicked(int index);

protected:
    void paintEvent(QPaintEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    QRectF imageArea() const;
    int columns(const QRectF& area) const;

    QList<QImage> images_;
    QString caption_;
    QString placeholder_;
};

}  // namespace flashface::ui
