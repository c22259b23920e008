#include "apppreferences.h"
#include "mainwindow.h"
#include "translation.h"

#include "common/threads.h"

#include <QApplication>
#include <QSettings>

int main(int argc, char** argv) {
    flashface::preferPassiveThreadWaits(argv);  // before Qt or libgomp start any thread
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("FlashFace"));
    QApplication::setApplicationName(QStringLiteral("FlashFace Studio"));
    QApplication::setApplicationVersion(QStringLiteral(FLASHFACE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.flashface.Studio"));  // the installed .desktop file

    QSettings settings;
    flashface::ui::installTranslations(app, flashface::ui::AppPreferences::load(settings).language);

    flashface::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
