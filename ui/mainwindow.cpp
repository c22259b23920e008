#include "mainwindow.h"

#include "common/error.h"
#include "facedetectionservice.h"
#include "facepositionpanel.h"
#include "galleryitem.h"
#include "gallerymodel.h"
#include "galleryview.h"
#include "generationqueue.h"
#include "missingmodelspanel.h"
#include "pipeline/generation_metadata.h"
#include "preferencesdialog.h"
#include "previewgrid.h"
#include "prompteditor.h"
#include "referencepanel.h"
#include "settingspanel.h"
#include "tokenizer/tokenizer.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QCoro/QCoroFuture>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <nlohmann/json.hpp>

namespace flashface::ui {
namespace {

QString duration(double seconds) {
    const int s = int(std::lround(seconds));
    return s >= 60 ? QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'))
                   : QCoreApplication::translate("MainWindow", "%1 s").arg(s);
}

// The vocabulary can be read before every weight file is present, so the token counter works
// from the start: the resolved file when the folder is complete, else its official name.
std::filesystem::path vocabularyPath(const QString& folder) {
    try {
        return resolveModelFiles(folder.toStdString()).vocabulary;
    } catch (const Error&) {
        return std::filesystem::path(folder.toStdString()) / "bpe_simple_vocab_16e6.txt.gz";
    }
}

struct LoadedTokenizer {
    std::shared_ptr<const Tokenizer> tokenizer;
    QString error;
};

LoadedTokenizer readTokenizer(const std::filesystem::path& merges) {
    try {
        return {std::make_shared<const Tokenizer>(Tokenizer::fromMergesFile(merges)), {}};
    } catch (const std::exception& e) {
        return {nullptr, QString::fromUtf8(e.what())};
    }
}

}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      queue_(new GenerationQueue(this)),
      detection_(new FaceDetectionService(this)),
      references_(new ReferencePanel(detection_, this)),
      facePanel_(new FacePositionPanel(this)),
      prompt_(new PromptEditor(PromptEditor::Kind::Positive, this)),
      negative_(new PromptEditor(PromptEditor::Kind::Negative, this)),
      settings_(new SettingsPanel(this)),
      galleryModel_(new GalleryModel(this)),
      galleryView_(new GalleryView(galleryModel_, this)),
      preview_(new PreviewGrid(this)),
      missing_(new MissingModelsPanel(this)),
      progress_(new QProgressBar(this)),
      generateButton_(new QPushButton(tr("Generate"), this)),
      cancelButton_(new QPushButton(tr("Cancel"), this)),
      queueLabel_(new QLabel(this)),
      error_(new QLabel(this)) {
    setWindowTitle(tr("FlashFace Studio"));
    setAcceptDrops(true);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
    setCentralWidget(buildCentre());

    auto* settingsScroll = new QScrollArea(this);
    settingsScroll->setWidget(settings_);
    settingsScroll->setWidgetResizable(true);
    settingsScroll->setFrameShape(QFrame::NoFrame);
    settingsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    addDock(references_, tr("References"), QStringLiteral("referencesDock"), Qt::LeftDockWidgetArea);
    addDock(facePanel_, tr("Face Position"), QStringLiteral("faceDock"), Qt::RightDockWidgetArea);
    addDock(settingsScroll, tr("Settings"), QStringLiteral("settingsDock"), Qt::RightDockWidgetArea);
    addDock(galleryView_, tr("Gallery"), QStringLiteral("galleryDock"), Qt::BottomDockWidgetArea);
    buildMenus();
    connectQueue();

    connect(settings_, &SettingsPanel::outputSizeChanged, facePanel_, &FacePositionPanel::setOutputSize);
    connect(galleryView_, &GalleryView::reuseRequested, this, [this](const GenerationSettings& s) {
        applySettings(s);
        emit notice(tr("Parameters restored (seed %1)").arg(s.seed));
    });
    connect(galleryView_, &GalleryView::imageActivated, this, [this](const QString& path) {
        preview_->setImages({QImage(path)}, QFileInfo(path).fileName());
    });
    connect(galleryView_, &GalleryView::message, this, &MainWindow::notice);
    connect(references_, &ReferencePanel::message, this, &MainWindow::notice);
    connect(this, &MainWindow::notice, this, [this](const QString& text) { statusBar()->showMessage(text, 6000); });
    connect(missing_, &MissingModelsPanel::preferencesRequested, this, &MainWindow::showPreferences);
    connect(missing_, &MissingModelsPanel::checkRequested, this, &MainWindow::checkModels);
    connect(references_, &ReferencePanel::referencesChanged, this, &MainWindow::updateGenerateBar);

    resize(1440, 900);
    // Most of the height to the prompts and previews; the gallery is a strip until enlarged.
    resizeDocks({docks_[0], docks_[1]}, {380, 340}, Qt::Horizontal);
    resizeDocks({docks_[1], docks_[3]}, {330, 210}, Qt::Vertical);
    defaultState_ = saveState();
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    restoreSession();
    setPreferences(AppPreferences::load(settings));
    updateGenerateBar();
}

MainWindow::~MainWindow() = default;

QWidget* MainWindow::buildCentre() {
    auto* prompts = new QWidget(this);
    auto* promptLayout = new QVBoxLayout(prompts);
    promptLayout->setContentsMargins(0, 0, 0, 0);
    promptLayout->addWidget(prompt_);
    promptLayout->addWidget(negative_);

    preview_->setPlaceholderText(tr("Add reference photos, describe the picture, and press Generate (Ctrl+Enter).\n"
                                    "Previews appear here while the images form."));
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("centreSplitter"));
    splitter->addWidget(prompts);
    splitter->addWidget(preview_);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    generateButton_->setDefault(true);
    generateButton_->setMinimumWidth(140);
    generateButton_->setStyleSheet(QStringLiteral("font-weight: bold; padding: 6px 18px;"));
    generateButton_->setToolTip(tr("Generate with the current settings (Ctrl+Enter). While a run is in "
                                   "progress, this queues another one."));
    cancelButton_->setToolTip(tr("Stop the current run (Esc)"));
    progress_->setTextVisible(true);
    progress_->setFormat(tr("Idle"));
    progress_->setValue(0);
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("color: #d33;"));
    error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    error_->hide();

    auto* bar = new QHBoxLayout;
    bar->addWidget(generateButton_);
    bar->addWidget(cancelButton_);
    bar->addWidget(progress_, 1);
    bar->addWidget(queueLabel_);

    auto* centre = new QWidget(this);
    auto* layout = new QVBoxLayout(centre);
    layout->addWidget(missing_);
    layout->addWidget(splitter, 1);
    layout->addWidget(error_);
    layout->addLayout(bar);

    connect(generateButton_, &QPushButton::clicked, this, &MainWindow::generate);
    connect(cancelButton_, &QPushButton::clicked, this, &MainWindow::cancel);
    return centre;
}

