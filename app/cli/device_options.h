#pragma once

#include "pipeline/request.h"

namespace CLI {
class App;
}

namespace flashface::cli {

// --device and --precision, as every computing subcommand spells them.
void addDeviceOptions(CLI::App& command, pipeline::DeviceChoice& device, pipeline::PrecisionChoice& precision);

}  // namespace flashface::cli
