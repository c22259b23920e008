#!/usr/bin/env bash
# The runner of a GPU bundle (made by scripts/gpu-bundle.sh), for a machine that has a Python
# PyTorch 2.11 with CUDA and nothing else of ours. It runs
#   1. the GPU tests: CUDA float16 against the parity fixtures (CLIP text, VAE, UNet in both
#      condition layouts, the whole pipeline), cancellation, previews, the float16 weights cache;
#   2. flashface bench --device cuda at 768x768 (35 steps, 4 references, 1 image) and at 512x512;
# and writes one JSON report: the tests with their measured errors, each benchmark's stages
# (seconds, GPU memory peaks), whole-image seconds. Without a GPU the report says so and the
# runner exits 0; failed tests exit 1; a broken set-up (no torch, libraries missing) exits 2.
# Usage: gpu-check.sh [REPORT.json]     (PYTHON: the Python whose torch to use, default python3)
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPORT=$(realpath -m "${1:-gpu-report.json}")
PYTHON=${PYTHON:-python3}

TORCH_LIB=$("$PYTHON" -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))') || {
  echo "gpu-check: $PYTHON has no torch package; install PyTorch 2.11 with CUDA" >&2
  exit 2
}
SITE=$(dirname "$(dirname "$TORCH_LIB")")
NVIDIA_LIBS=$(find "$SITE/nvidia" -maxdepth 3 -type d -name lib 2>/dev/null | paste -sd: -)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
tar -C "$WORK" -xJf "$HERE/payload.tar.xz" || exit 2
export LD_LIBRARY_PATH="$WORK/lib:$TORCH_LIB${NVIDIA_LIBS:+:$NVIDIA_LIBS}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export FLASHFACE_SPM_MODULE="$WORK/lib/libflashface_spm.so"
export FLASHFACE_FIXTURES="$HERE/fixtures"
export XDG_CACHE_HOME="$WORK/cache"
FLASHFACE="$WORK/bin/flashface"

if ! "$FLASHFACE" --version >/dev/null; then
  echo "gpu-check: the bundled flashface does not start against $TORCH_LIB (see above)" >&2
  exit 2
fi

"$WORK/bin/test_gpu" --gtest_output="json:$WORK/tests.json"
TESTS_RC=$?

BENCHES=()
if grep -q '"result": "COMPLETED"' "$WORK/tests.json" && ! grep -q '"result": "SKIPPED"' "$WORK/tests.json"; then
  for size in 768 512; do
    "$FLASHFACE" bench --device cuda --size "$size" --steps 35 --references 4 --images 1 --repeats 1 \
      --json "$WORK/bench-$size.json" && BENCHES+=("$WORK/bench-$size.json")
  done
fi

"$PYTHON" - "$REPORT" "$WORK/tests.json" "$TESTS_RC" "${BENCHES[@]}" <<'PY'
import json, sys, torch
report_path, tests_path, tests_rc, benches = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
tests = json.load(open(tests_path))
cases = [dict(name=f"{s['name']}.{t['name']}", result=t.get("result"), failures=[f["failure"] for f in t.get("failures", [])],
              **{k: v for k, v in t.items() if k.endswith(("_rel_rms", "_rel_max"))})
         for s in tests["testsuites"] for t in s["testsuite"]]
gpu = torch.cuda.is_available()
report = {
    "gpu": torch.cuda.get_device_name(0) if gpu else None,
    "torch": torch.__version__, "cuda": torch.version.cuda,
    "tests": {"passed": tests_rc == 0, "cases": cases},
    "bench": [json.load(open(b)) for b in benches],
}
if not gpu:
    report["note"] = "no CUDA GPU is visible: the GPU tests skipped and nothing was measured"
json.dump(report, open(report_path, "w"), indent=2)
print(("GPU: " + report["gpu"]) if gpu else report["note"])
print(f"GPU tests {'passed' if tests_rc == 0 else 'FAILED'}; {len(benches)} benchmark(s); report: {report_path}")
PY
[ "$TESTS_RC" -eq 0 ] || exit 1
