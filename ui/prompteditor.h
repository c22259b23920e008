#pragma once

#include "pipeline/request.h"

#include <QWidget>

#include <functional>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QTimer;

namespace flashface::ui {

// Counts the CLIP tokens of a text (without the start/end markers), as the engine's tokenizer does.
using TokenCounter = std::function<int(const QString&)>;

// One prompt (positive or negative) with its switchable, editable default postfix and a live
// token counter. CLIP reads at most 75 tokens of the final text; the rest is shown struck out.
class PromptEditor : public QWidget {
    Q_OBJECT
public:
    enum class Kind { Positive, Negative };
    static constexpr int kUsableTokens = 75;

    explicit PromptEditor(Kind kind, QWidget* parent = nullptr);

    QString text() const;
    void setText(const QString& text);
    QString postfix() const;
    void setPostfix(const QString& postfix);
    bool postfixEnabled() const;
    void setPostfixEnabled(bool enabled);

    // The text the engine encodes: the prompt joined with the postfix when it is on.
    QString finalText() const;

    // No counter: the count shows why it is unavailable.
    void setTokenCounter(TokenCounter counter, const QString& unavailableReason = {});
    int tokenCount() const { return tokenCount_; }  // -1 when unknown
    int cutTokens() const;
    QString counterText() const;

    void writeTo(pipeline::GenerationSettings& settings) const;
    void readFrom(const pipeline::GenerationSettings& settings);

    QPlainTextEdit* promptEdit() const { return prompt_; }
    QPlainTextEdit* postfixEdit() const { return postfix_; }

    // Counts now instead of after the typing pause (tests, programmatic changes).
    void recount();

signals:
    void changed();

private:
    void markCut(int cutAt);
    int cutPosition(const QString& text) const;

    Kind kind_;
    QPlainTextEdit* prompt_;
    QPlainTextEdit* postfix_;
    QCheckBox* usePostfix_;
    QLabel* counter_;
    QTimer* recountTimer_;
    TokenCounter count_;
    QString unavailableReason_;
    int tokenCount_ = -1;
};

}  // namespace flashface::ui
