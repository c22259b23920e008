#include "missingmodelspanel.h"

#include "downloaddialog.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QScrollArea>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace flashface::ui {

MissingModelsPanel::MissingModelsPanel(QWidget* parent)
    : QFrame(parent), title_(new QLabel(this)), list_(new QLabel(this)) {
    setFrameShape(QFrame::StyledPanel);
    setObjectName(QStringLiteral("missingModels"));
    setStyleSheet(QStringLiteral("#missingModels { background: palette(alternate-base); border: 1px solid #e0a030; }"));
    title_->setStyleSheet(QStringLiteral("font-weight: bold; font-size: 14px;"));
    title_->setWordWrap(true);
    list_->setTextFormat(Qt::RichText);
    list_->setOpenExternalLinks(true);
    list_->setWordWrap(true);
    list_->setTextInteractionFlags(Qt::TextBrowserInteraction);
    auto* download = new QPushButton(tr("Download…"), this);
    download->setToolTip(tr("Download the missing files into the models folder (resumes if interrupted)"));
    auto* open = new QPushButton(tr("Open Models Folder"), this);
    auto* prefs = new QPushButton(tr("Choose Models Folder…"), this);
    auto* again = new QPushButton(tr("Check Again"), this);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(download);
    buttons->addWidget(open);
    buttons->addWidget(prefs);
    buttons->addStretch();
    buttons->addWidget(again);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(list_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMaximumHeight(150);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title_);
    layout->addWidget(scroll);
    layout->addLayout(buttons);
    connect(open, &QPushButton::clicked, this, [this] {
        QDir().mkpath(folder_);
        QDesktopServices::openUrl(QUrl::fromLocalFile(folder_));
    });
    connect(download, &QPushButton::clicked, this, [this] {
        download::DownloadDialog dialog(folder_, {}, this);
        dialog.exec();
        emit checkRequested();
    });
    connect(prefs, &QPushButton::clicked, this, &MissingModelsPanel::preferencesRequested);
    connect(again, &QPushButton::clicked, this, &MissingModelsPanel::checkRequested);
}

bool MissingModelsPanel::check(const QString& folder) {
    folder_ = folder;
    missing_ = pipeline::missingModelFiles(folder.toStdString());
    setVisible(!missing_.empty());
    if (missing_.empty()) return true;
    title_->setText(tr("%n model file(s) missing: you can prepare references, prompts and settings, "
                       "but generating needs them.",
                       nullptr, int(missing_.size())));
    QString html = tr("<p>Put these files into <b>%1</b>:</p>").arg(QDir::toNativeSeparators(folder).toHtmlEscaped());
    html += QStringLiteral("<ul>");
    for (const pipeline::MissingModelFile& file : missing_) {
        const QString url = QString::fromStdString(file.url).toHtmlEscaped();
        const QString expected = QString::fromStdString(file.expectedAt.string());
        html += tr("<li><b>%1</b> — %2 (<a href=\"%3\">download</a>)").arg(
            QString::fromStdString(file.name).toHtmlEscaped(), QString::fromStdString(file.purpose).toHtmlEscaped(), url);
        // A models.json may put a file elsewhere: then say where.
        if (QFileInfo(expected).absolutePath() != QDir(folder).absolutePath())
            html += tr("<br/>expected at %1").arg(QDir::toNativeSeparators(expected).toHtmlEscaped());
        html += QStringLiteral("</li>");
    }
    html += QStringLiteral("</ul>");
    list_->setText(html);
    return false;
}

QString MissingModelsPanel::listText() const { return list_->text(); }

}  // namespace flashface::ui
