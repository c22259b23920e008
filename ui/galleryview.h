#pragma once

#include "pipeline/request.h"

#include <QListView>

namespace flashface::ui {

class GalleryModel;

// The gallery's grid of thumbnails, with the context menu artists use on a result: save as,
// copy image, copy seed, reuse all parameters, open containing folder, delete.
class GalleryView : public QListView {
    Q_OBJECT
public:
    explicit GalleryView(GalleryModel* model, QWidget* parent = nullptr);

    void saveAs(int row);
    void copyImage(int row);
    void copySeed(int row);
    void openContainingFolder(int row);
    void deleteImage(int row);  // asks first

signals:
    void reuseRequested(const flashface::GenerationSettings& settings);
    void imageActivated(const QString& path);
    void message(const QString& text);

protected:
    void contextMenuEvent(QContextMenuEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    GalleryModel* model_;
    QString lastExportFolder_;
};

}  // namespace flashface::ui
