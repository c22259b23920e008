#include "pipeline/number_format.h"

#include <charconv>

namespace flashface::pipeline {

std::string formatNumber(float value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

double decimalValue(float value) {
    const std::string text = formatNumber(value);
    double out = value;
    std::from_chars(text.data(), text.data() + text.size(), out);
    return out;
}

}  // namespace flashface::pipeline
