// `flashface detect PHOTO... --out DIR`: shows what the model will see of each photo.

#include "commands.h"

#include "common/atomic_file.h"
#include "common/bounded_read.h"
#include "common/error.h"
#include "common/untrusted_json.h"
#include "face/faces.h"
#include "face/photo.h"
#include "pipeline/model_files.h"

#include <cmath>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace flashface::cli {

namespace {

namespace fs = std::filesystem;

struct DetectOptions {
    std::vector<fs::path> photos;
    fs::path out;
    int face = 1;  // 1-based, as shown to the user
    fs::path models;
    fs::path detector;
    fs::path detectorConfig;
};

face::FaceDetector openDetector(const DetectOptions& options) {
    if (!options.detector.empty()) {
        const auto config = options.detectorConfig.empty()
                                ? face::RetinaFaceConfig{}
                                : face::RetinaFaceConfig::fromJson(
                                      readFileCapped(options.detectorConfig, kMaxJsonFileBytes, "face detector configuration"),
                                      options.detectorConfig);
        return face::FaceDetector(options.detector, config);
    }
    const pipeline::ModelFiles files = pipeline::resolveModelFiles(options.models.empty() ? pipeline::defaultModelsFolder() : options.models);
    return face::FaceDetector(files.faceDetector,
                              face::RetinaFaceConfig::fromJson(files.faceDetectorConfig, files.faceDetector));
}

void describeFaces(std::ostream& out, const fs::path& photo, const std::vector<face::DetectedFace>& faces) {
    out << photo.string() << ": " << faces.size() << (faces.size() == 1 ? " face" : " faces") << '\n';
    for (std::size_t i = 0; i < faces.size(); ++i) {
        const auto& f = faces[i];
        out << "  " << i + 1 << ". score " << std::round(f.score * 1000) / 1000 << ", box " << std::lround(f.x1) << ','
            << std::lround(f.y1) << " to " << std::lround(f.x2) << ',' << std::lround(f.y2);
        if (!f.warning.empty()) out << " (warning: " << f.warning << ')';
        out << '\n';
    }
}

void detectOne(const face::FaceDetector& detector, const fs::path& file, const Image& photo,
               const DetectOptions& options) {
    const auto faces = detector.detect(photo);
    describeFaces(std::cout, file, faces);
    const int index = options.face - 1;
    const auto& chosen = face::chooseFace(faces, index, file.string());

    // `stem`-faces.png, or -faces-2.png, -3, ...: never replacing a file, written atomically.
    const std::string stem = file.stem().string();
    const fs::path annotated = writeFirstFreeName(options.out, stem + "-faces", ".png",
                                                  face::encodeImage(face::drawFaces(photo, faces, index), ".png"));
    const fs::path reference =
        writeFirstFreeName(options.out, stem + "-face" + std::to_string(options.face), ".png",
                           face::encodeImage(face::prepareReference(photo, chosen), ".png"));
    std::cout << "  wrote " << annotated.string() << " and " << reference.string() << " (face " << options.face
              << ", as the model sees it)\n";
}

void runDetect(const DetectOptions& options) {
    // Every photo is read before the detector loads, so a bad file is reported at once.
    std::vector<Image> photos;
    for (const auto& file : options.photos) photos.push_back(face::loadPhoto(file));
    requireWritableFolder(options.out);
    const auto detector = openDetector(options);
    for (std::size_t i = 0; i < photos.size(); ++i) detectOne(detector, options.photos[i], photos[i], options);
}

}  // namespace

void addDetectCommand(CLI::App& app) {
    auto options = std::make_shared<DetectOptions>();
    auto* cmd = app.add_subcommand(
        "detect",
        "Find the faces in photos and show what the model will see: writes each photo with its faces "
        "boxed and numbered (1 = most confident) and the chosen face as the 224x224 reference.");
    cmd->add_option("photos", options->photos, "Photos to examine (JPEG, PNG, WebP, BMP, TIFF)")->required();
    cmd->add_option("--out", options->out, "Folder for the results (created if needed; files are never replaced)")
        ->required();
    cmd->add_option("--face", options->face, "Which face to prepare, numbered as in the listing (default: 1)")
        ->check(positiveInt());
    cmd->add_option("--models", options->models, "Models folder (default: the standard location)");
    auto* detector = cmd->add_option("--detector", options->detector,
                                     "A RetinaFace weights file to use instead of the models folder's");
    cmd->add_option("--detector-config", options->detectorConfig,
                    "The detector's config.json (backbone and thresholds; default: the official detector)")
        ->needs(detector);
    detector->excludes("--models");
    cmd->callback([options] { runDetect(*options); });
}

}  // namespace flashface::cli
