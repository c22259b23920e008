#include "settingshistory.h"

#include "facepositionpanel.h"
#include "pipeline/generation_metadata.h"
#include "settingspanel.h"

#include <QCoreApplication>
#include <QUndoCommand>
#include <QUndoStack>

#include <nlohmann/json.hpp>

namespace flashface::ui {

class SettingsHistory::Step : public QUndoCommand {
public:
    Step(SettingsHistory* history, State before, State after, const QString& text)
        : QUndoCommand(text), history_(history), before_(std::move(before)), after_(std::move(after)) {}
    void undo() override { history_->apply(before_); }
    void redo() override {
        if (first_) first_ = false;  // pushed after the edit happened: nothing to do
        else history_->apply(after_);
    }

private:
    SettingsHistory* history_;
    State before_, after_;
    bool first_ = true;
};

SettingsHistory::SettingsHistory(SettingsPanel* settings, FacePositionPanel* face, QObject* parent)
    : QObject(parent), settings_(settings), face_(face), stack_(new QUndoStack(this)) {
    stack_->setUndoLimit(200);
    pause_.setSingleShot(true);
    pause_.setInterval(kPauseMs);
    connect(&pause_, &QTimer::timeout, this, &SettingsHistory::commit);
    connect(settings_, &SettingsPanel::changed, this, &SettingsHistory::changed);
    connect(face_, &FacePositionPanel::boxChanged, this, &SettingsHistory::changed);
    committed_ = capture();
}

SettingsHistory::State SettingsHistory::capture() const {
    State state;
    settings_->writeTo(state.settings);
    face_->writeTo(state.settings);
    state.randomSeed = settings_->randomSeed();
    return state;
}

bool SettingsHistory::same(const State& a, const State& b) const {
    if (a.randomSeed != b.randomSeed) return false;
    pipeline::GenerationSettings x = a.settings, y = b.settings;
    if (a.randomSeed) x.seed = y.seed = 0;  // a fresh random seed is no edit
    return pipeline::settingsToJson(x) == pipeline::settingsToJson(y);
}

void SettingsHistory::apply(const State& state) {
    applying_ = true;
    pipeline::GenerationSettings current;
    settings_->writeTo(current);
    pipeline::GenerationSettings target = state.settings;
    if (state.randomSeed) target.seed = current.seed;  // random mode keeps the seed shown
    settings_->readFrom(target);
    settings_->setRandomSeed(state.randomSeed);
    face_->setBox(target.faceBox);
    committed_ = capture();
    applying_ = false;
}

void SettingsHistory::changed() {
    if (applying_) return;
    pause_.start();
}

void SettingsHistory::commit() {
    pause_.stop();
    if (applying_) return;
    State now = capture();
    if (same(now, committed_)) {
        committed_ = now;
        return;
    }
    const bool boxOnly = [&] {
        State a = committed_, b = now;
        a.settings.faceBox = b.settings.faceBox = pipeline::FaceBox{};
        return same(a, b);
    }();
    stack_->push(new Step(this, committed_, now,
                          boxOnly ? QCoreApplication::translate("SettingsHistory", "Face Position")
                                  : QCoreApplication::translate("SettingsHistory", "Settings")));
    committed_ = now;
}

void SettingsHistory::undo() {
    commit();
    stack_->undo();
}

void SettingsHistory::redo() {
    commit();
    stack_->redo();
}

void SettingsHistory::reset() {
    pause_.stop();
    stack_->clear();
    committed_ = capture();
}

}  // namespace flashface::ui
