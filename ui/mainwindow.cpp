#include "mainwindow.h"

#include "common/error.h"
#include "common/human_units.h"
#include "facedetectionservice.h"
#include "facepositionpanel.h"
#include "galleryitem.h"
#include "gallerymodel.h"
#include "galleryview.h"
#include "generationqueue.h"
#include "imageparameters.h"
#include "imageviewer.h"
#include "missingmodelspanel.h"
#include "pipeline/generation_metadata.h"
#include "preferencesdialog.h"
#include "previewgrid.h"
#include "prompteditor.h"
#include "referencepanel.h"
#include "sentence.h"
#include "settingshistory.h"
#include "settingspanel.h"
#include "targetpanel.h"
#include "tokenizer/tokenizer.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
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
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <nlohmann/json.hpp>

namespace flashface::ui {
namespace {

constexpr int kGalleryFolderHistory = 20;

// The vocabulary can be read before every weight file is present, so the token counter works
// from the start: the resolved file when the folder is complete, else its official name.
std::filesystem::path vocabularyPath(const QString& folder) {
    try {
        return pipeline::resolveModelFiles(folder.toStdString()).vocabulary;
    } catch (const Error&) {
        return std::filesystem::path(folder.toStdString()) / "bpe_simple_vocab_16e6.txt.gz";
    }
}

struct LoadedTokenizer {
    std::shared_ptr<const tokenizer::Tokenizer> tokenizer;
    QString error;
};

LoadedTokenizer readTokenizer(const std::filesystem::path& merges) {
    try {
        return {std::make_shared<const tokenizer::Tokenizer>(tokenizer::Tokenizer::fromMergesFile(merges)), {}};
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
      target_(new TargetPanel(detection_, this)),
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
      compareButton_(new QPushButton(tr("Before / After"), this)),
      retryButton_(new QPushButton(tr("Retry"), this)),
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
    // Never narrower than the settings themselves (their fields would be cut off on the right).
    settingsScroll->setMinimumWidth(settings_->minimumSizeHint().width() +
                                    settingsScroll->verticalScrollBar()->sizeHint().width());
    addDock(references_, tr("References"), QStringLiteral("referencesDock"), Qt::LeftDockWidgetArea);
    addDock(facePanel_, tr("Face Position"), QStringLiteral("faceDock"), Qt::RightDockWidgetArea);
    addDock(settingsScroll, tr("Settings"), QStringLiteral("settingsDock"), Qt::RightDockWidgetArea);
    addDock(buildGallery(), tr("Gallery"), QStringLiteral("galleryDock"), Qt::BottomDockWidgetArea);
    // Below the references: the photo a face swap changes.
    QDockWidget* targetDock = addDock(target_, tr("Target"), QStringLiteral("targetDock"), Qt::LeftDockWidgetArea);
    history_ = new SettingsHistory(settings_, facePanel_, this);
    buildMenus();
    connectQueue();

    connect(settings_, &SettingsPanel::outputSizeChanged, facePanel_, &FacePositionPanel::setOutputSize);
    connect(settings_, &SettingsPanel::outputSizeChanged, target_,
            [this](int width, int height) { target_->setWorkingSide(std::max(width, height)); });
    connect(galleryView_, &GalleryView::reuseItemRequested, this, &MainWindow::reuseGalleryItem);
    connect(galleryView_, &GalleryView::itemActivated, this, [this](int row) {
        const GalleryItem& item = galleryModel_->item(row);
        stopComparing();
        preview_->setImages({item.fullImage()}, item.caption());
        previewItems_ = {QPersistentModelIndex(galleryModel_->index(row))};
        showImageViewer(row);
    });
    connect(galleryView_, &GalleryView::viewRequested, this, &MainWindow::showImageViewer);
    connect(preview_, &PreviewGrid::imageMenuRequested, this, &MainWindow::showPreviewMenu);
    connect(preview_, &PreviewGrid::imageDoubleClicked, this, [this](int index) {
        if (index < previewItems_.size() && previewItems_[index].isValid()) showImageViewer(previewItems_[index].row());
    });
    connect(galleryView_, &GalleryView::message, this, &MainWindow::notice);
    connect(references_, &ReferencePanel::message, this, &MainWindow::notice);
    connect(this, &MainWindow::notice, this, [this](const QString& text) { statusBar()->showMessage(text, 6000); });
    connect(missing_, &MissingModelsPanel::preferencesRequested, this, &MainWindow::showPreferences);
    connect(missing_, &MissingModelsPanel::checkRequested, this, &MainWindow::checkModels);
    connect(references_, &ReferencePanel::referencesChanged, this, &MainWindow::updateGenerateBar);
    connect(target_, &TargetPanel::targetChanged, this, &MainWindow::followTarget);
    connect(target_, &TargetPanel::message, this, &MainWindow::notice);

    // The right-hand docks run the full height, so the face canvas is not squeezed by the gallery.
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
    // The default size fits the screen (with room for the window frame and panels of the desktop).
    const QRect screen = this->screen() ? this->screen()->availableGeometry() : QRect(0, 0, 1440, 900);
    const QSize size(std::min(1440, screen.width() * 92 / 100), std::min(900, screen.height() * 90 / 100));
    resize(size);
    // Most of the height to the prompts and previews; the gallery is a strip until enlarged; the
    // face canvas gets about half the right-hand column.
    resizeDocks({docks_[0], docks_[1]}, {std::min(380, size.width() / 5), std::min(360, size.width() / 4)},
                Qt::Horizontal);
    resizeDocks({docks_[1], docks_[2]}, {size.height() / 2, size.height() / 2}, Qt::Vertical);
    resizeDocks({docks_[3]}, {std::clamp(size.height() / 5, 110, 210)}, Qt::Vertical);
    resizeDocks({docks_[0], targetDock}, {size.height() / 2, size.height() / 2}, Qt::Vertical);
    defaultState_ = saveState();
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    restoreSession();
    setPreferences(AppPreferences::load(settings));
    restoreSessionReferences();  // once the detector knows its models folder
    history_->reset();           // the restored session is where undo stops
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
    // The prompts scroll when the window is short, so the previews always keep some room.
    auto* promptScroll = new QScrollArea(this);
    promptScroll->setWidget(prompts);
    promptScroll->setWidgetResizable(true);
    promptScroll->setFrameShape(QFrame::NoFrame);
    promptScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    promptScroll->setMinimumHeight(std::min(prompts->sizeHint().height(), 120));
    splitter->addWidget(promptScroll);
    splitter->addWidget(preview_);
    splitter->setStretchFactor(0, 0);
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
    bar->addWidget(compareButton_);
    bar->addWidget(retryButton_);
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
    retryButton_->setToolTip(tr("Queue the failed run again, with the same settings, seed and photos"));
    retryButton_->hide();
    connect(retryButton_, &QPushButton::clicked, this, &MainWindow::retryFailed);
    compareButton_->setCheckable(true);
    compareButton_->setToolTip(tr("Show the photo before the face swap in place of the results, and back"));
    compareButton_->hide();
    connect(compareButton_, &QPushButton::toggled, this, [this](bool before) {
        if (before)
            preview_->setImages(QList<QImage>(shownResults_.size(), shownTarget_), tr("Before: the target photo"));
        else
            preview_->setImages(shownResults_, shownCaption_);
    });
    return centre;
}

QWidget* MainWindow::buildGallery() {
    auto* panel = new QWidget(this);
    galleryFilter_ = new QLineEdit(panel);
    galleryFilter_->setPlaceholderText(tr("Filter by prompt…"));
    galleryFilter_->setClearButtonEnabled(true);
    galleryFilter_->setToolTip(tr("Show only images whose prompt contains this text"));
    favouritesOnly_ = new QCheckBox(tr("Favourites only"), panel);
    favouritesOnly_->setToolTip(tr("Mark favourites with the gallery's menu or the * key"));
    auto* count = new QLabel(panel);
    count->setMinimumWidth(count->fontMetrics().horizontalAdvance(tr("%1 of %2").arg(9999).arg(9999)) + 8);
    count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(galleryFilter_, 1);
    row->addWidget(favouritesOnly_);
    row->addWidget(count);
    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(galleryView_, 1);
    const auto apply = [this] { galleryView_->setFilter(galleryFilter_->text(), favouritesOnly_->isChecked()); };
    connect(galleryFilter_, &QLineEdit::textChanged, this, apply);
    connect(favouritesOnly_, &QCheckBox::toggled, this, apply);
    connect(galleryView_, &GalleryView::shownCountChanged, count, [count](int shown, int total) {
        count->setText(shown == total ? tr("%n image(s)", nullptr, total) : tr("%1 of %2").arg(shown).arg(total));
    });
    return panel;
}

ImageViewer* MainWindow::showImageViewer(int row) {
    if (!viewer_) {
        viewer_ = new ImageViewer(galleryModel_, this);
        viewer_->setRowFilter([this](int r) { return galleryView_->isShown(r); });
        connect(viewer_, &ImageViewer::saveAsRequested, galleryView_, &GalleryView::saveAs);
        connect(viewer_, &ImageViewer::rowShown, galleryView_, [this](int r) {
            galleryView_->setCurrentIndex(galleryModel_->index(r));
            galleryView_->scrollTo(galleryModel_->index(r));
        });
        // A result beside the photos it was made from: the crops the model saw, else the photos.
        viewer_->setReferenceSource([this] {
            QList<QPair<QString, QImage>> photos;
            for (int i = 0; i < references_->count(); ++i) {
                const ReferenceItem& item = references_->item(i);
                const QImage crop = item.crop();
                if (!crop.isNull() || !item.preview.isNull()) photos.append({item.label, crop.isNull() ? item.preview : crop});
            }
            return photos;
        });
    }
    viewer_->showRow(row);
    viewer_->show();
    viewer_->raise();
    viewer_->activateWindow();
    return viewer_;
}

void MainWindow::showPreviewMenu(int index, QPoint globalPos) {
    QMenu menu(this);
    const QImage image = preview_->images().value(index);
    const int row = index < previewItems_.size() && previewItems_[index].isValid() ? previewItems_[index].row() : -1;
    if (row >= 0) {
        QAction* save = menu.addAction(tr("Save As…"), galleryView_, [this, row] { galleryView_->saveAs(row); });
        if (!galleryModel_->item(row).saved()) menu.setDefaultAction(save);
        menu.addAction(tr("View Full Size"), this, [this, row] { showImageViewer(row); });
    }
    menu.addAction(tr("Copy Image"), this, [image] { QGuiApplication::clipboard()->setImage(image); });
    if (row >= 0) {
        menu.addAction(tr("Reuse All Parameters"), this, [this, row] { reuseGalleryItem(row); });
        menu.addAction(tr("Show in Gallery"), this, [this, row] {
            galleryView_->setCurrentIndex(galleryModel_->index(row));
            galleryView_->scrollTo(galleryModel_->index(row));
        });
    }
    menu.exec(globalPos);
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
    addPhotosAction_ = file->addAction(tr("Add Reference &Photos…"), references_, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(this, tr("Add Reference Photos"));
        references_->addFiles(files);
    });
    addPhotosAction_->setShortcut(QKeySequence::Open);
    // Ctrl+V anywhere but in a text field (which keeps its own paste) adds the clipboard's image.
    pasteAction_ = file->addAction(tr("&Paste Reference"), references_, &ReferencePanel::pasteFromClipboard);
    pasteAction_->setShortcut(QKeySequence::Paste);
    references_->setPasteShortcutEnabled(false);
    QAction* open = file->addAction(tr("&Open Parameters from Image…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Parameters from Image"), preferences_.outputFolder,
                                                          tr("Images with parameters (*.png *.jpg *.jpeg *.webp)"));
        if (!path.isEmpty()) restoreParametersFrom(path);
    });
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    file->addSeparator();
    QAction* prefs = file->addAction(tr("P&references…"), this, &MainWindow::showPreferences);
    // The platform's key where it has one (not every desktop does), and Ctrl+, everywhere.
    QList<QKeySequence> prefKeys = QKeySequence::keyBindings(QKeySequence::Preferences);
    if (!prefKeys.contains(QKeySequence(Qt::CTRL | Qt::Key_Comma))) prefKeys.append(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    prefs->setShortcuts(prefKeys);
    preferencesAction_ = prefs;
    prefs->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = edit->addAction(tr("&Undo"), history_, &SettingsHistory::undo);
    undo->setShortcut(QKeySequence::Undo);
    undo->setToolTip(tr("Undo the last change of the face position or the settings"));
    QAction* redo = edit->addAction(tr("&Redo"), history_, &SettingsHistory::redo);
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    if (!redoKeys.contains(QKeySequence(Qt::CTRL | Qt::Key_Y))) redoKeys.append(QKeySequence(Qt::CTRL | Qt::Key_Y));
    redo->setShortcuts(redoKeys);
    connect(history_->stack(), &QUndoStack::undoTextChanged, undo, [undo](const QString& text) {
        undo->setText(text.isEmpty() ? tr("&Undo") : tr("&Undo %1").arg(text));
    });
    connect(history_->stack(), &QUndoStack::redoTextChanged, redo, [redo](const QString& text) {
        redo->setText(text.isEmpty() ? tr("&Redo") : tr("&Redo %1").arg(text));
    });

    QMenu* run = menuBar()->addMenu(tr("&Generate"));
    generateAction_ = run->addAction(tr("&Generate"), this, &MainWindow::generate);
    generateAction_->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    cancelAction_ = run->addAction(tr("&Cancel"), this, &MainWindow::cancel);
    cancelAction_->setShortcut(QKeySequence(Qt::Key_Escape));
    retryAction_ = run->addAction(tr("&Retry Failed Run"), this, &MainWindow::retryFailed);
    retryAction_->setEnabled(false);
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
        loadError_.clear();
        clearError();  // whatever failed before, the engine is ready now
        emit notice(queue_->engineKind() == EngineKind::Remote ? tr("Connected to the server — %1").arg(device)
                                                               : tr("Models loaded — %1").arg(device));
    });
    connect(queue_, &GenerationQueue::loadFailed, this, [this](const QString& reason) {
        loadError_ = reason;
        // A server's problems are sentences of their own (which address, what to check).
        showError(queue_->engineKind() == EngineKind::Remote ? reason : tr("The models could not be loaded: %1").arg(reason));
    });
    connect(queue_, &GenerationQueue::jobStarted, this, [this](quint64 id) {
        runningJob_ = id;
        clearError();
        progress_->setRange(0, 0);  // busy until the first step reports
        progress_->setFormat(tr("Preparing…"));
        updateGenerateBar();
    });
    connect(queue_, &GenerationQueue::stepProgress, this, [this](const StepPreview& p) {
        progress_->setRange(0, p.totalSteps);
        progress_->setValue(p.step);
        const QString left = QString::fromStdString(formatDuration(p.secondsLeft));
        progress_->setFormat(tr("Step %1 of %2 — %3 left").arg(p.step).arg(p.totalSteps).arg(left));
        if (!p.previews.isEmpty()) {
            stopComparing();
            preview_->setImages(p.previews, tr("Step %1 of %2").arg(p.step).arg(p.totalSteps));
            previewItems_.clear();
        }
    });
    connect(queue_, &GenerationQueue::jobEnded, this, &MainWindow::onJobEnded);
    connect(queue_, &GenerationQueue::queueChanged, this, &MainWindow::updateGenerateBar);
}

