#include "mainwindow.h"

#include <QApplication>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("FlashFace"));
    QApplication::setApplicationName(QStringLiteral("FlashFace Studio"));
    QApplication::setApplicationVersion(QStringLiteral(FLASHFACE_VERSION));

    flashface::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
