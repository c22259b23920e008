#!/usr/bin/env bash
# Installs what FlashFace Studio needs to build, test and run: Debian 12 packages, and libtorch from
# PyPI's torch wheel (CUDA-enabled) in the project's virtual environment .venv (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# qt6-image-formats-plugins: WebP export from the gallery; fonts-wqy-microhei: a CJK font for the
# Chinese interface (and its screenshot); qt6-translations-l10n: Qt's own dialogs in Chinese. ccache: rebuilds after a branch switch take seconds.
# libcpp-httplib-dev: `flashface serve`'s HTTP; nginx-light: the load-balancing test (docs/deploy.md).
$SUDO apt-get install -y -qq --no-install-recommends \
  build-essential cmake ninja-build pkg-config clang ccache python3-venv \
  libopencv-dev libsentencepiece-dev libutf8proc-dev nlohmann-json3-dev libcli11-dev zlib1g-dev libssl-dev \
  libcpp-httplib-dev nginx-light \
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qcoro-qt6-dev libqt6svg6 \
  qt6-image-formats-plugins qt6-translations-l10n fonts-wqy-microhei \
  libgtest-dev libgmock-dev libbenchmark-dev \
  xvfb xauth appstream desktop-file-utils >/dev/null

# The CUDA wheel's CMake config needs the CUDA toolkit (nvcc and headers) to configure against; it
# is not in Debian 12's main archive, so a machine without it is told where to get it.
if ! command -v nvcc >/dev/null && [ ! -x /usr/local/cuda/bin/nvcc ]; then
  echo "install-deps: the CUDA toolkit (nvcc) is missing; install CUDA 13 from NVIDIA, then rerun." >&2
  exit 1
fi

VENV=${FLASHFACE_VENV:-.venv}
[ -x "$VENV/bin/python3" ] || /usr/bin/python3 -m venv "$VENV"
"$VENV/bin/python3" -m pip install -q --disable-pip-version-check -r scripts/torch-requirements.txt