void MainWindow::onJobEnded(const GenerationOutcome& outcome) {
    const QString referenceSet = jobReferenceSets_.take(outcome.jobId);
    const QImage target = jobTargets_.take(outcome.jobId);
    if (outcome.jobId != runningJob_) return updateGenerateBar();  // dropped from the queue unstarted
    runningJob_ = 0;
    progress_->setRange(0, 1);
    progress_->setValue(0);
    switch (outcome.status) {
    case GenerationOutcome::Status::Finished: {
        progress_->setValue(1);
        showResults(outcome.images, tr("Seed %1").arg(outcome.settings.seed), target);
        QList<GalleryItem> items;
        int unsaved = 0;
        for (int i = 0; i < outcome.images.size(); ++i) {
            GalleryItem item;
            item.path = outcome.files.value(i);
            // An image that could not be written stays, in memory, until the user saves it.
            if (item.path.isEmpty()) {
                item.image = outcome.images[i];
                ++unsaved;
            }
            item.thumbnail = GalleryItem::makeThumbnail(outcome.images[i]);
            item.settings = pipeline::settingsForImage(outcome.settings, i);
            item.referenceLabels = outcome.referenceLabels;
            item.referenceWeights = outcome.referenceWeights;
            item.referenceSet = referenceSet;
            if (item.saved()) referenceStore_.link(item.path, referenceSet);
            item.created = QDateTime::currentDateTime();
            items.append(item);
        }
        // Newest first, and the first image of the run at the front.
        galleryModel_->prepend(items);
        previewItems_.clear();
        for (int i = 0; i < items.size(); ++i) previewItems_.append(QPersistentModelIndex(galleryModel_->index(i)));
        if (unsaved > 0) {
            progress_->setFormat(tr("Done in %1 — %n image(s) not saved", nullptr, unsaved)
                                     .arg(QString::fromStdString(formatDuration(outcome.seconds))));
            showError(tr("%n image(s) could not be saved to %1: %2 They are kept in the gallery (marked “Not saved”) "
                         "until you quit: right-click one and choose Save As…, or choose another output folder "
                         "in Preferences.",
                         nullptr, unsaved)
                          .arg(QDir::toNativeSeparators(preferences_.outputFolder), asSentence(outcome.error)));
        } else {
            progress_->setFormat(tr("Done in %1").arg(QString::fromStdString(formatDuration(outcome.seconds))));
            clearError();
            emit notice(tr("%n image(s) saved to %1", nullptr, int(items.size()))
                            .arg(QDir::toNativeSeparators(preferences_.outputFolder)));
        }
        break;
    }
    case GenerationOutcome::Status::Cancelled: progress_->setFormat(tr("Cancelled")); break;
    case GenerationOutcome::Status::Failed:
        progress_->setFormat(tr("Failed"));
        // A run that could not load the models (or reach the server) says why (the device, a
        // damaged file, the address, …), not only that it could not.
        if (!loadError_.isEmpty() && !outcome.error.contains(loadError_))
            showError(queue_->engineKind() == EngineKind::Remote ? loadError_
                                                                 : tr("The models could not be loaded: %1").arg(loadError_));
        else
            showError(outcome.error);
        if (queue_->canRetry(outcome.jobId)) setFailedRun({outcome.jobId, referenceSet, target});
        break;
    }
    updateGenerateBar();
}

