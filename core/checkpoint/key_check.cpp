#include "checkpoint/key_check.h"

#include "common/error.h"

#include <sstream>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace flashface::checkpoint {

namespace {

constexpr std::size_t kListedKeys = 5;

std::string shapeString(const std::vector<std::int64_t>& shape) {
    std::ostringstream s;
    s << '[';
    for (std::size_t i = 0; i < shape.size(); ++i) s << (i ? ", " : "") << shape[i];
    s << ']';
    return s.str();
}

std::string listKeys(const std::vector<std::string>& keys) {
    std::ostringstream s;
    for (std::size_t i = 0; i < keys.size() && i < kListedKeys; ++i) s << (i ? ", " : "") << keys[i];
    if (keys.size() > kListedKeys) s << " (and " << keys.size() - kListedKeys << " more)";
    return s.str();
}

bool startsWithAny(const std::string& key, const std::vector<std::string>& prefixes) {
    for (const auto& p : prefixes)
        if (key.starts_with(p)) return true;
    return false;
}

}  // namespace

void checkKeys(const std::filesystem::path& file, const ExpectedKeys& expected, const std::vector<TensorShape>& found) {
    std::unordered_map<std::string_view, const std::vector<std::int64_t>*> shapes;
    for (const auto& tensor : found) shapes.emplace(tensor.name, &tensor.shape);

    std::vector<std::string> missing;
    std::unordered_set<std::string_view> wanted;
    for (const auto& tensor : expected.tensors) {
        wanted.insert(tensor.name);
        const auto it = shapes.find(tensor.name);
        if (it == shapes.end()) {
            missing.push_back(tensor.name);
            continue;
        }
        if (*it->second != tensor.shape)
            throw FileError(file, "key '" + tensor.name + "' has shape " + shapeString(*it->second) +
                                      ", the model expects " + shapeString(tensor.shape) +
                                      " (is this the right file for this model?)");
    }
    if (!missing.empty())
        throw FileError(file, std::to_string(missing.size()) + " expected key(s) missing: " + listKeys(missing) +
                                  " (is this the right file for this model?)");

    std::vector<std::string> unexpected;
    for (const auto& tensor : found)
        if (!wanted.count(tensor.name) && !startsWithAny(tensor.name, expected.extraPrefixes))
            unexpected.push_back(tensor.name);
    if (!unexpected.empty())
        throw FileError(file, std::to_string(unexpected.size()) + " unexpected key(s): " + listKeys(unexpected) +
                                  " (is this the right file for this model?)");
}

}  // namespace flashface::checkpoint
