#include "pipeline/prompts.h"

namespace flashface::pipeline {

namespace {

std::string withPostfix(const std::string& text, bool usePostfix, const std::string& postfix) {
    if (!usePostfix || postfix.empty()) return text;
    // An empty prompt takes the postfix alone (the official tool does so for the negative
    // prompt; for the positive one it would feed a stray leading comma).
    if (text.empty()) return postfix;
    return text + ", " + postfix;
}

}  // namespace

PromptPair assemblePrompts(const GenerationSettings& settings) {
    return {withPostfix(settings.prompt, settings.usePositivePostfix, settings.positivePostfix),
            withPostfix(settings.negativePrompt, settings.useNegativePostfix, settings.negativePostfix)};
}

}  // namespace flashface::pipeline