void MainWindow::setFailedRun(FailedRun run) {
    failedRun_ = std::move(run);
    retryButton_->setVisible(failedRun_.job != 0);
    retryAction_->setEnabled(failedRun_.job != 0);
}

quint64 MainWindow::retryFailed() {
    const FailedRun run = failedRun_;
    setFailedRun({});
    const quint64 id = queue_->retry(run.job);
    if (id == 0) return 0;
    clearError();
    jobReferenceSets_.insert(id, run.referenceSet);
    if (!run.target.isNull()) jobTargets_.insert(id, run.target);
    emit notice(tr("The failed run is queued again."));
    return id;
}

void MainWindow::updateGenerateBar() {
    const int pending = queue_->pendingCount();
    queueLabel_->setText(pending > 0 ? tr("%n queued", nullptr, pending) : QString());
    cancelButton_->setEnabled(queue_->isBusy());
    cancelAction_->setEnabled(queue_->isBusy());
    generateButton_->setText(queue_->isBusy() ? tr("Queue Another") : tr("Generate"));
    if (!queue_->isBusy() && pending == 0 && progress_->maximum() == 0) progress_->setRange(0, 1);
}

void MainWindow::followTarget() {
    const std::optional<pipeline::Target> target = target_->target();
    // The whole picture is generated at the photo's size; a face or mask region in a window around
    // it, at the settings' size.
    const bool whole = target && target->region == pipeline::TargetRegion::Whole;
    settings_->followTargetSize(whole ? std::optional<QSize>(target_->photoSize()) : std::nullopt);
    facePanel_->followTarget(target && target->region != pipeline::TargetRegion::Whole && !target->useSettingsFaceBox,
                             whole ? target_->photo() : QImage());  // the box's frame is then the photo
}

