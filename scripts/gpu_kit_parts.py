"""The GPU kit's parts (see gpu_kit.py). Each returns kit.json's summary of it and writes its own file; parts that
must not share the process's allocator (a memory fraction, PYTORCH_CUDA_ALLOC_CONF) run in child processes, started
as `python3 gpu_kit_parts.py child KIND ...`, that print one JSON line.
"""
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# the oracle's torchvision networks (its hand-written ones are not in torchvision)
ORACLE = ("resnet18", "mobilenet_v2", "resnet50", "densenet121", "squeezenet1_0", "alexnet", "vgg16", "vit_b_16")
DEPTHWISE = ("mobilenet_v2", "efficientnet_b0", "mobilenet_v3_large", "convnext_tiny", "mnasnet1_0", "regnet_y_400mf")
FIT_BUDGET = 16 << 30
RESERVED_CASES = (("resnet50", "train", 32), ("mobilenet_v2", "infer", 256), ("efficientnet_b0", "train", 32))


def _write(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=1)


def cudnn_table(convs, arch, dry, deadline, path, environment):
    import gpu_kit_cudnn
    table, summary = gpu_kit_cudnn.table(convs, arch, dry, deadline, environment)
    _write(path, table)
    return summary


def _run(cmd, deadline, env=None):
    """A child process within the time left; (CompletedProcess or None, note)."""
    left = deadline - time.monotonic()
    if left < 3:
        return None, "no time left"
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=left, env=env), None
    except subprocess.TimeoutExpired:
        return None, f"stopped after {left:.0f} s (the part's share of the budget)"


def check_gpu(cnnmem, dry, deadline, path):
    models = ORACLE[:1] if dry else ORACLE
    results, notes = {}, []
    for name in models:
        out = path + f".{name}.tmp"
        cmd = [sys.executable, os.path.join(HERE, "check_gpu.py"), name, "--cnnmem", cnnmem, "--out", out]
        cmd += ["--batch", "1", "--optimizer", "sgd", "--dry"] if dry else ["--batch", "1", "--batch", "8", "--batch", "32", "--optimizer", "sgd", "--optimizer", "adam-foreach"]
        r, note = _run(cmd, deadline)
        if os.path.exists(out):
            with open(out) as f:
                results[name] = json.load(f)
            os.remove(out)
        else:
            notes.append(f"{name}: {note or 'exit %d: %s' % (r.returncode, r.stderr.strip()[-300:])}")
        if note:
            break
    _write(path, {"format": "cnnmem-gpu-kit-check-gpu", "version": 1, "models": results})
    done = len(results)
    return {"status": "done" if done == len(models) else ("partial" if done else "failed"), "models": list(results),
            "note": "; ".join(notes) or None}


def _children(kind, cases, dry, deadline, env=None):
    rows, notes = [], []
    for case in cases:
        cmd = [sys.executable, os.path.join(HERE, "gpu_kit_parts.py"), "child", kind, *map(str, case)] + (["--dry"] if dry else [])
        r, note = _run(cmd, deadline, env)
        if r is not None and r.returncode == 0 and r.stdout.strip():
            rows.append(json.loads(r.stdout.strip().splitlines()[-1]))
        else:
            notes.append(f"{case[0]}: {note or r.stderr.strip()[-300:]}")
        if note:
            break
    return rows, notes


def depthwise_fits(dry, deadline, path):
    cases = [(n, FIT_BUDGET) for n in (DEPTHWISE[:1] if dry else DEPTHWISE)]
    rows, notes = _children("fit", cases, dry, deadline)
    _write(path, {"format": "cnnmem-gpu-kit-fits", "version": 1, "budget_bytes": FIT_BUDGET, "fits": rows})
    return {"status": "done" if len(rows) == len(cases) else ("partial" if rows else "failed"), "networks": [r["model"] for r in rows],
            "note": "; ".join(notes) or None}


def expandable(dry, deadline, path):
    rows, notes = [], []
    cases = RESERVED_CASES[:1] if dry else RESERVED_CASES
    for setting in ("default", "expandable_segments:True"):
        env = dict(os.environ)
        env.pop("PYTORCH_CUDA_ALLOC_CONF", None)
        if setting != "default":
            env["PYTORCH_CUDA_ALLOC_CONF"] = setting
        got, n = _children("reserved", [(m, mode, 2 if dry else b) for m, mode, b in cases], dry, deadline, env)
        rows += [dict(r, alloc_conf=setting) for r in got]
        notes += n
    _write(path, {"format": "cnnmem-gpu-kit-expandable", "version": 1, "runs": rows})
    return {"status": "done" if len(rows) == 2 * len(cases) else ("partial" if rows else "failed"), "runs": len(rows), "note": "; ".join(notes) or None}


