#pragma once

#include <CLI/CLI.hpp>

// Each subcommand of `flashface` lives in its own file and registers itself on the app.
// The callback it installs runs the command and throws flashface::Error on failure.
namespace flashface::cli {

struct GlobalOptions {
    int threads = 0;  // 0 = every hardware thread
};

}  // namespace flashface::cli
