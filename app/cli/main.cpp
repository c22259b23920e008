#include "commands.h"

#include "common/threads.h"
#include "pipeline/failure.h"

#include <exception>
#include <iostream>
#include <string>

namespace {

// The exit codes, as --help lists them (pipeline/failure.h is their one home).
std::string exitCodeHelp() {
    std::string text = "Exit codes:\n";
    for (const auto& [code, meaning] : flashface::pipeline::exitCodeMeanings())
        text += "  " + std::to_string(static_cast<int>(code)) + "  " + meaning + "\n";
    return text;
}

int run(int argc, char** argv) {
    CLI::App app{"FlashFace: generate images of a person from reference photos and a prompt.", "flashface"};
    app.set_version_flag("--version", FLASHFACE_VERSION);
    app.require_subcommand(1);
    app.footer(exitCodeHelp());

    flashface::cli::GlobalOptions global;
    app.add_option("--threads", global.threads, "CPU threads (default: all; or FLASHFACE_THREADS)")
        ->check(CLI::Range(0, flashface::cli::kMaxThreads));
    app.parse_complete_callback([&] { flashface::configureThreads(global.threads); });
    flashface::cli::addDetectCommand(app);
    flashface::cli::addModelsCommand(app);
    flashface::cli::addGenerateCommand(app, global);
    flashface::cli::addServeCommand(app, global);
    flashface::cli::addBenchCommand(app);

    try {
        app.parse(argc, argv);  // runs the chosen command's callback
    } catch (const CLI::ParseError& e) {
        const int helpOrVersion = app.exit(e);  // prints --help, --version or the mistake
        return helpOrVersion == 0 ? 0 : static_cast<int>(flashface::pipeline::ExitCode::Usage);
    }
    return 0;
}

}  // namespace

// Every failure, whatever threw it, ends as one named sentence and a documented exit code: never
// std::terminate.
int main(int argc, char** argv) {
    try {
        flashface::preferPassiveThreadWaits(argv);
        return run(argc, argv);
    } catch (...) {
        const flashface::pipeline::Failure failure = flashface::pipeline::describeFailure(std::current_exception());
        std::cerr << "flashface: " << (failure.message.empty() ? "out of memory" : failure.message.c_str()) << '\n';
        return static_cast<int>(failure.code);
    }
}
