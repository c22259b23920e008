#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The samplers by name: the one list that the command line, the image metadata and the GUI
// read. Torch-free, so that the metadata readers (and their fuzzers) can use it.
namespace flashface::sampler {

enum class SamplerKind {
    Ddim,            // FlashFace's own: DDIM (η = 0) over trailing steps; the default
    Euler,           // k-diffusion sample_euler over the same steps
    EulerAncestral,  // k-diffusion sample_euler_ancestral, η = 1 (adds noise every step)
    Dpmpp2m,         // k-diffusion sample_dpmpp_2m over the same steps
    Dpmpp2mKarras,   // sample_dpmpp_2m over Karras et al.'s noise levels (ρ = 7)
};

struct SamplerName {
    SamplerKind kind;
    const char* id;        // on the command line and in the settings JSON
    const char* title;     // shown in the GUI: a proper name, alike in every language
    const char* label;     // the web UI's name of the sampler ("Sampler: ...")
    const char* schedule;  // the web UI's "Schedule type: ..."
};

inline constexpr SamplerName kSamplerNames[] = {
    {SamplerKind::Ddim, "ddim", "DDIM", "DDIM", "trailing"},
    {SamplerKind::Euler, "euler", "Euler", "Euler", "trailing"},
    {SamplerKind::EulerAncestral, "euler_a", "Euler ancestral", "Euler a", "trailing"},
    {SamplerKind::Dpmpp2m, "dpmpp_2m", "DPM++ 2M", "DPM++ 2M", "trailing"},
    {SamplerKind::Dpmpp2mKarras, "dpmpp_2m_karras", "DPM++ 2M Karras", "DPM++ 2M", "Karras"},
};

const SamplerName& samplerName(SamplerKind kind);
std::optional<SamplerKind> parseSampler(std::string_view id);
std::vector<std::string> samplerIds();  // in the order above, the default first
std::string samplerIdList();            // "ddim|euler|...", for messages and help

}  // namespace flashface::sampler