QDockWidget* MainWindow::addDock(QWidget* content, const QString& title, const QString& objectName,
                                 Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);  // saveState() identifies docks by name
    dock->setWidget(content);
    addDockWidget(area, dock);
    docks_.append(dock);
    return dock;
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("Add Reference &Photos…"), references_, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(this, tr("Add Reference Photos"));
        references_->addFiles(files);
    });
    file->addAction(tr("&Paste Reference"), references_, &ReferencePanel::pasteFromClipboard);
    file->addAction(tr("&Open Parameters from Image…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Parameters from Image"),
                                                          preferences_.outputFolder, tr("PNG images (*.png)"));
        if (!path.isEmpty()) restoreParametersFrom(path);
    });
    file->addSeparator();
    QAction* prefs = file->addAction(tr("P&references…"), this, &MainWindow::showPreferences);
    prefs->setShortcut(QKeySequence::Preferences);
    prefs->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* run = menuBar()->addMenu(tr("&Generate"));
    generateAction_ = run->addAction(tr("&Generate"), this, &MainWindow::generate);
    generateAction_->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    cancelAction_ = run->addAction(tr("&Cancel"), this, &MainWindow::cancel);
    cancelAction_->setShortcut(QKeySequence(Qt::Key_Escape));
    run->addAction(tr("Clear &Queue"), queue_, &GenerationQueue::clearQueue);
    run->addSeparator();
    run->addAction(tr("&Roll New Seed"), settings_, &SettingsPanel::rollSeed);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* dock : docks_) view->addAction(dock->toggleViewAction());
    view->addSeparator();
    view->addAction(tr("&Reset Layout"), this, [this] {
        restoreState(defaultState_);
        for (QDockWidget* dock : docks_) dock->show();
    });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Tips"), this, [this] {
        QMessageBox::information(
            this, tr("Tips"),
            tr("<ul><li>Name age and gender in the prompt (“a handsome young man”).</li>"
               "<li>Use the face position box; the recommended one is the centred portrait.</li>"
               "<li>For more likeness raise λ (usually enough on its own), then reference guidance and the "
               "launch step; too high gives a pasted look.</li>"
               "<li>Lower them if you see artifacts.</li>"
               "<li>To change the age, use the “Change age” preset.</li>"
               "<li>Several varied reference photos give better likeness than one.</li></ul>"));
    });
    help->addAction(tr("&About FlashFace Studio"), this, [this] {
        QMessageBox::about(this, tr("About FlashFace Studio"),
                           tr("<h3>FlashFace Studio %1</h3><p>Human image personalisation with high-fidelity "
                              "identity preservation, after FlashFace (Zhang et al., 2024).</p>")
                               .arg(QCoreApplication::applicationVersion()));
    });
}

