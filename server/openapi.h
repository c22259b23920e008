#pragma once

#include "server/limits.h"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace flashface::server {

// The OpenAPI 3.0 document served at /openapi.json: every endpoint, its answers, and this
// instance's limits.
nlohmann::json openApiDocument(const ServeLimits& limits, const std::string& version);

}  // namespace flashface::server
