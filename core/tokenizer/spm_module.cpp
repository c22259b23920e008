// flashface_spm: sentencepiece behind the C interface of spm_module_api.h.

#include "tokenizer/spm_module_api.h"

#include <sentencepiece_processor.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

struct FlashFaceSpm {
    sentencepiece::SentencePieceProcessor processor;
};

namespace {

void copyMessage(const std::string& message, char* error, size_t errorSize) {
    if (error == nullptr || errorSize == 0) return;
    const size_t n = std::min(message.size(), errorSize - 1);
    std::memcpy(error, message.data(), n);
    error[n] = '\0';
}

}  // namespace

extern "C" {

__attribute__((visibility("default"))) int flashface_spm_api_version(void) {
    return FLASHFACE_SPM_API_VERSION;
}

__attribute__((visibility("default"))) FlashFaceSpm* flashface_spm_create(const char* proto, size_t protoSize,
                                                                          char* error, size_t errorSize) {
    try {
        auto model = std::make_unique<FlashFaceSpm>();
        const auto status = model->processor.LoadFromSerializedProto({proto, protoSize});
        if (!status.ok()) {
            copyMessage(status.ToString(), error, errorSize);
            return nullptr;
        }
        return model.release();
    } catch (const std::exception& e) {
        copyMessage(e.what(), error, errorSize);
        return nullptr;
    }
}

__attribute__((visibility("default"))) void flashface_spm_destroy(FlashFaceSpm* model) {
    delete model;
}

__attribute__((visibility("default"))) long flashface_spm_encode(const FlashFaceSpm* model, const char* text,
                                                                 size_t textSize, int* ids, size_t capacity) {
    try {
        std::vector<int> pieces;
        if (!model->processor.Encode({text, textSize}, &pieces).ok()) return -1;
        std::copy_n(pieces.begin(), std::min(pieces.size(), capacity), ids);
        return static_cast<long>(pieces.size());
    } catch (...) {
        return -1;
    }
}

}  // extern "C"