void MainWindow::connectQueue() {
    connect(queue_, &GenerationQueue::loadProgress, this, [this](const QString& stage, double fraction) {
        statusBar()->showMessage(tr("Loading models: %1 (%2%)").arg(stage).arg(qRound(fraction * 100)));
    });
    connect(queue_, &GenerationQueue::loaded, this, [this](const QString& device) {
        emit notice(tr("Models loaded — %1").arg(device));
    });
    connect(queue_, &GenerationQueue::loadFailed, this, &MainWindow::showError);
    connect(queue_, &GenerationQueue::jobStarted, this, [this](quint64 id) {
        runningJob_ = id;
        error_->hide();
        progress_->setRange(0, 0);  // busy until the first step reports
        progress_->setFormat(tr("Preparing…"));
        updateGenerateBar();
    });
    connect(queue_, &GenerationQueue::stepProgress, this, [this](const StepPreview& p) {
        progress_->setRange(0, p.totalSteps);
        progress_->setValue(p.step);
        progress_->setFormat(tr("Step %1 of %2 — %3 left").arg(p.step).arg(p.totalSteps).arg(duration(p.secondsLeft)));
        if (!p.previews.isEmpty()) preview_->setImages(p.previews, tr("Step %1 of %2").arg(p.step).arg(p.totalSteps));
    });
    connect(queue_, &GenerationQueue::jobEnded, this, &MainWindow::onJobEnded);
    connect(queue_, &GenerationQueue::queueChanged, this, &MainWindow::updateGenerateBar);
}

