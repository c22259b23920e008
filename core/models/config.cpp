#include "models/config.h"

#include <fstream>

namespace flashface::models {

nlohmann::json readConfigFile(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw FileError(file, "cannot open the model configuration");
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::parse_error& e) {
        throw FileError(file, std::string("the model configuration is not valid JSON: ") + e.what());
    }
}

ConfigReader::ConfigReader(const nlohmann::json& json, std::filesystem::path source)
    : json_(json), source_(std::move(source)) {
    if (!json_.is_object()) throw FileError(source_, "the model configuration is not a JSON object");
}

void ConfigReader::fail(const char* key, const std::string& why) const {
    throw FileError(source_, std::string("configuration field '") + key + "' is unusable: " + why);
}

}  // namespace flashface::models
