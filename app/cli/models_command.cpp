// `flashface models status|verify|download`: what the models folder holds, whether it is intact,
// and fetching what is missing. status and verify need no Qt; download uses the Qt download
// manager when the GUI is built (FLASHFACE_WITH_DOWNLOAD) and otherwise says where to get the files.

#include "commands.h"

#include "common/error.h"
#include "common/human_units.h"
#include "pipeline/model_checks.h"
#include "pipeline/model_files.h"
#include "pipeline/model_verify.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

#ifdef FLASHFACE_WITH_DOWNLOAD
#include "download/downloadmanager.h"

#include <QCoreApplication>
#include <QTimer>
#include <csignal>
#endif

namespace flashface::cli {

namespace {

namespace fs = std::filesystem;

struct ModelsOptions {
    fs::path folder;
    std::string baseUrl = pipeline::kOfficialModelsBaseUrl;
};

bool isMissing(const std::vector<pipeline::MissingModelFile>& missing, const std::string& name) {
    return std::any_of(missing.begin(), missing.end(), [&](const pipeline::MissingModelFile& m) { return m.name == name; });
}

// Where each official file is in `folder`: the manifest's paths when the folder is complete,
// otherwise the official names.
pipeline::ModelFiles locateFiles(const fs::path& folder, const std::vector<pipeline::MissingModelFile>& missing) {
    if (missing.empty()) return pipeline::resolveModelFiles(folder);
    pipeline::ModelFiles files;
    files.folder = folder;
    for (auto [field, name] : {std::pair{&pipeline::ModelFiles::unet, "flashface.ckpt"}, std::pair{&pipeline::ModelFiles::vae, "sd-v1-vae.pth"},
                               std::pair{&pipeline::ModelFiles::clip, "openai-clip-vit-large-14.pth"},
                               std::pair{&pipeline::ModelFiles::faceDetector, "retinaface_resnet50.pth"},
                               std::pair{&pipeline::ModelFiles::vocabulary, "bpe_simple_vocab_16e6.txt.gz"}})
        files.*field = folder / name;
    return files;
}

// Each present file with what loading it needs.
std::vector<pipeline::ModelFileCheck> presentFiles(const fs::path& folder, const std::vector<pipeline::MissingModelFile>& missing) {
    std::vector<pipeline::ModelFileCheck> present;
    for (auto& check : pipeline::modelFileChecks(locateFiles(folder, missing)))
        if (!isMissing(missing, check.officialName)) present.push_back(std::move(check));
    return present;
}

void printMissing(const std::vector<pipeline::MissingModelFile>& missing) {
    for (const auto& file : missing) {
        std::cout << "  missing  " << file.name << " (" << file.purpose << ")\n"
                  << "           expected at " << file.expectedAt.string() << '\n'
                  << "           from " << file.url << '\n';
        std::error_code error;
        const fs::path part = file.expectedAt.string() + ".part";
        if (const auto size = fs::file_size(part, error); !error)
            std::cout << "           " << formatBytes(size) << " already downloaded (" << part.filename().string()
                      << "); a download resumes from there\n";
    }
}

void runStatus(const ModelsOptions& options) {
    const auto missing = pipeline::missingModelFiles(options.folder);
    std::cout << "Models folder: " << options.folder.string() << '\n';
    for (const auto& file : presentFiles(options.folder, missing)) {
        std::error_code error;
        const auto size = fs::file_size(file.path, error);
        std::cout << "  present  " << file.officialName << (error ? std::string() : " (" + formatBytes(size) + ")")
                  << '\n';
    }
    printMissing(missing);
    if (!missing.empty())
        throw Error(std::to_string(missing.size()) + " of " + std::to_string(pipeline::officialModelFiles().size()) +
                    " model files are missing; run `flashface models download` to fetch them.");
    std::cout << "All model files are present. `flashface models verify` checks that they are intact.\n";
}

void runVerify(const ModelsOptions& options) {
    const auto missing = pipeline::missingModelFiles(options.folder);
    const bool showProgress = ::isatty(STDERR_FILENO);
    std::cout << "Models folder: " << options.folder.string() << '\n';
    std::size_t damaged = 0;
    for (const auto& file : presentFiles(options.folder, missing)) {
        const std::string name = file.officialName;
        pipeline::VerifyOptions verify;
        if (showProgress) {
            verify.progress = [&name](std::uint64_t done, std::uint64_t total) {
                std::cerr << "\r  checking " << name << ' ' << (total ? 100 * done / total : 100) << " %" << std::flush;
            };
        }
        const auto result = pipeline::verifyModelFile(file.path, file.expected, verify);
        if (showProgress) std::cerr << "\r\033[K" << std::flush;
        if (result.ok()) {
            std::cout << "  intact   " << name << " (" << formatBytes(result.size);
            if (result.tensors > 0) std::cout << ", " << result.tensors << " tensors as the model expects";
            if (result.zipEntries > 0) std::cout << ", " << result.zipEntries << " entries CRC-checked";
            std::cout << ")\n";
            continue;
        }
        ++damaged;
        std::cout << "  DAMAGED  " << name << '\n';
        for (const auto& problem : result.problems) std::cout << "           " << problem << '\n';
    }
    printMissing(missing);
    if (damaged > 0)
        throw Error(std::to_string(damaged) + (damaged == 1 ? " model file is" : " model files are") +
                    " damaged; delete " + (damaged == 1 ? "it" : "them") +
                    " and run `flashface models download` to fetch a fresh copy.");
    if (!missing.empty())
        throw Error(std::to_string(missing.size()) + " model files are missing; run `flashface models download`.");
    std::cout << "All model files are intact.\n";
}

#ifdef FLASHFACE_WITH_DOWNLOAD

volatile std::sig_atomic_t interrupted = 0;

void printProgress(const download::DownloadManager& manager, bool tty) {
    const auto total = manager.totalProgress();
    QString current;
    for (const auto& file : manager.files())
        if (file.state != download::FileState::Done && file.state != download::FileState::Waiting) {
            current = file.name;
            break;
        }
    const int percent = total.total > 0 ? int(100 * total.received / total.total) : 0;
    QString line = QStringLiteral("[%1%] %2 of %3")
                       .arg(percent, 3)
                       .arg(QString::fromStdString(formatBytes(total.received)),
                            QString::fromStdString(formatBytes(total.total)));
    if (total.bytesPerSecond > 0)
        line += QStringLiteral(" · %1/s").arg(QString::fromStdString(formatBytes(qint64(total.bytesPerSecond))));
    if (total.secondsLeft >= 0)
        line += QStringLiteral(" · about %1 left").arg(QString::fromStdString(formatDuration(total.secondsLeft)));
    if (!current.isEmpty()) line += QStringLiteral("  ") + current;
    std::cerr << (tty ? "\r\033[K" : "") << line.toStdString() << (tty ? "" : "\n") << std::flush;
}

void runDownload(const ModelsOptions& options) {
    int argc = 1;
    char name[] = "flashface";
    char* argv[] = {name, nullptr};
    QCoreApplication application(argc, argv);

    download::DownloadSettings settings;
    settings.folder = QString::fromStdString(options.folder.string());
    settings.baseUrl = QString::fromStdString(options.baseUrl);
    for (const auto& missing : pipeline::missingModelFiles(options.folder))
        for (const auto& file : download::officialFiles())
            if (file.name.toStdString() == missing.name) settings.files.append(file);
    if (settings.files.isEmpty()) {
        std::cout << "All model files are already in " << options.folder.string() << ".\n";
        return;
    }

    download::DownloadManager manager(settings);
    const bool tty = ::isatty(STDERR_FILENO);
    QTimer ticker;  // progress once a second when not on a terminal, and Ctrl-C polling
    QObject::connect(&manager, &download::DownloadManager::progressChanged, &manager, [&] {
        if (tty) printProgress(manager, true);
    });
    QObject::connect(&manager, &download::DownloadManager::logMessage, &manager, [tty](const QString& line) {
        std::cerr << (tty ? "\r\033[K" : "") << line.toStdString() << '\n';
    });
    qint64 ticks = 0;
    QObject::connect(&ticker, &QTimer::timeout, &manager, [&] {
        if (interrupted) manager.cancel();
        if (!tty && ++ticks % 25 == 0) printProgress(manager, false);
    });
    ticker.start(200);
    const auto previous = std::signal(SIGINT, [](int) { interrupted = 1; });

    bool ok = false;
    QObject::connect(&manager, &download::DownloadManager::finished, &application, [&](bool result) {
        ok = result;
        QCoreApplication::quit();
    });
    std::cout << "Downloading " << settings.files.size() << " file(s) into " << options.folder.string() << " from "
              << options.baseUrl << '\n';
    manager.start();
    QCoreApplication::exec();
    std::signal(SIGINT, previous);
    if (tty) std::cerr << "\r\033[K";

    for (const auto& file : manager.files()) {
        const bool done = file.state == download::FileState::Done;
        std::cout << (done ? "  done     " : "  FAILED   ") << file.name.toStdString();
        if (!done && !file.message.isEmpty()) std::cout << ": " << file.message.toStdString();
        std::cout << '\n';
    }
    if (interrupted) throw Cancelled();
    if (!ok) throw Error(manager.errorString().toStdString());
    std::cout << "All model files are downloaded and intact.\n";
}

#else

void runDownload(const ModelsOptions& options) {
    const auto missing = pipeline::missingModelFiles(options.folder);
    if (missing.empty()) {
        std::cout << "All model files are already in " << options.folder.string() << ".\n";
        return;
    }
    std::cout << "This flashface was built without Qt (FLASHFACE_BUILD_GUI=OFF) and cannot download.\n"
              << "Fetch these files with a browser or a download tool, for example:\n";
    for (const auto& file : missing)
        std::cout << "  curl -L -C - -o '" << file.expectedAt.string() << "' '"
                  << pipeline::modelFileUrl(options.baseUrl, file.name) << "'\n";
    std::cout << "then run `flashface models verify`.\n";
    throw Error("downloading needs a build with Qt; " + std::to_string(missing.size()) + " model files are missing.");
}

#endif

}  // namespace

void addModelsCommand(CLI::App& app) {
    auto options = std::make_shared<ModelsOptions>();
    auto* models = app.add_subcommand("models", "Show, check or download the model weights");
    models->require_subcommand(1);
    auto addFolderOption = [&](CLI::App* command) {
        command->add_option("--models", options->folder, "Models folder (default: " + pipeline::defaultModelsFolder().string() + ")");
    };
    auto* status = models->add_subcommand("status", "List the model files present and missing");
    auto* verify = models->add_subcommand(
        "verify", "Check every present model file as loading reads it (format, keys and shapes, zip CRC-32s)");
    auto* fetch = models->add_subcommand("download", "Download the missing model files (resumes partial downloads)");
    for (auto* command : {status, verify, fetch}) addFolderOption(command);
    fetch->add_option("--base-url", options->baseUrl, "Where the files are (a mirror of the official repository)")
        ->capture_default_str();

    auto folder = [options] {
        if (options->folder.empty()) options->folder = pipeline::defaultModelsFolder();
    };
    status->callback([options, folder] {
        folder();
        runStatus(*options);
    });
    verify->callback([options, folder] {
        folder();
        runVerify(*options);
    });
    fetch->callback([options, folder] {
        folder();
        runDownload(*options);
    });
}

}  // namespace flashface::cli
