// A PNG's text chunks and the settings in its `flashface` chunk, as `generate --from` and the
// GUI's drop-to-restore read them: FileError or InvalidRequest, never a crash, a sanitizer
// report, another exception, or memory beyond the caps.

#include "common/error.h"
#include "common/untrusted_json.h"
#include "pipeline/generation_metadata.h"
#include "pipeline/png_metadata.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        for (const auto& text : flashface::pipeline::readPngTexts({data, size}, "fuzz.png")) {
            if (text.keyword != flashface::pipeline::kSettingsChunk) continue;
            const auto record = flashface::parseUntrustedJson(text.text, "fuzz.png", "settings");
            if (record.is_object() && record.contains("settings")) flashface::pipeline::settingsFromJson(record.at("settings"));
        }
    } catch (const flashface::Error&) {
    } catch (const nlohmann::json::exception&) {  // record.at on a value of another type
    }
    return 0;
}
