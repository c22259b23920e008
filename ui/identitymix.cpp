#include "identitymix.h"

#include "pipeline/request.h"

#include <algorithm>

namespace flashface::ui {
namespace {

struct Sums {
    double a = 0, b = 0;
};

Sums weightSums(const QList<ReferenceItem>& items) {
    Sums sums;
    for (const ReferenceItem& item : items)
        if (item.usable()) (item.person == Person::B ? sums.b : sums.a) += item.weight;
    return sums;
}

}  // namespace

std::optional<double> mixShare(const QList<ReferenceItem>& items) {
    const Sums sums = weightSums(items);
    if (sums.a <= 0 || sums.b <= 0) return std::nullopt;
    return sums.b / (sums.a + sums.b);
}

void setMixShare(QList<ReferenceItem>& items, double share) {
    const Sums sums = weightSums(items);
    if (sums.a <= 0 || sums.b <= 0) return;
    share = std::clamp(share, 1 - kMaxMixShare, kMaxMixShare);
    const double total = sums.a + sums.b;
    const double scaleA = (1 - share) * total / sums.a, scaleB = share * total / sums.b;
    for (ReferenceItem& item : items) {
        if (!item.usable()) continue;
        const double scaled = item.weight * (item.person == Person::B ? scaleB : scaleA);
        item.weight = std::clamp(scaled, kMinReferenceWeight, pipeline::kMaxReferenceWeight);
    }
}

}  // namespace flashface::ui
