#include "gallerymodel.h"

#include "imageexport.h"

#include <QCoro/QCoroFuture>
#include <QDir>
#include <QFile>
#include <QIcon>
#include <QMimeData>
#include <QPainter>
#include <QPixmap>
#include <QPointer>
#include <QSettings>
#include <QTemporaryDir>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace flashface::ui {
namespace {

QList<GalleryItem> readFolder(const QString& folder) {
    QList<GalleryItem> items;
    const QFileInfoList files = QDir(folder).entryInfoList({QStringLiteral("*.png")}, QDir::Files, QDir::Time);
    for (const QFileInfo& file : files) {
        GalleryItem item = GalleryItem::fromFile(file.absoluteFilePath());
        if (!item.path.isEmpty()) items.append(std::move(item));
    }
    return items;
}

}  // namespace

GalleryModel::GalleryModel(QObject* parent) : QAbstractListModel(parent) {
    QSettings settings;
    const QStringList favourites = settings.value(QStringLiteral("gallery/favourites")).toStringList();
    favourites_ = QSet<QString>(favourites.begin(), favourites.end());
}

bool GalleryModel::isFavourite(int row) const {
    return row >= 0 && row < items_.size() && items_[row].saved() && favourites_.contains(items_[row].path);
}

bool GalleryModel::setFavourite(int row, bool favourite) {
    if (row < 0 || row >= items_.size() || !items_[row].saved()) return false;
    if (favourite) favourites_.insert(items_[row].path);
    else favourites_.remove(items_[row].path);
    QSettings settings;
    QStringList list(favourites_.begin(), favourites_.end());
    list.sort();
    settings.setValue(QStringLiteral("gallery/favourites"), list);
    const QModelIndex at = index(row);
    emit dataChanged(at, at);
    return true;
}

QCoro::Task<> GalleryModel::loadFolder(QString folder) {
    const quint64 generation = ++generation_;
    folder_ = folder;
    folders_ = {QDir::cleanPath(folder)};
    beginResetModel();
    items_.clear();
    endResetModel();
    QPointer<GalleryModel> self(this);
    // Awaitables are named, never temporaries of the co_await expression: GCC 12 destroys such
    // temporaries twice.
    QFuture<QList<GalleryItem>> reading = QtConcurrent::run(readFolder, folder);
    QList<GalleryItem> loaded = co_await reading;
    if (!self || generation != generation_) co_return;
    // Images generated while the folder was being read are already shown: keep them once.
    loaded.erase(std::remove_if(loaded.begin(), loaded.end(),
                                [this](const GalleryItem& item) { return indexOfPath(item.path) >= 0; }),
                 loaded.end());
    if (!loaded.isEmpty()) {
        beginInsertRows({}, int(items_.size()), int(items_.size() + loaded.size()) - 1);
        items_.append(loaded);
        endInsertRows();
    }
    emit folderLoaded(int(items_.size()));
}

QCoro::Task<> GalleryModel::addFolder(QString folder) {
    folder = QDir::cleanPath(folder);
    folder_ = folder;
    if (!folders_.contains(folder)) folders_.append(folder);
    QPointer<GalleryModel> self(this);
    QFuture<QList<GalleryItem>> reading = QtConcurrent::run(readFolder, folder);  // named: see loadFolder
    QList<GalleryItem> loaded = co_await reading;
    if (!self) co_return;
    loaded.erase(std::remove_if(loaded.begin(), loaded.end(),
                                [this](const GalleryItem& item) { return indexOfPath(item.path) >= 0; }),
                 loaded.end());
    // Merged by time, newest first; unsaved images (which have no file time) keep their place.
    for (GalleryItem& item : loaded) {
        int row = 0;
        while (row < items_.size() && (!items_[row].created.isValid() || items_[row].created >= item.created)) ++row;
        beginInsertRows({}, row, row);
        items_.insert(row, std::move(item));
        endInsertRows();
    }
    emit folderLoaded(int(items_.size()));
}

int GalleryModel::unsavedCount() const {
    return int(std::count_if(items_.begin(), items_.end(), [](const GalleryItem& i) { return !i.saved(); }));
}

void GalleryModel::markSaved(int row, const QString& path) {
    if (row < 0 || row >= items_.size()) return;
    items_[row].path = path;
    items_[row].image = QImage();
    const QModelIndex at = index(row);
    emit dataChanged(at, at);
}

void GalleryModel::prepend(const QList<GalleryItem>& items) {
    if (items.isEmpty()) return;
    beginInsertRows({}, 0, int(items.size()) - 1);
    items_ = items + items_;
    endInsertRows();
}

int GalleryModel::indexOfPath(const QString& path) const {
    for (int i = 0; i < items_.size(); ++i)
        if (items_[i].path == path) return i;
    return -1;
}

