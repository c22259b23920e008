#include "referencepanel.h"

#include "common/error.h"
#include "face/photo.h"
#include "facedetectionservice.h"
#include "identitymix.h"
#include "imageconversion.h"
#include "manualcropdialog.h"
#include "referencecard.h"

#include <QApplication>
#include <QClipboard>
#include <QCoro/QCoroFuture>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QSlider>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace flashface::ui {
namespace {

constexpr int kPreviewSide = 512;

const QStringList& imageSuffixes() {
    static const QStringList suffixes{QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"),
                                      QStringLiteral("webp"), QStringLiteral("bmp"), QStringLiteral("tif"),
                                      QStringLiteral("tiff")};
    return suffixes;
}

QImage previewOf(const Image& photo) {
    return toQImage(photo).scaled(kPreviewSide, kPreviewSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
}

struct LoadedPhoto {
    Image photo;
    QImage preview;
    QString error;
};

LoadedPhoto readPhoto(const QString& path) {
    LoadedPhoto result;
    try {
        result.photo = face::loadPhoto(path.toStdString());
        result.preview = previewOf(result.photo);
    } catch (const std::exception& e) {
        result.error = QString::fromUtf8(e.what());
    }
    return result;
}

}  // namespace

ReferencePanel::ReferencePanel(FaceDetectionService* detection, QWidget* parent)
    : QWidget(parent),
      detection_(detection),
      emptyHint_(new QLabel(this)),
      summary_(new QLabel(this)),
      mixRow_(new QWidget(this)),
      mixSlider_(new QSlider(Qt::Horizontal, mixRow_)),
      mixText_(new QLabel(mixRow_)) {
    setAcceptDrops(true);
    auto* addPhotos = new QPushButton(tr("Add Photos…"), this);
    addPhotos->setToolTip(tr("Photos of the person. More varied photos give better likeness."));
    auto* addFolder = new QPushButton(tr("Add Folder…"), this);
    auto* paste = new QPushButton(tr("Paste"), this);
    paste->setToolTip(tr("Paste an image or image files from the clipboard (Ctrl+V)"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(addPhotos);
    buttons->addWidget(addFolder);
    buttons->addWidget(paste);

    emptyHint_->setText(tr("Drop photos of the person here, or paste them.\n\nOne face per photo works best; "
                           "varied photos (angles, light, expressions) give better likeness."));
    emptyHint_->setWordWrap(true);
    emptyHint_->setAlignment(Qt::AlignCenter);
    emptyHint_->setStyleSheet(QStringLiteral("color: palette(placeholder-text); padding: 24px;"));

    auto* list = new QWidget(this);
    cardLayout_ = new QVBoxLayout(list);
    cardLayout_->setContentsMargins(0, 0, 0, 0);
    cardLayout_->addWidget(emptyHint_);
    cardLayout_->addStretch();
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(list);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    // Identity mixing: the slider's value is person B's share in percent.
    mixSlider_->setRange(qRound((1 - kMaxMixShare) * 100), qRound(kMaxMixShare * 100));
    mixSlider_->setPageStep(10);
    mixSlider_->setToolTip(tr("Mix the two people: left for more of person A, right for more of person B. "
                              "It sets the weights of their photos."));
    mixSlider_->setAccessibleName(tr("Mix A ↔ B"));
    auto* mixLayout = new QHBoxLayout(mixRow_);
    mixLayout->setContentsMargins(0, 0, 0, 0);
    auto* mixLabel = new QLabel(tr("Mix"), mixRow_);
    mixLabel->setBuddy(mixSlider_);
    mixLayout->addWidget(mixLabel);
    mixLayout->addWidget(new QLabel(QStringLiteral("A"), mixRow_));
    mixLayout->addWidget(mixSlider_, 1);
    mixLayout->addWidget(new QLabel(QStringLiteral("B"), mixRow_));
    mixLayout->addWidget(mixText_);
    mixRow_->hide();

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(scroll, 1);
    layout->addWidget(mixRow_);
    layout->addWidget(summary_);

    connect(addPhotos, &QPushButton::clicked, this, [this] {
        const QString filter = tr("Images (%1)").arg(QStringLiteral("*.") + imageSuffixes().join(QStringLiteral(" *.")));
        addFiles(QFileDialog::getOpenFileNames(this, tr("Add Reference Photos"),
                                               QStandardPaths::writableLocation(QStandardPaths::PicturesLocation),
                                               filter));
    });
    connect(addFolder, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Add Reference Folder"));
        if (!folder.isEmpty()) addFiles({folder});
    });
    connect(paste, &QPushButton::clicked, this, &ReferencePanel::pasteFromClipboard);
    pasteShortcut_ = new QShortcut(QKeySequence::Paste, this, this, &ReferencePanel::pasteFromClipboard);
    pasteShortcut_->setContext(Qt::WidgetWithChildrenShortcut);
    connect(mixSlider_, &QSlider::valueChanged, this, [this](int percent) { setMixShare(percent / 100.0); });
    connect(this, &ReferencePanel::referencesChanged, this, [this] {
        updateMix();
        emptyHint_->setVisible(items_.isEmpty());
        const int used = int(references().size());
        summary_->setText(items_.isEmpty() ? QString()
                                           : tr("%1 of %2 references in use").arg(used).arg(items_.size()));
    });
}

void ReferencePanel::setPasteShortcutEnabled(bool enabled) { pasteShortcut_->setEnabled(enabled); }

bool ReferencePanel::isImageFile(const QString& path) {
    return imageSuffixes().contains(QFileInfo(path).suffix().toLower());
}

void ReferencePanel::addFiles(const QStringList& paths) {
    for (const QString& path : paths) {
        const QFileInfo info(path);
        if (info.isDir()) {
            QStringList files;
            for (const QFileInfo& f : QDir(path).entryInfoList(QDir::Files, QDir::Name))
                if (isImageFile(f.fileName())) files.append(f.absoluteFilePath());
            if (files.isEmpty()) emit message(tr("No images in %1").arg(QDir::toNativeSeparators(path)));
            addFiles(files);
            continue;
        }
        ReferenceItem item;
        item.label = info.fileName();
        item.sourcePath = info.absoluteFilePath();
        const quint64 id = append(std::move(item));
        loadFile(id, info.absoluteFilePath());
    }
}

void ReferencePanel::addStoredFile(const QString& path, const QString& label, const ReferenceChoice& choice) {
    ReferenceItem item;
    item.label = label;
    item.sourcePath = path;
    item.storedPath = path;
    item.weight = std::clamp(choice.weight, kMinReferenceWeight, pipeline::kMaxReferenceWeight);
    item.person = choice.person;
    const quint64 id = append(std::move(item));
    pendingChoices_.insert(id, choice);
    loadFile(id, path);
}

void ReferencePanel::setStoredPath(int index, const QString& path) {
    if (index >= 0 && index < items_.size()) items_[index].storedPath = path;
}

void ReferencePanel::addImage(const QImage& image, const QString& label) {
    ReferenceItem item;
    item.label = label;
    item.photo = toImage(image);
    item.preview = previewOf(item.photo);
    const quint64 id = append(std::move(item));
    detect(id);
}

bool ReferencePanel::pasteFromClipboard() {
    const QMimeData* mime = QApplication::clipboard()->mimeData();
    if (!mime) return false;
    if (mime->hasUrls()) {
        QStringList files;
        for (const QUrl& url : mime->urls())
            if (url.isLocalFile()) files.append(url.toLocalFile());
        if (!files.isEmpty()) {
            addFiles(files);
            return true;
        }
    }
    if (mime->hasImage()) {
        addImage(qvariant_cast<QImage>(mime->imageData()), tr("Pasted image %1").arg(++pasted_));
        return true;
    }
    emit message(tr("The clipboard holds no image."));
    return false;
}

quint64 ReferencePanel::append(ReferenceItem item) {
    item.id = nextId_++;
    const quint64 id = item.id;
    items_.append(std::move(item));
    auto* card = new ReferenceCard(this);
    cards_.append(card);
    cardLayout_->insertWidget(cardLayout_->count() - 1, card);
    connect(card, &ReferenceCard::enabledToggled, this, [this, id](bool on) { setReferenceEnabled(indexOf(id), on); });
    connect(card, &ReferenceCard::removeRequested, this, [this, id] { remove(indexOf(id)); });
    connect(card, &ReferenceCard::faceChosen, this, [this, id](int face) { chooseFace(indexOf(id), face); });
    connect(card, &ReferenceCard::drawBoxRequested, this, [this, id] { drawBox(id); });
    connect(card, &ReferenceCard::clearBoxRequested, this, [this, id] { setManualBox(indexOf(id), std::nullopt); });
    connect(card, &ReferenceCard::weightChanged, this, [this, id](double weight) { setWeight(indexOf(id), weight); });
    connect(card, &ReferenceCard::personChanged, this, [this, id](Person person) { setPerson(indexOf(id), person); });
    refresh(int(items_.size()) - 1);
    return id;
}

int ReferencePanel::indexOf(quint64 id) const {
    for (int i = 0; i < items_.size(); ++i)
        if (items_[i].id == id) return i;
    return -1;
}

ReferenceCard* ReferencePanel::card(int index) const { return cards_.at(index); }

void ReferencePanel::refresh(int index) {
    if (index < 0) return;
    cards_[index]->setItem(items_[index]);
    emit referencesChanged();
}

bool ReferencePanel::isBusy() const {
    return std::any_of(items_.begin(), items_.end(),
                       [](const ReferenceItem& i) { return i.state == ReferenceItem::State::Loading; });
}

QCoro::Task<> ReferencePanel::loadFile(quint64 id, QString path) {
    QPointer<ReferencePanel> self(this);
    // Decoding a large JPEG takes a moment: off the GUI thread, with the engine's own loader
    // (EXIF orientation applied) so the photo is exactly what the engine would read.
    QFuture<LoadedPhoto> reading = QtConcurrent::run(readPhoto, path);
    LoadedPhoto loaded = co_await reading;  // named: see GalleryModel::loadFolder
    if (!self) co_return;
    const int index = indexOf(id);
    if (index < 0) co_return;
    ReferenceItem& item = items_[index];
    if (!loaded.error.isEmpty()) {
        item.state = ReferenceItem::State::Failed;
        item.message = loaded.error;
        item.enabled = false;
        pendingChoices_.remove(id);
        refresh(index);
        co_return;
    }
    item.photo = std::move(loaded.photo);
    item.preview = std::move(loaded.preview);
    refresh(index);
    QCoro::Task<> detection = detect(id);
    co_await detection;
}

QCoro::Task<> ReferencePanel::detect(quint64 id) {
    QPointer<ReferencePanel> self(this);
    int index = indexOf(id);
    if (index < 0) co_return;
    items_[index].state = ReferenceItem::State::Loading;
    refresh(index);
    QCoro::Task<DetectionResult> detection = detection_->detect(items_[index].photo);
    const DetectionResult result = co_await detection;
    if (!self || (index = indexOf(id)) < 0) co_return;
    ReferenceItem& item = items_[index];
    item.faces = result.faces;
    item.chosenFace = 0;
    if (!result.available) {
        item.state = ReferenceItem::State::Unchecked;
        item.message = tr("Faces not checked: %1 The engine will look for the face when generating.").arg(result.error);
    } else if (!result.error.isEmpty()) {
        item.state = ReferenceItem::State::Failed;
        item.message = result.error;
    } else {
        item.state = item.faces.empty() ? ReferenceItem::State::NoFace : ReferenceItem::State::Ready;
        item.message.clear();
    }
    if (auto choice = pendingChoices_.find(id); choice != pendingChoices_.end()) {
        if (choice->face >= 0 && choice->face < int(item.faces.size())) item.chosenFace = choice->face;
        item.manualBox = choice->manualBox;
        item.enabled = choice->enabled;
        pendingChoices_.erase(choice);
    }
    refresh(index);
}

void ReferencePanel::redetectUnchecked() {
    for (const ReferenceItem& item : items_)
        if (item.state == ReferenceItem::State::Unchecked) detect(item.id);
}

void ReferencePanel::chooseFace(int index, int face) {
    if (index < 0 || face < 0 || face >= int(items_[index].faces.size())) return;
    items_[index].chosenFace = face;
    items_[index].manualBox.reset();
    refresh(index);
}

void ReferencePanel::setReferenceEnabled(int index, bool enabled) {
    if (index < 0) return;
    items_[index].enabled = enabled;
    refresh(index);
}

void ReferencePanel::setManualBox(int index, const std::optional<pipeline::PixelBox>& box) {
    if (index < 0) return;
    items_[index].manualBox = box;
    refresh(index);
}

void ReferencePanel::setWeight(int index, double weight) {
    if (index < 0) return;
    items_[index].weight = std::clamp(weight, kMinReferenceWeight, pipeline::kMaxReferenceWeight);
    refresh(index);
}

void ReferencePanel::setPerson(int index, Person person) {
    if (index < 0) return;
    items_[index].person = person;
    refresh(index);
}

bool ReferencePanel::setWeightsInUse(const std::vector<double>& weights) {
    QList<int> inUse;
    for (int i = 0; i < items_.size(); ++i)
        if (items_[i].usable()) inUse.append(i);
    if (qsizetype(weights.size()) != inUse.size()) return false;
    for (int k = 0; k < inUse.size(); ++k) setWeight(inUse[k], weights[k]);
    return true;
}

std::optional<double> ReferencePanel::mixShare() const { return ui::mixShare(items_); }

void ReferencePanel::setMixShare(double share) {
    if (!mixShare()) return;
    ui::setMixShare(items_, share);
    for (int i = 0; i < items_.size(); ++i) cards_[i]->setItem(items_[i]);
    emit referencesChanged();
}

bool ReferencePanel::mixShown() const { return !mixRow_->isHidden(); }

// The slider follows the weights, however they were set (cards, restored sets, the slider).
void ReferencePanel::updateMix() {
    const std::optional<double> share = mixShare();
    mixRow_->setVisible(share.has_value());
    if (!share) return;
    const int percentB = qRound(*share * 100);
    const QSignalBlocker block(mixSlider_);
    mixSlider_->setValue(percentB);
    mixText_->setText(tr("%1% A · %2% B").arg(100 - percentB).arg(percentB));
}

void ReferencePanel::drawBox(quint64 id) {
    const int index = indexOf(id);
    if (index < 0) return;
    const ReferenceItem& item = items_[index];
    ManualCropDialog dialog(item.preview, QSize(item.photo.width, item.photo.height), item.manualBox, this);
    if (dialog.exec() == QDialog::Accepted && indexOf(id) >= 0) setManualBox(indexOf(id), dialog.box());
}

void ReferencePanel::remove(int index) {
    if (index < 0) return;
    items_.removeAt(index);
    delete cards_.takeAt(index);
    emit referencesChanged();
}

void ReferencePanel::clear() {
    while (!items_.isEmpty()) remove(0);
}

std::vector<pipeline::Reference> ReferencePanel::references() const {
    std::vector<pipeline::Reference> refs;
    for (const ReferenceItem& item : items_)
        if (auto ref = item.toReference()) refs.push_back(std::move(*ref));
    return refs;
}

QStringList ReferencePanel::problems() const {
    QStringList problems;
    for (const ReferenceItem& item : items_) {
        if (!item.enabled || item.usable()) continue;
        if (item.state == ReferenceItem::State::Loading) problems.append(tr("%1: still looking for faces.").arg(item.label));
        else if (item.state == ReferenceItem::State::NoFace)
            problems.append(tr("%1: no face found; draw a face box or disable it.").arg(item.label));
        else problems.append(tr("%1: %2").arg(item.label, item.message));
    }
    return problems;
}

void ReferencePanel::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls() || event->mimeData()->hasImage()) event->acceptProposedAction();
}

void ReferencePanel::dropEvent(QDropEvent* event) {
    const QMimeData* mime = event->mimeData();
    QStringList files;
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile()) files.append(url.toLocalFile());
    if (!files.isEmpty()) addFiles(files);
    else if (mime->hasImage()) addImage(qvariant_cast<QImage>(mime->imageData()), tr("Dropped image"));
    event->acceptProposedAction();
}

}  // namespace flashface::ui