void MainWindow::showResults(const QList<QImage>& images, const QString& caption, const QImage& before) {
    stopComparing();
    preview_->setImages(images, caption);
    if (before.isNull()) return;
    shownResults_ = images;
    shownCaption_ = caption;
    shownTarget_ = before;
    compareButton_->show();
}

void MainWindow::stopComparing() {
    const QSignalBlocker blocker(compareButton_);  // the preview is about to show something else
    compareButton_->setChecked(false);
    compareButton_->hide();
    shownResults_.clear();
    shownTarget_ = {};
}

void MainWindow::showError(const QString& text) {
    error_->setText(text);
    error_->show();
    statusBar()->showMessage(text, 10000);
}

void MainWindow::clearError() {
    error_->hide();
    error_->clear();
}

QString MainWindow::errorText() const { return error_->isHidden() ? QString() : error_->text(); }

pipeline::GenerationSettings MainWindow::currentSettings() const {
    pipeline::GenerationSettings s;
    prompt_->writeTo(s);
    negative_->writeTo(s);
    facePanel_->writeTo(s);
    settings_->writeTo(s);
    return s;
}

void MainWindow::applySettings(const pipeline::GenerationSettings& s) {
    prompt_->readFrom(s);
    negative_->readFrom(s);
    settings_->readFrom(s);
    settings_->setSeed(s.seed);  // reusing parameters means reproducing: the seed stays fixed
    facePanel_->readFrom(s);
}