bool GalleryModel::removeImage(int row, QString* error) {
    if (row < 0 || row >= items_.size()) return false;
    const QString path = items_[row].path;
    if (QFile::exists(path) && !QFile::moveToTrash(path) && !QFile::remove(path)) {
        if (error) *error = tr("Could not delete %1.").arg(QDir::toNativeSeparators(path));
        return false;
    }
    beginRemoveRows({}, row, row);
    items_.removeAt(row);
    endRemoveRows();
    return true;
}

int GalleryModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(items_.size()); }

QVariant GalleryModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= items_.size()) return {};
    const GalleryItem& item = items_[index.row()];
    switch (role) {
    case Qt::DecorationRole: {
        // An icon, not a pixmap: the view scales icons to its icon size, pixmaps it draws as they are.
        if (item.saved() && !favourites_.contains(item.path)) return QIcon(QPixmap::fromImage(item.thumbnail));
        if (item.saved()) {  // a favourite: a star in the corner
            QPixmap pixmap = QPixmap::fromImage(item.thumbnail);
            QPainter painter(&pixmap);
            QFont font = painter.font();
            font.setPixelSize(std::max(14, pixmap.height() / 7));
            painter.setFont(font);
            const QRect corner(0, 0, pixmap.width() - 4, pixmap.height());
            painter.setPen(QColor(0, 0, 0, 160));
            painter.drawText(corner.translated(1, 1), Qt::AlignTop | Qt::AlignRight, QStringLiteral("★"));
            painter.setPen(QColor(255, 200, 0));
            painter.drawText(corner, Qt::AlignTop | Qt::AlignRight, QStringLiteral("★"));
            painter.end();
            return QIcon(pixmap);
        }
        // Unsaved: a red band says so on the thumbnail itself.
        QPixmap pixmap = QPixmap::fromImage(item.thumbnail);
        QPainter painter(&pixmap);
        const QRect band(0, pixmap.height() - pixmap.height() / 5, pixmap.width(), pixmap.height() / 5);
        painter.fillRect(band, QColor(200, 30, 30, 220));
        painter.setPen(Qt::white);
        QFont font = painter.font();
        font.setBold(true);
        font.setPixelSize(std::max(10, band.height() / 2));
        painter.setFont(font);
        painter.drawText(band, Qt::AlignCenter, tr("Not saved"));
        painter.end();
        return QIcon(pixmap);
    }
    case Qt::ToolTipRole:
        if (!item.saved())
            return tr("%1\nSeed %2 · %3×%4 · %5 steps\nNot saved: right-click and choose Save As… to keep it.")
                .arg(QString::fromStdString(item.settings.prompt).left(200))
                .arg(item.settings.seed)
                .arg(item.settings.width)
                .arg(item.settings.height)
                .arg(item.settings.steps);
        return tr("%1\nSeed %2 · %3×%4 · %5 steps\n%6")
            .arg(QString::fromStdString(item.settings.prompt).left(200))
            .arg(item.settings.seed)
            .arg(item.settings.width)
            .arg(item.settings.height)
            .arg(item.settings.steps)
            .arg(QDir::toNativeSeparators(item.path));
    case Qt::AccessibleTextRole: return QString::fromStdString(item.settings.prompt);
    case PathRole: return item.path;
    case SeedRole: return QVariant::fromValue(item.settings.seed);
    case PromptRole: return QString::fromStdString(item.settings.prompt);
    case SavedRole: return item.saved();
    case FavouriteRole: return item.saved() && favourites_.contains(item.path);
    default: return {};
    }
}

GalleryModel::~GalleryModel() = default;

Qt::ItemFlags GalleryModel::flags(const QModelIndex& index) const {
    const Qt::ItemFlags flags = QAbstractListModel::flags(index);
    return index.isValid() ? flags | Qt::ItemIsDragEnabled : flags;
}

QStringList GalleryModel::mimeTypes() const { return {QStringLiteral("text/uri-list"), QStringLiteral("image/png")}; }

QMimeData* GalleryModel::mimeData(const QModelIndexList& indexes) const {
    QList<QUrl> urls;
    for (const QModelIndex& index : indexes) {
        if (!index.isValid()) continue;
        const GalleryItem& item = items_.at(index.row());
        QString path = item.path;
        if (!item.saved()) {
            if (!dragFolder_) dragFolder_ = std::make_unique<QTemporaryDir>();
            if (!dragFolder_->isValid()) return nullptr;
            path = dragFolder_->filePath(QStringLiteral("flashface-unsaved-%1-%2.png").arg(item.settings.seed).arg(index.row()));
            if (!exportImage(item, path, true).isEmpty()) return nullptr;
        }
        urls.append(QUrl::fromLocalFile(path));
    }
    if (urls.isEmpty()) return nullptr;
    auto* mime = new QMimeData;
    mime->setUrls(urls);
    mime->setImageData(items_.at(indexes.front().row()).fullImage());  // for applications that take pixels
    return mime;
}

}  // namespace flashface::ui
