#include "pipeline/failure.h"

#include "common/error.h"

#include <c10/util/Exception.h>
#include <opencv2/core.hpp>

#include <array>
#include <filesystem>
#include <new>

namespace flashface::pipeline {

namespace {

constexpr std::array<ExitCodeMeaning, 7> kMeanings{{
    {ExitCode::Success, "success"},
    {ExitCode::Failed, "the request, an input file or a model file was refused (the message says why)"},
    {ExitCode::Usage, "the command line is wrong (unknown option, missing or out-of-range value)"},
    {ExitCode::FileSystem, "a file or folder could not be created, written or read (permissions, disk space)"},
    {ExitCode::OutOfMemory, "out of memory"},
    {ExitCode::Internal, "an unexpected internal failure (please report it)"},
    {ExitCode::Cancelled, "cancelled (Ctrl-C)"},
}};

// Library messages can run long (backtraces, dumped values): the first line, capped.
std::string shortened(std::string text) {
    constexpr std::size_t kMaxChars = 400;
    if (const auto newline = text.find('\n'); newline != std::string::npos) text.resize(newline);
    if (text.size() > kMaxChars) text = text.substr(0, kMaxChars) + "...";
    return text;
}

const char* const kOutOfMemory =
    "Out of memory. Try a smaller image size, fewer images or references, or close other programs.";

bool mentionsMemory(const std::string& text) {
    return text.find("out of memory") != std::string::npos || text.find("can't allocate memory") != std::string::npos ||
           text.find("Insufficient memory") != std::string::npos;
}

Failure describe(std::exception_ptr error) {
    try {
        std::rethrow_exception(error);
    } catch (const Cancelled&) {
        return {ExitCode::Cancelled, "cancelled"};
    } catch (const Error& e) {
        return {ExitCode::Failed, e.what()};  // ours: complete, multi-line where it lists things
    } catch (const std::filesystem::filesystem_error& e) {
        std::string where = e.path1().empty() ? std::string() : " (" + e.path1().string() + ")";
        return {ExitCode::FileSystem, shortened("Cannot access a file or folder" + where + ": " + e.code().message() +
                                                ". Check that it exists and that you may write to it.")};
    } catch (const std::bad_alloc&) {
        return {ExitCode::OutOfMemory, kOutOfMemory};
    } catch (const c10::Error& e) {
        const std::string what = e.what_without_backtrace();
        if (mentionsMemory(what)) return {ExitCode::OutOfMemory, kOutOfMemory};
        return {ExitCode::Internal, shortened("The computation failed: " + what)};
    } catch (const cv::Exception& e) {
        if (e.code == cv::Error::StsNoMem || mentionsMemory(e.err)) return {ExitCode::OutOfMemory, kOutOfMemory};
        return {ExitCode::Internal, shortened("Image processing failed: " + e.err)};
    } catch (const std::exception& e) {
        return {ExitCode::Internal, shortened(std::string("Internal error: ") + e.what())};
    } catch (...) {
        return {ExitCode::Internal, "Internal error of an unknown kind."};
    }
}

}  // namespace

std::span<const ExitCodeMeaning> exitCodeMeanings() { return kMeanings; }

Failure describeFailure(std::exception_ptr error) noexcept {
    try {
        return describe(error);
    } catch (...) {
        // Building the message itself failed (memory is exhausted): a fixed sentence needs none.
        return {ExitCode::OutOfMemory, {}};
    }
}

}  // namespace flashface::pipeline
