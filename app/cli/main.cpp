#include "commands.h"

#include "common/error.h"
#include "common/threads.h"

#include <iostream>

int main(int argc, char** argv) {
    flashface::preferPassiveThreadWaits(argv);
    CLI::App app{"FlashFace: generate images of a person from reference photos and a prompt.", "flashface"};
    app.set_version_flag("--version", FLASHFACE_VERSION);
    app.require_subcommand(1);

    flashface::cli::GlobalOptions global;
    app.add_option("--threads", global.threads, "CPU threads (default: all; or FLASHFACE_THREADS)")
        ->check(CLI::NonNegativeNumber);
    app.parse_complete_callback([&] { flashface::configureThreads(global.threads); });
    flashface::cli::addDetectCommand(app);
    flashface::cli::addModelsCommand(app);
    flashface::cli::addGenerateCommand(app, global);
    flashface::cli::addBenchCommand(app);

    try {
        CLI11_PARSE(app, argc, argv);
    } catch (const flashface::Cancelled&) {
        std::cerr << "flashface: cancelled\n";
        return 130;
    } catch (const flashface::Error& e) {
        std::cerr << "flashface: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
