#include "gallerymodel.h"

#include <QCoro/QCoroFuture>
#include <QDir>
#include <QFile>
#include <QPixmap>
#include <QPointer>
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

GalleryModel::GalleryModel(QObject* parent) : QAbstractListModel(parent) {}

QCoro::Task<> GalleryModel::loadFolder(QString folder) {
    const quint64 generation = ++generation_;
    folder_ = folder;
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
    case Qt::DecorationRole: return QPixmap::fromImage(item.thumbnail);
    case Qt::ToolTipRole:
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
    default: return {};
    }
}

}  // namespace flashface::ui