bool MainWindow::restoreParametersFrom(const QString& path) {
    pipeline::ImageMetadata metadata;
    const QString error = readImageParameters(path, &metadata);
    if (!error.isEmpty()) {
        showError(tr("No FlashFace parameters in %1: %2").arg(QFileInfo(path).fileName(), error));
        return false;
    }
    applyImageParameters(metadata, QFileInfo(path).fileName());
    return true;
}

void MainWindow::applyImageParameters(const pipeline::ImageMetadata& metadata, const QString& name) {
    applySettings(metadata.settings);
    clearError();
    const std::size_t count = metadata.referenceLabels.size();
    if (count == 0) {
        emit notice(tr("Parameters restored from %1").arg(name));
    } else if (restoreReferenceWeights(metadata.referenceWeights, count)) {
        emit notice(tr("Parameters and reference weights restored from %1").arg(name));
    } else {
        emit notice(tr("Parameters restored from %1. Its reference weights are for %n reference(s), not for the %2 in "
                       "use; the weights stay as they are.",
                       nullptr, int(count))
                        .arg(name)
                        .arg(references_->references().size()));
    }
}

// As `flashface generate --from` does: onto the references in use when there are as many as made
// the image. No stored weights means every weight was 1.
bool MainWindow::restoreReferenceWeights(const std::vector<double>& stored, std::size_t references) {
    return references_->setWeightsInUse(stored.empty() ? std::vector<double>(references, 1.0) : stored);
}

