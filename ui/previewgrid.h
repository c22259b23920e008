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

    QSize sizeHint() const override { return {512, 512}; }
    QSize minimumSizeHint() const override { return {160, 140}; }  // never squeezed away by the prompts

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QList<QImage> images_;
    QString caption_;
    QString placeholder_;
};

}  // namespace flashface::ui
