#include "galleryview.h"

#include "gallerymodel.h"
#include "imageexport.h"

#include <QClipboard>
#include <QContextMenuEvent>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImageReader>
#include <QMenu>
#include <QMessageBox>
#include <QStandardPaths>
#include <QUrl>

#include <algorithm>

namespace flashface::ui {

GalleryView::GalleryView(GalleryModel* model, QWidget* parent) : QListView(parent), model_(model) {
    setModel(model);
    setViewMode(QListView::IconMode);
    setIconSize(QSize(160, 160));
    setGridSize(QSize(172, 172));
    setResizeMode(QListView::Adjust);
    setMovement(QListView::Static);
    setUniformItemSizes(true);
    setSpacing(4);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setAccessibleName(tr("Gallery"));
    // Results are dragged out as files (a file manager, another application); never moved here.
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setDefaultDropAction(Qt::CopyAction);
    connect(this, &QListView::activated, this, [this](const QModelIndex& index) {
        emit imageActivated(index.data(GalleryModel::PathRole).toString());
        emit itemActivated(index.row());
    });
    connect(model, &QAbstractItemModel::rowsInserted, this, &GalleryView::applyFilter);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &GalleryView::applyFilter);
    connect(model, &QAbstractItemModel::modelReset, this, &GalleryView::applyFilter);
    connect(model, &QAbstractItemModel::dataChanged, this, &GalleryView::applyFilter);
}

void GalleryView::contextMenuEvent(QContextMenuEvent* event) {
    const QModelIndex index = indexAt(event->pos());
    if (!index.isValid()) return;
    const int row = index.row();
    const bool saved = model_->item(row).saved();
    QMenu menu(this);
    QAction* save = menu.addAction(tr("Save As…"), this, [this, row] { saveAs(row); });
    if (!saved) menu.setDefaultAction(save);  // the one thing an unsaved image needs
    menu.addAction(tr("View Full Size"), this, [this, row] { emit viewRequested(row); });
    menu.addAction(tr("Copy Image"), this, [this, row] { copyImage(row); });
    menu.addAction(tr("Copy Seed"), this, [this, row] { copySeed(row); });
    menu.addAction(tr("Reuse All Parameters"), this, [this, row] {
        emit reuseRequested(model_->item(row).settings);
        emit reuseItemRequested(row);
    });
    QAction* favourite = menu.addAction(tr("Favourite"), this, [this, row] { toggleFavourite(row); });
    favourite->setCheckable(true);
    favourite->setChecked(model_->isFavourite(row));
    favourite->setEnabled(saved);
    menu.addSeparator();
    menu.addAction(tr("Open Containing Folder"), this, [this, row] { openContainingFolder(row); })->setEnabled(saved);
    menu.addSeparator();
    menu.addAction(saved ? tr("Delete…") : tr("Discard…"), this, [this, row] { deleteImage(row); });
    menu.exec(event->globalPos());
}

// A short gallery strip still shows whole thumbnails (and an unsaved image's red band).
void GalleryView::resizeEvent(QResizeEvent* event) {
    QListView::resizeEvent(event);
    const int side = std::clamp(viewport()->height() - 2 * spacing() - 14, 64, 160);
    if (iconSize().width() != side) {
        setIconSize(QSize(side, side));
        setGridSize(QSize(side + 12, side + 12));
    }
}

void GalleryView::keyPressEvent(QKeyEvent* event) {
    if (event->matches(QKeySequence::Delete) && currentIndex().isValid()) return deleteImage(currentIndex().row());
    if (event->matches(QKeySequence::Copy) && currentIndex().isValid()) return copyImage(currentIndex().row());
    if (event->key() == Qt::Key_Space && currentIndex().isValid()) return emit viewRequested(currentIndex().row());
    if (event->key() == Qt::Key_Asterisk && currentIndex().isValid()) return toggleFavourite(currentIndex().row());
    QListView::keyPressEvent(event);
}

void GalleryView::toggleFavourite(int row) {
    if (!model_->setFavourite(row, !model_->isFavourite(row)))
        emit message(tr("Only saved images can be favourites: use Save As… first."));
}

void GalleryView::setFilter(const QString& text, bool favouritesOnly) {
    filterText_ = text.trimmed();
    favouritesOnly_ = favouritesOnly;
    applyFilter();
}

