#!/usr/bin/env python3
"""NOT YET RUN ON A GPU (written for issue 11; only the CPU --dry flow has been run). Results, once measured,
belong in tests/CnnMem.Tests/TestData/parallel/parallel_results.json as test data.

Checks cnnmem's per-device model of DDP and FSDP2 where one process can: torch.distributed with world size 1
on one CUDA device (NCCL), float32, Adam (foreach=False). Per (model, batch) it records:
  plain.static / plain.steady_peak      the single-device step (memory_allocated / max_memory_allocated)
  ddp.bucket_bytes                      memory_allocated after DDP wraps the model minus before: cnnmem's
                                        gradient_bucket_bytes (a second copy of the trainable gradients)
  ddp_view.bucket_bytes                 the same with gradient_as_bucket_view=True (cnnmem: 0)
  ddp.steady_peak                       one step's peak after warm-up (cnnmem: total_bytes - NCCL)
  fsdp.unit_depth1.forward_gathered     FSDP2 fully_shard per top-level child and the root: the forward peak
                                        minus the plain forward peak (all-gather outputs and copy-in of the
                                        units in flight; with one rank the shards are whole)
  fsdp.unit_depth1.steady_peak          one step's peak after warm-up
  nccl.outside_allocator                (total - free) from cudaMemGetInfo minus memory_reserved(), after the
                                        first collective, minus the same before init_process_group: NCCL's own
                                        buffers (with one rank cnnmem assumes 0)
Writes ONE JSON file, rewritten after every measurement.
Usage: python3 scripts/measure_parallel.py --out DIR [--models resnet18 resnet50] [--batches 8 32]
       python3 scripts/measure_parallel.py --dry --out DIR   (CPU, gloo, fake memory: checks the flow only)
"""
import argparse, json, os, sys, time

import torch
import torch.distributed as dist
import torch.nn as nn
import torchvision

DRY = False
RESULTS = {"torch": torch.__version__, "world_size": 1, "runs": {}}


def device():
    return torch.device("cpu") if DRY else torch.device("cuda")


def allocated():
    return 0 if DRY else torch.cuda.memory_allocated()


def reset_peak():
    if not DRY:
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()


def peak():
    if DRY:
        return 0
    torch.cuda.synchronize()
    return torch.cuda.max_memory_allocated()


def outside_allocator():
    if DRY:
        return 0
    free, total = torch.cuda.mem_get_info()
    return (total - free) - torch.cuda.memory_reserved()


def step(model, opt, x, y):
    opt.zero_grad(set_to_none=False)
    loss = nn.functional.cross_entropy(model(x), y)
    loss.backward()
    opt.step()


def steady_peak(model, x, y, warmup=2):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, foreach=False)
    for _ in range(warmup):
        step(model, opt, x, y)
    reset_peak()
    step(model, opt, x, y)
    return peak()


def build(name):
    return getattr(torchvision.models, name)(num_classes=1000).to(device())


def measure(name, batch):
    x = torch.randn(batch, 3, 224, 224, device=device())
    y = torch.randint(0, 1000, (batch,), device=device())
    run = {}
    model = build(name)
    run["plain"] = {"static": allocated(), "steady_peak": steady_peak(model, x, y)}
    reset_peak()
    with torch.no_grad():
        model(x)
    plain_forward = peak()
    del model
    for label, view in (("ddp", False), ("ddp_view", True)):
        model = build(name)
        before = allocated()
        ddp = nn.parallel.DistributedDataParallel(model, gradient_as_bucket_view=view)
        run[label] = {"bucket_bytes": allocated() - before, "steady_peak": steady_peak(ddp, x, y)}
        del ddp, model
    try:
        from torch.distributed.fsdp import fully_shard  # FSDP2, PyTorch >= 2.6
    except (ImportError, ValueError):  # ValueError: PyTorch 1.13's sharded-tensor dataclasses under Python 3.11
        run["fsdp"] = {"skipped": "torch.distributed.fsdp.fully_shard needs PyTorch 2.6 or later"}
    else:
        model = build(name)
        for child in model.children():
            if any(True for _ in child.parameters()):
                fully_shard(child)
        fully_shard(model)
        reset_peak()
        with torch.no_grad():
            model(x)
        run["fsdp"] = {"unit_depth1": {"forward_gathered": peak() - plain_forward, "steady_peak": steady_peak(model, x, y)}}
        del model
    return run


def main():
    global DRY
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--models", nargs="+", default=["resnet18", "resnet50"])
    ap.add_argument("--batches", nargs="+", type=int, default=[8, 32])
    ap.add_argument("--dry", action="store_true")
    a = ap.parse_args()
    DRY = a.dry
    os.makedirs(a.out, exist_ok=True)
    path = os.path.join(a.out, "parallel_results.json")
    os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
    os.environ.setdefault("MASTER_PORT", "29512")
    before = outside_allocator()
    dist.init_process_group("gloo" if DRY else "nccl", rank=0, world_size=1)
    t = torch.ones(1, device=device())
    dist.all_reduce(t)
    RESULTS["nccl"] = {"outside_allocator": outside_allocator() - before}
    for name in a.models:
        for batch in a.batches:
            t0 = time.time()
            RESULTS["runs"][f"{name}/{batch}"] = measure(name, batch)
            RESULTS["runs"][f"{name}/{batch}"]["seconds"] = round(time.time() - t0, 2)
            with open(path, "w") as f:
                json.dump(RESULTS, f, indent=1)
            print(name, batch, "done", file=sys.stderr)
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
