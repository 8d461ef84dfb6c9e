#!/usr/bin/env python3
"""Check cnnmem on your own GPU: measure what PyTorch's CUDA caching allocator really holds for a network,
ask cnnmem for the same figures, and print both side by side with the error per figure.

Usage:
  python3 check_gpu.py resnet50 --batch 8 --batch 32             # a torchvision model (needs torchvision)
  python3 check_gpu.py --factory mypkg.nets:make_net --input 3,128,128 --batch 16
  python3 check_gpu.py --factory path/to/nets.py:make_net --input 1,28,28 --classes 10
Options: --optimizer sgd|momentum|adam|adam-foreach (repeatable; default all four), --set-to-none (train
with zero_grad(set_to_none=True) instead of zeroing in place), --amp [--amp-dtype float16|bfloat16] (also
measure autocast training), --cnnmem CMD (default "cnnmem"; e.g. "dotnet run --project src/CnnMem.Cli --"),
--onnx-dir DIR (keep the exported models), --out FILE (write everything as JSON), --dry (CPU only, fake
memory figures: 0 above the static bytes; checks the flow, export and cnnmem's command lines without a GPU).
Exit 0 when every figure is within its tolerance, 1 when one is not or cnnmem failed, 2 for bad usage.

What is measured (the method of the oracle's measure_gpu.py; float32, cudnn.benchmark off):
  a probe first uses cuBLAS on the forward and on the autograd (backward) thread, so both cuBLAS workspaces
  are reserved, as in any long-running training process; then per batch:
  static            params + buffers + input + labels (memory_allocated)
  inference         eval + no_grad forward after a warm-up one: peak_above (max_memory_allocated - static),
                    reserved_peak (max_memory_reserved)
  training, per optimizer: warm-up steps until the optimizer state exists, reset_peak_memory_stats, then
                    one step measured phase by phase: steady_peak_above_static = grads + state + max(forward,
                    backward, step transients), reserved_peak; with --amp the same under autocast (float16
                    with a GradScaler, or bfloat16), whose forward and backward transients are compared.
What cnnmem is asked (compare_gpu.py's command lines): the model is exported to ONNX twice, without
weights: M.train.onnx (train mode, Dropout and BatchNorm in training mode) for training figures and
M.dyn.onnx (eval mode) for inference figures, batch axis "N"; then
  cnnmem analyze M --batch B --backend cuda --framework pytorch-2 --optimizer O --zero-grad zero|set-to-none
         [--no-foreach] [--amp [--amp-dtype D]] --format json
  steady_peak     memory.training.steady_peak_bytes           vs steady_peak_above_static      5%
  amp_transient   steady_peak_bytes - gradient_bytes - optimizer_state_bytes
                                                              vs max(forward, backward peak)  10%
  train_reserved  memory.device.training_reserved_peak_bytes  vs the step's reserved_peak     10%
  inference_peak  memory.inference.activation_peak_bytes      vs inference peak_above         10%
  infer_reserved  memory.device.inference_reserved_peak_bytes vs inference reserved_peak      10%
Each relative tolerance also passes within 512 KiB. The loss is cross-entropy against random class labels,
so the network must return [N, classes] logits.
"""
import argparse
import copy
import importlib
import importlib.util
import inspect
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import warnings

import torch
import torch.nn as nn

FLOOR = 512 << 10
OPTIMIZERS = ("sgd", "momentum", "adam", "adam-foreach")
# cnnmem flags per optimizer (compare_gpu.py's CASES); --zero-grad and --amp are added per run
CNNMEM_OPT = {"sgd": ["--optimizer", "sgd"], "momentum": ["--optimizer", "momentum"],
              "adam": ["--optimizer", "adam", "--no-foreach"], "adam-foreach": ["--optimizer", "adam"]}
COMMON = ["--backend", "cuda", "--framework", "pytorch-2"]
TOLERANCE = {"steady_peak": 0.05, "amp_transient": 0.10, "train_reserved": 0.10,
             "inference_peak": 0.10, "infer_reserved": 0.10}


class UsageError(Exception):
    pass


