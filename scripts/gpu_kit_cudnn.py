"""The GPU kit's cuDNN part: each distinct convolution's workspace per call, in cnnmem's table format.

A call's workspace is what it allocates above its inputs and its result: torch.cuda.max_memory_allocated() during the
call minus memory_allocated() before it minus the result's bytes, after a warm-up call of the same shape (with
cudnn.benchmark on, the warm-up runs the algorithm search and its trial workspaces; the measured call uses the
algorithm found). Forward is F.conv{1,2,3}d; backward-data and backward-filter are aten.convolution_backward with
one output each. The padding is what turns the listed input into the listed output (symmetric).
In a dry run (CPU): the same calls, a handful of convolutions at batch 1, benchmark off, and 0 bytes: placeholders
that check the flow and that cnnmem finds the rows under the keys it looks up (the table says "dry_run": true).
"""
import time

import torch
import torch.nn.functional as F

SMALL_BATCHES = (8, 32, 1)
# the buckets (powers of two) that fits at 16-80 GB reach for the zoo's inference and training batches
LARGE_BATCHES = (256, 1024, 2048)
DIRECTIONS = ("forward", "backward_data", "backward_filter")
DRY_CONVS = 6
FORMAT = "cnnmem-cudnn-workspaces"


def sizes(text):
    return [int(v) for v in str(text).split("x")]


