#!/usr/bin/env bash
# Installs the cnnmem Python package the documented way, offline, on Debian/Ubuntu:
#   Debian's python3 with python3-torch, python3-torchvision, python3-onnx, python3-pytest (apt, when missing),
#   a venv that sees those system packages (PEP 668: Debian's python refuses plain pip installs), and
#   pip install --no-build-isolation ./python   (setuptools from python3-setuptools, no download).
# Usage: python/setup-venv.sh [VENV_DIR]   (default python/.venv); prints the venv's python on the last line.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${1:-$here/.venv}"
py=/usr/bin/python3

need=()
$py -c 'import torch' >/dev/null 2>&1 || need+=(python3-torch)
$py -c 'import torchvision' >/dev/null 2>&1 || need+=(python3-torchvision)
# libonnx-testdata installs dist-packages/onnx/backend only, so a bare `import onnx` finds a namespace package: ask for
# the real package's version
$py -c 'import onnx; onnx.__version__' >/dev/null 2>&1 || need+=(python3-onnx)
$py -c 'import pytest' >/dev/null 2>&1 || need+=(python3-pytest)
$py -c 'import setuptools, wheel' >/dev/null 2>&1 || need+=(python3-setuptools python3-wheel)
$py -c 'import venv, ensurepip' >/dev/null 2>&1 || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then apt=(apt-get); else apt=(sudo apt-get); fi
  echo "installing ${need[*]}" >&2
  "${apt[@]}" update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq "${need[@]}" >&2
fi

if [ ! -x "$venv/bin/python" ]; then
  $py -m venv --system-site-packages "$venv" >&2
fi
"$venv/bin/python" -m pip install --quiet --no-build-isolation --no-index "$here" >&2
echo "$venv/bin/python"
