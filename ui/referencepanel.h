#pragma once

#include "referenceitem.h"

#include <QHash>
#include <QWidget>

#include <QCoro/QCoroTask>

class QLabel;
class QShortcut;
class QSlider;
class QVBoxLayout;

namespace flashface::ui {

class FaceDetectionService;
class ReferenceCard;

// The reference photos of the person: add them by dropping files or folders, pasting, or the
// buttons; each is searched for faces off the GUI thread and shown with its faces outlined and
// the crop the model will see. Any number of references; each can be disabled or removed, and
// weighed. References of a second person (marked B on their cards) are mixed with the first's
// by one slider, shown while both people have references in use.
class ReferencePanel : public QWidget {
    Q_OBJECT
public:
    explicit ReferencePanel(FaceDetectionService* detection, QWidget* parent = nullptr);

    void addFiles(const QStringList& paths);  // folders are searched for images (not recursively)
    void addImage(const QImage& image, const QString& label);
    // A kept reference (see ReferenceStore): the photo file under its original label, set up as
    // `choice` once its faces are found.
    void addStoredFile(const QString& path, const QString& label, const ReferenceChoice& choice);
    void setStoredPath(int index, const QString& path);
    bool pasteFromClipboard();

    int count() const { return int(items_.size()); }
    const ReferenceItem& item(int index) const { return items_.at(index); }
    ReferenceCard* card(int index) const;
    bool isBusy() const;  // photos still loading or being searched

    void chooseFace(int index, int face);
    void setReferenceEnabled(int index, bool enabled);
    void setManualBox(int index, const std::optional<pipeline::PixelBox>& box);
    void setWeight(int index, double weight);
    void setPerson(int index, Person person);
    // The weights of the references in use, in order, as references() gives them (e.g. from an
    // image's parameters); false, changing nothing, when their number differs.
    bool setWeightsInUse(const std::vector<double>& weights);

    // Person B's share of the weights in use (identity mixing); none unless both people have
    // references in use. Setting it rescales each person's weights (see identitymix.h).
    std::optional<double> mixShare() const;
    void setMixShare(double share);
    QSlider* mixSlider() const { return mixSlider_; }
    bool mixShown() const;
    void remove(int index);
    void clear();
    void redetectUnchecked();  // after the models folder changed

    // The enabled, usable references, in order.
    std::vector<pipeline::Reference> references() const;
    // Sentences about enabled references that cannot be used as they are.
    QStringList problems() const;

    static bool isImageFile(const QString& path);
    // The panel's own Ctrl+V; off where a window-wide Paste action covers it (two shortcuts
    // on one key would cancel each other).
    void setPasteShortcutEnabled(bool enabled);

signals:
    void referencesChanged();
    void message(const QString& text);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    quint64 append(ReferenceItem item);
    int indexOf(quint64 id) const;
    void refresh(int index);
    void updateMix();
    QCoro::Task<> loadFile(quint64 id, QString path);
    QCoro::Task<> detect(quint64 id);
    void drawBox(quint64 id);

    FaceDetectionService* detection_;
    QList<ReferenceItem> items_;
    QList<ReferenceCard*> cards_;
    QVBoxLayout* cardLayout_;
    QLabel* emptyHint_;
    QLabel* summary_;
    QWidget* mixRow_;
    QSlider* mixSlider_;
    QLabel* mixText_;
    QShortcut* pasteShortcut_ = nullptr;
    QHash<quint64, ReferenceChoice> pendingChoices_;  // applied when detection ends
    quint64 nextId_ = 1;
    int pasted_ = 0;
};

}  // namespace flashface::ui