quint64 MainWindow::generate() {
    // The images need somewhere to go: checked before the run, not discovered after it.
    if (const QString problem = outputFolderProblem(preferences_.outputFolder); !problem.isEmpty()) {
        showError(tr("%1 Choose another output folder in Preferences (Ctrl+,).").arg(problem));
        return 0;
    }
    // A server has its own models; here they serve only to find faces in the references.
    if (preferences_.engine == EngineKind::Local && !modelsComplete_ && !missing_->check(preferences_.modelsFolder)) {
        showError(tr("Some model files are missing; see the list above."));
        return 0;
    }
    if (preferences_.engine == EngineKind::Local) modelsComplete_ = true;
    if (references_->isBusy()) {
        showError(tr("Still looking for faces in the reference photos; try again in a moment."));
        return 0;
    }
    if (target_->isLoading()) {
        showError(tr("Still loading the photo to change; try again in a moment."));
        return 0;
    }
    pipeline::GenerationRequest request;
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
    // Queuing the very run that is already queued or running, with a fixed seed, would make the
    // same images again: the queued one takes the next seed, and says so.
    if (!settings_->randomSeed() && (queue_->isBusy() || queue_->pendingCount() > 0) && lastQueued_ &&
        pipeline::settingsToJson(*lastQueued_) == pipeline::settingsToJson(request.settings)) {
        const std::uint32_t repeated = request.settings.seed;
        settings_->stepSeed();
        request.settings = currentSettings();
        emit notice(tr("Seed %1 is already queued with these settings: this run uses seed %2, so its images differ.")
                        .arg(repeated)
                        .arg(request.settings.seed));
    }
    lastQueued_ = request.settings;
    request.preview = pipeline::PreviewMode::Fast;
    clearError();
    saveSession();
    const QString stem = preferences_.fileStem(request.settings, QDateTime::currentDateTime());
    const QString referenceSet = referenceStore_.keep(*references_);  // "Reuse" brings them back
    // The job keeps its own copy of the target: the panel may change while it waits.
    request.target = target_->target();
    const QImage before = request.target ? target_->photo() : QImage();
    const quint64 id = queue_->enqueue(std::move(request), preferences_.outputFolder, stem);
    if (!before.isNull()) jobTargets_.insert(id, before);
    jobReferenceSets_.insert(id, referenceSet);
    return id;
}

