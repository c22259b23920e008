#pragma once

#include "apppreferences.h"
#include "generationjob.h"
#include "referencestore.h"

#include <QMainWindow>

#include <QCoro/QCoroTask>

#include <QHash>
#include <QPersistentModelIndex>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

class QAction;
class QDockWidget;
class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace flashface::tokenizer {
class Tokenizer;
}
namespace flashface::pipeline {
struct ImageMetadata;
}

namespace flashface::ui {

class FaceDetectionService;
class FacePositionPanel;
class GalleryModel;
class GalleryView;
class GenerationQueue;
class ImageViewer;
class SettingsHistory;
class MissingModelsPanel;
class PreviewGrid;
class PromptEditor;
class ReferencePanel;
class SettingsPanel;
class TargetPanel;

// FlashFace Studio's window: references (left), prompts and the live preview (centre), face
// position and settings (right), the gallery (bottom). Generation runs on a worker thread;
// the window never waits for the engine.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Everything the controls say, as the engine's settings (the seed as shown).
    pipeline::GenerationSettings currentSettings() const;
    void applySettings(const pipeline::GenerationSettings& settings);  // "reuse all parameters"
    // "Reuse All Parameters" on a gallery image: its settings and, where kept, its references.
    void reuseGalleryItem(int row);
    // Restores the parameters stored in a generated PNG; false (with a message) when it has none.
    // Restores the parameters stored in a generated image (PNG, or a JPEG or WebP export);
    // false (with a message) when it has none.
    bool restoreParametersFrom(const QString& path);

    // Queues a run of the current settings; returns its id, or 0 (with a message) when it
    // cannot run yet.
    quint64 generate();
    void cancel();

    const AppPreferences& preferences() const { return preferences_; }
    void setPreferences(const AppPreferences& preferences);

    ReferencePanel* referencePanel() const { return references_; }
    TargetPanel* targetPanel() const { return target_; }
    // Shown with the results of a face swap or img2img run: the target photo in their place.
    QPushButton* compareButton() const { return compareButton_; }
    FacePositionPanel* facePanel() const { return facePanel_; }
    PromptEditor* promptEditor() const { return prompt_; }
    PromptEditor* negativeEditor() const { return negative_; }
    SettingsPanel* settingsPanel() const { return settings_; }
    GalleryModel* galleryModel() const { return galleryModel_; }
    GalleryView* galleryView() const { return galleryView_; }
    GenerationQueue* queue() const { return queue_; }
    PreviewGrid* preview() const { return preview_; }
    MissingModelsPanel* missingModelsPanel() const { return missing_; }
    QProgressBar* progressBar() const { return progress_; }
    QString errorText() const;
    // Saves every gallery image that could not be saved, as PNG with its parameters, into
    // `folder`; the number saved (with the reason in `error` if not all could be).
    int saveAllUnsaved(const QString& folder, QString* error = nullptr);

    // The full-size viewer on gallery image `row` (created on first use).
    ImageViewer* showImageViewer(int row);
    ImageViewer* imageViewer() const { return viewer_; }
    SettingsHistory* history() const { return history_; }  // undo/redo of face box and settings
    QLineEdit* galleryFilterField() const { return galleryFilter_; }
    QAction* addPhotosAction() const { return addPhotosAction_; }
    QAction* pasteAction() const { return pasteAction_; }
    QAction* preferencesAction() const { return preferencesAction_; }
    // Shown while the last failed run can be queued again (a server lost mid-run).
    QPushButton* retryButton() const { return retryButton_; }
    // Queues the last failed run again; its id, or 0 when there is none to retry.
    quint64 retryFailed();

signals:
    // A message for the status bar (also shown there).
    void notice(const QString& text);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    QWidget* buildCentre();
    QWidget* buildGallery();
    void showPreviewMenu(int index, QPoint globalPos);
    QDockWidget* addDock(QWidget* content, const QString& title, const QString& objectName, Qt::DockWidgetArea area);
    void buildMenus();
    void connectQueue();
    void checkModels();
    QCoro::Task<> loadTokenizer();
    void showPreferences();
    void showError(const QString& text);
    void clearError();
    void updateGenerateBar();
    void followTarget();  // the size and face position of a run with the target photo
    void showResults(const QList<QImage>& images, const QString& caption, const QImage& before);
    void stopComparing();
    void onJobEnded(const GenerationOutcome& outcome);
    void saveSession();
    void restoreSession();
    void restoreSessionReferences();
    bool confirmQuitWithUnsaved();
    void reuseReferencesOf(int galleryRow);
    // Settings and reference weights from an image's parameters; `name` for the message.
    void applyImageParameters(const pipeline::ImageMetadata& metadata, const QString& name);
    bool restoreReferenceWeights(const std::vector<double>& stored, std::size_t references);

    AppPreferences preferences_;
    GenerationQueue* queue_;
    FaceDetectionService* detection_;
    ReferencePanel* references_;
    TargetPanel* target_;
    FacePositionPanel* facePanel_;
    PromptEditor* prompt_;
    PromptEditor* negative_;
    SettingsPanel* settings_;
    GalleryModel* galleryModel_;
    GalleryView* galleryView_;
    PreviewGrid* preview_;
    MissingModelsPanel* missing_;
    QProgressBar* progress_;
    QPushButton* generateButton_;
    QPushButton* cancelButton_;
    QPushButton* compareButton_;
    QPushButton* retryButton_;
    QLabel* queueLabel_;
    QLabel* error_;
    QAction* generateAction_;
    QAction* cancelAction_;
    QAction* retryAction_ = nullptr;
    // The run retryFailed() queues again, with what the window keeps of it.
    struct FailedRun {
        quint64 job = 0;
        QString referenceSet;
        QImage target;
    } failedRun_;
    void setFailedRun(FailedRun run);
    QAction* addPhotosAction_ = nullptr;
    ImageViewer* viewer_ = nullptr;
    SettingsHistory* history_ = nullptr;
    QLineEdit* galleryFilter_ = nullptr;
    QCheckBox* favouritesOnly_ = nullptr;
    QList<QPersistentModelIndex> previewItems_;  // the gallery items the preview shows, if any
    QAction* pasteAction_ = nullptr;
    QAction* preferencesAction_ = nullptr;
    std::optional<pipeline::GenerationSettings> lastQueued_;  // the settings of the run queued last
    QHash<quint64, QString> jobReferenceSets_;
    QHash<quint64, QImage> jobTargets_;  // the target photo of each queued face swap
    QList<QImage> shownResults_;         // the results the compare button swaps with…
    QString shownCaption_;
    QImage shownTarget_;                 // …their target photo
    ReferenceStore referenceStore_;
    QString loadError_;  // why the models last failed to load; cleared when they load
    pipeline::RuntimeOptions loadedRuntime_;
    QList<QDockWidget*> docks_;
    QByteArray defaultState_;
    std::shared_ptr<const tokenizer::Tokenizer> tokenizer_;
    bool modelsComplete_ = false;
    quint64 runningJob_ = 0;  // the job the progress bar and previews show
};

}  // namespace flashface::ui