class Device:
    """The memory counters of the CUDA caching allocator; on the CPU (--dry), fake ones that stay at the static
    bytes, so every figure above them is 0."""

    def __init__(self, dry):
        self.dry = dry
        self.dev = torch.device("cpu" if dry else "cuda")
        self.fake_static = 0

    def sync(self):
        if not self.dry:
            torch.cuda.synchronize()

    def alloc(self):
        return self.fake_static if self.dry else torch.cuda.memory_allocated()

    def peak(self):
        return self.fake_static if self.dry else torch.cuda.max_memory_allocated()

    def rpeak(self):
        return 0 if self.dry else torch.cuda.max_memory_reserved()

    def reset(self):
        if not self.dry:
            torch.cuda.reset_peak_memory_stats()

    def empty(self):
        if not self.dry:
            torch.cuda.empty_cache()

    def probe(self):
        """Use cuBLAS on this thread and on the autograd thread, and cuDNN, then free what the probe held."""
        a = torch.randn(256, 256, device=self.dev)
        (a @ a).sum().item()
        c = nn.Conv2d(3, 8, 3).to(self.dev)
        c(torch.randn(1, 3, 8, 8, device=self.dev)).sum().backward()
        lin = nn.Linear(64, 64).to(self.dev)  # a matmul in backward: the autograd thread's cuBLAS handle
        lin(torch.randn(4, 64, device=self.dev)).sum().backward()
        del a, c, lin
        self.sync()
        self.empty()

    def describe(self):
        env = dict(torch=torch.__version__, device="cpu (dry run: fake memory figures)" if self.dry else None)
        if not self.dry:
            env.update(device=torch.cuda.get_device_name(0), cuda=torch.version.cuda,
                       cudnn=torch.backends.cudnn.version(), total_bytes=torch.cuda.mem_get_info()[1])
        return env


def make_optimizer(name, params):
    if name == "sgd":
        return torch.optim.SGD(params, lr=0.01)
    if name == "momentum":
        return torch.optim.SGD(params, lr=0.01, momentum=0.9)
    if name == "adam":
        return torch.optim.Adam(params, lr=1e-3, foreach=False)
    return torch.optim.Adam(params, lr=1e-3)  # adam-foreach: PyTorch 2.x's default on CUDA


def autocast(d, amp):
    """float16 autocast on CUDA (bfloat16 on request); on the CPU (--dry) bfloat16, which 1.13 supports there."""
    if not amp:
        return None
    if d.dry:
        return torch.autocast("cpu", dtype=torch.bfloat16)
    return torch.autocast("cuda", dtype=torch.bfloat16 if amp == "bfloat16" else torch.float16)


def grad_scaler(d, amp):
    if d.dry or amp != "float16":
        return None
    return torch.amp.GradScaler("cuda") if hasattr(torch, "amp") and hasattr(torch.amp, "GradScaler") \
        else torch.cuda.amp.GradScaler()


def train_step(d, model, x, y, opt_name, static, set_to_none, amp):
    """measure_gpu.py's train_steps: warm-up steps until the optimizer state exists (at most 8), then one measured."""
    params = [p for p in model.parameters() if p.requires_grad]
    for p in params:
        p.grad = None
    opt = make_optimizer(opt_name, params)
    scaler = grad_scaler(d, amp)
    warm, rec = 0, None
    while rec is None:
        measured = warm >= 1 and (len(opt.state) > 0 or opt_name == "sgd" or warm >= 8)
        warm += 1
        d.sync()
        opt.zero_grad(set_to_none=set_to_none if measured else True)
        d.sync()
        base = d.alloc()
        d.reset()
        ctx = autocast(d, amp)
        if ctx is not None:
            with ctx:
                out = model(x)
                loss = nn.functional.cross_entropy(out, y)
        else:
            out = model(x)
            loss = nn.functional.cross_entropy(out, y)
        d.sync()
        fwd, r1 = d.peak() - base, d.rpeak()
        d.reset()
        (scaler.scale(loss) if scaler else loss).backward()
        del out, loss
        d.sync()
        bwd, r2 = d.peak() - base, d.rpeak()
        d.reset()
        if scaler:
            scaler.step(opt)
            scaler.update()
        else:
            opt.step()
        d.sync()
        step, r3 = d.peak() - base, d.rpeak()
        if measured:
            persistent = base - static
            rec = dict(forward_peak=fwd, backward_peak=bwd, step_peak=step, persistent=persistent,
                       steady_peak_above_static=persistent + max(fwd, bwd, step),
                       reserved_peak=max(r1, r2, r3), warmup_steps=warm - 1)
    for p in params:
        p.grad = None
    del opt, scaler
    d.empty()
    return rec


