#pragma once

#include "galleryitem.h"

#include <QAbstractListModel>
#include <QSet>

#include <memory>

class QTemporaryDir;
#include <QCoro/QCoroTask>

namespace flashface::ui {

// The generated images of this and earlier sessions, newest first. The output folder is the
// store: every image is a PNG carrying its settings, so nothing else needs saving. Images are
// dragged out as files (to a file manager or another application).
class GalleryModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { PathRole = Qt::UserRole + 1, SeedRole, PromptRole, SavedRole, FavouriteRole };

    explicit GalleryModel(QObject* parent = nullptr);
    ~GalleryModel() override;

    // Replaces the contents with the folder's images, read off the GUI thread.
    QCoro::Task<> loadFolder(QString folder);
    QString folder() const { return folder_; }
    // Adds the folder's images to those shown (earlier folders' and unsaved images stay),
    // newest first; read off the GUI thread.
    QCoro::Task<> addFolder(QString folder);
    QStringList folders() const { return folders_; }

    // Newly generated images, placed first.
    void prepend(const QList<GalleryItem>& items);
    const GalleryItem& item(int row) const { return items_.at(row); }
    int indexOfPath(const QString& path) const;
    int unsavedCount() const;
    // Favourites are kept by file (QSettings "gallery/favourites"); an unsaved image cannot be one.
    bool isFavourite(int row) const;
    bool setFavourite(int row, bool favourite);
    // An unsaved image now saved as `path` (which it is from then on).
    void markSaved(int row, const QString& path);

    // Removes the row and moves its file to the trash (deleted outright where there is none).
    bool removeImage(int row, QString* error = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QStringList mimeTypes() const override;
    // The images' files as URLs, and the first image itself. An unsaved image is first written,
    // with its parameters, to a temporary folder that lasts as long as the gallery; null when
    // it cannot be.
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    Qt::DropActions supportedDragActions() const override { return Qt::CopyAction; }

signals:
    void folderLoaded(int count);

private:
    QString folder_;
    QStringList folders_;
    QSet<QString> favourites_;
    QList<GalleryItem> items_;
    quint64 generation_ = 0;  // a newer loadFolder() supersedes an older one still reading
    mutable std::unique_ptr<QTemporaryDir> dragFolder_;  // unsaved images dragged out
};

}  // namespace flashface::ui
