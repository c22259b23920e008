#!/usr/bin/env bash
# Packs the GPU checks into one relocatable folder (default build-gpu/bundle, under 60 MiB) for a
# machine that has only a Python PyTorch 2.11 with CUDA and none of our build dependencies:
#   gpu-check.sh       the runner (see its header)
#   payload.tar.xz     bin/flashface, bin/test_gpu, lib/: the sentencepiece module and every shared
#                      library they load that neither torch's wheel nor the C runtime provides
#   fixtures/          the parity fixtures the GPU tests read, weights stored in float16 (the GPU
#                      converts them to float16 on loading anyway, so the results are the same)
# Usage: scripts/gpu-bundle.sh [OUT_DIR]   (FLASHFACE_FIXTURES, BUILD_DIR, JOBS as for the tests)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=${BUILD_DIR:-build-gpu}
OUT=$(realpath -m "${1:-$BUILD/bundle}")
FIXTURES=${FLASHFACE_FIXTURES:-$(cd .. && pwd)/shared/fixtures}
PYTHON=${FLASHFACE_TORCH_PYTHON:-$ROOT/.venv/bin/python3}

cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFLASHFACE_BUILD_GUI=OFF -DFLASHFACE_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$BUILD" -j "${JOBS:-$(nproc)}" --target flashface test_gpu flashface_spm

STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
mkdir -p "$STAGE/bin" "$STAGE/lib"
cp "$BUILD/app/cli/flashface" "$BUILD/tests/gpu/test_gpu" "$STAGE/bin/"
cp "$BUILD/core/tokenizer/libflashface_spm.so" "$STAGE/lib/"
"$PYTHON" scripts/gpu_bundle_libs.py "$STAGE/lib" "$STAGE/bin/flashface" "$STAGE/bin/test_gpu" "$STAGE/lib/libflashface_spm.so"
strip --strip-unneeded "$STAGE"/bin/* "$STAGE"/lib/*.so* 2>/dev/null || true

rm -rf "$OUT"
mkdir -p "$OUT"
tar -C "$STAGE" -cJf "$OUT/payload.tar.xz" bin lib
cp scripts/gpu-check.sh "$OUT/"
"$PYTHON" scripts/gpu_bundle_fixtures.py "$FIXTURES" "$OUT/fixtures"
du -sh "$OUT"
