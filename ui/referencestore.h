#pragma once

#include "common/image.h"

#include <QJsonArray>
#include <QString>

namespace flashface::ui {

class ReferencePanel;

// Keeps the reference photos of runs, so that "Reuse All Parameters" brings back the references
// too and the reference list survives a restart. Photos are copied into the store (a folder,
// by default under the application's data folder): a photo's file as it is, a pasted image as
// lossless PNG, each named by its content, so each is kept once however many runs use it, and
// a moved or deleted original does not matter. A reference set (the photos in order, with the
// face chosen, a manual box, on/off, the weight and the person) is a JSON file named by its content too; an index maps
// generated images to their set.
class ReferenceStore {
public:
    explicit ReferenceStore(QString folder = {});  // empty: <AppDataLocation>/references

    QString folder() const { return folder_; }

    // The panel's references as a set (photos copied into the store as needed); its id, empty
    // when the panel has none.
    QString keep(ReferencePanel& panel);
    QJsonArray set(const QString& id) const;

    // Replaces the panel's references with the set's; the number of photos restored (photos
    // missing from the store are skipped).
    int restore(const QString& id, ReferencePanel& panel) const;
    static int restore(const QJsonArray& set, ReferencePanel& panel);

    // Which set made an image file.
    void link(const QString& imagePath, const QString& id);
    QString setOf(const QString& imagePath) const;

private:
    QString indexPath() const;
    QString storeFile(const QString& source) const;
    QString storeImage(const Image& photo) const;

    QString folder_;
};

}  // namespace flashface::ui