void MainWindow::cancel() {
    if (!queue_->isBusy()) return;
    queue_->cancelCurrent();
    progress_->setFormat(tr("Cancelling…"));
}

void MainWindow::setPreferences(const AppPreferences& p) {
    const bool modelsChanged = p.modelsFolder != preferences_.modelsFolder;
    const bool outputChanged = p.outputFolder != preferences_.outputFolder;
    const bool engineChanged = p.engine != preferences_.engine || (p.engine == EngineKind::Remote && p.server != preferences_.server);
    preferences_ = p;
    QSettings settings;
    preferences_.save(settings);
    queue_->configure(p.engineSettings());  // a new engine takes the next run
    if (p.runtime().device != loadedRuntime_.device || p.runtime().precision != loadedRuntime_.precision ||
        modelsChanged || engineChanged)
        loadError_.clear();  // a new configuration gets a new chance
    loadedRuntime_ = p.runtime();
    detection_->configure(p.modelsFolder, p.runtime().device);
    if (outputChanged) {
        // Earlier folders' images stay in view: the gallery is the history of every folder used.
        QStringList history = settings.value(QStringLiteral("gallery/folders")).toStringList();
        history.removeAll(p.outputFolder);
        history.prepend(p.outputFolder);
        while (history.size() > kGalleryFolderHistory) history.removeLast();
        settings.setValue(QStringLiteral("gallery/folders"), history);
        if (galleryModel_->folders().isEmpty())  // at start: the earlier folders, oldest first
            for (auto it = history.crbegin(); it != history.crend(); ++it)
                if (*it != p.outputFolder && QFileInfo(*it).isDir()) galleryModel_->addFolder(*it);
        galleryModel_->addFolder(p.outputFolder);
    }
    if (modelsChanged) {
        checkModels();
        loadTokenizer();
    } else if (engineChanged) {
        checkModels();  // the other engine gets ready (or the server is asked) in the background
    }
}

void MainWindow::checkModels() {
    modelsComplete_ = missing_->check(preferences_.modelsFolder);
    references_->redetectUnchecked();
    if (preferences_.engine == EngineKind::Remote) {
        // The server generates; a models folder here only lets the studio find faces itself (the
        // server finds them otherwise).
        missing_->hide();
        queue_->loadModels();
        return;
    }
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
    settings.setValue(QStringLiteral("session/settings"), QString::fromStdString(pipeline::settingsToJson(currentSettings()).dump()));
    settings.setValue(QStringLiteral("session/randomSeed"), settings_->randomSeed());
    settings.setValue(QStringLiteral("session/references"), referenceStore_.keep(*references_));
}

void MainWindow::restoreSessionReferences() {
    QSettings settings;
    const QString id = settings.value(QStringLiteral("session/references")).toString();
    if (!id.isEmpty() && references_->count() == 0) referenceStore_.restore(id, *references_);
}

