#include "targetpanel.h"

#include "face/photo.h"
#include "facedetectionservice.h"
#include "imageconversion.h"
#include "targetphotoview.h"

#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QClipboard>
#include <QCoro/QCoroFuture>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace flashface::ui {
namespace {

constexpr int kDisplaySide = 1024;      // the photo is drawn from a copy at most this large
constexpr int kStrengthSteps = 100;     // the slider's resolution: hundredths
constexpr int kMaxBrushRadius = 512;

struct LoadedImage {
    Image image;
    QString error;
};

LoadedImage readImage(const QString& path) {
    LoadedImage result;
    try {
        result.image = face::loadPhoto(path.toStdString());  // the engine's decoder, EXIF applied
    } catch (const std::exception& e) {
        result.error = QString::fromUtf8(e.what());
    }
    return result;
}

// A mask file read as the engine reads masks (pipeline/target.cpp): the photo's size, and pixels
// of Rec. 601 luminance >= 128 repainted. White where they are, black elsewhere.
LoadedImage readMask(const QString& path, QSize photoSize) {
    LoadedImage loaded = readImage(path);
    if (!loaded.error.isEmpty()) return loaded;
    Image& mask = loaded.image;
    if (QSize(mask.width, mask.height) != photoSize) {
        loaded.error = TargetPanel::tr("The mask is %1×%2 pixels but the photo is %3×%4: draw the mask at the photo's size.")
                           .arg(mask.width)
                           .arg(mask.height)
                           .arg(photoSize.width())
                           .arg(photoSize.height());
        mask = {};
        return loaded;
    }
    for (std::size_t i = 0; i < mask.rgb.size(); i += 3) std::fill_n(&mask.rgb[i], 3, pipeline::repaintsPixel(&mask.rgb[i]) ? 255 : 0);
    return loaded;
}

QString imageFilter() {
    return TargetPanel::tr("Images (%1)").arg(QStringLiteral("*.png *.jpg *.jpeg *.webp *.bmp *.tif *.tiff"));
}

}  // namespace

