#pragma once

#include "apppreferences.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace flashface::ui {

// Models folder, device, precision, threads, output folder, file name pattern, language.
class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(const AppPreferences& preferences, QWidget* parent = nullptr);

    AppPreferences preferences() const;

private:
    QWidget* folderRow(const QString& title, QLineEdit* edit);  // the edit and a Browse button
    void updateExample();

    QLineEdit* modelsFolder_;
    QComboBox* device_;
    QComboBox* precision_;
    QSpinBox* threads_;
    QLineEdit* outputFolder_;
    QLineEdit* pattern_;
    QLabel* example_;
    QComboBox* language_;
    QString initialLanguage_;
};

}  // namespace flashface::ui
