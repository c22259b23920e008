#include "mainwindow.h"

namespace flashface::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("FlashFace Studio"));
    resize(1280, 800);
}

}  // namespace flashface::ui
