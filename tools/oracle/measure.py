#!/usr/bin/python3
"""Ground-truth memory oracle: measures a model with PyTorch's own accounting (cnnmem's copy of
/work/shared/oracle/measure.py with video networks, --input, --inference-only and --events; see README.md here).

Usage (see README.md):
    /usr/bin/python3 measure.py --model resnet50 --batch 1 --batch 8 [--out results]
    /usr/bin/python3 measure.py --all [--out results]      # every model, one subprocess each
    /usr/bin/python3 measure.py --summary [--out results]  # rebuild results/summary.csv

One JSON per (model, batch): results/<model>__b<batch>.json.  Field meanings: README.md.
"""
import argparse
import csv
import gc
import json
import os
import platform
import subprocess
import sys
import time
import traceback

import torch
import torch.nn as nn
import torchvision
from torch.profiler import ProfilerActivity, profile, record_function

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from oracle_models import MODELS, build_model, with_input  # noqa: E402

FLOAT_DTYPES = {torch.float16, torch.bfloat16, torch.float32, torch.float64}
# Leaf-module types treated as "elementwise / no new activation" in the classic (textbook) count.
ELEMENTWISE_TYPES = {
    "ReLU", "ReLU6", "LeakyReLU", "PReLU", "ELU", "SELU", "CELU", "GELU", "SiLU", "Mish",
    "Sigmoid", "Tanh", "Hardswish", "Hardsigmoid", "Hardtanh", "Softplus",
    "Dropout", "Dropout2d", "Dropout1d", "AlphaDropout", "StochasticDepth",
    "Flatten", "Unflatten", "Identity",
}
HYPER_ATTRS = [
    "in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation", "groups",
    "padding_mode", "output_padding", "transposed", "in_features", "out_features", "ceil_mode",
    "count_include_pad", "divisor_override", "return_indices", "output_size", "num_features",
    "eps", "momentum", "affine", "track_running_stats", "normalized_shape",
    "elementwise_affine", "p", "inplace", "start_dim", "end_dim", "embed_dim", "num_heads",
    "batch_first", "negative_slope", "approximate", "dims", "mode", "dim",
]


# ----------------------------------------------------------------------------- helpers

def jsonable(v):
    if isinstance(v, (bool, int, float, str)) or v is None:
        return v
    if isinstance(v, (tuple, list)):
        return [jsonable(x) for x in v]
    if isinstance(v, torch.Size):
        return list(v)
    if isinstance(v, torch.dtype):
        return str(v).replace("torch.", "")
    return str(v)


def tensors_in(obj):
    if isinstance(obj, torch.Tensor):
        yield obj
    elif isinstance(obj, (list, tuple)):
        for o in obj:
            yield from tensors_in(o)
    elif isinstance(obj, dict):
        for o in obj.values():
            yield from tensors_in(o)


def shapes_of(obj):
    if isinstance(obj, torch.Tensor):
        return list(obj.shape)
    if isinstance(obj, (list, tuple)):
        return [shapes_of(o) for o in obj]
    if obj is None:
        return None
    return str(type(obj).__name__)


def storage_key(t):
    """(data_ptr, nbytes) of the tensor's underlying storage; identifies a buffer."""
    try:
        st = t.storage()
        return (int(st.data_ptr()), int(st.nbytes()))
    except Exception:  # e.g. opaque tensors
        return (int(t.data_ptr()), int(t.numel() * t.element_size()))


def dtype_name(dt):
    return str(dt).replace("torch.", "")


def unit_modules(model):
    """Hooked units: leaf modules, plus nn.MultiheadAttention treated as one unit because it
    calls F.multi_head_attention_forward with its parameters directly (its out_proj Linear
    submodule is never called)."""
    units = []
    skip_prefixes = []
    for name, m in model.named_modules():
        if any(name.startswith(p) for p in skip_prefixes):
            continue
        if isinstance(m, nn.MultiheadAttention):
            units.append((name, m))
            skip_prefixes.append(name + ".")
        elif len(list(m.children())) == 0:
            units.append((name, m))
    return units


def hyper_of(m):
    h = {}
    for a in HYPER_ATTRS:
        if hasattr(m, a):
            v = getattr(m, a)
            if isinstance(v, (torch.Tensor, nn.Module)) or callable(v):
                continue
            h[a] = jsonable(v)
    if isinstance(m, (nn.Conv1d, nn.Conv2d, nn.Conv3d, nn.Linear)):
        h["bias"] = m.bias is not None
    return h


