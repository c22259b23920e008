#pragma once

#include "apppreferences.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace flashface::ui {

// Engine (this computer: models folder, device, precision, threads, reference cache; or a
// remote server: address, token, a connection test), output folder, file name pattern, language.
class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(const AppPreferences& preferences, QWidget* parent = nullptr);

    AppPreferences preferences() const;

    QLineEdit* outputFolderField() const { return outputFolder_; }
    QComboBox* deviceField() const { return device_; }
    QSpinBox* cacheField() const { return cacheMiB_; }
    QDialogButtonBox* buttonBox() const { return buttons_; }
    QRadioButton* localEngineButton() const { return local_; }
    QRadioButton* remoteEngineButton() const { return remote_; }
    QLineEdit* serverUrlField() const { return serverUrl_; }
    QLineEdit* serverTokenField() const { return serverToken_; }
    QPushButton* testConnectionButton() const { return testConnection_; }
    QString connectionResultText() const;
    // Why the output folder cannot take images (shown under it); empty when it can.
    QString outputFolderProblemText() const;

private:
    bool checkOutputFolder();  // shows the problem, if any; true when the folder is usable
    QWidget* folderRow(const QString& title, QLineEdit* edit);  // the edit and a Browse button
    void updateExample();
    void updateEngineFields();
    void testConnection();  // asks the server's /v1/health with the fields as they are

    QRadioButton* local_;
    QRadioButton* remote_;
    QLineEdit* serverUrl_;
    QLineEdit* serverToken_;
    QPushButton* testConnection_;
    QLabel* connectionResult_;
    QWidget* remoteFields_;
    QWidget* localFields_;
    QLineEdit* modelsFolder_;
    QComboBox* device_;
    QComboBox* precision_;
    QSpinBox* threads_;
    QSpinBox* cacheMiB_;
    QLineEdit* outputFolder_;
    QLineEdit* pattern_;
    QLabel* example_;
    QComboBox* language_;
    QLabel* outputProblem_;
    QDialogButtonBox* buttons_;
    QString initialLanguage_;
};

}  // namespace flashface::ui
