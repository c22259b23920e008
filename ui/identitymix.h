#pragma once

#include "referenceitem.h"

#include <QList>

#include <optional>

namespace flashface::ui {

// Identity mixing of two people. A reference's weight counts it as that many references in the
// model's reference attention (Reference::weight); the mix is person B's share of the weights of
// the references in use, ΣwB / Σw.

inline constexpr double kMinReferenceWeight = 0.01;  // the weight field's step; the engine needs > 0
inline constexpr double kMaxMixShare = 0.99;         // each person keeps at least 1 % (weights stay > 0)

// B's share, or none unless both people have references in use.
std::optional<double> mixShare(const QList<ReferenceItem>& items);

// Scales each person's weights (of the references in use) so that B's share becomes `share`
// (clamped to [1 − kMaxMixShare, kMaxMixShare]) while the sum of all weights stays the same:
// the ratios within one person are kept, and all weights 1 at an even share stay 1. Nothing
// changes unless both people have references in use.
void setMixShare(QList<ReferenceItem>& items, double share);

}  // namespace flashface::ui
