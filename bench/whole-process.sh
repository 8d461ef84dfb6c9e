#!/usr/bin/env bash
# Whole-process start-up and throughput: the native cnnmem against a Python process that loads the
# same ONNX file and runs ONNX's own shape inference (bench/python_shape_inference.py, Debian's
# python3-onnx). Runs alternate (cnnmem, python, cnnmem, ...) so machine load hits both alike; prints
# the median wall time of each in milliseconds (bash's `time`), and the median CPU time (user + system), which
# a busy machine disturbs less than the wall time.
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

# "wall_ms cpu_ms" of one run (bash's time keyword: real, user + sys)
ms() {
  local TIMEFORMAT='%R %U %S' t
  t=$( { time "$@" >/dev/null 2>&1; } 2>&1 )
  awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' <<<"$t"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }

compare() {
  local label=$1 file=$2; shift 2
  local cw=() cc=() pw=() pc=() r
  for _ in $(seq "$rounds"); do
    r=$(ms "$cnnmem" analyze "$file" "$@" --format json); cw+=("${r% *}"); cc+=("${r#* }")
    r=$(ms "$python" bench/python_shape_inference.py "$file"); pw+=("${r% *}"); pc+=("${r#* }")
  done
  local cm pm ccm pcm
  cm=$(printf '%s\n' "${cw[@]}" | median); pm=$(printf '%s\n' "${pw[@]}" | median)
  ccm=$(printf '%s\n' "${cc[@]}" | median); pcm=$(printf '%s\n' "${pc[@]}" | median)
  printf '%-28s wall: cnnmem %6s ms  python+onnx %6s ms  ratio %s   cpu: cnnmem %6s ms  python+onnx %6s ms  ratio %s\n' \
    "$label" "$cm" "$pm" "$(awk -v a="$cm" -v b="$pm" 'BEGIN {printf "%.2f", a / b}')" \
    "$ccm" "$pcm" "$(awk -v a="$ccm" -v b="$pcm" 'BEGIN {printf "%.2f", a / b}')"
}

echo "median of $rounds alternating runs; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
compare "resnet50.onnx (batch 1)" tests/CnnMem.Tests/TestData/oracle/models/resnet50.onnx
for n in 1000 10000 100000; do
  compare "chain $n nodes (batch 8)" "$work/chain$n.onnx" --batch 8
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
