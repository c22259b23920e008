#!/usr/bin/env bash
# Installs the Debian 12 packages FlashFace Studio needs to build, test and run.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# libopenblas0-openmp: Debian's libtorch multiplies matrices through libblas.so.3, whose
# default is the reference BLAS (16x slower on a UNet step).
# qt6-image-formats-plugins: WebP export from the gallery; fonts-wqy-microhei: a CJK font for the
# Chinese interface (and its screenshot).
$SUDO apt-get install -y -qq --no-install-recommends \
  build-essential cmake ninja-build pkg-config clang \
  libtorch-dev libopenblas0-openmp \
  libopencv-dev libsentencepiece-dev libutf8proc-dev nlohmann-json3-dev libcli11-dev zlib1g-dev libssl-dev \
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qcoro-qt6-dev libqt6svg6 \
  qt6-image-formats-plugins fonts-wqy-microhei \
  libgtest-dev libgmock-dev libbenchmark-dev \
  xvfb xauth appstream desktop-file-utils >/dev/null