def measure(d, model, spec, batch, a):
    """Everything measured for one batch: static, inference, then training per optimizer (and under autocast)."""
    torch.manual_seed(1)
    x = torch.randn(batch, *spec["input"], device=d.dev)
    y = torch.randint(0, spec["classes"], (batch,), device=d.dev)
    d.sync()
    d.empty()
    if d.dry:
        d.fake_static = sum(t.numel() * t.element_size() for t in list(model.parameters()) + list(model.buffers()) + [x, y])
    static = d.alloc()
    rec = dict(batch=batch, static_allocated=static)
    model.eval()
    with torch.no_grad():
        model(x)
    d.sync()
    d.reset()
    with torch.no_grad():
        out = model(x)
    d.sync()
    rec["inference"] = dict(peak_above=d.peak() - static, reserved_peak=d.rpeak())
    del out
    d.empty()
    model.train()
    rec["train"] = {o: train_step(d, model, x, y, o, static, a.set_to_none, None) for o in a.optimizer}
    if a.amp:
        rec["amp"] = {o: train_step(d, model, x, y, o, static, a.set_to_none, a.amp_dtype) for o in a.optimizer}
    del x, y
    d.empty()
    return rec


def load_module(spec_text):
    """module:function, where module is an importable name or a .py path."""
    module, sep, func = spec_text.rpartition(":")
    if not sep or not module or not func:
        raise UsageError(f"--factory expects module:function (or path/file.py:function), found '{spec_text}'")
    if module.endswith(".py"):
        if not os.path.isfile(module):
            raise UsageError(f"--factory: no file '{module}'")
        s = importlib.util.spec_from_file_location(os.path.splitext(os.path.basename(module))[0], module)
        mod = importlib.util.module_from_spec(s)
        s.loader.exec_module(mod)
    else:
        sys.path.insert(0, os.getcwd())
        mod = importlib.import_module(module)
    if not hasattr(mod, func):
        raise UsageError(f"--factory: module '{module}' has no '{func}'")
    return getattr(mod, func)


def build_model(a):
    """The network (float32, on the CPU) and its input spec: --factory, else a torchvision name."""
    if a.factory:
        model = load_module(a.factory)()
        name = a.factory.rpartition(":")[2]
    else:
        try:
            import torchvision.models as tvm
        except ImportError:
            raise UsageError("a torchvision model name needs torchvision; or pass --factory module:function")
        kw = dict(aux_logits=False, init_weights=True) if a.model in ("googlenet", "inception_v3") else {}
        try:
            model = tvm.get_model(a.model, weights=None, **kw) if hasattr(tvm, "get_model") \
                else getattr(tvm, a.model)(weights=None, **kw)
        except (ValueError, AttributeError, KeyError) as e:
            raise UsageError(f"'{a.model}' is not a torchvision model ({e}); or pass --factory module:function")
        name = a.model
    if not isinstance(model, nn.Module):
        raise UsageError(f"the factory returned {type(model).__name__}, not a torch.nn.Module")
    default = (3, 299, 299) if a.model == "inception_v3" else (3, 224, 224)
    shape = tuple(int(v) for v in a.input.split(",")) if a.input else default
    model = model.float()
    if a.classes is None:
        with torch.no_grad():
            out = model.eval()(torch.randn(2, *shape))
        if not isinstance(out, torch.Tensor) or out.dim() != 2:
            raise UsageError("the network must return [N, classes] logits for a cross-entropy loss; "
                             f"it returned {type(out).__name__} {tuple(getattr(out, 'shape', ()))}")
        a.classes = out.shape[1]
    return name, model, dict(input=shape, classes=a.classes)


def decorrelated(model):
    """A copy whose float parameters and buffers all differ: the TorchScript exporter merges initializers with equal
    values (BatchNorm's ones and zeros) into one reached through Identity nodes, which would hide per-layer weights.
    The oracle's export_onnx.decorrelate_ does the same; values never change a memory figure."""
    m = copy.deepcopy(model)
    g = torch.Generator().manual_seed(2)
    with torch.no_grad():
        for t in list(m.parameters()) + list(m.buffers()):
            if t.is_floating_point():
                t.mul_(1 + 0.01 * torch.rand(t.shape, generator=g)).add_(1e-3 * torch.rand(t.shape, generator=g))
    return m


