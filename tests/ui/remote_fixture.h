#pragma once

// What the remote-engine tests share: a fixture run's request as the studio builds it, and the
// server a test starts (`flashface serve` on loopback, tests/server/serve_instance.h).
#include "generationengine.h"
#include "pipeline/request.h"

#include <QString>

#include <cstdint>

namespace flashface::test {

// The fixture run (pipeline/config.json): its reference crops as crops, its prompts, size and
// guidance, with `steps`, `images` and `seed`.
pipeline::GenerationRequest fixtureRunRequest(int steps, int images, std::uint32_t seed);

// The fixture run's image count.
int fixtureRunImages();

// The remote engine's settings for a server on this machine's `port`.
ui::EngineSettings remoteEngine(int port, const QString& token = {});

}  // namespace flashface::test
