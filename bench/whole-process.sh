#!/usr/bin/env bash
# Whole-process start-up and throughput: the native cnnmem against a Python process that loads the
# same ONNX file and runs ONNX's own shape inference (bench/python_shape_inference.py, Debian's
# python3-onnx). Runs alternate (cnnmem, python, cnnmem, ...) so machine load hits both alike; prints
# the median wall time of each in milliseconds, measured with `date +%s%N` around the process.
#
#   bench/whole-process.sh [ROUNDS]        (default 7)
#
# Needs: the native publish (`dotnet publish src/CnnMem.Cli -c Release`; built here if missing) and
# /usr/bin/python3 with the onnx module. The chain models are written by the bench project
# (`dotnet run -c Release --project bench/CnnMem.Bench -- write-chain N FILE`).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-7}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
rid=$(dotnet --info | awk '/RID:/ {print $2; exit}')
cnnmem=src/CnnMem.Cli/bin/Release/net10.0/$rid/publish/cnnmem
python=${PYTHON:-/usr/bin/python3}
[ -x "$cnnmem" ] || dotnet publish src/CnnMem.Cli -c Release >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in 1000 10000 100000; do
  dotnet run -c Release --project bench/CnnMem.Bench -- write-chain "$n" "$work/chain$n.onnx" >/dev/null
done

ms() { local s; s=$(date +%s%N); "$@" >/dev/null; echo $((($(date +%s%N) - s) / 1000000)); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }

compare() {
  local label=$1 file=$2; shift 2
  local c=() p=()
  for _ in $(seq "$rounds"); do
    c+=("$(ms "$cnnmem" analyze "$file" "$@" --format json)")
    p+=("$(ms "$python" bench/python_shape_inference.py "$file")")
  done
  local cm pm
  cm=$(printf '%s\n' "${c[@]}" | median)
  pm=$(printf '%s\n' "${p[@]}" | median)
  printf '%-28s cnnmem %6s ms   python+onnx %6s ms   ratio %s\n' "$label" "$cm" "$pm" \
    "$(awk -v a="$cm" -v b="$pm" 'BEGIN {printf "%.2f", a / b}')"
}

echo "median of $rounds alternating runs; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
compare "resnet50.onnx (batch 1)" tests/CnnMem.Tests/TestData/oracle/models/resnet50.onnx
for n in 1000 10000 100000; do
  compare "chain $n nodes (batch 8)" "$work/chain$n.onnx" --batch 8
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