TargetPanel::TargetPanel(FaceDetectionService* detection, QWidget* parent)
    : QWidget(parent),
      detection_(detection),
      view_(new TargetPhotoView(this)),
      clear_(new QPushButton(tr("Clear"), this)),
      regions_(new QButtonGroup(this)),
      status_(new QLabel(this)),
      offerMask_(new QPushButton(tr("Paint a Mask"), this)),
      offerWhole_(new QPushButton(tr("Whole Picture"), this)) {
    setAcceptDrops(true);
    auto* open = new QPushButton(tr("Open…"), this);
    open->setToolTip(tr("The photo to change: its face (or the part you choose) is repainted, the rest is kept"));
    auto* paste = new QPushButton(tr("Paste"), this);
    paste->setToolTip(tr("Use the image on the clipboard as the photo to change"));
    clear_->setToolTip(tr("No photo to change: generate new pictures"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(open);
    buttons->addWidget(paste);
    buttons->addWidget(clear_);

    status_->setWordWrap(true);
    offerMask_->setToolTip(tr("Paint the part of the photo to repaint"));
    offerWhole_->setToolTip(tr("Rework the whole picture (img2img)"));
    auto* offers = new QHBoxLayout;
    offers->addWidget(offerMask_);
    offers->addWidget(offerWhole_);
    offers->addStretch();

    ownFaceBox_ = new QCheckBox(tr("Use my face box"), this);
    ownFaceBox_->setToolTip(tr("Place the face where the Face Position box says instead of where the repainted "
                               "region is"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(view_, 1);
    layout->addWidget(buildRegionRow());
    layout->addWidget(buildMaskTools());
    layout->addWidget(buildStrengthRow());
    layout->addWidget(ownFaceBox_);
    layout->addWidget(status_);
    layout->addLayout(offers);

    connect(open, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open Photo to Change"), QStandardPaths::writableLocation(QStandardPaths::PicturesLocation),
            imageFilter());
        if (!path.isEmpty()) openFile(path);
    });
    connect(paste, &QPushButton::clicked, this, &TargetPanel::pasteFromClipboard);
    connect(clear_, &QPushButton::clicked, this, &TargetPanel::clear);
    connect(offerMask_, &QPushButton::clicked, this, [this] { setRegion(pipeline::TargetRegion::Mask); });
    connect(offerWhole_, &QPushButton::clicked, this, [this] { setRegion(pipeline::TargetRegion::Whole); });
    connect(ownFaceBox_, &QCheckBox::toggled, this, &TargetPanel::targetChanged);
    connect(view_, &TargetPhotoView::faceClicked, this, &TargetPanel::chooseFace);
    setStrength(pipeline::defaultStrength(region_));
    updateControls();
}

QWidget* TargetPanel::buildRegionRow() {
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Repaint:"), row));
    const struct {
        pipeline::TargetRegion region;
        QString text, tip;
    } choices[] = {
        {pipeline::TargetRegion::Face, tr("Face"), tr("The detected face, with its hair line, ears and chin (face swap)")},
        {pipeline::TargetRegion::Mask, tr("Mask"), tr("The part you paint with the brush, or a mask image (white = repaint)")},
        {pipeline::TargetRegion::Whole, tr("Whole picture"), tr("Everything, keeping the photo's composition and colours (img2img)")},
    };
    for (const auto& choice : choices) {
        auto* button = new QRadioButton(choice.text, row);
        button->setToolTip(choice.tip);
        regions_->addButton(button, int(choice.region));
        layout->addWidget(button);
    }
    layout->addStretch();
    regions_->button(int(region_))->setChecked(true);
    connect(regions_, &QButtonGroup::idClicked, this, [this](int id) { setRegion(pipeline::TargetRegion(id)); });
    return row;
}

QWidget* TargetPanel::buildMaskTools() {
    maskTools_ = new QWidget(this);
    brush_ = new QToolButton(maskTools_);
    brush_->setText(tr("Brush"));
    brush_->setToolTip(tr("Paint the part to repaint"));
    eraser_ = new QToolButton(maskTools_);
    eraser_->setText(tr("Eraser"));
    eraser_->setToolTip(tr("Take parts out of the painted region"));
    for (QToolButton* b : {brush_, eraser_}) b->setCheckable(true);
    auto* tools = new QButtonGroup(maskTools_);
    tools->addButton(brush_);
    tools->addButton(eraser_);
    brush_->setChecked(true);
    brushSize_ = new QSpinBox(maskTools_);
    brushSize_->setRange(1, kMaxBrushRadius);
    brushSize_->setSuffix(tr(" px"));
    brushSize_->setToolTip(tr("Brush radius in pixels of the photo"));
    brushSize_->setAccessibleName(tr("Brush size"));
    auto* load = new QPushButton(tr("Load Mask…"), maskTools_);
    load->setToolTip(tr("A black-and-white image of the photo's size: white is repainted"));
    auto* clearMask = new QPushButton(tr("Clear Mask"), maskTools_);

    auto* layout = new QHBoxLayout(maskTools_);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(brush_);
    layout->addWidget(eraser_);
    layout->addWidget(brushSize_);
    layout->addStretch();
    layout->addWidget(load);
    layout->addWidget(clearMask);

    const auto applyBrush = [this] { view_->setBrush(brushSize_->value(), eraser_->isChecked()); };
    connect(brushSize_, &QSpinBox::valueChanged, this, applyBrush);
    connect(tools, &QButtonGroup::buttonToggled, this, applyBrush);
    connect(load, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Load Mask"), QString(), imageFilter());
        if (!path.isEmpty()) loadMaskFile(path);
    });
    connect(clearMask, &QPushButton::clicked, view_, &TargetPhotoView::clearMask);
    return maskTools_;
}

QWidget* TargetPanel::buildStrengthRow() {
    auto* row = new QWidget(this);
    strength_ = new QSlider(Qt::Horizontal, row);
    strength_->setRange(1, kStrengthSteps);
    strength_->setAccessibleName(tr("Strength"));
    strength_->setToolTip(tr("How much of the region changes: 1 repaints it from scratch, lower values keep more "
                             "of the photo. Each region has its own default (face and mask 1, whole picture 0.75)."));
    strengthValue_ = new QLabel(row);
    strengthValue_->setMinimumWidth(strengthValue_->fontMetrics().horizontalAdvance(QStringLiteral("0.00")) + 4);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Strength:"), row));
    layout->addWidget(strength_, 1);
    layout->addWidget(strengthValue_);
    connect(strength_, &QSlider::valueChanged, this,
            [this] { strengthValue_->setText(QString::number(strength(), 'f', 2)); });
    return row;
}

std::optional<pipeline::Target> TargetPanel::target() const {
    if (!hasPhoto()) return std::nullopt;
    pipeline::Target target;
    target.image = photo_;
    target.region = region_;
    target.faceIndex = faceIndex_;
    target.strength = strength();
    target.useSettingsFaceBox = region_ != pipeline::TargetRegion::Whole && ownFaceBox_->isChecked();
    target.label = label_.toStdString();
    if (region_ == pipeline::TargetRegion::Mask) {
        // Painted without antialiasing: every pixel is either in the region (opaque) or not.
        const QImage& painted = view_->mask();
        target.mask = Image{painted.width(), painted.height(),
                            std::vector<std::uint8_t>(std::size_t(painted.width()) * painted.height() * 3, 0)};
        for (int y = 0; y < painted.height(); ++y) {
            const auto* line = reinterpret_cast<const QRgb*>(painted.constScanLine(y));
            for (int x = 0; x < painted.width(); ++x)
                if (qAlpha(line[x]) >= 128)
                    std::fill_n(&target.mask.rgb[(std::size_t(y) * painted.width() + x) * 3], 3, std::uint8_t(255));
        }
    }
    return target;
}

QImage TargetPanel::photo() const { return hasPhoto() ? toQImage(photo_) : QImage(); }

QString TargetPanel::statusText() const { return status_->text(); }

QCoro::Task<> TargetPanel::openFile(QString path) {
    QPointer<TargetPanel> self(this);
    ++loading_;
    const quint64 serial = ++serial_;
    setStatus(tr("Loading %1…").arg(QFileInfo(path).fileName()));
    QFuture<LoadedImage> reading = QtConcurrent::run(readImage, path);
    LoadedImage loaded = co_await reading;  // named: see GalleryModel::loadFolder
    if (!self) co_return;
    --loading_;
    if (serial != serial_) co_return;  // another photo came meanwhile
    if (!loaded.error.isEmpty()) {
        setStatus(loaded.error);
        emit message(loaded.error);
        co_return;
    }
    setPhoto(loaded.image, QFileInfo(path).fileName());
}

void TargetPanel::setPhoto(const Image& photo, const QString& label) {
    photo_ = photo;
    label_ = label;
    faces_.clear();
    faceIndex_ = 0;
    ++serial_;
    const QImage full = toQImage(photo);
    const QImage display = std::max(photo.width, photo.height) > kDisplaySide
                               ? full.scaled(kDisplaySide, kDisplaySide, Qt::KeepAspectRatio, Qt::SmoothTransformation)
                               : full;
    view_->setPhoto(display, photoSize());
    // A brush that covers about a tenth of the shorter side: a face in a few strokes.
    brushSize_->setValue(std::clamp(std::min(photo.width, photo.height) / 20, 1, kMaxBrushRadius));
    updateControls();
    emit targetChanged();
    findFaces();
}

void TargetPanel::pasteFromClipboard() {
    const QMimeData* mime = QApplication::clipboard()->mimeData();
    if (mime && mime->hasUrls())
        for (const QUrl& url : mime->urls())
            if (url.isLocalFile()) {
                openFile(url.toLocalFile());
                return;
            }
    const QImage image = QApplication::clipboard()->image();
    if (image.isNull()) {
        emit message(tr("The clipboard holds no image."));
        return;
    }
    setPhoto(toImage(image), tr("Pasted image"));
}

void TargetPanel::clear() {
    photo_ = {};
    label_.clear();
    faces_.clear();
    faceIndex_ = 0;
    ++serial_;
    view_->setPhoto({}, {});
    updateControls();
    emit targetChanged();
}

void TargetPanel::setRegion(pipeline::TargetRegion region) {
    regions_->button(int(region))->setChecked(true);
    if (region == region_) return;
    region_ = region;
    view_->setRegion(region);
    setStrength(pipeline::defaultStrength(region));
    updateControls();
    emit targetChanged();
    if (region == pipeline::TargetRegion::Face) showFaceRegion();
}

void TargetPanel::chooseFace(int index) {
    if (index < 0 || index >= int(faces_.size()) || index == faceIndex_) return;
    faceIndex_ = index;
    view_->setFaces(faces_, faceIndex_);
    emit targetChanged();
    showFaceRegion();
}

double TargetPanel::strength() const { return double(strength_->value()) / kStrengthSteps; }

void TargetPanel::setStrength(double strength) {
    strength_->setValue(int(std::lround(std::clamp(strength, 0.0, 1.0) * kStrengthSteps)));
    strengthValue_->setText(QString::number(this->strength(), 'f', 2));
}

void TargetPanel::setUsesOwnFaceBox(bool own) { ownFaceBox_->setChecked(own); }

void TargetPanel::setWorkingSide(int side) {
    if (side == workingSide_) return;
    workingSide_ = side;
    if (region_ == pipeline::TargetRegion::Face) showFaceRegion();  // its feathered edge is drawn at this scale
}

void TargetPanel::setBrushRadius(int radius) { brushSize_->setValue(radius); }

void TargetPanel::setEraser(bool erase) { (erase ? eraser_ : brush_)->setChecked(true); }

QCoro::Task<bool> TargetPanel::loadMaskFile(QString path) {
    if (!hasPhoto()) {
        setStatus(tr("Open the photo to change first, then its mask."));
        co_return false;
    }
    QPointer<TargetPanel> self(this);
    ++loading_;
    const quint64 serial = serial_;
    QFuture<LoadedImage> reading = QtConcurrent::run(readMask, path, photoSize());
    LoadedImage loaded = co_await reading;  // named: see GalleryModel::loadFolder
    if (!self) co_return false;
    --loading_;
    if (serial != serial_) co_return false;  // the photo changed meanwhile
    if (!loaded.error.isEmpty()) {
        setStatus(tr("Cannot use the mask %1: %2").arg(QFileInfo(path).fileName(), loaded.error));
        co_return false;
    }
    setRegion(pipeline::TargetRegion::Mask);
    view_->setMask(toQImage(loaded.image));
    updateControls();
    co_return true;
}

QCoro::Task<> TargetPanel::findFaces() {
    QPointer<TargetPanel> self(this);
    const quint64 serial = serial_;
    ++detecting_;
    updateControls();
    QCoro::Task<DetectionResult> detection = detection_->detect(photo_);
    const DetectionResult result = co_await detection;
    if (!self) co_return;
    --detecting_;
    if (serial != serial_) co_return;
    faces_ = result.faces;
    faceIndex_ = 0;
    view_->setFaces(faces_, faceIndex_);
    if (!result.available)
        faceStatus_ = tr("Faces not checked: %1 The engine will look for the face when generating.").arg(result.error);
    else if (!result.error.isEmpty())
        faceStatus_ = result.error;
    else if (faces_.empty())
        faceStatus_ = tr("No face was found in this photo. Paint the area to repaint as a mask, or repaint the "
                         "whole picture.");
    else
        faceStatus_ = faces_.size() == 1 ? tr("The face outlined is repainted.")
                                         : tr("%1 faces found: click one to choose which is repainted.")
                                               .arg(faces_.size());
    noFace_ = result.available && result.error.isEmpty() && faces_.empty();
    updateControls();
    co_await showFaceRegion();
}

QCoro::Task<> TargetPanel::showFaceRegion() {
    view_->setFaceRegion({});
    if (region_ != pipeline::TargetRegion::Face || faces_.empty()) co_return;
    QPointer<TargetPanel> self(this);
    const quint64 serial = serial_, request = ++regionSerial_;
    QCoro::Task<RegionResult> making = detection_->region(*target(), workingSide_);
    const RegionResult result = co_await making;
    if (!self || serial != serial_ || request != regionSerial_ || region_ != pipeline::TargetRegion::Face) co_return;
    if (result.error.isEmpty())
        view_->setFaceRegion(toQImage(result.region));
    else
        setStatus(result.error);
}

void TargetPanel::setStatus(const QString& text, bool offerMask) {
    status_->setText(text);
    status_->setVisible(!text.isEmpty());
    offerMask_->setVisible(offerMask);
    offerWhole_->setVisible(offerMask);
}

void TargetPanel::updateControls() {
    const bool photo = hasPhoto();
    clear_->setEnabled(photo);
    maskTools_->setVisible(region_ == pipeline::TargetRegion::Mask);
    maskTools_->setEnabled(photo);
    ownFaceBox_->setEnabled(region_ != pipeline::TargetRegion::Whole);
    if (!photo) return setStatus(isLoading() ? status_->text() : QString());
    switch (region_) {
    case pipeline::TargetRegion::Face:
        setStatus(isDetecting() ? tr("Looking for faces…") : faceStatus_, !isDetecting() && noFace_);
        break;
    case pipeline::TargetRegion::Mask: setStatus(tr("Paint the part to repaint; the rest of the photo stays as it is.")); break;
    case pipeline::TargetRegion::Whole: setStatus(tr("The whole picture is reworked; a lower strength keeps more of it.")); break;
    }
}

void TargetPanel::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls() || event->mimeData()->hasImage()) event->acceptProposedAction();
}

void TargetPanel::dropEvent(QDropEvent* event) {
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile()) {
            openFile(url.toLocalFile());
            event->acceptProposedAction();
            return;
        }
    if (event->mimeData()->hasImage())
        setPhoto(toImage(qvariant_cast<QImage>(event->mimeData()->imageData())), tr("Dropped image"));
    event->acceptProposedAction();
}

}  // namespace flashface::ui