void GalleryView::applyFilter() {
    for (int row = 0; row < model_->rowCount(); ++row) {
        const QModelIndex index = model_->index(row);
        const bool matches =
            (filterText_.isEmpty() || index.data(GalleryModel::PromptRole).toString().contains(filterText_, Qt::CaseInsensitive)) &&
            (!favouritesOnly_ || model_->isFavourite(row));
        setRowHidden(row, !matches);
    }
    emit shownCountChanged(shownCount(), model_->rowCount());
}

int GalleryView::shownCount() const {
    int shown = 0;
    for (int row = 0; row < model_->rowCount(); ++row) shown += isRowHidden(row) ? 0 : 1;
    return shown;
}

void GalleryView::saveAs(int row) {
    const GalleryItem& item = model_->item(row);
    if (lastExportFolder_.isEmpty())
        lastExportFolder_ = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    const QStringList filters = exportFilters();
    QString selected = filters.first();
    const QString name = item.saved() ? QFileInfo(item.path).fileName()
                                      : QStringLiteral("flashface-%1.png").arg(item.settings.seed);
    // The dialog asks before replacing a file; only then is `replace` passed on.
    const QString chosen = QFileDialog::getSaveFileName(this, tr("Save Image As"), QDir(lastExportFolder_).filePath(name),
                                                        filters.join(QStringLiteral(";;")), &selected);
    if (chosen.isEmpty()) return;
    // A name typed without an extension gets the chosen format's; the dialog did not see that
    // name, so replacing it is asked here.
    const QString target = exportTarget(chosen, selected);
    bool replace = true;
    if (target != chosen && QFileInfo::exists(target))
        replace = QMessageBox::question(this, tr("Save Image As"),
                                        tr("%1 already exists. Replace it?").arg(QDir::toNativeSeparators(target))) ==
                  QMessageBox::Yes;
    if (!replace) return;
    lastExportFolder_ = QFileInfo(target).absolutePath();
    const QString error = saveTo(row, target, true);
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Save Image As"), error);
}

QString GalleryView::saveTo(int row, const QString& target, bool replace) {
    const QString error = exportImage(model_->item(row), target, replace);
    if (!error.isEmpty()) return error;
    if (!model_->item(row).saved()) model_->markSaved(row, QFileInfo(target).absoluteFilePath());
    emit message(tr("Saved %1").arg(QDir::toNativeSeparators(target)));
    return {};
}

void GalleryView::copyImage(int row) {
    QGuiApplication::clipboard()->setImage(model_->item(row).fullImage());
    emit message(tr("Image copied"));
}

void GalleryView::copySeed(int row) {
    QGuiApplication::clipboard()->setText(QString::number(model_->item(row).settings.seed));
    emit message(tr("Seed %1 copied").arg(model_->item(row).settings.seed));
}

bool GalleryView::openContainingFolder(int row) {
    const GalleryItem& item = model_->item(row);
    if (!item.saved()) {
        emit message(tr("This image is not saved yet: use Save As… first."));
        return false;
    }
    const QString folder = QFileInfo(item.path).absolutePath();
    if (QDesktopServices::openUrl(QUrl::fromLocalFile(folder))) return true;
    QGuiApplication::clipboard()->setText(QDir::toNativeSeparators(folder));
    emit message(tr("No file manager could be started to show %1. Its folder's path was copied to the clipboard.")
                     .arg(QDir::toNativeSeparators(item.path)));
    return false;
}

void GalleryView::deleteImage(int row) {
    const GalleryItem& item = model_->item(row);
    const QString name = QFileInfo(item.path).fileName();
    const bool confirmed =
        item.saved() ? QMessageBox::question(this, tr("Delete Image"), tr("Move “%1” to the trash?").arg(name),
                                             QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) == QMessageBox::Yes
                     : QMessageBox::question(this, tr("Discard Image"),
                                             tr("This image was never saved. Discard it for good?"),
                                             QMessageBox::Discard | QMessageBox::Cancel,
                                             QMessageBox::Cancel) == QMessageBox::Discard;
    if (!confirmed) return;
    QString error;
    if (!model_->removeImage(row, &error)) QMessageBox::warning(this, tr("Delete Image"), error);
}

}  // namespace flashface::ui
