#!/usr/bin/env bash
# cnnmem's GPU kit: measures what one GPU can teach cnnmem in at most 8 minutes (see scripts/gpu_kit.py) and writes
# it to "$OUT/gpu-kit-<arch>/" (OUT: the first argument, else $OUT, else ./gpu-kit-out).
#   scripts/gpu_kit.sh [OUT] [--budget-s S] [--dry-run]
# cnnmem is found as $CNNMEM, else `cnnmem` on PATH, else a NativeAOT publish of this checkout
# (dotnet publish src/CnnMem.Cli -c Release), else the Debug build run with dotnet; without one the measurements
# still run, and check_gpu.json says which cnnmem figures are missing.
# Python: $PYTHON, else python3 (needs torch and torchvision; PyTorch 2.x with CUDA for a real run).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
out="${OUT:-$PWD/gpu-kit-out}"
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then out="$1"; shift; fi

if [ -z "${CNNMEM:-}" ]; then
  native=$(find "$root/src/CnnMem.Cli/bin/Release" -path '*/publish/cnnmem' -type f 2>/dev/null | head -n 1)
  debug="$root/src/CnnMem.Cli/bin/Debug/net10.0/CnnMem.Cli.dll"
  if command -v cnnmem >/dev/null 2>&1; then CNNMEM=cnnmem
  elif [ -n "$native" ]; then CNNMEM="$native"
  elif [ -f "$debug" ] && command -v dotnet >/dev/null 2>&1; then CNNMEM="dotnet $debug"
  else CNNMEM=cnnmem; echo "gpu_kit: no cnnmem found; measuring anyway (check_gpu.json will lack cnnmem's figures)" >&2
  fi
fi
export CNNMEM
mkdir -p "$out"
cd "$here" && exec "${PYTHON:-python3}" gpu_kit.py --out "$out" --cnnmem "$CNNMEM" "$@"
