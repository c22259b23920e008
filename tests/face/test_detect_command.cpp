// `flashface detect`, run as a user runs it (the built executable), with the fixture detector.

#include "face/faces.h"
#include "face/photo.h"

#include "support/fixtures.h"

#include <ATen/Parallel.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using namespace flashface;
namespace fs = std::filesystem;

const std::string kBackbone = "mobilenetv1";  // the small fixture detector keeps these runs fast

using test::readText;

fs::path detectorFile(const std::string& name) {
    return test::fixture("retinaface/" + kBackbone + "/" + name);
}

// In this process as in the command (--threads 1): one thread each, so both sum in the same order
// and rank tied scores alike (random-weight detectors score many priors almost equally).
face::FaceDetector fixtureDetector() {
    at::set_num_threads(1);
    const auto config = detectorFile("config.json");
    return face::FaceDetector(detectorFile("weights.pth"), face::RetinaFaceConfig::fromJson(readText(config), config));
}

struct CommandResult {
    int status;
    std::string output;  // stdout and stderr
};

std::string quoted(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

class DetectCommand : public ::testing::Test {
protected:

    // flashface detect PHOTOS --out <dir>/out --detector ... [extra]
    CommandResult detect(const std::vector<fs::path>& photos, const std::string& extra = "") const {
        std::string command = quoted(FLASHFACE_CLI) + " --threads 1 detect";
        for (const auto& p : photos) command += " " + quoted(p.string());
        command += " --out " + quoted((dir_ / "out").string()) + " --detector " +
                   quoted(detectorFile("weights.pth").string()) + " --detector-config " +
                   quoted(detectorFile("config.json").string()) + " " + extra + " > " +
                   quoted((dir_ / "log.txt").string()) + " 2>&1";
        const int status = std::system(command.c_str());
        return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, readText(dir_ / "log.txt")};
    }

    // The fixture photo twice, side by side: a photo with several faces.
    fs::path twoFacePhoto() const {
        const Image one = face::loadPhoto(test::fixture("face_crop/source.png"));
        Image two;
        two.width = one.width * 2;
        two.height = one.height;
        const std::size_t row = static_cast<std::size_t>(one.width) * 3;
        for (int y = 0; y < one.height; ++y)
            for (int copy = 0; copy < 2; ++copy)
                two.rgb.insert(two.rgb.end(), one.rgb.begin() + y * row, one.rgb.begin() + (y + 1) * row);
        const fs::path file = dir_ / "two.png";
        face::saveImage(two, file);
        return file;
    }

    fs::path out(const std::string& name) const { return dir_ / "out" / name; }

    test::TempDir temp_;
    const fs::path dir_ = temp_.path();
};

TEST_F(DetectCommand, WritesTheNumberedFacesAndTheMostConfidentReference) {
    const fs::path photoFile = twoFacePhoto();
    const CommandResult run = detect({photoFile});
    ASSERT_EQ(run.status, 0) << run.output;

    const Image photo = face::loadPhoto(photoFile);
    const auto faces = fixtureDetector().detect(photo);
    ASSERT_GE(faces.size(), 2u);
    EXPECT_NE(run.output.find(std::to_string(faces.size()) + " faces"), std::string::npos) << run.output;

    const Image annotated = face::loadPhoto(out("two-faces.png"));
    EXPECT_EQ(annotated.width, photo.width);
    EXPECT_EQ(annotated.height, photo.height);
    EXPECT_NE(annotated.rgb, photo.rgb);
    EXPECT_EQ(face::loadPhoto(out("two-face1.png")).rgb, face::prepareReference(photo, faces[0]).rgb);
}

TEST_F(DetectCommand, FaceOptionPicksAnotherFaceAndNothingIsReplaced) {
    const fs::path photoFile = twoFacePhoto();
    ASSERT_EQ(detect({photoFile}).status, 0);
    const std::string firstAnnotated = readText(out("two-faces.png"));
    const std::string firstReference = readText(out("two-face1.png"));

    const CommandResult second = detect({photoFile}, "--face 2");
    ASSERT_EQ(second.status, 0) << second.output;
    const Image photo = face::loadPhoto(photoFile);
    const auto faces = fixtureDetector().detect(photo);
    const Image secondReference = face::prepareReference(photo, faces[1]);
    ASSERT_NE(secondReference.rgb, face::prepareReference(photo, faces[0]).rgb) << "faces 1 and 2 look the same";
    EXPECT_EQ(face::loadPhoto(out("two-face2.png")).rgb, secondReference.rgb);
    EXPECT_NE(readText(out("two-face2.png")), firstReference);

    // The annotated photo of the second run went beside the first one's.
    EXPECT_TRUE(fs::exists(out("two-faces-2.png")));
    EXPECT_EQ(readText(out("two-faces.png")), firstAnnotated);

    // And running the first command again adds files instead of overwriting.
    ASSERT_EQ(detect({photoFile}).status, 0);
    EXPECT_TRUE(fs::exists(out("two-face1-2.png")));
    EXPECT_EQ(readText(out("two-face1.png")), firstReference);
}

TEST_F(DetectCommand, AMissingFaceNumberIsAnErrorNamingThePhoto) {
    const fs::path photoFile = twoFacePhoto();
    const CommandResult run = detect({photoFile}, "--face 100000");
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.output.find("two.png"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("face 100000 does not exist"), std::string::npos) << run.output;
    EXPECT_FALSE(fs::exists(out("two-face100000.png")));
}

TEST_F(DetectCommand, UnreadablePhotosAreReportedByName) {
    std::ofstream(dir_ / "empty.jpg").close();
    const CommandResult empty = detect({dir_ / "empty.jpg"});
    EXPECT_EQ(empty.status, 1);
    EXPECT_NE(empty.output.find("empty.jpg"), std::string::npos) << empty.output;
    EXPECT_NE(empty.output.find("empty"), std::string::npos) << empty.output;

    std::ofstream(dir_ / "corrupt.png", std::ios::binary) << "\x89PNG\r\n\x1a\n" << std::string(64, 'x');
    const CommandResult corrupt = detect({twoFacePhoto(), dir_ / "corrupt.png"});
    EXPECT_EQ(corrupt.status, 1);
    EXPECT_NE(corrupt.output.find("corrupt.png"), std::string::npos) << corrupt.output;
    EXPECT_FALSE(fs::exists(out("two-faces.png"))) << "photos are all read before any output is written";
}

}  // namespace
