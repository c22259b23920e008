#include "referenceitem.h"

#include "imageconversion.h"

namespace flashface::ui {

bool ReferenceItem::usable() const {
    if (!enabled) return false;
    if (manualBox) return state != State::Failed && state != State::Loading;
    return state == State::Ready || state == State::Unchecked;
}

std::optional<pipeline::Reference> ReferenceItem::toReference() const {
    if (!usable()) return std::nullopt;
    pipeline::Reference ref;
    ref.label = label.toStdString();
    ref.weight = weight;
    if (manualBox) {
        ref.image = photo;
        ref.manualBox = manualBox;
    } else if (state == State::Ready) {
        ref.image = faces.at(chosenFace).aligned;
        ref.isCrop = true;
    } else {
        ref.image = photo;
    }
    return ref;
}

QImage ReferenceItem::crop() const {
    if (manualBox) {
        const pipeline::PixelBox& b = *manualBox;
        return toQImage(photo).copy(QRect(QPoint(b.x1, b.y1), QPoint(b.x2 - 1, b.y2 - 1)));
    }
    if (state == State::Ready) return toQImage(faces.at(chosenFace).aligned);
    return {};
}

}  // namespace flashface::ui
