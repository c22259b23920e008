#pragma once

#include <QMainWindow>

namespace flashface::ui {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

}  // namespace flashface::ui
