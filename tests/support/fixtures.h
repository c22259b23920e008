#pragma once

#include <ATen/core/Tensor.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <string>

namespace flashface::test {

// A fresh empty folder under the system temp dir, removed with its contents when destroyed.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

// $FLASHFACE_FIXTURES, else ../shared/fixtures beside the repository.
std::filesystem::path fixtureRoot();
std::filesystem::path fixture(const std::string& relative);

nlohmann::json readJson(const std::filesystem::path& file);

// The whole file as bytes in a string (empty if unreadable).
std::string readText(const std::filesystem::path& file);

// Every tensor of a safetensors/pth file, in its stored dtype.
std::map<std::string, at::Tensor> readAll(const std::filesystem::path& file);

// The fixtures' tolerance rule: max|a-b| <= rel * max(1, max|b|), with a readable failure.
::testing::AssertionResult allClose(const at::Tensor& actual, const at::Tensor& expected, double rel = 1e-4);

// How far a result computed in a reduced precision is from the float32 reference: the relative
// RMS error ‖a−b‖₂/‖b‖₂, and the largest error over max(1, max|b|). The RMS error is stable across
// CPU kernels and GPUs; the largest one depends on the kernels' summation order.
struct PrecisionError {
    double relRms = 0, relMax = 0;
};
PrecisionError precisionError(const at::Tensor& actual, const at::Tensor& expected);

// precisionError within `relRms` and `relMax` (and the same shape).
::testing::AssertionResult closeInReducedPrecision(const at::Tensor& actual, const at::Tensor& expected, double relRms,
                                                   double relMax);

}  // namespace flashface::test
