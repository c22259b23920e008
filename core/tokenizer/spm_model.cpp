#include "tokenizer/spm_model.h"

#include "common/error.h"
#include "tokenizer/spm_module_api.h"

#include <dlfcn.h>

#include <array>
#include <cstdlib>

namespace flashface::tokenizer {
namespace {

// RTLD_DEEPBIND makes the module and its sentencepiece/protobuf resolve their own symbols
// first, so libtorch's protobuf cannot interfere. AddressSanitizer refuses DEEPBIND; the
// sanitizer builds contain no libtorch to collide with.
#if defined(__SANITIZE_ADDRESS__)
constexpr int kOpenFlags = RTLD_NOW | RTLD_LOCAL;
#else
constexpr int kOpenFlags = RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND;
#endif

struct SpmApi {
    std::filesystem::path path;
    FlashFaceSpmCreateFn create = nullptr;
    FlashFaceSpmDestroyFn destroy = nullptr;
    FlashFaceSpmEncodeFn encode = nullptr;
};

std::vector<std::filesystem::path> moduleCandidates() {
    if (const char* env = std::getenv("FLASHFACE_SPM_MODULE"); env && *env) return {env};
    std::vector<std::filesystem::path> candidates;
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec)
        candidates.push_back((exe.parent_path() / ".." / FLASHFACE_SPM_INSTALL_SUBDIR / FLASHFACE_SPM_MODULE_NAME)
                                 .lexically_normal());
    candidates.emplace_back(FLASHFACE_SPM_BUILD_PATH);
    candidates.push_back(std::filesystem::path(FLASHFACE_SPM_INSTALL_DIR) / FLASHFACE_SPM_MODULE_NAME);
    return candidates;
}

template <typename Fn>
Fn symbol(void* handle, const char* name) {
    return reinterpret_cast<Fn>(dlsym(handle, name));
}

// Opens the module at `path`; on failure says why in `why`.
bool tryOpen(const std::filesystem::path& path, SpmApi& api, std::string& why) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        why = "not found";
        return false;
    }
    // Once loaded, never closed: sentencepiece and protobuf keep process-wide state.
    void* handle = dlopen(path.c_str(), kOpenFlags);
    if (!handle) {
        const char* error = dlerror();
        why = error ? error : "dlopen failed";
        return false;
    }
    const auto version = symbol<FlashFaceSpmApiVersionFn>(handle, "flashface_spm_api_version");
    api = {path, symbol<FlashFaceSpmCreateFn>(handle, "flashface_spm_create"),
           symbol<FlashFaceSpmDestroyFn>(handle, "flashface_spm_destroy"),
           symbol<FlashFaceSpmEncodeFn>(handle, "flashface_spm_encode")};
    if (!version || !api.create || !api.destroy || !api.encode || version() != FLASHFACE_SPM_API_VERSION) {
        why = "not a flashface_spm module of this version";
        dlclose(handle);
        return false;
    }
    return true;
}

SpmApi loadModule() {
    std::string tried;
    for (const auto& path : moduleCandidates()) {
        SpmApi api;
        std::string why;
        if (tryOpen(path, api, why)) return api;
        tried += "\n  " + path.string() + ": " + why;
    }
    throw Error("Cannot load the sentencepiece module " FLASHFACE_SPM_MODULE_NAME
                " that the tokenizer needs. Tried:" + tried +
                "\nReinstall FlashFace Studio, or set FLASHFACE_SPM_MODULE to the module's path.");
}

const SpmApi& api() {
    static const SpmApi loaded = loadModule();
    return loaded;
}

}  // namespace

SpmModel::SpmModel(const std::string& serializedProto) {
    std::array<char, 1024> error{};
    model_ = api().create(serializedProto.data(), serializedProto.size(), error.data(), error.size());
    if (!model_) throw Error(std::string("sentencepiece rejected the tokenizer model: ") + error.data());
}

SpmModel::~SpmModel() {
    api().destroy(model_);
}

void SpmModel::encode(std::string_view text, std::vector<std::int64_t>& ids) const {
    std::vector<int> pieces(text.size() + 1);
    long n = api().encode(model_, text.data(), text.size(), pieces.data(), pieces.size());
    if (n > static_cast<long>(pieces.size())) {
        pieces.resize(static_cast<std::size_t>(n));
        n = api().encode(model_, text.data(), text.size(), pieces.data(), pieces.size());
    }
    if (n < 0) throw Error("sentencepiece failed to encode a piece of the prompt.");
    ids.insert(ids.end(), pieces.begin(), pieces.begin() + n);
}

std::filesystem::path SpmModel::modulePath() {
    return api().path;
}

}  // namespace flashface::tokenizer