def padding_of(c):
    k, s, d = sizes(c["kernel"]), sizes(c["stride"]), sizes(c["dilation"])
    out = []
    for i, (inp, o) in enumerate(zip(c["spatial"], c["output_spatial"])):
        total = (o - 1) * s[i] + d[i] * (k[i] - 1) + 1 - inp
        out.append(max(0, (total + 1) // 2))
    return out


class Probe:
    """Allocated-memory counters; fake (0) on the CPU."""

    def __init__(self, dry):
        self.dry = dry
        self.dev = torch.device("cpu" if dry else "cuda")

    def around(self, fn):
        """(bytes above the inputs and the result, result) of one call."""
        if self.dry:
            return 0, fn()
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
        base = torch.cuda.memory_allocated()
        r = fn()
        torch.cuda.synchronize()
        peak = torch.cuda.max_memory_allocated()
        result = sum(t.numel() * t.element_size() for t in (r if isinstance(r, (tuple, list)) else [r]) if t is not None)
        return max(0, peak - base - result), r


def call(direction, x, w, grad_out, c, padding):
    stride, dilation, groups = sizes(c["stride"]), sizes(c["dilation"]), c["groups"]
    conv = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}[len(stride)]
    if direction == "forward":
        return lambda: conv(x, w, None, stride, padding, dilation, groups)
    mask = [direction == "backward_data", direction == "backward_filter", False]
    return lambda: tuple(t for t in torch.ops.aten.convolution_backward(
        grad_out, x, w, None, stride, padding, dilation, False, [0] * len(stride), groups, mask) if t is not None)


def fits(c, batch, probe):
    """Inputs, output and gradients of one call must take under a third of the free memory."""
    if probe.dry:
        return True
    el = 4 if c["dtype"] == "float32" else 2
    spatial = 1
    for v in c["spatial"]:
        spatial *= v
    out_spatial = 1
    for v in c["output_spatial"]:
        out_spatial *= v
    need = batch * (c["in_channels"] * spatial * 2 + c["out_channels"] * out_spatial * 2) * el
    return need < torch.cuda.mem_get_info()[0] / 3


def measure(c, batch, benchmark, layout, probe):
    """One row per direction for convolution c at this batch."""
    torch.backends.cudnn.benchmark = benchmark
    dtype = {"float32": torch.float32, "float16": torch.float16, "bfloat16": torch.bfloat16}[c["dtype"]]
    padding = padding_of(c)
    fmt = torch.channels_last if layout == "nhwc" and len(c["spatial"]) == 2 else torch.contiguous_format
    x = torch.randn([batch, c["in_channels"], *c["spatial"]], device=probe.dev, dtype=dtype).to(memory_format=fmt)
    w = torch.randn([c["out_channels"], c["in_channels"] // c["groups"], *sizes(c["kernel"])], device=probe.dev, dtype=dtype).to(memory_format=fmt)
    y = call("forward", x, w, None, c, padding)()
    if list(y.shape[2:]) != list(c["output_spatial"]):
        raise ValueError(f"padding {padding} gives output {list(y.shape[2:])}, not the listed {c['output_spatial']}")
    grad_out = torch.randn_like(y)
    del y
    rows = []
    for direction in DIRECTIONS:
        fn = call(direction, x, w, grad_out, c, padding)
        fn()  # warm-up: cuDNN's handle, plan and (benchmark) the search
        bytes_, r = probe.around(fn)
        del r
        rows.append({"arch": None, "direction": direction, "benchmark": benchmark, "dtype": c["dtype"], "layout": layout,
                     "kernel": sizes(c["kernel"]), "stride": sizes(c["stride"]), "dilation": sizes(c["dilation"]),
                     "groups": c["groups"], "in_channels": c["in_channels"], "out_channels": c["out_channels"],
                     "batch": batch, "spatial": list(c["spatial"]), "padding": padding, "workspace_bytes": int(bytes_)})
    del x, w, grad_out
    return rows


def passes(dry):
    """(benchmark, layout, batches) in the order they are worth measuring."""
    if dry:
        return [(False, "nchw", (1,))]
    return [(False, "nchw", SMALL_BATCHES), (True, "nchw", SMALL_BATCHES),
            (False, "nchw", LARGE_BATCHES), (True, "nchw", LARGE_BATCHES),
            (False, "nhwc", SMALL_BATCHES), (True, "nhwc", SMALL_BATCHES)]


def table(convs, arch, dry, deadline, environment):
    """The table (cnnmem's format) and a summary for kit.json; stops at the deadline."""
    probe = Probe(dry)
    rows, skipped, too_big, errors = [], 0, 0, []
    chosen = convs["convolutions"][:DRY_CONVS] if dry else convs["convolutions"]
    plan = [(b, layout, batch, c) for b, layout, batches in passes(dry) for batch in batches for c in chosen]
    for i, (benchmark, layout, batch, c) in enumerate(plan):
        if time.monotonic() > deadline:
            skipped = len(plan) - i
            break
        if not fits(c, batch, probe):
            too_big += 1
            continue
        try:
            for r in measure(c, batch, benchmark, layout, probe):
                r["arch"] = arch
                rows.append(r)
        except (RuntimeError, ValueError) as e:  # out of memory or a configuration cuDNN refuses: noted, not fatal
            errors.append(f"{c['kernel']} s{c['stride']} g{c['groups']} {c['in_channels']}->{c['out_channels']} b{batch}: {str(e)[:120]}")
            if not dry:
                torch.cuda.empty_cache()
    torch.backends.cudnn.benchmark = False
    out = {"format": FORMAT, "version": 1, "dry_run": dry,
           "sources": [{"arch": arch, "gpu": environment.get("gpu"), "torch": environment.get("torch"),
                        "cudnn": environment.get("cudnn"), "date": time.strftime("%Y-%m-%d", time.gmtime()),
                        "method": "max_memory_allocated around one call after a warm-up, minus its result"}],
           "entries": rows}
    summary = {"status": "done" if skipped == 0 else "partial", "rows": len(rows), "configurations": len(chosen),
               "planned_calls": len(plan) * len(DIRECTIONS), "skipped_for_time": skipped * len(DIRECTIONS),
               "skipped_too_large": too_big, "errors": errors[:20], "error_count": len(errors)}
    if skipped:
        summary["note"] = f"{skipped} of {len(plan)} (configuration, batch, setting) steps left for lack of time"
    return out, summary
