#pragma once

#include "pipeline/request.h"

#include <CLI/CLI.hpp>

#include <limits>

// Each subcommand of `flashface` lives in its own file and registers itself on the app.
// The callback it installs runs the command and throws flashface::Error on failure.
namespace flashface::cli {

// A check of a request bound (pipeline/request.h). CLI11's own number checks print their bounds
// with 309 digits; this one prints the request's.
inline CLI::Range numberRange(const pipeline::IntRange& bounds) {
    return CLI::Range(bounds.min, bounds.max);
}

// A positive int, for counts without a bound of their own (CLI::PositiveNumber's message prints
// 309 digits).
inline CLI::Range positiveInt() {
    return CLI::Range(1, std::numeric_limits<int>::max());
}

// More than any machine has; the bound keeps --threads' error short.
inline constexpr int kMaxThreads = 4096;

struct GlobalOptions {
    int threads = 0;  // 0 = every hardware thread
};

// `flashface detect PHOTO... --out DIR`: numbered faces and the chosen face's reference.
void addDetectCommand(CLI::App& app);

// `flashface models status|verify|download [--models DIR] [--base-url URL]`.
void addModelsCommand(CLI::App& app);

// `flashface generate --ref PHOTO... --prompt TEXT --out DIR [...]`: images as PNGs with their settings.
void addGenerateCommand(CLI::App& app, const GlobalOptions& global);

// `flashface serve [--host ADDR] [--port N] [--token-file FILE] [...]`: the HTTP API (server/).
void addServeCommand(CLI::App& app, const GlobalOptions& global);

// `flashface bench [--size N] [--steps N] [--json FILE] [...]`: stage timings with random weights.
void addBenchCommand(CLI::App& app);

}  // namespace flashface::cli
