#!/usr/bin/env python3
"""Times the original FlashFace implementation's UNet and VAE on the CPU, for comparing with
`flashface bench` on the same machine and the same PyTorch (the .venv's torch is the libtorch the
product links).

The original is not part of this project: fetch ali-vilab/FlashFace yourself and give its folder
with --original (or FLASHFACE_ORIGINAL). This script only imports it; it builds the networks at
their real architecture with random weights (no checkpoint) and times, as `flashface bench` does:

  * a guided step: one call of the reference UNet with 3 condition groups (reference pass over the
    references, then the main pass), as the original's sampler makes it with reference guidance;
  * a step with 2 condition groups;
  * a VAE decode of one latent.

Usage:
  .venv/bin/python tools/bench/original_step.py --original /path/to/FlashFace --threads 2 --size 512

Prints one line per measurement and a JSON summary (medians) as the last line.
"""

import argparse
import importlib.util
import json
import math
import os
import statistics
import sys
import time
import types
from pathlib import Path


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--original", default=os.environ.get("FLASHFACE_ORIGINAL"),
                   help="folder of the original FlashFace repository (or FLASHFACE_ORIGINAL)")
    p.add_argument("--size", type=int, default=512, help="image side in pixels (default 512)")
    p.add_argument("--decode-size", type=int, default=0,
                   help="image side of the VAE decode (default: --size)")
    p.add_argument("--references", type=int, default=4, help="reference faces (default 4)")
    p.add_argument("--repeats", type=int, default=1, help="times each stage is measured (default 1)")
    p.add_argument("--threads", type=int, default=0, help="torch threads (default: torch's)")
    p.add_argument("--precision", choices=["float32", "bfloat16"], default="float32",
                   help="bfloat16: the original's own mixed precision (autocast) on the CPU")
    p.add_argument("--stages", default="step3,step2,decode",
                   help="comma-separated: step3 (guided), step2, decode (default: all)")
    p.add_argument("--lambda-feat", type=float, default=1.2, help="reference strength (default 1.2)")
    args = p.parse_args()
    if not args.original:
        p.error("give the original's folder with --original or FLASHFACE_ORIGINAL")
    return args


def import_original(root: Path):
    """The original's UNet and VAE modules, without its package __init__ files (they import the
    tokenizer's and the face detector's dependencies, which these networks do not need)."""
    root = root.resolve()
    if not (root / "ldm" / "models" / "unet.py").is_file():
        sys.exit(f"{root}: not the original FlashFace repository (no ldm/models/unet.py)")
    for name in ("ldm", "ldm.models", "ldm.ops"):
        package = types.ModuleType(name)
        package.__path__ = [str(root.joinpath(*name.split(".")))]
        sys.modules[name] = package
    import importlib
    vae = importlib.import_module("ldm.models.vae")
    spec = importlib.util.spec_from_file_location(
        "original_reference_unet", root / "flashface" / "all_finetune" / "models" / "reference_unet.py")
    reference_unet = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reference_unet)
    return reference_unet, vae


def randomise(module, torch, seed):
    """The weights `flashface bench` gives (core/benchmark/random_weights.cpp): normal / √fan-in
    for matrices and kernels, ones for scales, zeros for biases."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in module.named_parameters():
            if p.dim() >= 2:
                p.copy_(torch.randn(p.shape, generator=g) / math.sqrt(p[0].numel()))
            else:
                p.fill_(0.0 if name.endswith("bias") else 1.0)


def main():
    args = parse_args()
    import torch

    if args.threads > 0:
        torch.set_num_threads(args.threads)
    # The original moves its new input conv and the masks to CUDA; here everything stays on the CPU.
    torch.Tensor.cuda = lambda self, *a, **k: self
    torch.nn.Module.cuda = lambda self, *a, **k: self

    reference_unet, vae_module = import_original(Path(args.original))
    print(f"torch {torch.__version__}, CPU capability {torch.backends.cpu.get_cpu_capability()}, "
          f"{torch.get_num_threads()} threads, {args.precision}", flush=True)

    stages = args.stages.split(",")
    latent = args.size // 8
    rows = {}

    def timed(name, fn):
        for _ in range(args.repeats):
            start = time.perf_counter()
            fn()
            seconds = time.perf_counter() - start
            rows.setdefault(name, []).append(seconds)
            print(f"{name}: {seconds:.3f} s", flush=True)

    autocast = torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.precision == "bfloat16")
    with torch.no_grad():
        if "step3" in stages or "step2" in stages:
            unet = reference_unet.sd_v1_ref_unet(pretrained=False, device="cpu")
            unet.replace_input_conv()  # FlashFace's 5-channel input (latent + face mask)
            randomise(unet, torch, 0)
            unet.eval()
            torch.manual_seed(0)
            cache = unet.share_cache
            cache["num_pairs"] = args.references
            cache["ref"] = torch.randn(args.references, 4, 28, 28)  # 224×224 faces
            cache["ref_context"] = torch.randn(args.references, 77, 768)
            mask = torch.zeros(1, latent, latent)
            mask[:, latent // 4:latent * 3 // 4, latent // 4:latent * 3 // 4] = 1
            cache["masks"] = mask
            cache["similarity"] = torch.tensor(args.lambda_feat)
            x = torch.randn(1, 4, latent, latent)
            t = torch.tensor([499])
            for groups in (3, 2):
                if f"step{groups}" not in stages:
                    continue
                context = torch.randn(groups, 77, 768)
                with autocast:
                    timed(f"step, {groups} groups", lambda: unet(x.repeat(groups, 1, 1, 1), t=t, context=context))
            del unet
        if "decode" in stages:
            vae = vae_module.sd_v1_vae(pretrained=False, device="cpu")
            randomise(vae, torch, 1)
            vae.eval()
            side = (args.decode_size or args.size) // 8
            z = torch.randn(1, 4, side, side)
            with autocast:
                timed("VAE decode", lambda: vae.decode(z))

    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "size": args.size,
                      "precision": args.precision,
                      "median_seconds": {k: statistics.median(v) for k, v in rows.items()},
                      "seconds": rows}))


if __name__ == "__main__":
    main()