def macs_of(m, inp, out):
    """Multiply-accumulates by formula from hyper-parameters and the observed output shape.
    Counted only for Conv*d, Linear and MultiheadAttention (in_proj + QK^T + AV + out_proj)."""
    outs = list(tensors_in(out))
    if not outs:
        return 0
    o = outs[0]
    if isinstance(m, (nn.Conv1d, nn.Conv2d, nn.Conv3d)):
        k = 1
        for s in m.kernel_size:
            k *= s
        return int(o.numel() * (m.in_channels // m.groups) * k)
    if isinstance(m, nn.Linear):
        return int(o.numel() * m.in_features)
    if isinstance(m, nn.MultiheadAttention):
        # forward hooks do not see keyword arguments (torchvision's ViT calls
        # self_attention(query=x, key=x, value=x)); then assume self-attention (S = L) and take
        # L, N, E from the attention output.
        q = inp[0] if len(inp) > 0 else o
        k_ = inp[1] if len(inp) > 1 else q
        if m.batch_first:
            n, l, e = q.shape
            s = k_.shape[1]
        else:
            l, n, e = q.shape
            s = k_.shape[0]
        return int(n * (l * e * e + 2 * s * e * e + 2 * l * s * e + l * e * e))
    return 0


def blas_library():
    try:
        with open("/proc/self/maps") as f:
            libs = {line.split()[-1] for line in f if "blas" in line.lower()}
        return sorted(libs)
    except OSError:
        return []


def environment():
    return dict(
        torch=torch.__version__, torchvision=torchvision.__version__,
        python=platform.python_version(), platform=platform.platform(),
        num_threads=torch.get_num_threads(), num_interop_threads=torch.get_num_interop_threads(),
        mkldnn_available=torch.backends.mkldnn.is_available(),
        mkldnn_enabled_default=torch.backends.mkldnn.enabled,
        blas_libraries_loaded=blas_library(),
        cpu_count=os.cpu_count(),
    )


# ----------------------------------------------------------------------------- static info

def static_info(model):
    params = list(model.named_parameters())
    buffers = list(model.named_buffers())
    p_tr = sum(p.numel() for _, p in params if p.requires_grad)
    p_nt = sum(p.numel() for _, p in params if not p.requires_grad)
    return dict(
        param_count=p_tr + p_nt,
        param_bytes=sum(p.numel() * p.element_size() for _, p in params),
        trainable_param_count=p_tr,
        non_trainable_param_count=p_nt,
        param_tensors=len(params),
        buffer_count=sum(b.numel() for _, b in buffers),
        buffer_bytes=sum(b.numel() * b.element_size() for _, b in buffers),
        buffer_tensors=len(buffers),
        buffers_by_dtype={
            dt: sum(b.numel() * b.element_size() for _, b in buffers if dtype_name(b.dtype) == dt)
            for dt in sorted({dtype_name(b.dtype) for _, b in buffers})
        },
        largest_param=max(((n, p.numel()) for n, p in params), key=lambda t: t[1], default=None),
    )


# ----------------------------------------------------------------------------- per-layer shapes

def layer_pass(model, x):
    """Eval-mode, no_grad forward with forward hooks on every unit; one record per call."""
    units = unit_modules(model)
    calls, counter, handles = [], {}, []
    unit_params = {}
    for name, m in units:
        unit_params[name] = sum(p.numel() for p in m.parameters())

    def make_hook(name):
        def hook(m, inp, out):
            idx = counter.get(name, 0)
            counter[name] = idx + 1
            outs = list(tensors_in(out))
            calls.append(dict(
                name=name, type=type(m).__name__, call_idx=idx,
                input_shapes=shapes_of(list(inp)),
                output_shape=shapes_of(out),
                output_numel=sum(t.numel() for t in outs),
                output_dtype=dtype_name(outs[0].dtype) if outs else None,
                params=unit_params[name] if idx == 0 else 0,
                params_of_module=unit_params[name],
                hyper=hyper_of(m),
                macs=macs_of(m, inp, out),
            ))
        return hook

    for name, m in units:
        handles.append(m.register_forward_hook(make_hook(name)))
    model.eval()
    with torch.no_grad():
        out = model(x)
    for h in handles:
        h.remove()
    total_unit_params = sum(unit_params.values())
    all_leaf = sum(c["output_numel"] for c in calls)
    classic = sum(c["output_numel"] for c in calls if c["type"] not in ELEMENTWISE_TYPES)
    never_called = [n for n, _ in units if n not in counter and unit_params[n] > 0]
    return dict(
        layers=calls,
        output_shape=shapes_of(out),
        input_elems=x.numel(),
        leaf_output_elems_all=all_leaf,
        leaf_output_elems_excl_elementwise=classic,
        naive_activation_elems=x.numel() + classic,
        macs_conv_linear_mha=sum(c["macs"] for c in calls),
        params_in_units=total_unit_params,
        params_outside_units=None,  # filled by caller
        units_with_params_never_called=never_called,
    )


# ----------------------------------------------------------------------------- saved tensors

def saved_tensors_pass(model, x, labels):
    """Train-mode forward (model + CrossEntropyLoss) under saved_tensors_hooks.

    * pack hook: sees every tensor autograd saves; we record storage key, dtype, shape,
      the grad_fn of the tensor (of its _base for views) = the op that produced it, and the
      innermost module whose forward was running (= the module whose op saved it).
    * graph walk after forward: every grad_fn node's `_saved_*` attributes, giving which
      backward node (op) holds each storage.  Both views must agree on the set of storages.
    Module outputs are kept alive during this pass so storage addresses cannot be reused
    (this pass is NOT used for peak figures).
    """
    model.train()
    param_keys = {storage_key(p): n for n, p in model.named_parameters()}
    buffer_keys = {storage_key(b): n for n, b in model.named_buffers()}
    input_key = storage_key(x)
    mod_stack, handles, keep = [], [], []
    out_map = {}  # storage key -> first module (qualified name) that returned it
    mod_types = {}

    for name, m in model.named_modules():
        mod_types[name] = type(m).__name__

        def pre(m, inp, name=name):
            mod_stack.append(name)

        def post(m, inp, out, name=name):
            mod_stack.pop()
            for t in tensors_in(out):
                keep.append(t)
                out_map.setdefault(storage_key(t), name)
        handles.append(m.register_forward_pre_hook(pre))
        handles.append(m.register_forward_hook(post))

    packs = []
    phase = {"v": "model"}

    def pack(t):
        base = t._base if t._base is not None else t
        gf = base.grad_fn
        packs.append(dict(
            key=storage_key(t), dtype=dtype_name(t.dtype), shape=list(t.shape),
            view_bytes=t.numel() * t.element_size(),
            producer=type(gf).__name__ if gf is not None else None,
            module=(mod_stack[-1] if mod_stack else "<loss>" if phase["v"] == "loss" else "<top>"),
            phase=phase["v"],
        ))
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        out = model(x)
        phase["v"] = "loss"
        loss = nn.functional.cross_entropy(out, labels)
    for h in handles:
        h.remove()

    # graph walk
    savers = {}  # key -> list of "Node.attr"
    seen, stack, n_nodes = set(), [loss.grad_fn], 0
    node_types = {}
    while stack:
        node = stack.pop()
        if node is None or node in seen:
            continue
        seen.add(node)
        n_nodes += 1
        nt = type(node).__name__
        node_types[nt] = node_types.get(nt, 0) + 1
        for a in dir(node):
            if not a.startswith("_saved_"):
                continue
            try:
                v = getattr(node, a)
            except Exception:
                continue
            for t in tensors_in(v if isinstance(v, (list, tuple)) else [v]):
                savers.setdefault(storage_key(t), []).append(f"{nt}.{a[7:]}")
        if hasattr(node, "saved_tensors"):  # custom autograd.Function
            try:
                for t in node.saved_tensors:
                    if isinstance(t, torch.Tensor):
                        savers.setdefault(storage_key(t), []).append(f"{nt}.saved_tensors")
            except Exception:
                pass
        for nf, _ in node.next_functions:
            stack.append(nf)

    # unique storages, in first-pack order
    uniq = {}
    for p in packs:
        k = p["key"]
        if k not in uniq:
            cat = ("param" if k in param_keys else "buffer" if k in buffer_keys
                   else "input" if k == input_key else "activation")
            uniq[k] = dict(
                bytes=k[1], dtype=p["dtype"], shape=p["shape"], category=cat,
                name=param_keys.get(k) or buffer_keys.get(k),
                producer_op=p["producer"], producer_module=out_map.get(k),
                first_saving_module=p["module"], phase=p["phase"], n_packs=0,
                savers=sorted(set(savers.get(k, []))),
            )
        uniq[k]["n_packs"] += 1
        if p["phase"] == "model":
            uniq[k]["phase"] = "model"  # saved by the model at least once

    def agg(filter_fn, keyfn):
        d = {}
        for k, u in uniq.items():
            if filter_fn(u):
                kk = keyfn(u)
                d[kk] = d.get(kk, 0) + u["bytes"]
        return dict(sorted(d.items(), key=lambda kv: -kv[1]))

    model_only = lambda u: u["phase"] == "model"  # noqa: E731
    nonparam = lambda u: model_only(u) and u["category"] != "param"  # noqa: E731
    total_excl = sum(u["bytes"] for u in uniq.values() if nonparam(u))
    float_excl = sum(u["bytes"] for u in uniq.values()
                     if nonparam(u) and u["dtype"] in ("float32", "float16", "bfloat16", "float64"))
    claims = {}
    for k, lst in savers.items():
        for s in set(lst):
            claims[s] = claims.get(s, 0) + k[1]
    graph_keys = set(savers)
    pack_keys = set(uniq)
    per_module = {}
    for u in uniq.values():
        if nonparam(u):
            m = u["first_saving_module"]
            e = per_module.setdefault(m, dict(type=mod_types.get(m, m), bytes=0, storages=0))
            e["bytes"] += u["bytes"]
            e["storages"] += 1
    res = dict(
        method=("saved_tensors_hooks pack hook (totals; dedupe by storage data_ptr+nbytes) "
                "+ grad_fn graph walk of _saved_* attributes (which backward node holds what)"),
        saved_bytes_excl_params=total_excl,
        saved_bytes_excl_params_float=float_excl,
        saved_bytes_excl_params_nonfloat=total_excl - float_excl,
        saved_bytes_input=sum(u["bytes"] for u in uniq.values() if model_only(u) and u["category"] == "input"),
        saved_bytes_buffers=sum(u["bytes"] for u in uniq.values() if model_only(u) and u["category"] == "buffer"),
        saved_bytes_activations=sum(u["bytes"] for u in uniq.values() if model_only(u) and u["category"] == "activation"),
        saved_bytes_params=sum(u["bytes"] for u in uniq.values() if model_only(u) and u["category"] == "param"),
        saved_param_tensors=sum(1 for u in uniq.values() if model_only(u) and u["category"] == "param"),
        saved_view_bytes_excl_params_sum=sum(p["view_bytes"] for p in packs if p["phase"] == "model"
                                             and p["key"] not in param_keys),
        loss_extra_saved_bytes=sum(u["bytes"] for u in uniq.values() if u["phase"] == "loss"
                                   and u["category"] != "param"),
        n_pack_calls=len(packs),
        n_unique_storages=len(uniq),
        n_graph_nodes=n_nodes,
        graph_node_types=dict(sorted(node_types.items())),
        graph_vs_pack_agree=(graph_keys == pack_keys),
        graph_only_keys=len(graph_keys - pack_keys),
        pack_only_keys=len(pack_keys - graph_keys),
        by_dtype=agg(nonparam, lambda u: u["dtype"]),
        by_category=agg(model_only, lambda u: u["category"]),
        by_producer_op=agg(nonparam, lambda u: u["producer_op"] or f"<no grad_fn:{u['category']},{u['dtype']}>"),
        by_saver_set=agg(nonparam, lambda u: "+".join(sorted({s.split(".")[0] for s in u["savers"]}))
                         or "<not reachable by graph walk, e.g. inside CopySlices>"),
        by_first_saving_module_type=agg(nonparam, lambda u: mod_types.get(u["first_saving_module"], u["first_saving_module"])),
        saver_claims_not_deduped=dict(sorted(claims.items(), key=lambda kv: -kv[1])),
        per_module=per_module,
        storages=[dict(k=list(k), **u) for k, u in uniq.items()],
    )
    del out, loss, keep, packs
    return res


# ----------------------------------------------------------------------------- profiler

def _walk(node):
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(n.children)


def profiled(phases):
    """Run callables, each under record_function('phase::<label>'), inside
    torch.profiler.profile(profile_memory=True); return the reconstructed allocation curve."""
    with profile(activities=[ProfilerActivity.CPU], profile_memory=True, record_shapes=False) as prof:
        for label, fn in phases:
            with record_function("phase::" + label):
                fn()
    tree = prof.profiler.kineto_results.experimental_event_tree()
    allocs, ranges = [], {}
    for root in tree:
        for n in _walk(root):
            if n.name.startswith("phase::"):
                ranges[n.name[7:]] = (n.start_time_ns, n.end_time_ns)
            ef = n.extra_fields
            if type(ef).__name__ == "_ExtraFields_Allocation":
                if not str(ef.device).lower().startswith("cpu"):
                    continue
                op = n.parent.name if n.parent is not None else None
                allocs.append((n.start_time_ns, ef.alloc_size, ef.total_allocated, ef.ptr, op))
    allocs.sort(key=lambda a: a[0])
    return analyse_curve(allocs, ranges, [p[0] for p in phases])


def analyse_curve(allocs, ranges, order):
    out = dict(n_events=len(allocs))
    if not allocs:
        out.update(peak=0, phases={p: dict(start=0, peak=0, end=0) for p in order})
        return out
    # running total from the deltas (cumulative sum), baseline 0 at profile start
    level, curve = 0, []
    inconsistent = 0
    base_total = allocs[0][2] - allocs[0][1]
    for i, (t, d, tot, ptr, op) in enumerate(allocs):
        level += d
        curve.append(level)
        if tot - base_total != level:
            inconsistent += 1
    out["cumsum_vs_allocator_total_mismatches"] = inconsistent
    out["peak"] = max(0, max(curve))
    out["end"] = curve[-1]
    ph = {}
    for p in order:
        s, e = ranges.get(p, (None, None))
        if s is None:
            continue
        before = [c for (a, c) in zip(allocs, curve) if a[0] < s]
        inside = [c for (a, c) in zip(allocs, curve) if s <= a[0] <= e]
        start = before[-1] if before else 0
        end = inside[-1] if inside else start
        ph[p] = dict(start=start, peak=max([start] + inside), end=end, n_events=len(inside))
    out["phases"] = ph
    # what is live at the global peak, grouped by allocating op
    ipk = max(range(len(curve)), key=lambda i: curve[i])
    live = {}
    for (t, d, tot, ptr, op) in allocs[: ipk + 1]:
        if d > 0:
            live[ptr] = (d, op)
        else:
            live.pop(ptr, None)
    by_op = {}
    for d, op in live.values():
        by_op[op] = by_op.get(op, 0) + d
    out["live_at_peak_by_alloc_op"] = dict(sorted(by_op.items(), key=lambda kv: -kv[1])[:15])
    out["peak_during_phase"] = next((p for p in order if p in ranges and
                                     ranges[p][0] <= allocs[ipk][0] <= ranges[p][1]), None)
    # largest single allocations and the op that made them
    big = sorted(((d, op) for (t, d, tot, ptr, op) in allocs if d > 0), key=lambda a: -a[0])[:5]
    out["largest_allocations"] = [dict(bytes=d, op=op) for d, op in big]
    if EVENTS["on"]:
        # every allocation and free in time order: [signed bytes, allocating op, level after it]
        out["events"] = [[d, op, c] for (t, d, tot, ptr, op), c in zip(allocs, curve)]
    return out


EVENTS = {"on": False}


def inference_measure(model, x):
    model.eval()
    with torch.no_grad():
        model(x)  # warm-up (first-call caches) outside the profiler
    holder = {}

    def fwd():
        with torch.no_grad():
            holder["y"] = model(x)
    r = profiled([("inference", fwd)])
    ph = r["phases"]["inference"]
    del holder
    return dict(peak_above_baseline=ph["peak"], output_held_at_end=ph["end"], curve=r)


def opt_state_bytes(opt):
    tot = 0
    for st in opt.state.values():
        for v in st.values():
            if isinstance(v, torch.Tensor):
                tot += v.numel() * v.element_size()
    return tot


OPTIMIZERS = {
    "sgd": lambda ps: torch.optim.SGD(ps, lr=0.01),
    "sgd_momentum": lambda ps: torch.optim.SGD(ps, lr=0.01, momentum=0.9),
    "adam": lambda ps: torch.optim.Adam(ps, lr=1e-3),
}


def train_measure(model, x, labels, optimizers=("sgd", "sgd_momentum", "adam")):
    """One cold training step (grads None, optimizer state empty): forward (+CrossEntropyLoss),
    backward, then for each optimizer: step, record, drop its state.  The forward/backward part
    is optimizer-independent for a cold step (state is created lazily inside step()), so it is
    executed once and each optimizer's step is replayed from the same post-backward state."""
    model.train()
    for p in model.parameters():
        p.grad = None
    params = [p for p in model.parameters() if p.requires_grad]
    h = {}

    def fwd():
        h["out"] = model(x)
        h["loss"] = nn.functional.cross_entropy(h["out"], labels)

    def bwd():
        h["loss"].backward()
        h.clear()  # logits and loss would be overwritten by the next iteration

    phases = [("forward", fwd), ("backward", bwd)]
    state_bytes = {}

    for name in optimizers:
        def step(name=name):
            opt = OPTIMIZERS[name](params)
            opt.step()
            state_bytes[name] = opt_state_bytes(opt)
            h["opt"] = opt

        def drop():
            h.pop("opt", None)
        phases += [("step::" + name, step), ("drop::" + name, drop)]
    r = profiled(phases)
    grad_bytes = sum(p.grad.numel() * p.grad.element_size() for p in params if p.grad is not None)
    ph = r["phases"]
    res = dict(
        forward_peak=ph["forward"]["peak"],
        after_forward=ph["forward"]["end"],
        backward_peak=ph["backward"]["peak"],
        after_backward=ph["backward"]["end"],
        grad_bytes_analytic=grad_bytes,
        optimizers={},
        curve=r,
    )
    for name in optimizers:
        s = ph["step::" + name]
        res["optimizers"][name] = dict(
            step_peak=s["peak"],
            train_peak=max(res["forward_peak"], res["backward_peak"], s["peak"]),
            persistent_after_step=s["end"],
            state_bytes_analytic=state_bytes[name],
            grads_plus_state_analytic=grad_bytes + state_bytes[name],
        )
    return res


def warm_measure(model, x, labels, optimizers=("sgd", "sgd_momentum", "adam")):
    """Steady-state (2nd and later) iteration, PyTorch 1.13 default zero_grad(set_to_none=False):
    grads already exist and are zeroed in place; backward allocates each new gradient and
    AccumulateGrad adds it into .grad in place.  Measured in pieces, each above its own
    baseline: (1) zero_grad+forward+backward with grads present (no optimizer state: state is
    never touched by forward/backward, so it only shifts the baseline); (2) per optimizer, a
    second step() after an unprofiled first step() created the state.
    steady_peak_above_static = grads + state + max(forward, backward, step) transients."""
    model.train()
    params = [p for p in model.parameters() if p.requires_grad]
    for p in params:
        if p.grad is None:
            p.grad = torch.zeros_like(p)
    grad_bytes = sum(p.grad.numel() * p.grad.element_size() for p in params)
    h = {}

    def zero():
        for p in params:
            p.grad.zero_()

    def fwd():
        h["out"] = model(x)
        h["loss"] = nn.functional.cross_entropy(h["out"], labels)

    def bwd():
        h["loss"].backward()
        h.clear()
    r = profiled([("zero_grad", zero), ("forward", fwd), ("backward", bwd)])
    ph = r["phases"]
    res = dict(grad_bytes=grad_bytes, forward_peak=ph["forward"]["peak"],
               backward_peak=ph["backward"]["peak"], after_backward=ph["backward"]["end"],
               optimizers={}, curve=r)
    for name in optimizers:
        opt = OPTIMIZERS[name](params)
        opt.step()
        st = opt_state_bytes(opt)
        r2 = profiled([("step", opt.step)])
        sp = r2["phases"]["step"]["peak"]
        res["optimizers"][name] = dict(
            state_bytes=st, step_peak=sp, step_end=r2["phases"]["step"]["end"],
            steady_peak_above_static=grad_bytes + st + max(res["forward_peak"], res["backward_peak"], sp),
        )
        del opt
        gc.collect()
    for p in model.parameters():
        p.grad = None
    return res


# ----------------------------------------------------------------------------- driver

def measure(name, batch, mkldnn_off_variant=True, steady=True, inference_only=False):
    spec = MODELS[name]
    model = build_model(name)
    torch.manual_seed(1)
    x = torch.randn(batch, *spec["input"])
    labels = torch.randint(0, spec["classes"], (batch,))
    t0 = time.time()
    res = dict(model=name, batch=batch, input_shape=[batch, *spec["input"]], dtype="float32",
               num_classes=spec["classes"], tv_kwargs=jsonable(spec.get("tv_kwargs", {})),
               environment=environment())
    res["static"] = static_info(model)
    res["static"]["input_bytes"] = x.numel() * x.element_size()
    res["static"]["label_bytes"] = labels.numel() * labels.element_size()
    res["static"]["static_bytes"] = (res["static"]["param_bytes"] + res["static"]["buffer_bytes"]
                                     + res["static"]["input_bytes"] + res["static"]["label_bytes"])
    timings = {}

    t = time.time()
    res["layers"] = layer_pass(model, x)
    res["layers"]["params_outside_units"] = res["static"]["param_count"] - res["layers"]["params_in_units"]
    timings["layer_pass"] = time.time() - t

    if inference_only:
        res["memory"] = {}
        variants = [("mkldnn_on", True)] + ([("mkldnn_off", False)] if mkldnn_off_variant else [])
        for vname, flag in variants:
            with torch.backends.mkldnn.flags(enabled=flag):
                res["memory"][vname] = dict(inference=inference_measure(model, x))
            gc.collect()
        res["inference_only"] = True
        res["timings_s"] = timings
        res["elapsed_s"] = time.time() - t0
        return res

    t = time.time()
    res["saved"] = saved_tensors_pass(model, x, labels)
    gc.collect()
    timings["saved_pass"] = time.time() - t

    variants = [("mkldnn_on", True)] + ([("mkldnn_off", False)] if mkldnn_off_variant else [])
    res["memory"] = {}
    for vname, flag in variants:
        with torch.backends.mkldnn.flags(enabled=flag):
            t = time.time()
            inf = inference_measure(model, x)
            timings[f"inference_{vname}"] = time.time() - t
            gc.collect()
            t = time.time()
            opts = ("sgd", "sgd_momentum", "adam") if flag else ("sgd",)
            tr = train_measure(model, x, labels, opts)
            timings[f"train_{vname}"] = time.time() - t
            gc.collect()
            warm = None
            if flag and steady:
                t = time.time()
                warm = warm_measure(model, x, labels, opts)
                timings[f"steady_{vname}"] = time.time() - t
            for p in model.parameters():
                p.grad = None
            gc.collect()
        res["memory"][vname] = dict(inference=inf, train=tr)
        if warm is not None:
            res["memory"][vname]["steady_state"] = warm
    res["timings_s"] = timings
    res["elapsed_s"] = time.time() - t0
    return res


def main_one(args):
    os.makedirs(args.out, exist_ok=True)
    for b in args.batch:
        path = os.path.join(args.out, f"{args.model}__b{b}.json")
        try:
            res = measure(args.model, b, mkldnn_off_variant=not args.no_mkldnn_off, inference_only=args.inference_only)
            res["status"] = "ok"
        except Exception as e:  # record the failure and go on
            res = dict(model=args.model, batch=b, status="failed",
                       error=f"{type(e).__name__}: {e}", traceback=traceback.format_exc())
        with open(path, "w") as f:
            json.dump(res, f, indent=1)
        print(f"{args.model} b{b}: {res['status']} "
              f"({res.get('elapsed_s', 0):.1f}s) -> {path}", flush=True)


SUMMARY_FIELDS = [
    "model", "batch", "status", "input_shape", "params", "param_bytes", "buffer_count", "buffer_bytes",
    "macs_conv_linear_mha", "naive_activation_elems", "leaf_output_elems_all",
    "saved_bytes_excl_params", "saved_bytes_excl_params_float", "saved_bytes_excl_params_int64",
    "saved_bytes_params", "saved_bytes_input", "saved_bytes_buffers", "saved_bytes_activations",
    "after_forward", "check_after_forward_delta", "inference_peak_bytes", "inference_peak_bytes_mkldnn_off",
    "train_forward_peak", "train_backward_peak",
    "train_peak_sgd", "train_peak_sgd_momentum", "train_peak_adam",
    "persistent_after_step_sgd", "persistent_after_step_sgd_momentum", "persistent_after_step_adam",
    "steady_peak_sgd", "steady_peak_sgd_momentum", "steady_peak_adam",
    "train_peak_sgd_mkldnn_off", "static_bytes", "elapsed_s",
]


def summary(out_dir):
    rows = []
    for fn in sorted(os.listdir(out_dir)):
        if not fn.endswith(".json"):
            continue
        with open(os.path.join(out_dir, fn)) as f:
            r = json.load(f)
        row = dict(model=r["model"], batch=r["batch"], status=r.get("status"))
        if r.get("status") == "ok":
            mem = r["memory"]["mkldnn_on"]
            tr = mem["train"]
            off = r["memory"].get("mkldnn_off")
            row.update(
                input_shape="x".join(map(str, r["input_shape"])),
                params=r["static"]["param_count"], param_bytes=r["static"]["param_bytes"],
                buffer_count=r["static"]["buffer_count"], buffer_bytes=r["static"]["buffer_bytes"],
                macs_conv_linear_mha=r["layers"]["macs_conv_linear_mha"],
                naive_activation_elems=r["layers"]["naive_activation_elems"],
                leaf_output_elems_all=r["layers"]["leaf_output_elems_all"],
                saved_bytes_excl_params=r["saved"]["saved_bytes_excl_params"],
                saved_bytes_excl_params_float=r["saved"]["saved_bytes_excl_params_float"],
                saved_bytes_excl_params_int64=r["saved"]["by_dtype"].get("int64", 0),
                saved_bytes_params=r["saved"]["saved_bytes_params"],
                saved_bytes_input=r["saved"]["saved_bytes_input"],
                saved_bytes_buffers=r["saved"]["saved_bytes_buffers"],
                saved_bytes_activations=r["saved"]["saved_bytes_activations"],
                after_forward=tr["after_forward"],
                # profiler level after forward minus what the saved-tensor pass predicts is alive:
                # saved activations + logits + loss scalar + loss-saved extras not pre-allocated
                check_after_forward_delta=tr["after_forward"] - (
                    r["saved"]["saved_bytes_activations"] + r["saved"]["loss_extra_saved_bytes"]
                    - r["static"]["label_bytes"] + r["batch"] * r["num_classes"] * 4 + 4),
                inference_peak_bytes=mem["inference"]["peak_above_baseline"],
                inference_peak_bytes_mkldnn_off=off["inference"]["peak_above_baseline"] if off else "",
                train_forward_peak=tr["forward_peak"], train_backward_peak=tr["backward_peak"],
                train_peak_sgd_mkldnn_off=off["train"]["optimizers"]["sgd"]["train_peak"] if off else "",
                static_bytes=r["static"]["static_bytes"],
                elapsed_s=round(r.get("elapsed_s", 0), 1),
            )
            for o in ("sgd", "sgd_momentum", "adam"):
                row[f"train_peak_{o}"] = tr["optimizers"][o]["train_peak"]
                row[f"persistent_after_step_{o}"] = tr["optimizers"][o]["persistent_after_step"]
                if "steady_state" in mem:
                    row[f"steady_peak_{o}"] = mem["steady_state"]["optimizers"][o]["steady_peak_above_static"]
        rows.append(row)
    order = list(MODELS)
    rows.sort(key=lambda r: (order.index(r["model"]) if r["model"] in order else 999, r["batch"]))
    path = os.path.join(out_dir, "summary.csv")
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=SUMMARY_FIELDS, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow(r)
    print(f"wrote {path} ({len(rows)} rows)")


def main_all(args):
    """Each model in its own subprocess (fresh allocator, failures isolated)."""
    models = args.models or list(MODELS)
    for m in models:
        batches = MODELS[m]["batches"]
        if m in args.skip_b8:
            batches = [b for b in batches if b != 8]
        cmd = [sys.executable, os.path.abspath(__file__), "--model", m, "--out", args.out]
        for b in batches:
            cmd += ["--batch", str(b)]
        if args.no_mkldnn_off:
            cmd.append("--no-mkldnn-off")
        t = time.time()
        try:
            subprocess.run(cmd, timeout=args.timeout, check=False)
        except subprocess.TimeoutExpired:
            print(f"{m}: TIMEOUT after {args.timeout}s", flush=True)
            for b in batches:
                p = os.path.join(args.out, f"{m}__b{b}.json")
                if not os.path.exists(p):
                    with open(p, "w") as f:
                        json.dump(dict(model=m, batch=b, status="failed",
                                       error=f"timeout after {args.timeout}s"), f)
        print(f"== {m} done in {time.time() - t:.1f}s", flush=True)
    summary(args.out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", choices=list(MODELS))
    ap.add_argument("--batch", type=int, action="append")
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--models", nargs="*", help="with --all: only these models")
    ap.add_argument("--skip-b8", nargs="*", default=[], help="with --all: models run without batch 8")
    ap.add_argument("--timeout", type=int, default=1800)
    ap.add_argument("--no-mkldnn-off", action="store_true", help="skip the mkldnn-disabled variant")
    ap.add_argument("--summary", action="store_true")
    ap.add_argument("--input", help="with --model: another per-sample input shape, e.g. 3x16x112x112 (C,T,H,W) "
                    "or 3x160x160; the results file is named <model>@<shape>__b<batch>.json")
    ap.add_argument("--inference-only", action="store_true", help="only the inference peaks (no saved pass, no training)")
    ap.add_argument("--events", action="store_true", help="keep every allocation event of the inference curves")
    args = ap.parse_args()
    EVENTS["on"] = args.events
    if args.input:
        if not args.model:
            ap.error("--input needs --model")
        args.model = with_input(args.model, args.input.lower().split("x"))
    if args.summary:
        summary(args.out)
    elif args.all:
        main_all(args)
    elif args.model:
        if not args.batch:
            args.batch = MODELS[args.model]["batches"]
        main_one(args)
    else:
        ap.error("give --model, --all or --summary")


if __name__ == "__main__":
    main()
