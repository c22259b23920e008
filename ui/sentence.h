#pragma once

#include <QString>

namespace flashface::ui {

// A message from the engine (which writes clauses: "the face is only 16×16 pixels") shown as a
// sentence: capital first letter, closing full stop.
inline QString asSentence(QString text) {
    text = text.trimmed();
    if (text.isEmpty()) return text;
    text[0] = text[0].toUpper();
    const QChar last = text.back();
    if (last != QLatin1Char('.') && last != QLatin1Char('!') && last != QLatin1Char('?') && last != QChar(0x3002))
        text += QLatin1Char('.');
    return text;
}

}  // namespace flashface::ui
