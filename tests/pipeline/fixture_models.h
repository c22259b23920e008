#pragma once

#include <filesystem>

namespace flashface::test {

// A fresh empty folder under the system temp dir, removed with its contents when destroyed.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// Writes `folder/models.json` naming the fixture models (UNet, autoencoder, CLIP text tower,
// RetinaFace ResNet-50, the BPE vocabulary) with their config.json contents, so that the
// product's loading code runs on them as on a real models folder.
void writeFixtureModelsJson(const std::filesystem::path& folder);

}  // namespace flashface::test
