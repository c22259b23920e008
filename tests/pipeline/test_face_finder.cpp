// One RetinaFace per process: the studio's panels find faces with the pipeline's own detector.
#include "face/faces.h"
#include "fixture_models.h"
#include "pipeline/face_finder.h"
#include "pipeline/pipeline.h"
#include "support/fixtures.h"

#include <gtest/gtest.h>

#include <memory>

namespace flashface::pipeline {
namespace {

std::shared_ptr<const face::FaceDetector> sharedDetectorOf(const ModelFiles& files) {
    return face::sharedFaceDetector(
        files.faceDetector, face::RetinaFaceConfig::fromJson(files.faceDetectorConfig, files.faceDetector), c10::kCPU);
}

TEST(FaceFinder, FindersAndThePipelineShareOneLoadedDetector) {
    const test::TempDir folder;
    test::writeFixtureModelsJson(folder.path());
    const ModelFiles files = resolveModelFiles(folder.path());

    auto first = std::make_unique<FaceFinder>(files, DeviceChoice::Cpu);
    const FaceFinder second(files, DeviceChoice::Cpu);
    EXPECT_EQ(&first->detector(), &second.detector());

    const auto shared = sharedDetectorOf(files);
    EXPECT_EQ(shared.get(), &second.detector());
    const long holders = shared.use_count();
    Pipeline pipeline(files, {DeviceChoice::Cpu, PrecisionChoice::Auto, 1});
    pipeline.load();
    EXPECT_EQ(shared.use_count(), holders + 1);  // the pipeline took the same detector
    first.reset();
    EXPECT_EQ(shared.use_count(), holders);
}

}  // namespace
}  // namespace flashface::pipeline
