#pragma once

#include "pipeline/request.h"

#include <nlohmann/json_fwd.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

// The body of `POST /v1/generations` → a GenerationRequest. One document, sent as JSON or as the
// `request` field of a multipart form whose other fields carry the image files:
//
//   {"settings":   {...},  as `flashface generate --json` reports them and PNGs store them;
//                          absent keys take their defaults, an absent seed is random
//    "references": [{"image": "<base64>" | "file": "<form field>",
//                    "crop": false,     a face crop used as is (else the face is detected)
//                    "face": 1,         which face of a photo, 1 = most confident
//                    "weight": 1,       identity mixing
//                    "label": "a.jpg",  stored in the PNGs (default: the file name or "reference N")
//                    "box": [x1, y1, x2, y2]},  a face drawn by hand, in the photo's pixels
//                   ...],
//    "target":     {"image" | "file",   face swap / img2img (optional): the photo to change
//                   "region": "face",   "face", "mask" (then "mask": {"image" | "file"}) or "whole"
//                   "face": 1, "strength": 1, "use_settings_face_box": false, "label": "me.jpg"}}
//
// Image-carrying keys (references, the target photo and its mask) share one reader.
namespace flashface::server {

struct UploadedFile {
    std::string filename;
    std::string_view bytes;
};
// The file a multipart form carries in `field`, or nullopt (always nullopt for a JSON body).
using FileLookup = std::function<std::optional<UploadedFile>(const std::string& field)>;

// The request body's JSON, with bounded nesting. Throws InvalidRequest on a syntax error.
nlohmann::json parseRequestDocument(std::string_view body);

// Throws InvalidRequest naming the key for anything missing, of the wrong type or undecodable.
pipeline::GenerationRequest parseGenerationRequest(const nlohmann::json& document, const FileLookup& files);

}  // namespace flashface::server
