#include "server/openapi.h"

#include "pipeline/generation_metadata.h"

#include <nlohmann/json.hpp>

namespace flashface::server {

namespace {

using nlohmann::json;

json ref(const std::string& schema) { return {{"$ref", "#/components/schemas/" + schema}}; }

json jsonContent(const json& schema) { return {{"application/json", {{"schema", schema}}}}; }

json answer(const std::string& description, const json& schema) {
    return {{"description", description}, {"content", jsonContent(schema)}};
}

json errorAnswer(const std::string& description) { return answer(description, ref("Error")); }

json idParameter() {
    return {{"name", "id"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}},
            {"description", "The job id that POST /v1/generations returned."}};
}

json schemas(const ServeLimits& limits) {
    const auto range = [](const pipeline::IntRange& r) { return json{{"type", "integer"}, {"minimum", r.min}, {"maximum", r.max}}; };
    json settingsProperties = json::object();
    const json defaults = pipeline::settingsToJson(pipeline::GenerationSettings{});
    for (const auto& [key, value] : defaults.items()) {
        json property = value.is_boolean()          ? json{{"type", "boolean"}}
                        : value.is_string()         ? json{{"type", "string"}}
                        : value.is_array()          ? json{{"type", "array"}, {"items", {{"type", "number"}}},
                                                           {"minItems", 4}, {"maxItems", 4}}
                        : value.is_number_integer() ? json{{"type", "integer"}}
                                                    : json{{"type", "number"}};
        property["default"] = value;
        settingsProperties[key] = property;
    }
    settingsProperties["width"].update(range(sideRange(limits)));
    settingsProperties["height"].update(range(sideRange(limits)));
    settingsProperties["steps"].update(range(stepsRange(limits)));
    settingsProperties["num_images"].update(range(imagesRange(limits)));
    settingsProperties["launch_step"].update(range(pipeline::kLaunchStepRange));
    settingsProperties["sampler"]["enum"] = sampler::samplerIds();
    settingsProperties["seed"].erase("default");
    settingsProperties["seed"]["description"] = "Image i uses seed + i; random when absent.";
    settingsProperties["width"]["description"] = "A multiple of 8.";
    settingsProperties["height"]["description"] = "A multiple of 8.";
    settingsProperties["face_box"]["description"] = "x1, y1, x2, y2 as fractions of the image; all 0: no constraint.";

    return {
        {"Settings",
         {{"type", "object"},
          {"description", "As `flashface generate --json` reports them and the PNGs store them (the `flashface` chunk's "
                          "`settings`). Absent keys take their defaults; unknown keys are ignored."},
          {"required", {"prompt"}},
          {"properties", settingsProperties}}},
        {"Reference",
         {{"type", "object"},
          {"description", "Exactly one of `image` and `file`."},
          {"properties",
           {{"image", {{"type", "string"}, {"format", "byte"}, {"description", "The photo or crop, base64 (padded)."}}},
            {"file", {{"type", "string"}, {"description", "multipart/form-data only: the form field that carries the file."}}},
            {"crop", {{"type", "boolean"}, {"default", false}, {"description", "A face crop used as it is (no detection)."}}},
            {"face", {{"type", "integer"}, {"minimum", 1}, {"default", 1}, {"description", "Which face of a photo, 1 = most confident."}}},
            {"weight", {{"type", "number"}, {"exclusiveMinimum", true}, {"minimum", 0}, {"maximum", pipeline::kMaxReferenceWeight}, {"default", 1}}},
            {"label", {{"type", "string"}, {"description", "Stored in the PNGs (default: the file name)."}}},
            {"box", {{"type", "array"}, {"items", {{"type", "integer"}}}, {"minItems", 4}, {"maxItems", 4},
                     {"description", "A face drawn by hand: x1, y1, x2, y2 in the photo's pixels (no detection)."}}}}}}},
        {"Image",
         {{"type", "object"},
          {"description", "Exactly one of `image` and `file`."},
          {"properties",
           {{"image", {{"type", "string"}, {"format", "byte"}, {"description", "The picture, base64 (padded)."}}},
            {"file", {{"type", "string"}, {"description", "multipart/form-data only: the form field that carries the file."}}}}}}},
        {"Target",
         {{"type", "object"},
          {"description", "Face swap and img2img: the photo kept everywhere but the region, which is repainted. "
                          "Exactly one of `image` and `file`. The images have the photo's size."},
          {"properties",
           {{"image", {{"type", "string"}, {"format", "byte"}, {"description", "The photo, base64 (padded)."}}},
            {"file", {{"type", "string"}, {"description", "multipart/form-data only: the form field that carries the file."}}},
            {"region", {{"type", "string"}, {"enum", {pipeline::targetRegionName(pipeline::TargetRegion::Face), pipeline::targetRegionName(pipeline::TargetRegion::Mask),
                                                       pipeline::targetRegionName(pipeline::TargetRegion::Whole)}},
                        {"default", pipeline::targetRegionName(pipeline::TargetRegion::Face)},
                        {"description", "The detected face, the white part of `mask`, or the whole picture (at most "
                                        "max_side pixels a side)."}}},
            {"face", {{"type", "integer"}, {"minimum", 1}, {"default", 1}, {"description", "Which face of the photo, 1 = most confident."}}},
            {"mask", ref("Image")},
            {"strength", {{"type", "number"}, {"exclusiveMinimum", true}, {"minimum", 0}, {"maximum", 1},
                          {"description", "How far back sampling starts; default 1 for a face or mask, "
                                          "0.75 for the whole picture."}}},
            {"use_settings_face_box", {{"type", "boolean"}, {"default", false},
                                       {"description", "Face or mask: the settings' face box instead of the region's square."}}},
            {"label", {{"type", "string"}, {"description", "Stored in the PNGs (default: the file name)."}}}}}}},
        {"GenerationRequest",
         {{"type", "object"},
          {"required", {"settings", "references"}},
          {"properties",
           {{"settings", ref("Settings")},
            {"references", {{"type", "array"}, {"items", ref("Reference")}, {"minItems", pipeline::kReferencesRange.min},
                            {"maxItems", pipeline::kReferencesRange.max}}},
            {"target", ref("Target")}}}}},
        {"Job",
         {{"type", "object"},
          {"properties",
           {{"id", {{"type", "string"}}},
            {"state", {{"type", "string"}, {"enum", {"queued", "running", "succeeded", "failed", "cancelled"}}}},
            {"step", {{"type", "integer"}}},
            {"total_steps", {{"type", "integer"}}},
            {"elapsed_seconds", {{"type", "number"}}},
            {"seconds_left", {{"type", "number"}}},
            {"queue_position", {{"type", "integer"}, {"description", "While queued: jobs ahead of this one."}}},
            {"cancel_requested", {{"type", "boolean"}}},
            {"error", {{"type", "string"}, {"description", "Failed or cancelled: why."}}},
            {"settings", ref("Settings")},
            {"images", {{"type", "array"}, {"items", {{"type", "string"}}}, {"description", "Once succeeded: the images' paths."}}},
            {"seconds", {{"type", "number"}, {"description", "Once succeeded: the run's time."}}}}}}},
        {"Health",
         {{"type", "object"},
          {"properties",
           {{"status", {{"type", "string"}}},
            {"version", {{"type", "string"}}},
            {"device", {{"type", "string"}}},
            {"models", {{"type", "object"}}},
            {"queue", {{"type", "object"}, {"properties", {{"waiting", {{"type", "integer"}}}, {"running", {{"type", "integer"}}}, {"capacity", {{"type", "integer"}}}}}}},
            {"limits", {{"type", "object"}}}}}}},
        {"Error",
         {{"type", "object"},
          {"properties", {{"error", {{"type", "object"}, {"properties", {{"status", {{"type", "integer"}}}, {"message", {{"type", "string"}}}}}}}}}}},
    };
}

}  // namespace

