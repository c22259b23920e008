// Every string the studio shows has its Chinese: the catalogue has no unfinished message, and
// the compiled one (in the binary) is what the widgets use, the download messages included.
#include "download/downloadmanager.h"
#include "referencecard.h"
#include "translation.h"

#include <QFile>
#include <QLabel>
#include <QTest>
#include <QXmlStreamReader>

using namespace flashface::ui;

class TranslationsTest : public QObject {
    Q_OBJECT
private slots:
    void everyMessageHasItsChinese() {
        QFile file(QStringLiteral(FLASHFACE_SOURCE_DIR "/translations/flashface_zh_CN.ts"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        QString context, source;
        QStringList unfinished;
        int messages = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement) continue;
            if (xml.name() == QLatin1String("name")) context = xml.readElementText();
            else if (xml.name() == QLatin1String("source")) source = xml.readElementText();
            else if (xml.name() == QLatin1String("translation")) {
                const QString type = xml.attributes().value(QLatin1String("type")).toString();
                if (type == QLatin1String("vanished") || type == QLatin1String("obsolete")) continue;
                ++messages;
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                if (type == QLatin1String("unfinished") || text.trimmed().isEmpty()) unfinished.append(context + QLatin1String(": ") + source);
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(messages > 0);
        QVERIFY2(unfinished.isEmpty(), qPrintable(unfinished.join(QLatin1Char('\n'))));
    }

    void theWidgetsAndTheDownloadsSpeakChinese() {
        installTranslations(*QCoreApplication::instance(), QStringLiteral("zh_CN"));
        ReferenceCard card;
        bool weightLabel = false;
        for (const QLabel* label : card.findChildren<QLabel*>()) weightLabel = weightLabel || label->text() == QStringLiteral("权重");
        QVERIFY(weightLabel);
        // The download manager's messages are in the catalogue too (its own library).
        const QString offline = flashface::download::DownloadManager::tr("Offline: %1 cannot be reached (%2). Check the network connection.");
        QVERIFY2(offline.startsWith(QStringLiteral("离线")), qPrintable(offline));
    }
};

QTEST_MAIN(TranslationsTest)
#include "test_translations.moc"
