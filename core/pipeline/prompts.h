#pragma once

#include "pipeline/request.h"

#include <string>

namespace flashface::pipeline {

// The texts the text encoder reads: the user's prompts with the default postfixes appended as
// the official tool does ("prompt, postfix"; an empty negative prompt becomes the postfix alone).
// A postfix that is switched off or empty adds nothing.
struct PromptPair {
    std::string positive;
    std::string negative;
};

PromptPair assemblePrompts(const GenerationSettings& settings);

}  // namespace flashface::pipeline
