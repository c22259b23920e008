// Prompt editors: the live token counter (with the engine's tokenizer on the real CLIP
// vocabulary), the cut shown past 75 tokens, and the switchable postfixes.
#include "pipeline/prompts.h"
#include "prompteditor.h"
#include "support/fixtures.h"
#include "tokenizer/tokenizer.h"

#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <fstream>
#include <memory>

using namespace flashface;
using namespace flashface::ui;

namespace {

// The number of prompt tokens a zero-padded fixture case encodes to: the ids between the start
// marker and the closing end marker, which is the last non-zero id (a prompt may itself hold end
// markers, and id 0 is a token too, but the padding after the closing marker is all zeros).
int expectedCount(const std::vector<std::int64_t>& ids) {
    const auto last = std::find_if(ids.rbegin(), ids.rend(), [](std::int64_t id) { return id != 0; });
    return int(ids.rend() - last) - 2;
}

}  // namespace

class PromptEditorTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        tokenizer_ = std::make_shared<tokenizer::Tokenizer>(
            tokenizer::Tokenizer::fromMergesFile(test::fixture("tokenizer/bpe_simple_vocab_16e6.txt.gz")));
        counter_ = [t = tokenizer_](const QString& text) { return t->count(text.toStdString()).tokens; };
    }

    void countsLikeTheEngineTokenizer() {
        PromptEditor editor(PromptEditor::Kind::Positive);
        editor.setTokenCounter(counter_);
        editor.setPostfixEnabled(false);
        // The zero-padded cases: with end-of-text padding, a prompt's own end markers could not
        // be told from the padding.
        std::ifstream cases(test::fixture("tokenizer/cases_zero_padding.jsonl"));
        QVERIFY(cases.is_open());
        std::string line;
        int checked = 0;
        while (std::getline(cases, line)) {
            const auto json = nlohmann::json::parse(line);
            const int expected = expectedCount(json.at("ids").get<std::vector<std::int64_t>>());
            if (expected >= PromptEditor::kUsableTokens) continue;  // cut: the ids cannot tell the full count
            editor.setText(QString::fromStdString(json.at("text").get<std::string>()));
            editor.recount();
            QCOMPARE(editor.tokenCount(), expected);
            QCOMPARE(editor.cutTokens(), 0);
            ++checked;
        }
        QVERIFY(checked > 0);
    }

    void countsThePromptWithItsPostfix() {
        PromptEditor editor(PromptEditor::Kind::Positive);
        editor.setTokenCounter(counter_);
        editor.setText(QStringLiteral("a handsome young man"));
        editor.recount();
        pipeline::GenerationSettings s;
        editor.writeTo(s);
        QCOMPARE(editor.finalText(), QString::fromStdString(pipeline::assemblePrompts(s).positive));
        QCOMPARE(editor.tokenCount(), tokenizer_->count(pipeline::assemblePrompts(s).positive).tokens);
        const int withPostfix = editor.tokenCount();
        editor.setPostfixEnabled(false);
        editor.recount();
        QVERIFY(editor.tokenCount() < withPostfix);
        QCOMPARE(editor.finalText(), QStringLiteral("a handsome young man"));
    }

    void excessIsShownAsCut() {
        PromptEditor editor(PromptEditor::Kind::Positive);
        editor.setTokenCounter(counter_);
        editor.setPostfixEnabled(false);
        QStringList words;
        for (int i = 0; i < 90; ++i) words << QStringLiteral("portrait");
        editor.setText(words.join(QLatin1Char(' ')));
        editor.recount();
        QCOMPARE(editor.tokenCount(), 90);
        QCOMPARE(editor.cutTokens(), 15);
        QVERIFY(editor.counterText().contains(QStringLiteral("15")));
        // The struck-out part starts exactly where CLIP stops reading.
        const auto marks = editor.promptEdit()->extraSelections();
        QCOMPARE(marks.size(), 1);
        const int cutAt = marks.front().cursor.selectionStart();
        QCOMPARE(counter_(editor.text().left(cutAt)), PromptEditor::kUsableTokens);
        QVERIFY(marks.front().format.fontStrikeOut());

        editor.setText(QStringLiteral("portrait"));
        editor.recount();
        QVERIFY(editor.promptEdit()->extraSelections().isEmpty());
    }

    void cutInsideThePostfixIsMarkedThere() {
        PromptEditor editor(PromptEditor::Kind::Negative);
        editor.setTokenCounter(counter_);
        QStringList words;
        for (int i = 0; i < 30; ++i) words << QStringLiteral("beard");  // 59 tokens: the postfix overflows
        editor.setText(words.join(QStringLiteral(", ")));
        editor.recount();
        QVERIFY(editor.cutTokens() > 0);
        QVERIFY(editor.promptEdit()->extraSelections().isEmpty());   // the prompt itself fits
        QCOMPARE(editor.postfixEdit()->extraSelections().size(), 1);  // the postfix is cut
    }

    void unavailableCounterSaysWhy() {
        PromptEditor editor(PromptEditor::Kind::Positive);
        editor.setTokenCounter({}, QStringLiteral("vocabulary missing"));
        editor.setText(QStringLiteral("a man"));
        editor.recount();
        QCOMPARE(editor.tokenCount(), -1);
        QVERIFY(editor.counterText().startsWith(QStringLiteral("–")));
    }

    void countFollowsTypingAfterAPause() {
        PromptEditor editor(PromptEditor::Kind::Positive);
        editor.setTokenCounter(counter_);
        editor.setPostfixEnabled(false);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        editor.promptEdit()->setFocus();
        QTest::keyClicks(editor.promptEdit(), QStringLiteral("young woman"));
        QTRY_COMPARE(editor.tokenCount(), 2);
    }

    void settingsRoundTrip() {
        PromptEditor editor(PromptEditor::Kind::Negative);
        pipeline::GenerationSettings in;
        in.negativePrompt = "glasses, 胡子";
        in.useNegativePostfix = false;
        in.negativePostfix = "blurry";
        editor.readFrom(in);
        pipeline::GenerationSettings out;
        editor.writeTo(out);
        QCOMPARE(out.negativePrompt, in.negativePrompt);
        QCOMPARE(out.useNegativePostfix, false);
        QCOMPARE(out.negativePostfix, std::string("blurry"));
        QCOMPARE(out.prompt, pipeline::GenerationSettings{}.prompt);  // the positive fields are not its business
    }

private:
    std::shared_ptr<tokenizer::Tokenizer> tokenizer_;
    TokenCounter counter_;
};

QTEST_MAIN(PromptEditorTest)
#include "test_prompteditor.moc"