json openApiDocument(const ServeLimits& limits, const std::string& version) {
    const json unauthorized = errorAnswer("No or a wrong bearer token.");
    const json notFound = errorAnswer("No such job (unknown, or finished and no longer kept).");
    json paths = {
        {"/v1/health",
         {{"get", {{"summary", "Device, models and queue"}, {"responses", {{"200", answer("The instance is serving.", ref("Health"))}, {"401", unauthorized}}}}}}},
        {"/v1/generations",
         {{"post",
           {{"summary", "Queue a generation"},
            {"requestBody",
             {{"required", true},
              {"content",
               {{"application/json", {{"schema", ref("GenerationRequest")}}},
                {"multipart/form-data",
                 {{"schema",
                   {{"type", "object"},
                    {"required", {"request"}},
                    {"properties", {{"request", {{"type", "string"}, {"description", "The GenerationRequest as JSON; its references name the other fields in `file`."}}}}},
                    {"additionalProperties", {{"type", "string"}, {"format", "binary"}}}}}}}}}}},
            {"responses",
             {{"202", answer("Queued; follow the Location header.", ref("Job"))},
              {"400", errorAnswer("Malformed JSON, or a setting or image the engine refuses (the message says which).")},
              {"401", unauthorized},
              {"413", errorAnswer("The body is larger than this server takes (" + std::to_string(limits.maxUploadBytes) + " bytes).")},
              {"415", errorAnswer("Neither application/json nor multipart/form-data.")},
              {"429", errorAnswer("The queue is full; retry after the Retry-After header's seconds.")}}}}}}},
        {"/v1/generations/{id}",
         {{"parameters", {idParameter()}},
          {"get", {{"summary", "A job's state"}, {"responses", {{"200", answer("The job.", ref("Job"))}, {"401", unauthorized}, {"404", notFound}}}}},
          {"delete",
           {{"summary", "Cancel a queued or running job; forget a finished one"},
            {"responses",
             {{"202", answer("Cancelled (a running job stops within its current step).", ref("Job"))},
              {"204", {{"description", "The finished job and its images are forgotten."}}},
              {"401", unauthorized},
              {"404", notFound}}}}}}},
        {"/v1/generations/{id}/events",
         {{"parameters", {idParameter()}},
          {"get",
           {{"summary", "Server-Sent Events until the job ends"},
            {"description", "`progress` (a Job, at every change), `preview` ({step, images: base64 JPEGs}), and one "
                            "`done` (the final Job: succeeded, failed or cancelled), after which the stream ends."},
            {"responses", {{"200", {{"description", "The event stream."}, {"content", {{"text/event-stream", {{"schema", {{"type", "string"}}}}}}}}}, {"401", unauthorized}, {"404", notFound}}}}}}},
        {"/v1/generations/{id}/images/{index}",
         {{"parameters", {idParameter(), {{"name", "index"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "integer"}, {"minimum", 0}}}}}},
          {"get",
           {{"summary", "An image as PNG with its parameters"},
            {"description", "The PNG carries the A1111 `parameters` text and the `flashface` JSON chunk, as `flashface generate` writes them."},
            {"responses",
             {{"200", {{"description", "The image."}, {"content", {{"image/png", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}}},
              {"401", unauthorized},
              {"404", notFound},
              {"409", errorAnswer("The job has not succeeded (yet).")}}}}}}},
    };
    return {
        {"openapi", "3.0.3"},
        {"info", {{"title", "FlashFace Studio server"}, {"version", version},
                  {"description", "`flashface serve`: one generation at a time on this instance's device, the rest queued."}}},
        {"paths", paths},
        {"components",
         {{"schemas", schemas(limits)},
          {"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}},
        {"security", json::array({{{"bearer", json::array()}}})},
    };
}

}  // namespace flashface::server
