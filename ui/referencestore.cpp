#include "referencestore.h"

#include "imageconversion.h"
#include "referencepanel.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageWriter>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace flashface::ui {
namespace {

QJsonObject readJson(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

bool writeAtomically(const QString& path, const QByteArray& bytes) {
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly)) return false;
    out.write(bytes);
    return out.commit();
}

QString photoKey(const Image& photo) {
    QCryptographicHash hash(QCryptographicHash::Sha1);
    const QByteArray size = QByteArray::number(photo.width) + 'x' + QByteArray::number(photo.height);
    hash.addData(size);
    hash.addData(QByteArrayView(reinterpret_cast<const char*>(photo.rgb.data()), qsizetype(photo.rgb.size())));
    return QString::fromLatin1(hash.result().toHex());
}

}  // namespace

ReferenceStore::ReferenceStore(QString folder) : folder_(std::move(folder)) {
    if (folder_.isEmpty())
        folder_ = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("references"));
}

// The photo's own file, copied as it is (fast, and read back by the same loader it gives the
// same pixels), named by its content.
QString ReferenceStore::storeFile(const QString& source) const {
    if (source.isEmpty()) return {};
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly)) return {};
    const QByteArray bytes = in.readAll();
    const QString suffix = QFileInfo(source).suffix().toLower();
    const QString stored = QDir(folder_).filePath(
        QStringLiteral("photos/%1.%2")
            .arg(QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex()),
                 suffix.isEmpty() ? QStringLiteral("img") : suffix));
    if (QFileInfo::exists(stored)) return stored;
    return writeAtomically(stored, bytes) ? stored : QString();
}

// A pasted or dropped image: lossless PNG, named by its pixels.
QString ReferenceStore::storeImage(const Image& photo) const {
    const QString stored = QDir(folder_).filePath(QStringLiteral("photos/%1.png").arg(photoKey(photo)));
    if (QFileInfo::exists(stored)) return stored;
    QSaveFile out(stored);
    if (!out.open(QIODevice::WriteOnly)) return {};
    QImageWriter writer(&out, "png");
    writer.setCompression(1);  // speed over size
    if (!writer.write(toQImage(photo)) || !out.commit()) return {};
    return stored;
}

QString ReferenceStore::indexPath() const { return QDir(folder_).filePath(QStringLiteral("index.json")); }

QString ReferenceStore::keep(ReferencePanel& panel) {
    QJsonArray entries;
    QDir().mkpath(QDir(folder_).filePath(QStringLiteral("photos")));
    QDir().mkpath(QDir(folder_).filePath(QStringLiteral("sets")));
    for (int i = 0; i < panel.count(); ++i) {
        const ReferenceItem& item = panel.item(i);
        if (item.photo.empty()) continue;  // not read yet, or unreadable
        QString stored = item.storedPath;
        if (stored.isEmpty() || !QFileInfo::exists(stored)) {
            stored = storeFile(item.sourcePath);
            if (stored.isEmpty()) stored = storeImage(item.photo);
            if (stored.isEmpty()) continue;
            panel.setStoredPath(i, stored);
        }
        QJsonObject entry{{QStringLiteral("photo"), QFileInfo(stored).fileName()},
                          {QStringLiteral("label"), item.label},
                          {QStringLiteral("face"), item.chosenFace},
                          {QStringLiteral("enabled"), item.enabled},
                          {QStringLiteral("weight"), item.weight},
                          {QStringLiteral("person"), item.person == Person::B ? QStringLiteral("B") : QStringLiteral("A")}};
        if (item.manualBox)
            entry.insert(QStringLiteral("box"), QJsonArray{item.manualBox->x1, item.manualBox->y1, item.manualBox->x2,
                                                           item.manualBox->y2});
        entries.append(entry);
    }
    if (entries.isEmpty()) return {};
    const QByteArray json = QJsonDocument(entries).toJson(QJsonDocument::Compact);
    const QString id = QString::fromLatin1(QCryptographicHash::hash(json, QCryptographicHash::Sha1).toHex().left(20));
    const QString path = QDir(folder_).filePath(QStringLiteral("sets/%1.json").arg(id));
    if (!QFileInfo::exists(path) && !writeAtomically(path, json)) return {};
    return id;
}

QJsonArray ReferenceStore::set(const QString& id) const {
    if (id.isEmpty()) return {};
    QFile file(QDir(folder_).filePath(QStringLiteral("sets/%1.json").arg(id)));
    if (!file.open(QIODevice::ReadOnly)) return {};
    QJsonArray entries = QJsonDocument::fromJson(file.readAll()).array();
    // Photos by absolute path from here on.
    for (qsizetype i = 0; i < entries.size(); ++i) {
        QJsonObject entry = entries[i].toObject();
        entry.insert(QStringLiteral("photo"),
                     QDir(folder_).filePath(QStringLiteral("photos/") + entry.value(QStringLiteral("photo")).toString()));
        entries[i] = entry;
    }
    return entries;
}

int ReferenceStore::restore(const QString& id, ReferencePanel& panel) const { return restore(set(id), panel); }

int ReferenceStore::restore(const QJsonArray& set, ReferencePanel& panel) {
    int restored = 0;
    bool cleared = false;
    for (const QJsonValue& value : set) {
        const QJsonObject entry = value.toObject();
        const QString photo = entry.value(QStringLiteral("photo")).toString();
        if (!QFileInfo::exists(photo)) continue;
        if (!cleared) {
            panel.clear();
            cleared = true;
        }
        ReferenceChoice choice;
        choice.face = entry.value(QStringLiteral("face")).toInt();
        choice.enabled = entry.value(QStringLiteral("enabled")).toBool(true);
        // Sets kept before identity mixing have neither: weight 1, person A.
        choice.weight = entry.value(QStringLiteral("weight")).toDouble(1);
        choice.person = entry.value(QStringLiteral("person")).toString() == QLatin1String("B") ? Person::B : Person::A;
        const QJsonArray box = entry.value(QStringLiteral("box")).toArray();
        if (box.size() == 4) choice.manualBox = pipeline::PixelBox{box[0].toInt(), box[1].toInt(), box[2].toInt(), box[3].toInt()};
        panel.addStoredFile(photo, entry.value(QStringLiteral("label")).toString(), choice);
        ++restored;
    }
    return restored;
}

void ReferenceStore::link(const QString& imagePath, const QString& id) {
    if (imagePath.isEmpty() || id.isEmpty()) return;
    QDir().mkpath(folder_);
    QJsonObject index = readJson(indexPath());
    index.insert(QFileInfo(imagePath).absoluteFilePath(), id);
    writeAtomically(indexPath(), QJsonDocument(index).toJson(QJsonDocument::Compact));
}

QString ReferenceStore::setOf(const QString& imagePath) const {
    if (imagePath.isEmpty()) return {};
    return readJson(indexPath()).value(QFileInfo(imagePath).absoluteFilePath()).toString();
}

}  // namespace flashface::ui
