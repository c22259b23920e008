#pragma once

#include <string>

namespace flashface::pipeline {

// The shortest decimal that reads back as `value` ("0.85" for 0.85f), as a double: the number
// the user typed rather than float32's binary approximation (0.85f is 0.8500000238...).
double decimalValue(float value);

// The same as text.
std::string formatNumber(float value);

}  // namespace flashface::pipeline