void MainWindow::reuseGalleryItem(int row) {
    if (row < 0 || row >= galleryModel_->rowCount()) return;
    const GalleryItem& item = galleryModel_->item(row);
    const pipeline::GenerationSettings settings = item.settings;
    const QString set = item.referenceSet.isEmpty() ? referenceStore_.setOf(item.path) : item.referenceSet;
    applySettings(settings);
    const int restored = referenceStore_.restore(set, *references_);  // with their weights
    if (restored == 0) restoreReferenceWeights(item.referenceWeights, std::size_t(item.referenceLabels.size()));
    if (restored > 0)
        emit notice(tr("Parameters and %n reference photo(s) restored (seed %1)", nullptr, restored).arg(settings.seed));
    else
        emit notice(tr("Parameters restored (seed %1). This image's reference photos were not kept; the current "
                       "references stay.")
                        .arg(settings.seed));
}

void MainWindow::restoreSession() {
    QSettings settings;
    const QString json = settings.value(QStringLiteral("session/settings")).toString();
    if (json.isEmpty()) return;
    try {
        applySettings(pipeline::settingsFromJson(nlohmann::json::parse(json.toStdString())));
        settings_->setRandomSeed(settings.value(QStringLiteral("session/randomSeed"), true).toBool());
    } catch (const std::exception&) {
        // A session from an incompatible version: start from the defaults.
    }
}

int MainWindow::saveAllUnsaved(const QString& folder, QString* error) {
    if (const QString problem = outputFolderProblem(folder); !problem.isEmpty()) {
        if (error) *error = problem;
        return 0;
    }
    int saved = 0;
    for (int row = 0; row < galleryModel_->rowCount(); ++row) {
        const GalleryItem& item = galleryModel_->item(row);
        if (item.saved()) continue;
        // A name of its own, never an existing file's.
        QString target;
        for (int n = 1; target.isEmpty() || QFileInfo::exists(target); ++n)
            target = QDir(folder).filePath(QStringLiteral("flashface-unsaved-%1-%2.png").arg(item.settings.seed).arg(n));
        const QString problem = galleryView_->saveTo(row, target, false);
        if (!problem.isEmpty()) {
            if (error) *error = problem;
            return saved;
        }
        ++saved;
    }
    return saved;
}

// Images that were never saved exist only here: quitting asks first.
bool MainWindow::confirmQuitWithUnsaved() {
    const int unsaved = galleryModel_->unsavedCount();
    if (unsaved == 0) return true;
    QMessageBox box(QMessageBox::Warning, tr("Unsaved Images"),
                    tr("%n image(s) in the gallery were never saved. They are lost if you quit now.", nullptr, unsaved),
                    QMessageBox::SaveAll | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setDefaultButton(QMessageBox::SaveAll);
    box.setObjectName(QStringLiteral("unsavedImagesBox"));
    switch (box.exec()) {
    case QMessageBox::Discard: return true;
    case QMessageBox::SaveAll: {
        const QString folder = QFileDialog::getExistingDirectory(
            this, tr("Save Unsaved Images To"), QStandardPaths::writableLocation(QStandardPaths::PicturesLocation));
        if (folder.isEmpty()) return false;
        QString error;
        saveAllUnsaved(folder, &error);
        if (!error.isEmpty()) {
            QMessageBox::warning(this, tr("Unsaved Images"), error);
            return false;
        }
        return true;
    }
    default: return false;
    }
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!confirmQuitWithUnsaved()) {
        event->ignore();
        return;
    }
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

// A generated image (or an export carrying its parameters) dropped on the window restores them; other images become references
// (dropping on the References panel always adds references).
void MainWindow::dropEvent(QDropEvent* event) {
    QStringList photos;
    for (const QUrl& url : event->mimeData()->urls()) {
        const QString path = url.toLocalFile();
        if (path.isEmpty()) continue;
        bool restored = false;
        static const QStringList withParameters{QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"),
                                                QStringLiteral("webp")};
        if (withParameters.contains(QFileInfo(path).suffix().toLower())) {
            pipeline::ImageMetadata metadata;
            if (readImageParameters(path, &metadata).isEmpty()) {
                applyImageParameters(metadata, QFileInfo(path).fileName());
                restored = true;
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
