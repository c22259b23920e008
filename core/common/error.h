#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace flashface {

// Base of every error the engine reports to a user. The message is complete and
// actionable on its own (it names the file, key or value that is wrong).
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Something is wrong with a file the user supplied or that the engine expects
// (missing, unreadable, corrupt, wrong shape). `file()` names it.
class FileError : public Error {
public:
    FileError(std::filesystem::path file, const std::string& what);
    const std::filesystem::path& file() const noexcept { return file_; }

private:
    std::filesystem::path file_;
};

// A request the engine cannot honour (bad size, bad box, no references...).
class InvalidRequest : public Error {
public:
    using Error::Error;
};

// A part of the engine was called against its contract (a tensor of the wrong shape, a step with
// an impossible group count): a bug to report, not something the user asked for.
class InternalError : public Error {
public:
    using Error::Error;
};

// Thrown out of a long computation when its cancel token was triggered.
class Cancelled : public Error {
public:
    Cancelled() : Error("cancelled") {}
};

}  // namespace flashface
