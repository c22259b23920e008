#pragma once

#include "support/fixtures.h"

#include <filesystem>

namespace flashface::test {

// Writes `folder/models.json` naming the fixture models (UNet, autoencoder, CLIP text tower,
// RetinaFace ResNet-50, the BPE vocabulary) with their config.json contents, so that the
// product's loading code runs on them as on a real models folder.
void writeFixtureModelsJson(const std::filesystem::path& folder);

}  // namespace flashface::test