void MainWindow::onJobEnded(const GenerationOutcome& outcome) {
    if (outcome.jobId != runningJob_) return updateGenerateBar();  // dropped from the queue unstarted
    runningJob_ = 0;
    progress_->setRange(0, 1);
    progress_->setValue(0);
    switch (outcome.status) {
    case GenerationOutcome::Status::Finished: {
        progress_->setValue(1);
        progress_->setFormat(tr("Done in %1").arg(duration(outcome.seconds)));
        preview_->setImages(outcome.images, tr("Seed %1").arg(outcome.settings.seed));
        QList<GalleryItem> items;
        for (int i = 0; i < outcome.images.size(); ++i) {
            if (outcome.files.value(i).isEmpty()) continue;
            GalleryItem item;
            item.path = outcome.files[i];
            item.thumbnail = GalleryItem::makeThumbnail(outcome.images[i]);
            item.settings = settingsForImage(outcome.settings, i);
            item.created = QDateTime::currentDateTime();
            items.append(item);
        }
        // Newest first, and the first image of the run at the front.
        galleryModel_->prepend(items);
        if (!outcome.error.isEmpty()) showError(tr("Some images could not be saved: %1").arg(outcome.error));
        emit notice(tr("%n image(s) saved to %1", nullptr, int(items.size()))
                        .arg(QDir::toNativeSeparators(preferences_.outputFolder)));
        break;
    }
    case GenerationOutcome::Status::Cancelled: progress_->setFormat(tr("Cancelled")); break;
    case GenerationOutcome::Status::Failed:
        progress_->setFormat(tr("Failed"));
        showError(outcome.error);
        break;
    }
    updateGenerateBar();
}

void MainWindow::updateGenerateBar() {
    const int pending = queue_->pendingCount();
    queueLabel_->setText(pending > 0 ? tr("%n queued", nullptr, pending) : QString());
    cancelButton_->setEnabled(queue_->isBusy());
    cancelAction_->setEnabled(queue_->isBusy());
    generateButton_->setText(queue_->isBusy() ? tr("Queue Another") : tr("Generate"));
    if (!queue_->isBusy() && pending == 0 && progress_->maximum() == 0) progress_->setRange(0, 1);
}

void MainWindow::showError(const QString& text) {
    error_->setText(text);
    error_->show();
    statusBar()->showMessage(text, 10000);
}

QString MainWindow::errorText() const { return error_->isVisible() ? error_->text() : QString(); }

GenerationSettings MainWindow::currentSettings() const {
    GenerationSettings s;
    prompt_->writeTo(s);
    negative_->writeTo(s);
    facePanel_->writeTo(s);
    settings_->writeTo(s);
    return s;
}

void MainWindow::applySettings(const GenerationSettings& s) {
    prompt_->readFrom(s);
    negative_->readFrom(s);
    settings_->readFrom(s);
    settings_->setSeed(s.seed);  // reusing parameters means reproducing: the seed stays fixed
    facePanel_->readFrom(s);
}

bool MainWindow::restoreParametersFrom(const QString& pngPath) {
    try {
        const ImageMetadata metadata = readImageMetadata(pngPath.toStdString());
        applySettings(metadata.settings);
        emit notice(tr("Parameters restored from %1").arg(QFileInfo(pngPath).fileName()));
        return true;
    } catch (const std::exception& e) {
        showError(tr("No FlashFace parameters in %1: %2").arg(QFileInfo(pngPath).fileName(), QString::fromUtf8(e.what())));
        return false;
    }
}

quint64 MainWindow::generate() {
    if (!modelsComplete_ && !missing_->check(preferences_.modelsFolder)) {
        showError(tr("Some model files are missing; see the list above."));
        return 0;
    }
    modelsComplete_ = true;
    if (references_->isBusy()) {
        showError(tr("Still looking for faces in the reference photos; try again in a moment."));
        return 0;
    }
    GenerationRequest request;
    request.references = references_->references();
    const QStringList problems = references_->problems();
    if (request.references.empty()) {
        showError(problems.isEmpty() ? tr("Add at least one reference photo of the person.")
                                     : tr("No usable reference photo: %1").arg(problems.join(QLatin1Char(' '))));
        return 0;
    }
    if (!problems.isEmpty()) emit notice(tr("Skipped: %1").arg(problems.join(QLatin1Char(' '))));
    settings_->takeSeedForRun();
    request.settings = currentSettings();
    request.preview = PreviewMode::Fast;
    error_->hide();
    saveSession();
    const QString stem = preferences_.fileStem(request.settings, QDateTime::currentDateTime());
    return queue_->enqueue(std::move(request), preferences_.outputFolder, stem);
}

void MainWindow::cancel() {
    if (!queue_->isBusy()) return;
    queue_->cancelCurrent();
    progress_->setFormat(tr("Cancelling…"));
}

