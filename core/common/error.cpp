#include "common/error.h"

namespace flashface {

FileError::FileError(std::filesystem::path file, const std::string& what)
    : Error(file.string() + ": " + what), file_(std::move(file)) {}

}  // namespace flashface
