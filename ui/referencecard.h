#pragma once

#include "referenceitem.h"

#include <QFrame>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QToolButton;

namespace flashface::ui {

class ReferencePhotoView;

// One reference in the panel: the photo with its faces, the crop the model will see, its
// state, and controls to enable, remove, draw a manual face box, weigh it, and say which of two
// people it shows (for identity mixing).
class ReferenceCard : public QFrame {
    Q_OBJECT
public:
    explicit ReferenceCard(QWidget* parent = nullptr);

    void setItem(const ReferenceItem& item);
    ReferencePhotoView* photoView() const { return photo_; }
    QString statusText() const;
    QDoubleSpinBox* weightField() const { return weight_; }
    QToolButton* personButton(Person person) const { return person == Person::A ? personA_ : personB_; }

signals:
    void enabledToggled(bool enabled);
    void removeRequested();
    void faceChosen(int index);
    void drawBoxRequested();
    void clearBoxRequested();
    void weightChanged(double weight);
    void personChanged(flashface::ui::Person person);

private:
    ReferencePhotoView* photo_;
    QLabel* crop_;
    QLabel* title_;
    QLabel* status_;
    QCheckBox* enabled_;
    QToolButton* drawBox_;
    QToolButton* clearBox_;
    QDoubleSpinBox* weight_;
    QToolButton* personA_;
    QToolButton* personB_;
};

}  // namespace flashface::ui
