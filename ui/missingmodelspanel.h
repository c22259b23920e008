#pragma once

#include "pipeline/model_files.h"

#include <QFrame>

class QLabel;

namespace flashface::ui {

// Shown while weight files are missing: which files, what each is for, where to put them and
// where to get them. Everything that needs no model keeps working meanwhile.
class MissingModelsPanel : public QFrame {
    Q_OBJECT
public:
    explicit MissingModelsPanel(QWidget* parent = nullptr);

    // Checks `folder` again; returns true when nothing is missing (the panel then hides).
    bool check(const QString& folder);
    const std::vector<pipeline::MissingModelFile>& missing() const { return missing_; }
    QString listText() const;

signals:
    void preferencesRequested();
    void checkRequested();

private:
    QString folder_;
    std::vector<pipeline::MissingModelFile> missing_;
    QLabel* title_;
    QLabel* list_;
};

}  // namespace flashface::ui
