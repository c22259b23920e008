#include "apppreferences.h"
#include "mainwindow.h"
#include "referencepanel.h"
#include "translation.h"

#include "common/threads.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QSettings>

#include <cstdio>

namespace {

void describe(QCommandLineParser& parser) {
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "FlashFace Studio: new images of a person from a few reference photos."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("photos"),
                                 QCoreApplication::translate("main", "Reference photos (or folders of them) to start with."),
                                 QStringLiteral("[photos...]"));
}

}  // namespace

int main(int argc, char** argv) {
    flashface::preferPassiveThreadWaits(argv);  // before Qt or libgomp start any thread
    QApplication::setOrganizationName(QStringLiteral("FlashFace"));
    QApplication::setApplicationName(QStringLiteral("FlashFace Studio"));
    QApplication::setApplicationVersion(QStringLiteral(FLASHFACE_VERSION));

    // --help and --version answer on the terminal before any window system is needed (they
    // work over SSH and without a display).
    {
        QStringList args;
        for (int i = 0; i < argc; ++i) args.append(QString::fromLocal8Bit(argv[i]));
        QCommandLineParser early;
        describe(early);
        early.parse(args);  // unknown (Qt's own) options are dealt with below
        if (early.isSet(QStringLiteral("help")) && !early.isSet(QStringLiteral("help-all"))) {
            // No application object yet, so the parser cannot name the program itself.
            QString help = early.helpText();
            help.replace(QStringLiteral("<executable_name>"), QFileInfo(args.value(0)).fileName());
            std::fputs(qPrintable(help), stdout);
            return 0;
        }
        if (early.isSet(QStringLiteral("version"))) {
            std::printf("%s %s\n", qPrintable(QApplication::applicationName()), FLASHFACE_VERSION);
            return 0;
        }
    }

    QApplication app(argc, argv);
    QApplication::setDesktopFileName(QStringLiteral("io.github.flashface.Studio"));  // the installed .desktop file

    QSettings settings;
    flashface::ui::installTranslations(app, flashface::ui::AppPreferences::load(settings).language);

    QCommandLineParser parser;
    describe(parser);
    parser.process(app);  // Qt's options are gone by now: anything unknown is an error

    flashface::ui::MainWindow window;
    window.show();
    if (!parser.positionalArguments().isEmpty()) window.referencePanel()->addFiles(parser.positionalArguments());
    return QApplication::exec();
}
