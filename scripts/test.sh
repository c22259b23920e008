#!/usr/bin/env bash
# Builds everything and runs the whole test suite (the README's test command; CI runs it too).
set -euo pipefail
cd "$(dirname "$0")/.."
export FLASHFACE_FIXTURES=${FLASHFACE_FIXTURES:-$(cd .. && pwd)/shared/fixtures}
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}

BUILD_DIR=${BUILD_DIR:-build} scripts/build.sh
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j "${JOBS:-$(nproc)}"
