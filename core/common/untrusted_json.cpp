#include "common/untrusted_json.h"

#include "common/bounded_read.h"
#include "common/error.h"

namespace flashface {

namespace {

constexpr std::size_t kExcerptChars = 60;

// An exception type of our own, so that nlohmann's errors and the depth limit are told apart.
struct TooDeep {};

}  // namespace

nlohmann::json parseUntrustedJson(std::string_view text, const std::filesystem::path& source, const std::string& what) {
    const nlohmann::json::parser_callback_t limitDepth = [](int depth, nlohmann::json::parse_event_t event,
                                                            nlohmann::json&) {
        if (depth > kMaxJsonDepth &&
            (event == nlohmann::json::parse_event_t::object_start || event == nlohmann::json::parse_event_t::array_start))
            throw TooDeep{};
        return true;
    };
    try {
        return nlohmann::json::parse(text.begin(), text.end(), limitDepth);
    } catch (const TooDeep&) {
        throw FileError(source, "the " + what + " nests deeper than " + std::to_string(kMaxJsonDepth) +
                                    " levels; it is damaged or was made to crash readers.");
    } catch (const nlohmann::json::exception& e) {
        std::string why = e.what();
        if (why.size() > 2 * kExcerptChars) why = why.substr(0, 2 * kExcerptChars) + "...";
        throw FileError(source, "the " + what + " is not valid JSON: " + why);
    }
}

nlohmann::json readUntrustedJsonFile(const std::filesystem::path& file, const std::string& what) {
    return parseUntrustedJson(readFileCapped(file, kMaxJsonFileBytes, what), file, what);
}

std::string jsonExcerpt(const nlohmann::json& value) {
    // Values reach here only through parseUntrustedJson (bounded depth) or from the program itself.
    std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (text.size() > kExcerptChars) text = text.substr(0, kExcerptChars) + "...";
    return text;
}

}  // namespace flashface
