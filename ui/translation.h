#pragma once

#include <QString>

class QCoreApplication;

namespace flashface::ui {

// Installs the application's translation for `language` ("en", "zh_CN"; empty = the system's)
// and Qt's own for the standard dialogs. Returns the language in use.
QString installTranslations(QCoreApplication& app, const QString& language);

}  // namespace flashface::ui
