#!/usr/bin/env bash
# The public -> internal sweep (mechanical and idempotent; rerun it after merges, commit its output alone):
# 1. every top-level type declared `public` (a line starting with "public ") in src/CnnMem, src/CnnMem.Onnx and
#    src/CnnMem.Cli (an executable: no API) becomes `internal`, except in the files listed in eng/api-files.txt
#    (the documented API, docs/API.md); cnnmem's own assemblies see the internals through InternalsVisibleTo;
# 2. the libraries' CS1591 exemption is deleted, so a public member without an XML comment fails the build.
# Then build and test: a public API member that exposes an internal type is a compile error (CS0050-CS0061), fixed
# by listing that type's file or by making the member internal; a test helper (tests/) that exposes one is made
# internal by hand; PublicApiTests compares the exported surface with eng/public-api.txt.
# Not swept: src/CnnMem.Web (Razor components are always public, so the types their parameters take stay public).
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s globstar nullglob
declare -A keep=()
while read -r pattern; do
  [[ -z "$pattern" || "$pattern" == \#* ]] && continue
  matched=0
  for f in $pattern; do
    [[ -f "$f" ]] || continue
    keep["$f"]=1
    matched=1
  done
  [[ $matched -eq 1 ]] || echo "warning: eng/api-files.txt: $pattern matches no file" >&2
done < eng/api-files.txt
changed=0
for f in src/CnnMem/**/*.cs src/CnnMem.Onnx/**/*.cs src/CnnMem.Cli/**/*.cs; do
  [[ "$f" == */obj/* || "$f" == */bin/* || -n "${keep[$f]:-}" ]] && continue
  if grep -qE '^public ' "$f"; then
    sed -i -E 's/^public /internal /' "$f"
    changed=$((changed + 1))
  fi
done
for p in src/CnnMem/CnnMem.csproj src/CnnMem.Onnx/CnnMem.Onnx.csproj; do
  sed -i '/CS1591/d' "$p"
done
echo "made internal: top-level types in $changed files; public: ${#keep[@]} files (eng/api-files.txt); CS1591 enforced"
