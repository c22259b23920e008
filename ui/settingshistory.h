#pragma once

#include "pipeline/request.h"

#include <QObject>
#include <QTimer>

class QUndoStack;

namespace flashface::ui {

class FacePositionPanel;
class SettingsPanel;

// Undo and redo for the face box and the settings panel. Edits are gathered into one step
// until they pause (a drag of the box, typing a number, applying a preset: one step each); an
// undo first closes the step in progress. Seeds drawn for random runs are not edits.
class SettingsHistory : public QObject {
    Q_OBJECT
public:
    SettingsHistory(SettingsPanel* settings, FacePositionPanel* face, QObject* parent = nullptr);

    QUndoStack* stack() const { return stack_; }
    void undo();
    void redo();
    void commit();  // closes the step in progress now
    // Forgets the history, e.g. after a session is restored; the current state is the base.
    void reset();

    static constexpr int kPauseMs = 600;

private:
    struct State {
        pipeline::GenerationSettings settings;
        bool randomSeed = true;
    };
    class Step;

    State capture() const;
    void apply(const State& state);
    bool same(const State& a, const State& b) const;
    void changed();

    SettingsPanel* settings_;
    FacePositionPanel* face_;
    QUndoStack* stack_;
    QTimer pause_;
    State committed_;
    bool applying_ = false;
};

}  // namespace flashface::ui
