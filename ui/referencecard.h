#pragma once

#include "referenceitem.h"

#include <QFrame>

class QCheckBox;
class QLabel;
class QToolButton;

namespace flashface::ui {

class ReferencePhotoView;

// One reference in the panel: the photo with its faces, the crop the model will see, its
// state, and controls to enable, remove, or draw a manual face box.
class ReferenceCard : public QFrame {
    Q_OBJECT
public:
    explicit ReferenceCard(QWidget* parent = nullptr);

    void setItem(const ReferenceItem& item);
    ReferencePhotoView* photoView() const { return photo_; }
    QString statusText() const;

signals:
    void enabledToggled(bool enabled);
    void removeRequested();
    void faceChosen(int index);
    void drawBoxRequested();
    void clearBoxRequested();

private:
    ReferencePhotoView* photo_;
    QLabel* crop_;
    QLabel* title_;
    QLabel* status_;
    QCheckBox* enabled_;
    QToolButton* drawBox_;
    QToolButton* clearBox_;
};

}  // namespace flashface::ui
