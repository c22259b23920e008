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

    void saveAs(int row);  // asks where
    // Writes the image to `target` (the format by its extension, parameters included); an
    // unsaved image is then the saved file. Returns an error sentence, empty on success.
    QString saveTo(int row, const QString& target, bool replace);
    void copyImage(int row);
    void copySeed(int row);
    // Shows the file in the file manager; where none can be started, says so and copies the
    // folder's path to the clipboard. False when no file manager opened.
    bool openContainingFolder(int row);
    void deleteImage(int row);  // asks first
    void toggleFavourite(int row);

    // Shows only images whose prompt contains `text` (any case), and only favourites if asked.
    void setFilter(const QString& text, bool favouritesOnly);
    bool isShown(int row) const { return !isRowHidden(row); }
    int shownCount() const;

signals:
    void reuseRequested(const flashface::pipeline::GenerationSettings& settings);
    void reuseItemRequested(int row);  // emitted with reuseRequested: the references too
    void imageActivated(const QString& path);
    void itemActivated(int row);
    void viewRequested(int row);  // full size
    void shownCountChanged(int shown, int total);
    void message(const QString& text);

protected:
    void contextMenuEvent(QContextMenuEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void applyFilter();

    GalleryModel* model_;
    QString filterText_;
    bool favouritesOnly_ = false;
    QString lastExportFolder_;
};

}  // namespace flashface::ui