void MainWindow::setPreferences(const AppPreferences& p) {
    const bool modelsChanged = p.modelsFolder != preferences_.modelsFolder;
    const bool outputChanged = p.outputFolder != preferences_.outputFolder;
    preferences_ = p;
    QSettings settings;
    preferences_.save(settings);
    queue_->configure(p.modelsFolder, p.runtime());
    detection_->setModelsFolder(p.modelsFolder);
    if (outputChanged) galleryModel_->loadFolder(p.outputFolder);
    if (modelsChanged) {
        checkModels();
        loadTokenizer();
    }
}

void MainWindow::checkModels() {
    modelsComplete_ = missing_->check(preferences_.modelsFolder);
    references_->redetectUnchecked();
    if (!modelsComplete_) return;
    queue_->loadModels();  // in the background, so the first run starts at once
    if (!tokenizer_) loadTokenizer();
}

QCoro::Task<> MainWindow::loadTokenizer() {
    const std::filesystem::path path = vocabularyPath(preferences_.modelsFolder);
    QPointer<MainWindow> self(this);
    QFuture<LoadedTokenizer> loading = QtConcurrent::run(readTokenizer, path);
    const LoadedTokenizer loaded = co_await loading;  // named: see GalleryModel::loadFolder
    if (!self) co_return;
    tokenizer_ = loaded.tokenizer;
    for (PromptEditor* editor : {prompt_, negative_}) {
        if (tokenizer_)
            editor->setTokenCounter([t = tokenizer_](const QString& text) { return t->count(text.toStdString()).tokens; });
        else
            editor->setTokenCounter({}, tr("Token count unavailable: %1").arg(loaded.error));
    }
}

void MainWindow::showPreferences() {
    PreferencesDialog dialog(preferences_, this);
    if (dialog.exec() == QDialog::Accepted) setPreferences(dialog.preferences());
}

void MainWindow::saveSession() {
    QSettings settings;
    settings.setValue(QStringLiteral("session/settings"), QString::fromStdString(settingsToJson(currentSettings()).dump()));
    settings.setValue(QStringLiteral("session/randomSeed"), settings_->randomSeed());
}

void MainWindow::restoreSession() {
    QSettings settings;
    const QString json = settings.value(QStringLiteral("session/settings")).toString();
    if (json.isEmpty()) return;
    try {
        applySettings(settingsFromJson(nlohmann::json::parse(json.toStdString())));
        settings_->setRandomSeed(settings.value(QStringLiteral("session/randomSeed"), true).toBool());
    } catch (const std::exception&) {
        // A session from an incompatible version: start from the defaults.
    }
}

void MainWindow::closeEvent(QCloseEvent* event) {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    saveSession();
    settings.sync();
    queue_->clearQueue();
    queue_->cancelCurrent();
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls() || event->mimeData()->hasImage()) event->acceptProposedAction();
}

// A generated PNG dropped on the window restores its parameters; other images become references
// (dropping on the References panel always adds references).
void MainWindow::dropEvent(QDropEvent* event) {
    QStringList photos;
    for (const QUrl& url : event->mimeData()->urls()) {
        const QString path = url.toLocalFile();
        if (path.isEmpty()) continue;
        bool restored = false;
        if (QFileInfo(path).suffix().compare(QLatin1String("png"), Qt::CaseInsensitive) == 0) {
            try {
                applySettings(readImageMetadata(path.toStdString()).settings);
                emit notice(tr("Parameters restored from %1").arg(QFileInfo(path).fileName()));
                restored = true;
            } catch (const std::exception&) {
            }
        }
        if (!restored) photos.append(path);
    }
    if (!photos.isEmpty()) references_->addFiles(photos);
    else if (event->mimeData()->hasImage() && event->mimeData()->urls().isEmpty())
        references_->addImage(qvariant_cast<QImage>(event->mimeData()->imageData()), tr("Dropped image"));
    event->acceptProposedAction();
}

}  // namespace flashface::ui