def dynamo_export(model, x, path, kw):
    """The dynamo exporter; None when it wrote the file, else what went wrong."""
    kw = {k: v for k, v in kw.items() if k not in ("training", "do_constant_folding", "opset_version")}
    axes = kw.pop("dynamic_axes")
    problem = None
    for shape_kw in (dict(dynamic_shapes=({0: torch.export.Dim("N")},)), dict(dynamic_axes=axes)):
        try:
            torch.onnx.export(model, (x,), path, dynamo=True, opset_version=18, **kw, **shape_kw)
            return None
        except Exception as e:
            problem = problem or f"{type(e).__name__}: {str(e)[:300]}"
    return problem


def export_onnx(model, spec, path, train):
    """A weightless ONNX file with batch axis N: the TorchScript exporter where there is one (dynamo=False on
    PyTorch 2.x, whose 2.9+ default is the dynamo exporter), else the dynamo exporter; then every initializer
    moved to external data and the data file dropped (the oracle's export_onnx.make_weightless)."""
    import onnx
    from onnx import external_data_helper
    model = decorrelated(model).train(train)
    x = torch.randn(2, *spec["input"])
    kw = dict(input_names=["input"], output_names=["output"], dynamic_axes={"input": {0: "N"}, "output": {0: "N"}},
              opset_version=14 if train else 13, do_constant_folding=not train,
              training=torch.onnx.TrainingMode.TRAINING if train else torch.onnx.TrainingMode.PRESERVE)
    has_dynamo = "dynamo" in inspect.signature(torch.onnx.export).parameters
    with tempfile.TemporaryDirectory() as td:
        full = os.path.join(td, "full.onnx")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                torch.onnx.export(model, (x,), full, **(dict(kw, dynamo=False) if has_dynamo else kw))
            except Exception as first:
                if not has_dynamo:
                    raise
                # no TorchScript exporter (removed, or it failed on this model): the dynamo exporter (needs
                # onnxscript), which exports the mode the model is in; batch axis by dynamic_shapes, else dynamic_axes
                second = dynamo_export(model, x, full, kw)
                if second is not None:
                    raise RuntimeError(f"TorchScript exporter: {first}; dynamo exporter: {second}")
        m = onnx.load(full)  # also reads an external .data file the exporter may have written
        data = os.path.basename(path) + ".data"
        external_data_helper.convert_model_to_external_data(
            m, all_tensors_to_one_file=True, location=data, size_threshold=0, convert_attribute=False)
        onnx.save_model(m, os.path.join(td, "weightless.onnx"))
        shutil.move(os.path.join(td, "weightless.onnx"), path)
        leftover = os.path.join(td, data)
        if os.path.exists(leftover):
            os.remove(leftover)  # the weights: cnnmem needs only names, shapes and types
    return path


class Cnnmem:
    """Runs the cnnmem CLI with --format json; a failure is kept as the row's problem, never raised."""

    def __init__(self, command):
        self.command = shlex.split(command)
        self.cache = {}

    def __call__(self, args):
        key = tuple(args)
        if key not in self.cache:
            self.cache[key] = self._run(list(args) + ["--format", "json"])
        return self.cache[key]

    def _run(self, args):
        try:
            r = subprocess.run(self.command + args, capture_output=True, text=True, timeout=600)
        except FileNotFoundError:
            return None, f"cannot run '{self.command[0]}': not found (pass --cnnmem CMD)"
        except subprocess.TimeoutExpired:
            return None, "cnnmem ran longer than 600 s"
        if r.returncode != 0:
            lines = [s for s in r.stderr.strip().splitlines() if s.startswith("cnnmem")] or r.stderr.strip().splitlines()
            return None, f"exit {r.returncode}: " + " ".join(lines)[:400]
        try:
            return json.loads(r.stdout), None
        except json.JSONDecodeError as e:
            return None, f"no JSON on stdout ({e})"


def field(report, path):
    d = report
    for k in path.split("."):
        if not isinstance(d, dict) or k not in d:
            raise KeyError(f"the JSON output has no {path}")
        d = d[k]
    return d


def estimate(cnnmem, args, compute):
    report, problem = cnnmem(args)
    if problem:
        return None, problem
    try:
        return compute(lambda path: field(report, path)), None
    except KeyError as e:
        return None, e.args[0]


