#!/usr/bin/env python3
"""Copies the parity fixtures the GPU tests read (tests/gpu) from SOURCE to DEST, with the model
weights stored in float16: on the GPU the engine converts every weight to float16 as it loads, so
a float16 copy gives the same tensors at half the size. RetinaFace comes as its small MobileNet
backbone only (the GPU tests use crops, so the detector is loaded but never decides anything).

Usage: gpu_bundle_fixtures.py SOURCE DEST
"""
import collections
import shutil
import sys
from pathlib import Path

import torch

WEIGHTS = ["clip_text", "vae", "unet", "retinaface/mobilenetv1"]
COPIED = ["pipeline", "tokenizer/bpe_simple_vocab_16e6.txt.gz", "README.md"]


def half_copy(source, dest):
    state = torch.load(source, map_location="cpu", weights_only=True)
    # Keys that alias one tensor (the UNet's ori_* copies) stay one tensor, stored once.
    converted = {}
    half = collections.OrderedDict()
    for key, value in state.items():
        view = (value.untyped_storage().data_ptr(), value.storage_offset(), tuple(value.shape), tuple(value.stride()))
        if view not in converted:
            converted[view] = value.half() if value.is_floating_point() else value
        half[key] = converted[view]
    torch.save(half, dest)


def main():
    source, dest = Path(sys.argv[1]), Path(sys.argv[2])
    for folder in WEIGHTS:
        (dest / folder).mkdir(parents=True, exist_ok=True)
        for name in ["config.json", "io.safetensors"]:
            shutil.copy2(source / folder / name, dest / folder / name)
        half_copy(source / folder / "weights.pth", dest / folder / "weights.pth")
    for item in COPIED:
        target = dest / item
        target.parent.mkdir(parents=True, exist_ok=True)
        if (source / item).is_dir():
            shutil.copytree(source / item, target, dirs_exist_ok=True)
        else:
            shutil.copy2(source / item, target)


if __name__ == "__main__":
    main()