def parallel(dry, deadline, folder):
    import torch
    if not dry and torch.cuda.device_count() < 2:
        return {"status": "skipped", "note": f"{torch.cuda.device_count()} GPU: measure_parallel.py runs when several are present"}
    cmd = [sys.executable, os.path.join(HERE, "measure_parallel.py"), "--out", folder]
    cmd += ["--dry", "--models", "resnet18", "--batches", "1"] if dry else ["--models", "resnet18", "resnet50", "--batches", "8", "32"]
    r, note = _run(cmd, deadline)
    ok = os.path.exists(os.path.join(folder, "parallel_results.json"))
    return {"status": "done" if ok and r is not None and r.returncode == 0 else ("partial" if ok else "failed"),
            "note": note or (None if r is None or r.returncode == 0 else r.stderr.strip()[-300:])}


# ---- children: one network each, their own allocator ----

def _model(name, dry):
    import torch
    import torchvision
    model = torchvision.models.get_model(name, weights=None)
    size = 32 if dry else (299 if name == "inception_v3" else 224)
    return model.to("cpu" if dry else "cuda"), size, torch


def child_fit(name, budget, dry):
    """The largest batch whose eval forward runs within the budget (doubling, then bisection), and its peaks: a single
    forward from a clean cache (as measure_gpu.py's fit measured it), and two forwards in a row (a serving loop: the
    second runs in the cache the first left, which cnnmem's fit answers for; its first_forward_batch is the other)."""
    model, size, torch = _model(name, dry)
    model.eval()
    dev = "cpu" if dry else "cuda"
    if not dry:
        torch.cuda.set_per_process_memory_fraction(min(1.0, budget / torch.cuda.mem_get_info()[1]))

    def runs(batch, forwards=1):
        try:
            if not dry:
                torch.cuda.empty_cache()  # each try from a clean cache
                torch.cuda.reset_peak_memory_stats()
            with torch.no_grad():
                x = torch.randn(batch, 3, size, size, device=dev)
                for _ in range(forwards):
                    model(x)
                if not dry:
                    torch.cuda.synchronize()
            return True
        except RuntimeError:  # torch.cuda.OutOfMemoryError is one
            if not dry:
                torch.cuda.empty_cache()
            return False

    def largest(forwards):
        lo, hi = 32, 64
        cap = 4 if dry else 1 << 16
        while hi <= cap and runs(hi, forwards):
            lo, hi = hi, hi * 2
        hi = min(hi, cap + 1)
        while hi - lo > max(1, lo // 100):
            mid = (lo + hi) // 2
            lo, hi = (mid, hi) if runs(mid, forwards) else (lo, mid)
        return lo

    peaks = {}
    for b in (1, 8, 32):
        runs(b)
        peaks[b] = 0 if dry else [torch.cuda.max_memory_allocated(), torch.cuda.max_memory_reserved()]
    lo = largest(1)
    runs(lo)
    at = [0, 0] if dry else [torch.cuda.max_memory_allocated(), torch.cuda.max_memory_reserved()]
    repeated = largest(2)
    return {"model": name, "input": [3, size, size], "budget_bytes": budget, "largest_batch": lo, "precision": "within 1%",
            "largest_batch_repeated": repeated, "clean_cache_each_try": True,
            "peak_allocated_bytes": at[0], "peak_reserved_bytes": at[1], "peaks_at": {str(k): v for k, v in peaks.items()}}


def child_reserved(name, mode, batch, dry):
    """One warm step (training: SGD with momentum, zero_grad(set_to_none)) or forward, then the measured one."""
    model, size, torch = _model(name, dry)
    dev = "cpu" if dry else "cuda"
    x = torch.randn(batch, 3, size, size, device=dev)
    y = torch.randint(0, 1000, (batch,), device=dev)
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9) if mode == "train" else None
    model.train(mode == "train")

    def step():
        if opt is None:
            with torch.no_grad():
                model(x)
            return
        opt.zero_grad(set_to_none=True)
        torch.nn.functional.cross_entropy(model(x), y).backward()
        opt.step()

    step()
    if not dry:
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
    step()
    stats = [0, 0] if dry else [torch.cuda.max_memory_allocated(), torch.cuda.max_memory_reserved()]
    return {"model": name, "mode": mode, "batch": batch, "input": [3, size, size],
            "peak_allocated_bytes": stats[0], "peak_reserved_bytes": stats[1]}


if __name__ == "__main__" and len(sys.argv) > 2 and sys.argv[1] == "child":
    dry = "--dry" in sys.argv
    args = [a for a in sys.argv[3:] if a != "--dry"]
    if sys.argv[2] == "fit":
        print(json.dumps(child_fit(args[0], int(args[1]), dry)))
    elif sys.argv[2] == "reserved":
        print(json.dumps(child_reserved(args[0], args[1], int(args[2]), dry)))
    else:
        sys.exit(f"gpu_kit_parts: unknown child {sys.argv[2]}")