def compare(cnnmem, files, rec, a):
    """Rows (figure, measured, estimated, tolerance, problem) for one batch, as compare_gpu.py pairs them."""
    b = ["--batch", str(rec["batch"])]
    zero = ["--zero-grad", "set-to-none" if a.set_to_none else "zero"]
    inf = ["analyze", files["inference"]] + b + COMMON + CNNMEM_OPT["sgd"] + ["--zero-grad", "zero"]  # compare_gpu.py's
    rows = [("static", rec["static_allocated"], *estimate(cnnmem, inf, lambda f: f("memory.training.static_bytes")), None),
            ("inference_peak", rec["inference"]["peak_above"],
             *estimate(cnnmem, inf, lambda f: f("memory.inference.activation_peak_bytes")), TOLERANCE["inference_peak"]),
            ("infer_reserved", rec["inference"]["reserved_peak"],
             *estimate(cnnmem, inf, lambda f: f("memory.device.inference_reserved_peak_bytes")), TOLERANCE["infer_reserved"])]
    for o, g in rec["train"].items():
        args = ["analyze", files["training"]] + b + COMMON + CNNMEM_OPT[o] + zero
        rows.append((f"steady_peak[{o}]", g["steady_peak_above_static"],
                     *estimate(cnnmem, args, lambda f: f("memory.training.steady_peak_bytes")), TOLERANCE["steady_peak"]))
        rows.append((f"train_reserved[{o}]", g["reserved_peak"],
                     *estimate(cnnmem, args, lambda f: f("memory.device.training_reserved_peak_bytes")), TOLERANCE["train_reserved"]))
    for o, g in rec.get("amp", {}).items():
        amp = ["--amp"] + (["--amp-dtype", "bfloat16"] if a.amp_dtype == "bfloat16" else [])
        args = ["analyze", files["training"]] + b + COMMON + CNNMEM_OPT[o] + zero + amp
        transient = lambda f: (f("memory.training.steady_peak_bytes") - f("memory.training.gradient_bytes")
                               - f("memory.training.optimizer_state_bytes"))
        rows.append((f"amp_transient[{o}]", max(g["forward_peak"], g["backward_peak"]),
                     *estimate(cnnmem, args, transient), TOLERANCE["amp_transient"]))
    return [dict(zip(("figure", "measured", "estimated", "problem", "tolerance"), (r[0], r[1], r[2], r[3], r[4])))
            for r in rows]


def judge(row):
    """The error and the verdict: None for information only (static), False for a cnnmem failure."""
    m, e, tol = row["measured"], row["estimated"], row["tolerance"]
    row["error"] = None if e is None else (e - m) / max(m, 1)
    row["ok"] = None if tol is None else (e is not None and (abs(row["error"]) <= tol or abs(e - m) <= FLOOR))
    return row


def print_rows(batch, rows):
    print(f"\nbatch {batch}  (bytes; tolerance: relative, or within 512 KiB)")
    print(f"  {'figure':28s} {'measured':>16s} {'cnnmem':>16s} {'error':>8s} {'tol':>5s}  ok")
    for r in rows:
        est = f"{r['estimated']:,}" if r["estimated"] is not None else "error"
        err = "-" if r["error"] is None else f"{r['error']:+.1%}" if abs(r["error"]) < 10 else (">+999%" if r["error"] > 0 else "<-999%")
        tol = f"{r['tolerance']:.0%}" if r["tolerance"] is not None else "info"
        ok = {True: "yes", False: "NO", None: "-"}[r["ok"]]
        print(f"  {r['figure']:28s} {r['measured']:>16,} {est:>16s} {err:>8s} {tol:>5s}  {ok}")


def parse(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0], epilog="See the module docstring for the figures.")
    ap.add_argument("model", nargs="?", help="a torchvision model name (e.g. resnet50)")
    ap.add_argument("--factory", help="module:function (or path/file.py:function) returning your nn.Module")
    ap.add_argument("--input", help="C,H,W of one input (default 3,224,224; 3,299,299 for inception_v3)")
    ap.add_argument("--classes", type=int, help="number of classes (default: the network's output width)")
    ap.add_argument("--batch", type=int, action="append", help="batch size (repeatable; default 8)")
    ap.add_argument("--optimizer", action="append", choices=OPTIMIZERS, help="repeatable; default all four")
    ap.add_argument("--set-to-none", action="store_true", help="zero_grad(set_to_none=True) (cnnmem --zero-grad set-to-none)")
    ap.add_argument("--amp", action="store_true", help="also measure autocast training (cnnmem --amp)")
    ap.add_argument("--amp-dtype", choices=("float16", "bfloat16"), default="float16")
    ap.add_argument("--cnnmem", default="cnnmem", help="the command that runs cnnmem (default: cnnmem)")
    ap.add_argument("--onnx-dir", help="keep the exported ONNX files here (default: a temporary folder)")
    ap.add_argument("--out", help="write the measurements, cnnmem's figures and the errors to this JSON file")
    ap.add_argument("--dry", action="store_true", help="CPU only, fake memory figures (0 above the static bytes): checks the flow")
    a = ap.parse_args(argv)
    if (a.model is None) == (a.factory is None):
        ap.error("give a torchvision model name or --factory module:function (not both)")
    if a.input and (len(a.input.split(",")) != 3 or not all(v.strip().isdigit() for v in a.input.split(","))):
        ap.error(f"--input expects C,H,W (e.g. 3,224,224), found '{a.input}'")
    if any(b < 1 for b in a.batch or []):
        ap.error("--batch must be at least 1")
    a.batch = a.batch or [8]
    a.optimizer = list(dict.fromkeys(a.optimizer or OPTIMIZERS))
    a.amp_dtype = a.amp_dtype if a.amp else None
    if a.amp:
        a.amp = a.amp_dtype
    return a


