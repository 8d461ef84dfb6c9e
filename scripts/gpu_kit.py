#!/usr/bin/env python3
"""cnnmem's GPU kit: what one GPU can teach cnnmem in at most eight minutes, written as files to commit.

Usage (scripts/gpu_kit.sh runs this):
  python3 scripts/gpu_kit.py --out DIR [--budget-s 480] [--cnnmem CMD]      on a CUDA GPU
  python3 scripts/gpu_kit.py --out DIR --dry-run --cnnmem CMD               CPU only: the same code paths at tiny
                                                                           sizes, fake memory figures (CI)
  python3 scripts/gpu_kit.py --list-convs --cnnmem CMD                     rewrite scripts/gpu_kit_convs.json from
                                                                           cnnmem's zoo (no GPU; run after a rule change)
Parts, in order, each skipped with a note when the budget is spent (never an overrun):
  1. cudnn      every distinct convolution of cnnmem's zoo (scripts/gpu_kit_convs.json: the keys cnnmem looks up,
                from `cnnmem analyze NAME --backend cuda --format json`, memory.cudnn_workspaces.convolutions), at
                batches 1, 8, 32 and the large-batch buckets a fit reaches (256, 1024, 2048), forward, backward-data
                and backward-filter, cudnn.benchmark off then on: the bytes a call allocates above its inputs and
                its result (max_memory_allocated around the call, after a warm-up call) -> cudnn-workspaces.json,
                the table format cnnmem reads (--cudnn-table FILE; scripts/kit_commit.py merges it into the library)
  2. check_gpu  scripts/check_gpu.py on the oracle's networks, batches 1, 8, 32 -> check_gpu.json
  3. depthwise  inference fits of depthwise networks: the largest batch whose eval forward runs within 16 GiB
                (torch.cuda.set_per_process_memory_fraction), each try from a clean cache, for one forward and for
                two in a row (fit's repeated-forwards batch against its first_forward_batch), and its peaks
                -> depthwise-fits.json
  4. expandable PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True against the default, in child processes (the
                allocator reads it once) -> expandable.json
  5. parallel   scripts/measure_parallel.py when several GPUs are present -> parallel_results.json
Everything goes to DIR/gpu-kit-<arch>/ (arch = sm_<compute capability>, sm_00 in a dry run): at most six files, one
folder, kit.json saying what ran, how long, and what was skipped and why.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import time

import gpu_kit_parts as parts

HERE = os.path.dirname(os.path.abspath(__file__))
CONVS = os.path.join(HERE, "gpu_kit_convs.json")
# share of the budget each part may use up to (elapsed / budget); the rest is kept for the parts after it
DEADLINES = {"cudnn": 0.45, "check_gpu": 0.72, "depthwise": 0.86, "expandable": 0.95, "parallel": 1.0}


class Clock:
    """Elapsed time against the budget: a part asks before each step whether it may start it."""

    def __init__(self, budget_s):
        self.start = time.monotonic()
        self.budget = budget_s

    def elapsed(self):
        return time.monotonic() - self.start

    def left_until(self, share):
        return self.budget * share - self.elapsed()


def arch_of(dry):
    if dry:
        return "sm_00"
    import torch
    major, minor = torch.cuda.get_device_capability(0)
    return f"sm_{major}{minor}"


def environment(dry):
    import torch
    env = {"torch": torch.__version__, "dry_run": dry}
    try:
        import torchvision
        env["torchvision"] = torchvision.__version__
    except ImportError:
        env["torchvision"] = None
    if not dry:
        env.update(gpu=torch.cuda.get_device_name(0), gpus=torch.cuda.device_count(), cuda=torch.version.cuda,
                   cudnn=torch.backends.cudnn.version(), total_bytes=torch.cuda.mem_get_info()[1],
                   allow_tf32_cudnn=torch.backends.cudnn.allow_tf32)
    return env


def run_kit(a):
    clock = Clock(a.budget_s)
    arch = arch_of(a.dry_run)
    folder = os.path.join(a.out, f"gpu-kit-{arch}")
    os.makedirs(folder, exist_ok=True)
    kit = {"format": "cnnmem-gpu-kit", "version": 1, "arch": arch, "budget_s": a.budget_s,
           "environment": environment(a.dry_run), "parts": {}}
    manifest = os.path.join(folder, "kit.json")
    with open(CONVS) as f:
        convs = json.load(f)

    def save():
        kit["elapsed_s"] = round(clock.elapsed(), 1)
        with open(manifest, "w") as f:
            json.dump(kit, f, indent=1)

    steps = [
        ("cudnn", lambda deadline: parts.cudnn_table(convs, arch, a.dry_run, deadline, os.path.join(folder, "cudnn-workspaces.json"), kit["environment"])),
        ("check_gpu", lambda deadline: parts.check_gpu(a.cnnmem, a.dry_run, deadline, os.path.join(folder, "check_gpu.json"))),
        ("depthwise", lambda deadline: parts.depthwise_fits(a.dry_run, deadline, os.path.join(folder, "depthwise-fits.json"))),
        ("expandable", lambda deadline: parts.expandable(a.dry_run, deadline, os.path.join(folder, "expandable.json"))),
        ("parallel", lambda deadline: parts.parallel(a.dry_run, deadline, folder)),
    ]
    failed = []
    for name, step in steps:
        left = clock.left_until(DEADLINES[name])
        t0 = time.monotonic()
        if left < 5:
            kit["parts"][name] = {"status": "skipped", "note": f"budget spent ({clock.elapsed():.0f} s of {a.budget_s:.0f} s)"}
        else:
            try:
                kit["parts"][name] = step(time.monotonic() + left)
            except Exception as e:  # one part failing must not lose the others' files
                kit["parts"][name] = {"status": "failed", "note": f"{type(e).__name__}: {e}"}
        kit["parts"][name]["seconds"] = round(time.monotonic() - t0, 1)
        if kit["parts"][name]["status"] == "failed":
            failed.append(name)
        print(f"gpu_kit: {name}: {kit['parts'][name]['status']} ({kit['parts'][name]['seconds']} s)"
              + (f": {kit['parts'][name]['note']}" if kit["parts"][name].get("note") else ""), file=sys.stderr)
        save()
    print(f"gpu_kit: wrote {folder} in {clock.elapsed():.0f} s" + (f"; failed: {', '.join(failed)}" if failed else ""), file=sys.stderr)
    return 1 if failed else 0


def list_convs(a):
    """The distinct convolutions of cnnmem's zoo, keyed as cnnmem keys them, with the networks they occur in."""
    cmd = shlex.split(a.cnnmem)
    names = a.names or [z["name"] for z in json.loads(subprocess.run(cmd + ["zoo", "--format", "json"], check=True, capture_output=True, text=True).stdout)]
    distinct = {}
    for name in names:
        r = subprocess.run(cmd + ["analyze", name, "--backend", "cuda", "--batch", "1", "--optimizer", "sgd", "--format", "json"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            print(f"gpu_kit: cnnmem analyze {name} failed: {r.stderr.strip()[:300]}", file=sys.stderr)
            return 1
        for c in json.loads(r.stdout)["memory"]["cudnn_workspaces"]["convolutions"]:
            key = (c["kernel"], c["stride"], c["dilation"], c["groups"], c["in_channels"], c["out_channels"], tuple(c["spatial"]),
                   tuple(c["output_spatial"]), c["dtype"])
            entry = distinct.setdefault(key, {"kernel": c["kernel"], "stride": c["stride"], "dilation": c["dilation"],
                                              "groups": c["groups"], "in_channels": c["in_channels"],
                                              "out_channels": c["out_channels"], "spatial": c["spatial"],
                                              "output_spatial": c["output_spatial"], "dtype": c["dtype"], "networks": []})
            if name not in entry["networks"]:
                entry["networks"].append(name)
        print(f"gpu_kit: {name}: {len(distinct)} distinct so far", file=sys.stderr)
    # the most shared first: when the budget runs out, the configurations of the most networks are measured
    rows = sorted(distinct.values(), key=lambda e: (-len(e["networks"]), e["in_channels"] * e["out_channels"]))
    out = {"format": "cnnmem-gpu-kit-convs", "version": 1, "networks": names, "convolutions": rows,
           "note": "written by scripts/gpu_kit.py --list-convs from cnnmem analyze NAME --backend cuda --format json"}
    with open(a.convs_out, "w") as f:
        json.dump(out, f, indent=0)
        f.write("\n")
    print(f"gpu_kit: {len(rows)} distinct convolutions in {len(names)} networks -> {a.convs_out}", file=sys.stderr)
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", help="the folder that receives gpu-kit-<arch>/")
    ap.add_argument("--budget-s", type=float, default=480, help="seconds for all parts together (default 480)")
    ap.add_argument("--dry-run", action="store_true", help="CPU only, tiny sizes, fake memory figures: checks the flow")
    ap.add_argument("--cnnmem", default=os.environ.get("CNNMEM", "cnnmem"), help="the command that runs cnnmem")
    ap.add_argument("--list-convs", action="store_true", help="rewrite the list of the zoo's distinct convolutions")
    ap.add_argument("--convs-out", default=CONVS)
    ap.add_argument("names", nargs="*", help="with --list-convs: networks (default: all of cnnmem zoo)")
    a = ap.parse_args(argv)
    if a.list_convs:
        return list_convs(a)
    if not a.out:
        ap.error("--out DIR is required")
    if not a.dry_run:
        import torch
        if not torch.cuda.is_available():
            print("gpu_kit: no CUDA device is available to PyTorch (use --dry-run to check the flow on the CPU)", file=sys.stderr)
            return 2
    return run_kit(a)


if __name__ == "__main__":
    sys.exit(main())
