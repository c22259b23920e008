#include "prompteditor.h"

#include "pipeline/prompts.h"

#include <QCheckBox>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBlock>
#include <QTimer>
#include <QVBoxLayout>

namespace flashface::ui {
namespace {

QString defaultPostfix(PromptEditor::Kind kind) {
    return QString::fromUtf8(kind == PromptEditor::Kind::Positive ? pipeline::kDefaultPositivePostfix
                                                                  : pipeline::kDefaultNegativePostfix);
}

void setLines(QPlainTextEdit* edit, int lines) {
    const QFontMetrics fm(edit->font());
    edit->setFixedHeight(fm.lineSpacing() * lines + 2 * int(edit->document()->documentMargin()) + 4);
}

}  // namespace

PromptEditor::PromptEditor(Kind kind, QWidget* parent)
    : QWidget(parent),
      kind_(kind),
      prompt_(new QPlainTextEdit(this)),
      postfix_(new QPlainTextEdit(this)),
      usePostfix_(new QCheckBox(this)),
      counter_(new QLabel(this)),
      recountTimer_(new QTimer(this)) {
    const bool positive = kind == Kind::Positive;
    auto* title = new QLabel(positive ? tr("&Prompt") : tr("&Negative prompt"), this);
    title->setBuddy(prompt_);
    prompt_->setPlaceholderText(positive ? tr("Describe the picture: name age and gender, e.g. "
                                              "“a handsome young man, with long brown hair, on the street "
                                              "at night, soft light”")
                                         : tr("What you do not want to see, e.g. “glasses, beard, bangs”"));
    prompt_->setToolTip(positive ? tr("Naming age and gender (“a handsome young man”, “a beautiful young "
                                      "woman”) helps the likeness.")
                                 : tr("Use the negative prompt to remove unwanted features such as a beard, "
                                      "glasses or bangs."));
    prompt_->setTabChangesFocus(true);
    setLines(prompt_, positive ? 4 : 2);

    usePostfix_->setText(positive ? tr("Append quality postfix") : tr("Append default negative postfix"));
    usePostfix_->setChecked(true);
    usePostfix_->setToolTip(tr("The official tool appends this text to every prompt. Edit it or switch it off."));
    postfix_->setPlainText(defaultPostfix(kind));
    postfix_->setTabChangesFocus(true);
    postfix_->setAccessibleName(usePostfix_->text());
    setLines(postfix_, 2);
    auto* reset = new QPushButton(tr("Reset"), this);
    reset->setToolTip(tr("Restore the official postfix"));
    connect(reset, &QPushButton::clicked, this, [this] { postfix_->setPlainText(defaultPostfix(kind_)); });

    counter_->setTextFormat(Qt::PlainText);
    counter_->setToolTip(tr("CLIP reads at most %1 tokens of the prompt and postfix together; "
                            "anything after that is cut (shown struck out).")
                             .arg(kUsableTokens));

    auto* header = new QHBoxLayout;
    header->addWidget(title);
    header->addStretch();
    header->addWidget(counter_);
    auto* postfixRow = new QHBoxLayout;
    postfixRow->addWidget(usePostfix_);
    postfixRow->addStretch();
    postfixRow->addWidget(reset);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(prompt_);
    layout->addLayout(postfixRow);
    layout->addWidget(postfix_);

    // Counting every keystroke is cheap, but re-highlighting while typing fast flickers.
    recountTimer_->setSingleShot(true);
    recountTimer_->setInterval(120);
    connect(recountTimer_, &QTimer::timeout, this, &PromptEditor::recount);
    auto edited = [this] {
        recountTimer_->start();
        emit changed();
    };
    connect(prompt_, &QPlainTextEdit::textChanged, this, edited);
    connect(postfix_, &QPlainTextEdit::textChanged, this, edited);
    connect(usePostfix_, &QCheckBox::toggled, this, [this, edited](bool on) {
        postfix_->setEnabled(on);
        edited();
    });
    setTokenCounter({});
}

QString PromptEditor::text() const { return prompt_->toPlainText(); }
void PromptEditor::setText(const QString& text) { prompt_->setPlainText(text); }
QString PromptEditor::postfix() const { return postfix_->toPlainText(); }
void PromptEditor::setPostfix(const QString& postfix) { postfix_->setPlainText(postfix); }
bool PromptEditor::postfixEnabled() const { return usePostfix_->isChecked(); }
void PromptEditor::setPostfixEnabled(bool enabled) { usePostfix_->setChecked(enabled); }

QString PromptEditor::finalText() const {
    pipeline::GenerationSettings settings;
    writeTo(settings);
    const pipeline::PromptPair prompts = pipeline::assemblePrompts(settings);  // the engine's own joining rule
    return QString::fromStdString(kind_ == Kind::Positive ? prompts.positive : prompts.negative);
}

void PromptEditor::setTokenCounter(TokenCounter counter, const QString& unavailableReason) {
    count_ = std::move(counter);
    unavailableReason_ = unavailableReason.isEmpty() ? tr("Token count unavailable until the tokenizer is loaded.")
                                                     : unavailableReason;
    recount();
}

int PromptEditor::cutTokens() const { return tokenCount_ > kUsableTokens ? tokenCount_ - kUsableTokens : 0; }

QString PromptEditor::counterText() const { return counter_->text(); }

void PromptEditor::recount() {
    recountTimer_->stop();
    if (!count_) {
        tokenCount_ = -1;
        counter_->setText(tr("– / %1 tokens").arg(kUsableTokens));
        counter_->setToolTip(unavailableReason_);
        markCut(-1);
        return;
    }
    const QString final = finalText();
    tokenCount_ = count_(final);
    const int cut = cutTokens();
    counter_->setText(cut > 0 ? tr("%1 / %2 tokens — %3 cut").arg(tokenCount_).arg(kUsableTokens).arg(cut)
                              : tr("%1 / %2 tokens").arg(tokenCount_).arg(kUsableTokens));
    counter_->setStyleSheet(cut > 0 ? QStringLiteral("color: #d33; font-weight: bold;") : QString());
    markCut(cut > 0 ? cutPosition(final) : -1);
}

// The first character of `text` that CLIP no longer reads: the shortest prefix whose count
// exceeds the limit, searched over word starts (the tokenizer never splits inside them
// differently than the whole text does in any way that matters for showing the cut).
int PromptEditor::cutPosition(const QString& text) const {
    QList<int> starts;
    for (int i = 1; i < text.size(); ++i)
        if (!text[i].isSpace() && (text[i - 1].isSpace() || text[i - 1].isPunct() || text[i].isPunct()))
            starts.append(i);
    starts.append(text.size());
    int lo = 0, hi = int(starts.size()) - 1;  // find the first start whose prefix exceeds the limit
    while (lo < hi) {
        const int mid = (lo + hi) / 2;
        if (count_(text.left(starts[mid])) > kUsableTokens) hi = mid;
        else lo = mid + 1;
    }
    // The word that crosses the limit is itself cut: mark from its start.
    return lo > 0 ? starts[lo - 1] : 0;
}

void PromptEditor::markCut(int cutAt) {
    // cutAt indexes finalText(): the prompt, then ", " (if joined), then the postfix.
    QTextCharFormat struck;
    struck.setFontStrikeOut(true);
    struck.setForeground(QColor(0xd3, 0x33, 0x33));
    auto mark = [&](QPlainTextEdit* edit, int from) {
        QList<QTextEdit::ExtraSelection> selections;
        const int length = int(edit->toPlainText().size());
        if (cutAt >= 0 && from < length) {
            QTextEdit::ExtraSelection sel;
            sel.cursor = QTextCursor(edit->document());
            sel.cursor.setPosition(std::max(from, 0));
            sel.cursor.setPosition(length, QTextCursor::KeepAnchor);
            sel.format = struck;
            selections.append(sel);
        }
        edit->setExtraSelections(selections);
    };
    const QString final = finalText();
    const bool joined = final != text();
    const int postfixStart = final.size() - postfix().size();
    mark(prompt_, cutAt);
    mark(postfix_, joined ? cutAt - postfixStart : int(postfix().size()));
}

void PromptEditor::writeTo(pipeline::GenerationSettings& settings) const {
    const bool positive = kind_ == Kind::Positive;
    (positive ? settings.prompt : settings.negativePrompt) = text().toStdString();
    (positive ? settings.usePositivePostfix : settings.useNegativePostfix) = postfixEnabled();
    (positive ? settings.positivePostfix : settings.negativePostfix) = postfix().toStdString();
}

void PromptEditor::readFrom(const pipeline::GenerationSettings& settings) {
    const bool positive = kind_ == Kind::Positive;
    setText(QString::fromStdString(positive ? settings.prompt : settings.negativePrompt));
    setPostfixEnabled(positive ? settings.usePositivePostfix : settings.useNegativePostfix);
    setPostfix(QString::fromStdString(positive ? settings.positivePostfix : settings.negativePostfix));
    recount();
}

}  // namespace flashface::ui
