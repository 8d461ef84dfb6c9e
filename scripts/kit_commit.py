#!/usr/bin/env python3
"""Takes a GPU kit folder (scripts/gpu_kit.sh's gpu-kit-<arch>/) into the repository, or checks one.

  python3 scripts/kit_commit.py FOLDER            merge its cuDNN rows into src/CnnMem/Memory/Cudnn/cudnn-workspaces.json
                                                  (a row of the same key, batch and size is replaced), copy the folder to
                                                  tests/CnnMem.Tests/TestData/gpu-kit/<arch>/ and regenerate the
                                                  "GPU kit" section of docs/accuracy.md from every folder there; then commit
  python3 scripts/kit_commit.py FOLDER --check --cnnmem CMD
                                                  (CI, dry runs too) the files are there in their formats, no part failed,
                                                  and cnnmem finds the table's rows under the keys it looks up
A dry run's folder is refused for merging: its figures are placeholders.
"""
import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TABLE = os.path.join(ROOT, "src", "CnnMem", "Memory", "Cudnn", "cudnn-workspaces.json")
DATA = os.path.join(ROOT, "tests", "CnnMem.Tests", "TestData", "gpu-kit")
DOC = os.path.join(ROOT, "docs", "accuracy.md")
BEGIN, END = "<!-- gpu-kit:begin -->", "<!-- gpu-kit:end -->"
FILES = {"kit.json": "cnnmem-gpu-kit", "cudnn-workspaces.json": "cnnmem-cudnn-workspaces", "check_gpu.json": "cnnmem-gpu-kit-check-gpu",
         "depthwise-fits.json": "cnnmem-gpu-kit-fits", "expandable.json": "cnnmem-gpu-kit-expandable"}
KEY = ("arch", "direction", "benchmark", "dtype", "layout", "kernel", "stride", "dilation", "groups", "in_channels", "out_channels", "batch", "spatial")


def load(folder):
    """The folder's files by name; an error for a missing file or a wrong format (a skipped part may lack its file)."""
    kit = json.load(open(os.path.join(folder, "kit.json")))
    out = {}
    for name, fmt in FILES.items():
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            part = {"cudnn-workspaces.json": "cudnn", "check_gpu.json": "check_gpu", "depthwise-fits.json": "depthwise", "expandable.json": "expandable"}.get(name)
            if part and kit["parts"].get(part, {}).get("status") == "skipped":
                continue
            raise SystemExit(f"kit_commit: {path} is missing")
        out[name] = json.load(open(path))
        if out[name].get("format") != fmt:
            raise SystemExit(f"kit_commit: {path}: expected \"format\": \"{fmt}\", found {out[name].get('format')!r}")
    return out


def check(folder, cnnmem):
    files = load(folder)
    kit = files["kit.json"]
    failed = [f"{k}: {v.get('note')}" for k, v in kit["parts"].items() if v["status"] == "failed"]
    if failed:
        raise SystemExit("kit_commit: parts failed: " + "; ".join(failed))
    entries = files.get("cudnn-workspaces.json", {}).get("entries", [])
    if not entries:
        raise SystemExit("kit_commit: the cuDNN table has no rows")
    convs = json.load(open(os.path.join(HERE, "gpu_kit_convs.json")))["convolutions"]
    first = entries[0]
    net = next(c["networks"][0] for c in convs if c["in_channels"] == first["in_channels"] and c["out_channels"] == first["out_channels"]
               and c["kernel"] == "x".join(map(str, first["kernel"])) and c["spatial"] == first["spatial"] and c["groups"] == first["groups"])
    cmd = shlex.split(cnnmem) + ["analyze", net, "--backend", "cuda", "--batch", str(first["batch"]), "--optimizer", "sgd",
                                 "--cudnn-table", os.path.join(folder, "cudnn-workspaces.json"), "--cudnn-arch", kit["arch"], "--format", "json"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"kit_commit: {' '.join(cmd)} failed: {r.stderr.strip()[:400]}")
    got = json.loads(r.stdout)["memory"]["cudnn_workspaces"]
    if got["from_table"] < 1 or got["table_entries"] != len(entries):
        raise SystemExit(f"kit_commit: cnnmem found {got['from_table']} of {got['lookups']} calls of {net} in the table "
                         f"({got['table_entries']} of {len(entries)} rows read for {kit['arch']}): the kit's keys and cnnmem's differ")
    import kit_docs
    kit_docs.section(kit["arch"], folder)  # the docs generator reads every file
    print(f"kit_commit: {folder} is complete; cnnmem finds {got['from_table']} of {got['lookups']} calls of {net} at batch {first['batch']} in its table")


def merge_table(table):
    if table.get("dry_run"):
        raise SystemExit("kit_commit: a dry run's table holds placeholders, not measurements: not merged")
    shipped = json.load(open(TABLE))
    new_keys = {tuple(json.dumps(e[k]) for k in KEY) for e in table["entries"]}
    kept = [e for e in shipped["entries"] if tuple(json.dumps(e[k]) for k in KEY) not in new_keys]
    shipped["entries"] = kept + table["entries"]
    shipped["sources"] = shipped.get("sources", []) + table.get("sources", [])
    with open(TABLE, "w") as f:
        json.dump(shipped, f, indent=0)
        f.write("\n")
    return len(table["entries"]), len(kept)


def commit(folder):
    files = load(folder)
    arch = files["kit.json"]["arch"]
    if files["kit.json"]["environment"].get("dry_run"):
        raise SystemExit("kit_commit: a dry run's folder holds placeholders, not measurements: not merged")
    if "cudnn-workspaces.json" in files:
        added, kept = merge_table(files["cudnn-workspaces.json"])
        print(f"kit_commit: {added} cuDNN rows for {arch} merged into {TABLE} ({kept} kept)")
    dest = os.path.join(DATA, arch)
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(folder, dest)
    import kit_docs
    kit_docs.update(DATA, DOC, BEGIN, END)
    print(f"kit_commit: copied to {dest}; regenerated the GPU kit section of {DOC}. Now: dotnet test, then git add and commit.")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--cnnmem", default=os.environ.get("CNNMEM", "cnnmem"))
    a = ap.parse_args()
    sys.path.insert(0, HERE)
    check(a.folder, a.cnnmem) if a.check else commit(a.folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
