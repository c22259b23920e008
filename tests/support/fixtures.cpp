#include "support/fixtures.h"

#include "checkpoint/checkpoint.h"

#include <ATen/ATen.h>

#include <cstdlib>
#include <stdlib.h>
#include <fstream>
#include <sstream>

namespace flashface::test {

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "flashface-test-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary folder");
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path fixtureRoot() {
    if (const char* env = std::getenv("FLASHFACE_FIXTURES"); env && *env) return env;
    return FLASHFACE_DEFAULT_FIXTURES;
}

std::filesystem::path fixture(const std::string& relative) {
    return fixtureRoot() / relative;
}

nlohmann::json readJson(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot open " + file.string());
    return nlohmann::json::parse(in);
}

std::string readText(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::map<std::string, at::Tensor> readAll(const std::filesystem::path& file) {
    const auto checkpoint = checkpoint::Checkpoint::open(file);
    std::map<std::string, at::Tensor> out;
    for (const auto& info : checkpoint.tensors()) out[info.name] = checkpoint.read(info.name);
    return out;
}

::testing::AssertionResult allClose(const at::Tensor& actual, const at::Tensor& expected, double rel) {
    if (actual.sizes() != expected.sizes()) {
        std::ostringstream s;
        s << "shape " << actual.sizes() << " != expected " << expected.sizes();
        return ::testing::AssertionFailure() << s.str();
    }
    const auto a = actual.to(at::kDouble).cpu();
    const auto b = expected.to(at::kDouble).cpu();
    const double err = (a - b).abs().max().item<double>();
    const double scale = std::max(1.0, b.abs().max().item<double>());
    if (err <= rel * scale) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "max|a-b| = " << err << " > " << rel << " * " << scale;
}

PrecisionError precisionError(const at::Tensor& actual, const at::Tensor& expected) {
    const auto a = actual.to(at::kDouble).cpu();
    const auto b = expected.to(at::kDouble).cpu();
    return {(a - b).norm().item<double>() / std::max(b.norm().item<double>(), 1e-30),
            (a - b).abs().max().item<double>() / std::max(1.0, b.abs().max().item<double>())};
}

::testing::AssertionResult closeInReducedPrecision(const at::Tensor& actual, const at::Tensor& expected, double relRms,
                                                   double relMax) {
    if (actual.sizes() != expected.sizes()) {
        std::ostringstream s;
        s << "shape " << actual.sizes() << " != expected " << expected.sizes();
        return ::testing::AssertionFailure() << s.str();
    }
    const auto e = precisionError(actual, expected);
    if (e.relRms <= relRms && e.relMax <= relMax) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "relative RMS error " << e.relRms << " (bound " << relRms
                                         << "), largest error " << e.relMax << " of the range (bound " << relMax << ")";
}

}  // namespace flashface::test
