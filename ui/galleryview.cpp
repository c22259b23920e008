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
    connect(this, &QListView::activated, this, [this](const QModelIndex& index) {
        emit imageActivated(index.data(GalleryModel::PathRole).toString());
    });
}

void GalleryView::contextMenuEvent(QContextMenuEvent* event) {
    const QModelIndex index = indexAt(event->pos());
    if (!index.isValid()) return;
    const int row = index.row();
    QMenu menu(this);
    menu.addAction(tr("Save As…"), this, [this, row] { saveAs(row); });
    menu.addAction(tr("Copy Image"), this, [this, row] { copyImage(row); });
    menu.addAction(tr("Copy Seed"), this, [this, row] { copySeed(row); });
    menu.addAction(tr("Reuse All Parameters"), this, [this, row] { emit reuseRequested(model_->item(row).settings); });
    menu.addSeparator();
    menu.addAction(tr("Open Containing Folder"), this, [this, row] { openContainingFolder(row); });
    menu.addSeparator();
    menu.addAction(tr("Delete…"), this, [this, row] { deleteImage(row); });
    menu.exec(event->globalPos());
}

void GalleryView::keyPressEvent(QKeyEvent* event) {
    if (event->matches(QKeySequence::Delete) && currentIndex().isValid()) return deleteImage(currentIndex().row());
    if (event->matches(QKeySequence::Copy) && currentIndex().isValid()) return copyImage(currentIndex().row());
    QListView::keyPressEvent(event);
}

void GalleryView::saveAs(int row) {
    const GalleryItem& item = model_->item(row);
    if (lastExportFolder_.isEmpty())
        lastExportFolder_ = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    const QStringList filters = exportFilters();
    QString selected = filters.first();
    // The dialog asks before replacing a file; only then is `replace` passed on.
    const QString target = QFileDialog::getSaveFileName(
        this, tr("Save Image As"), QDir(lastExportFolder_).filePath(QFileInfo(item.path).fileName()),
        filters.join(QStringLiteral(";;")), &selected);
    if (target.isEmpty()) return;
    lastExportFolder_ = QFileInfo(target).absolutePath();
    const QString error = exportImage(item, target, true);
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Save Image As"), error);
    else emit message(tr("Saved %1").arg(QDir::toNativeSeparators(target)));
}

void GalleryView::copyImage(int row) {
    QGuiApplication::clipboard()->setImage(QImageReader(model_->item(row).path).read());
    emit message(tr("Image copied"));
}

void GalleryView::copySeed(int row) {
    QGuiApplication::clipboard()->setText(QString::number(model_->item(row).settings.seed));
    emit message(tr("Seed %1 copied").arg(model_->item(row).settings.seed));
}

void GalleryView::openContainingFolder(int row) {
    QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(model_->item(row).path).absolutePath()));
}

void GalleryView::deleteImage(int row) {
    const QString name = QFileInfo(model_->item(row).path).fileName();
    if (QMessageBox::question(this, tr("Delete Image"), tr("Move “%1” to the trash?").arg(name),
                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    QString error;
    if (!model_->removeImage(row, &error)) QMessageBox::warning(this, tr("Delete Image"), error);
}

}  // namespace flashface::ui
