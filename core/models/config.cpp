#include "models/config.h"

namespace flashface::models {

nlohmann::json readConfigFile(const std::filesystem::path& file) {
    return readUntrustedJsonFile(file, "model configuration");
}

ConfigReader::ConfigReader(const nlohmann::json& json, std::filesystem::path source)
    : json_(json), source_(std::move(source)) {
    if (!json_.is_object()) throw FileError(source_, "the model configuration is not a JSON object");
}

void ConfigReader::requireWithin(const char* key, std::int64_t value, std::int64_t min, std::int64_t max) const {
    if (value < min || value > max)
        fail(key, "must lie within " + std::to_string(min) + "-" + std::to_string(max) + ", got " +
                      std::to_string(value));
}

void ConfigReader::requireWithin(const char* key, const std::vector<std::int64_t>& values, std::int64_t min,
                                 std::int64_t max) const {
    if (values.size() > static_cast<std::size_t>(kMaxConfigCount))
        fail(key, "has " + std::to_string(values.size()) + " entries; at most " + std::to_string(kMaxConfigCount) +
                      " are accepted");
    for (const auto v : values) requireWithin(key, v, min, max);
}

void ConfigReader::fail(const char* key, const std::string& why) const {
    throw FileError(source_, std::string("configuration field '") + key + "' is unusable: " + why);
}

}  // namespace flashface::models