def main(argv=None):
    a = parse(argv)
    if not a.dry and not torch.cuda.is_available():
        print("check_gpu: no CUDA device is available to PyTorch (use --dry to check the flow on the CPU)", file=sys.stderr)
        return 2
    torch.backends.cudnn.benchmark = False
    try:
        torch.manual_seed(0)
        name, model, spec = build_model(a)
    except UsageError as e:
        print(f"check_gpu: {e}", file=sys.stderr)
        return 2
    d = Device(a.dry)
    folder = a.onnx_dir or tempfile.mkdtemp(prefix="check_gpu_")
    os.makedirs(folder, exist_ok=True)
    files = {}
    for mode, train in (("training", True), ("inference", False)):
        path = os.path.join(folder, f"{name}.{'train' if train else 'dyn'}.onnx")
        try:
            files[mode] = export_onnx(model, spec, path, train)
        except Exception as e:
            print(f"check_gpu: exporting {name} to ONNX ({mode} mode) failed: {type(e).__name__}: {e}", file=sys.stderr)
            return 1
    env = d.describe()
    print(f"check_gpu: {name}, input {'x'.join(map(str, spec['input']))}, {spec['classes']} classes; "
          f"PyTorch {env['torch']} on {env['device']}" + ("" if a.dry else f", CUDA {env['cuda']}, cuDNN {env['cudnn']}"))
    print(f"  ONNX (weightless): {files['training']}, {files['inference']}")
    print(f"  cnnmem: {a.cnnmem} analyze FILE --batch B {' '.join(COMMON)} --optimizer O --zero-grad "
          f"{'set-to-none' if a.set_to_none else 'zero'} ... --format json")
    model = model.to(d.dev)
    d.probe()
    cnnmem = Cnnmem(a.cnnmem)
    results = dict(environment=env, model=name, input=list(spec["input"]), classes=spec["classes"],
                   settings=dict(optimizers=a.optimizer, set_to_none=a.set_to_none, amp=a.amp_dtype, dry=a.dry),
                   batches=[])
    for batch in a.batch:
        rec = measure(d, model, spec, batch, a)
        rec["rows"] = [judge(r) for r in compare(cnnmem, files, rec, a)]
        results["batches"].append(rec)
        print_rows(batch, rec["rows"])
    return summarize(results, a)


def summarize(results, a):
    rows = [r for rec in results["batches"] for r in rec["rows"] if r["ok"] is not None]
    problems = {}
    for rec in results["batches"]:
        for r in rec["rows"]:
            if r["problem"]:
                problems.setdefault(r["problem"], []).append(f"b{rec['batch']} {r['figure']}")
    if problems:
        print("\ncnnmem could not give these figures:")
        for p, where in problems.items():
            print(f"  {', '.join(where[:4])}{' ...' if len(where) > 4 else ''}: {p}")
    within = sum(1 for r in rows if r["ok"])
    analysed = [abs(r["error"]) for r in rows if r["error"] is not None]
    mean = f"; mean |error| {sum(analysed) / len(analysed):.1%}, max {max(analysed):.1%}" if analysed and not a.dry else ""
    print(f"\ncheck_gpu: {within} of {len(rows)} figures within tolerance, {len(problems)} cnnmem error(s){mean}"
          + (" (dry run: the measured figures are fake)" if a.dry else ""))
    if a.out:
        with open(a.out, "w") as f:
            json.dump(results, f, indent=1)
    return 0 if within == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
