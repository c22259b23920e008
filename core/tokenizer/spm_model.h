#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

struct FlashFaceSpm;

namespace flashface::tokenizer {

// A sentencepiece model held by the flashface_spm module, which is loaded on first use
// (see spm_module_api.h for why it is a separate module). The module is searched for at
// $FLASHFACE_SPM_MODULE, then in the installed layout beside the executable
// (<exe>/../<libdir>/flashface), then in the build tree, then in the configured install
// prefix. Thread-safe: encode() may be called concurrently.
class SpmModel {
public:
    // Throws Error when the module cannot be loaded or rejects `serializedProto`.
    explicit SpmModel(const std::string& serializedProto);
    ~SpmModel();
    SpmModel(const SpmModel&) = delete;
    SpmModel& operator=(const SpmModel&) = delete;

    // Appends the piece ids of UTF-8 `text` to `ids`.
    void encode(std::string_view text, std::vector<std::int64_t>& ids) const;

    // The module file in use (loading it if needed).
    static std::filesystem::path modulePath();

private:
    FlashFaceSpm* model_;
};

}  // namespace flashface::tokenizer
