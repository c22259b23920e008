#include "referencecard.h"

#include "sentence.h"

#include "identitymix.h"
#include "referencephotoview.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QPixmap>
#include <QToolButton>

namespace flashface::ui {
namespace {
constexpr int kCropSide = 96;
}

ReferenceCard::ReferenceCard(QWidget* parent)
    : QFrame(parent),
      photo_(new ReferencePhotoView(this)),
      crop_(new QLabel(this)),
      title_(new QLabel(this)),
      status_(new QLabel(this)),
      enabled_(new QCheckBox(tr("Use"), this)),
      drawBox_(new QToolButton(this)),
      clearBox_(new QToolButton(this)),
      weight_(new QDoubleSpinBox(this)),
      personA_(new QToolButton(this)),
      personB_(new QToolButton(this)) {
    setFrameShape(QFrame::StyledPanel);
    crop_->setFixedSize(kCropSide, kCropSide);
    crop_->setAlignment(Qt::AlignCenter);
    crop_->setToolTip(tr("The face the model will see"));
    crop_->setStyleSheet(QStringLiteral("background: black;"));
    title_->setTextFormat(Qt::PlainText);
    title_->setStyleSheet(QStringLiteral("font-weight: bold;"));
    status_->setWordWrap(true);
    status_->setTextFormat(Qt::PlainText);
    enabled_->setToolTip(tr("Include this reference in the next run"));
    drawBox_->setText(tr("Draw face box…"));
    drawBox_->setToolTip(tr("Mark the face by hand, for photos where none is detected"));
    clearBox_->setText(tr("Clear box"));
    clearBox_->setToolTip(tr("Go back to the detected face"));
    auto* remove = new QToolButton(this);
    remove->setText(QStringLiteral("✕"));
    remove->setToolTip(tr("Remove this reference"));
    remove->setAccessibleName(tr("Remove reference"));

    weight_->setRange(kMinReferenceWeight, pipeline::kMaxReferenceWeight);
    weight_->setDecimals(2);
    weight_->setSingleStep(0.25);
    weight_->setKeyboardTracking(false);  // a value when typed, not per keystroke
    weight_->setToolTip(tr("How much this photo counts: 2 counts as the photo given twice, 0.5 as half"));
    weight_->setAccessibleName(tr("Weight"));
    auto* weightLabel = new QLabel(tr("Weight"), this);
    weightLabel->setBuddy(weight_);
    auto* personLabel = new QLabel(tr("Person"), this);
    const QString personTip = tr("Which person this photo shows. Mark photos of a second person B to mix "
                                 "the two faces with the slider under the references.");
    personLabel->setToolTip(personTip);
    auto* persons = new QButtonGroup(this);
    for (auto [button, person] : {std::pair{personA_, Person::A}, std::pair{personB_, Person::B}}) {
        button->setText(person == Person::A ? QStringLiteral("A") : QStringLiteral("B"));
        button->setAccessibleName(person == Person::A ? tr("Person A") : tr("Person B"));
        button->setCheckable(true);
        button->setToolTip(personTip);
        persons->addButton(button);
        connect(button, &QToolButton::clicked, this, [this, person] { emit personChanged(person); });
    }

    auto* header = new QHBoxLayout;
    header->addWidget(enabled_);
    header->addWidget(title_, 1);
    header->addWidget(remove);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(drawBox_);
    buttons->addWidget(clearBox_);
    buttons->addStretch();
    auto* mixing = new QHBoxLayout;  // compact: the card is as narrow as the photo and its crop
    mixing->setSpacing(4);
    mixing->addWidget(personLabel);
    mixing->addWidget(personA_);
    mixing->addWidget(personB_);
    mixing->addStretch();
    mixing->addWidget(weightLabel);
    mixing->addWidget(weight_);
    auto* layout = new QGridLayout(this);
    layout->addLayout(header, 0, 0, 1, 2);
    layout->addWidget(photo_, 1, 0);
    layout->addWidget(crop_, 1, 1, Qt::AlignTop);
    layout->addWidget(status_, 2, 0, 1, 2);
    layout->addLayout(buttons, 3, 0, 1, 2);
    layout->addLayout(mixing, 4, 0, 1, 2);
    layout->setColumnStretch(0, 1);

    connect(enabled_, &QCheckBox::toggled, this, &ReferenceCard::enabledToggled);
    connect(remove, &QToolButton::clicked, this, &ReferenceCard::removeRequested);
    connect(drawBox_, &QToolButton::clicked, this, &ReferenceCard::drawBoxRequested);
    connect(clearBox_, &QToolButton::clicked, this, &ReferenceCard::clearBoxRequested);
    connect(photo_, &ReferencePhotoView::faceClicked, this, &ReferenceCard::faceChosen);
    connect(weight_, &QDoubleSpinBox::valueChanged, this, &ReferenceCard::weightChanged);
}

QString ReferenceCard::statusText() const { return status_->text(); }

void ReferenceCard::setItem(const ReferenceItem& item) {
    using State = ReferenceItem::State;
    title_->setText(item.label);
    photo_->setItem(item);
    const QImage crop = item.crop();
    crop_->setPixmap(crop.isNull() ? QPixmap()
                                   : QPixmap::fromImage(crop.scaled(kCropSide, kCropSide, Qt::KeepAspectRatio,
                                                                    Qt::SmoothTransformation)));
    {
        const QSignalBlocker block(enabled_);
        enabled_->setChecked(item.enabled);
        const QSignalBlocker blockWeight(weight_);
        weight_->setValue(item.weight);
    }
    personA_->setChecked(item.person == Person::A);
    personB_->setChecked(item.person == Person::B);
    enabled_->setEnabled(item.state != State::Loading && item.state != State::Failed);
    drawBox_->setEnabled(!item.photo.empty());
    clearBox_->setVisible(item.manualBox.has_value());

    QString status;
    bool problem = false;
    switch (item.state) {
    case State::Loading: status = tr("Looking for faces…"); break;
    case State::Failed: status = asSentence(item.message); problem = true; break;
    case State::Unchecked: status = asSentence(item.message); break;
    case State::NoFace:
        status = item.manualBox ? tr("Manual face box.") : tr("No face found. Draw a face box to use this photo.");
        problem = !item.manualBox;
        break;
    case State::Ready:
        if (item.manualBox) status = tr("Manual face box.");
        else if (item.faces.size() > 1)
            status = tr("%1 faces found: using face %2. Click another face to choose it.")
                         .arg(item.faces.size())
                         .arg(item.chosenFace + 1);
        else status = tr("Face found (confidence %1%).").arg(qRound(item.faces.front().score * 100));
        if (!item.manualBox && !item.faces.at(item.chosenFace).warning.empty())
            status += QLatin1Char(' ') + asSentence(QString::fromStdString(item.faces.at(item.chosenFace).warning));
        break;
    }
    status_->setText(status);
    status_->setStyleSheet(problem ? QStringLiteral("color: #d33;") : QString());
    setEnabled(true);
    photo_->setEnabled(item.enabled);
    crop_->setEnabled(item.enabled);
    weight_->setEnabled(item.enabled);
}

}  // namespace flashface::ui
