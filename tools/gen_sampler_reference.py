#!/usr/bin/env python3
"""Writes tests/data/sampler/k_diffusion_gaussian.json: what k-diffusion's samplers compute on the
exact denoiser of a Gaussian data distribution, D(x, σ) = x·s²/(s²+σ²), over the noise levels of
the parity fixtures' schedule. tests/sampler/test_samplers.cpp checks the engine against it.

k-diffusion is test tooling only (never part of the product). Its package __init__ imports
training code with heavy dependencies; only k_diffusion.sampling and k_diffusion.external are
needed, so the package is entered without running its __init__.

Setup (CPU torch; k-diffusion without its training dependencies):
  python3 -m venv /tmp/kd
  /tmp/kd/bin/pip install --no-deps k-diffusion torchsde torchdiffeq trampoline torchvision==0.26.*
  /tmp/kd/bin/pip install torch==2.11.* numpy scipy tqdm einops pillow safetensors
Usage:
  gen_sampler_reference.py --fixtures ../shared/fixtures --out tests/data/sampler/k_diffusion_gaussian.json
"""
import argparse
import importlib.metadata
import importlib.util
import json
import sys
import types
from pathlib import Path

import torch


def import_k_diffusion():
    spec = importlib.util.find_spec('k_diffusion')
    package = types.ModuleType('k_diffusion')
    package.__path__ = list(spec.submodule_search_locations)
    sys.modules['k_diffusion'] = package
    import k_diffusion.external as external
    import k_diffusion.sampling as sampling
    return sampling, external


DATA_STD = 0.8      # s of the Gaussian data distribution
SHAPE = [2, 4, 3, 3]
NOISE_SEED = 20261201
ANCESTRAL_SEED = 4242  # the CPU generator of euler_a's per-step noise
SAMPLERS = ['euler', 'euler_a', 'dpmpp_2m', 'dpmpp_2m_karras']


def floats(t):
    return [float(v) for v in t.flatten().tolist()]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--fixtures', type=Path, required=True)
    parser.add_argument('--out', type=Path, required=True)
    args = parser.parse_args()
    sampling, external = import_k_diffusion()

    schedule = json.loads((args.fixtures / 'schedule' / 'schedule.json').read_text())
    vp = torch.tensor(schedule['sigmas'], dtype=torch.float64)
    # k-diffusion's view of the same schedule (CompVisDenoiser does this with the model's ᾱ).
    discrete = external.DiscreteEpsDDPMDenoiser(None, 1 - vp ** 2, quantize=False)

    def denoiser(x, sigma):
        return x * (DATA_STD ** 2 / (DATA_STD ** 2 + sigma ** 2)).view(-1, *[1] * (x.dim() - 1))

    noise = torch.randn(SHAPE, generator=torch.Generator().manual_seed(NOISE_SEED))
    cases = []
    for run in schedule['runs']:
        steps = run['steps']
        trailing_vp = torch.tensor(run['sampler_sigmas'], dtype=torch.float64)
        trailing = (trailing_vp / (1 - trailing_vp ** 2).sqrt()).float()
        karras = sampling.get_sigmas_karras(steps, discrete.sigma_min.item(), discrete.sigma_max.item(), rho=7.)
        for name in SAMPLERS:
            sigmas = karras if name == 'dpmpp_2m_karras' else trailing
            # The initial latent: the variance-preserving noise at the first level, x/α.
            x = noise * (1 + sigmas[0].double() ** 2).sqrt().float()
            case = {'sampler': name, 'steps': steps, 'sigmas': floats(sigmas),
                    'timesteps': [int(t) for t in discrete.sigma_to_t(sigmas[:-1].double()).round().tolist()]}
            if name == 'euler':
                result = sampling.sample_euler(denoiser, x, sigmas, disable=True)
            elif name == 'euler_a':
                generator = torch.Generator().manual_seed(ANCESTRAL_SEED)
                result = sampling.sample_euler_ancestral(
                    denoiser, x, sigmas, disable=True, eta=1.,
                    noise_sampler=lambda sigma, sigma_next: torch.randn(x.shape, generator=generator))
                case['noise_seed'] = ANCESTRAL_SEED
            else:
                result = sampling.sample_dpmpp_2m(denoiser, x, sigmas, disable=True)
            case['result'] = floats(result)
            cases.append(case)

    out = {
        'about': 'k-diffusion samplers on D(x, sigma) = x*s^2/(s^2+sigma^2); x0 = noise*sqrt(1+sigmas[0]^2); '
                 'euler_a noise: torch.randn(shape) from a CPU generator seeded with noise_seed, once per step '
                 'but the last; timesteps: round(DiscreteSchedule.sigma_to_t(sigma)) on the fixture schedule',
        'generator': 'tools/gen_sampler_reference.py',
        'k_diffusion': importlib.metadata.version('k-diffusion'),
        'torch': torch.__version__,
        'data_std': DATA_STD,
        'shape': SHAPE,
        'noise': floats(noise),
        'cases': cases,
    }
    args.out.write_text(json.dumps(out, indent=1) + '\n')


if __name__ == '__main__':
    main()
