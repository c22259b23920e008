#!/usr/bin/env bash
# Builds everything and runs the whole test suite (the README's test command; CI runs it too).
set -euo pipefail
cd "$(dirname "$0")/.."
export FLASHFACE_FIXTURES=${FLASHFACE_FIXTURES:-$(cd .. && pwd)/shared/fixtures}
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
JOBS=${JOBS:-$(nproc)}

# The torch-free checkpoint parsers under AddressSanitizer and UBSan, in a small separate build:
# only flashface_checkpoint_format and its tests are compiled there (no libtorch code).
ASAN_BUILD_DIR=${ASAN_BUILD_DIR:-build-asan}
cmake -S . -B "$ASAN_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFLASHFACE_SANITIZE=ON \
  -DFLASHFACE_BUILD_GUI=OFF -DFLASHFACE_BUILD_BENCHMARKS=OFF
cmake --build "$ASAN_BUILD_DIR" --target test_checkpoint_format -j "$JOBS"
"$ASAN_BUILD_DIR/tests/checkpoint/test_checkpoint_format" --gtest_brief=1

# Everything else (and the format tests again, uninstrumented) under CTest; its summary comes last.
BUILD_DIR=${BUILD_DIR:-build} JOBS=$JOBS scripts/build.sh
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j "$JOBS"
