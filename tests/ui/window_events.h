#pragma once

// Events the window tests send as a user's actions would.

#include "mainwindow.h"
#include "settingspanel.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QTest>
#include <QUrl>
#include <QWidget>

namespace flashface::ui::events {

// Drops `urls` on the middle of `target`, as a file manager's drag would.
inline void drop(QWidget* target, const QList<QUrl>& urls) {
    QMimeData mime;
    mime.setUrls(urls);
    const QPointF at(target->width() / 2.0, target->height() / 2.0);
    QDragEnterEvent enter(at.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, {});
    QApplication::sendEvent(target, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent dropEvent(at, Qt::CopyAction, &mime, Qt::LeftButton, {});
    QApplication::sendEvent(target, &dropEvent);
}

// Types a small run into the settings panel, as a user would: `side`×`side`, `steps` steps,
// `images` images; everything else stays as the window has it.
inline void chooseRun(MainWindow& window, int side, int steps, int images) {
    pipeline::GenerationSettings settings = window.currentSettings();
    settings.width = settings.height = side;
    settings.steps = steps;
    settings.numImages = images;
    window.settingsPanel()->readFrom(settings);
}

}  // namespace flashface::ui::events
