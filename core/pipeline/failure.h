#pragma once

#include <exception>
#include <span>
#include <string>

// What any exception means for a user, for the one top-level handler of each entry point (the
// command line's main, the GUI's generation worker): a sentence to show and an exit code.
namespace flashface::pipeline {

enum class ExitCode : int {
    Success = 0,
    Failed = 1,        // a request, input file or model file the engine refused (the message says which)
    Usage = 2,         // the command line itself: unknown option, missing or out-of-range value
    FileSystem = 3,    // a folder or file could not be created, written or read (permissions, space)
    OutOfMemory = 4,   // memory ran out
    Internal = 5,      // an unexpected failure of the computation or a library: a bug to report
    Cancelled = 130,   // Ctrl-C (the shell's convention for SIGINT)
};

struct ExitCodeMeaning {
    ExitCode code;
    const char* meaning;
};

// Every exit code with its meaning, for --help and the manual.
std::span<const ExitCodeMeaning> exitCodeMeanings();

struct Failure {
    ExitCode code;
    std::string message;  // complete and short: no backtraces, no dumped values
};

// Never throws. flashface::Error and its kinds, std::filesystem::filesystem_error, std::bad_alloc,
// c10::Error, cv::Exception, any std::exception and anything else.
Failure describeFailure(std::exception_ptr error) noexcept;

}  // namespace flashface::pipeline
