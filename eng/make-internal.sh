#!/usr/bin/env bash
# The public -> internal sweep (mechanical; rerun it after merges): every top-level type declared
# `public` in src/CnnMem and src/CnnMem.Onnx becomes `internal`, except in the files listed in
# eng/api-files.txt (the documented API). cnnmem's own assemblies see the internals through
# InternalsVisibleTo. Then build: a public API member that exposes an internal type is a compile
# error (CS0050-CS0061), to be fixed by listing that type's file or by hiding the member.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s globstar nullglob
declare -A keep=()
while read -r pattern; do
  [[ -z "$pattern" || "$pattern" == \#* ]] && continue
  for f in $pattern; do keep["$f"]=1; done
done < eng/api-files.txt
changed=0
for f in src/CnnMem/**/*.cs src/CnnMem.Onnx/**/*.cs; do
  [[ "$f" == */obj/* || "$f" == */bin/* || -n "${keep[$f]:-}" ]] && continue
  if grep -qE '^public ' "$f"; then
    sed -i -E 's/^public /internal /' "$f"
    changed=$((changed + 1))
  fi
done
echo "made internal: top-level types in $changed files; public: ${#keep[@]} files (eng/api-files.txt)"
