"""nn.Module -> a weightless, training-mode ONNX model for cnnmem.

What the file carries, and why:
- training mode (``model.train()``, ``TrainingMode.TRAINING``, no constant folding): BatchNormalization
  keeps ``training_mode=1`` and Dropout nodes stay, so cnnmem sees what a training step keeps;
- a dynamic batch axis ``N`` on every input and output, so ``--batch`` sets any batch;
- node names with module paths (``/layer1/layer1.0/conv1/Conv``; cnnmem's rows read ``layer1.0.conv1``);
- no weights: the export runs with ``export_params=False`` into memory, and each parameter or buffer input
  becomes an initializer with its name, dims and dtype only (``data_location = EXTERNAL`` with no data
  file), so a 138M-parameter model costs kilobytes, never a temporary file of weights, and protobuf's 2 GB
  limit never applies;
- ``metadata_props``: ``cnnmem.frozen_params`` (JSON array of the parameters whose ``requires_grad`` is
  False) and ``cnnmem.exporter`` (package, versions, mode).

The model is left as it was: its train/eval mode per module, ``requires_grad``, buffers (BatchNorm's
running statistics, which the traced forward updates) and the random number generator.
"""
import contextlib
import inspect
import io
import json
import re
import traceback
import warnings

import onnx
import torch

from .errors import ExportError
from ._version import __version__

BATCH_SYMBOL = "N"
DEFAULT_OPSET = 14
EXPORT_BATCH = 2  # the example batch when only input_size is given (BatchNorm in training needs > 1)
NO_DATA_LOCATION = "weights-not-included.bin"  # named by each initializer's external_data; never written


# ---------------------------------------------------------------------------------------------- inputs

def _is_shape(value):
    return isinstance(value, (tuple, list, torch.Size)) and all(isinstance(d, int) for d in value)


def example_inputs(model, input_size=None, input_data=None, dtypes=None, batch=EXPORT_BATCH):
    """(args tuple for torch.onnx.export, input names). ``input_size`` is per sample, without the batch."""
    if input_data is not None and input_size is not None:
        raise TypeError("cnnmem: give input_size or input_data, not both")
    if input_data is None:
        if input_size is None:
            raise TypeError("cnnmem: give input_size (per-sample shape, e.g. (3, 224, 224)) or input_data (example tensors)")
        sizes = [tuple(input_size)] if _is_shape(input_size) else [tuple(s) for s in input_size]
        if not sizes or not all(_is_shape(s) for s in sizes):
            raise TypeError(f"cnnmem: input_size must be a shape like (3, 224, 224) or a list of shapes, not {input_size!r}")
        if dtypes is None:
            dtypes = [torch.float32] * len(sizes)
        elif isinstance(dtypes, torch.dtype):
            dtypes = [dtypes] * len(sizes)
        if len(dtypes) != len(sizes):
            raise TypeError(f"cnnmem: {len(dtypes)} dtypes for {len(sizes)} inputs")
        device = _device_of(model)
        tensors = []
        for shape, dtype in zip(sizes, dtypes):
            full = (batch, *shape)
            if dtype.is_floating_point or dtype.is_complex:
                tensors.append(torch.randn(full, dtype=dtype, device=device))
            else:  # indices, masks: zeros are valid for any embedding or gather
                tensors.append(torch.zeros(full, dtype=dtype, device=device))
        input_data = tuple(tensors)
    names = _forward_names(model)
    if isinstance(input_data, torch.Tensor):
        return (input_data,), [_name(names, 0)]
    if isinstance(input_data, dict):
        order = {n: i for i, n in enumerate(names)}
        keys = sorted(input_data, key=lambda k: order.get(k, len(order)))
        flat = []
        for k in keys:
            flat += _flat_names(k, input_data[k])
        return ({k: input_data[k] for k in keys},), flat
    if isinstance(input_data, (tuple, list)):
        flat = []
        for i, item in enumerate(input_data):
            flat += _flat_names(_name(names, i), item)
        return tuple(input_data), flat
    raise TypeError(f"cnnmem: input_data must be a tensor, a tuple/list or a dict of tensors, not {type(input_data).__name__}")


def _device_of(model):
    for p in model.parameters():
        return p.device
    for b in model.buffers():
        return b.device
    return torch.device("cpu")


def _forward_names(model):
    try:
        params = inspect.signature(model.forward).parameters.values()
    except (TypeError, ValueError):
        return []
    return [p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]


def _name(names, i):
    return names[i] if i < len(names) else f"input_{i}"


def _flat_names(name, value):
    """The ONNX input names one forward argument becomes (a tensor: one; a list of tensors: name_0, ...)."""
    if isinstance(value, torch.Tensor):
        return [name]
    if isinstance(value, (tuple, list)):
        out = []
        for i, v in enumerate(value):
            out += _flat_names(f"{name}_{i}", v)
        return out
    if isinstance(value, dict):
        out = []
        for k, v in value.items():
            out += _flat_names(f"{name}_{k}", v)
        return out
    return []


# ------------------------------------------------------------------------------------- model state

@contextlib.contextmanager
def _preserved(model):
    """Train mode inside; afterwards every module's mode, requires_grad, buffers and the RNG as before."""
    modes = [(m, m.training) for m in model.modules()]
    grads = [(p, p.requires_grad) for p in model.parameters()]
    buffers = [(b, b.detach().clone()) for b in model.buffers()]
    devices = [] if not torch.cuda.is_available() else list(range(torch.cuda.device_count()))
    with torch.random.fork_rng(devices=devices):
        try:
            model.train()
            yield
        finally:
            for m, training in modes:
                m.training = training
            for p, requires_grad in grads:
                p.requires_grad_(requires_grad)
            with torch.no_grad():
                for b, saved in buffers:
                    b.copy_(saved)


class _ModuleStack:
    """Forward pre/post hooks on every module: the path of the innermost module running when the trace fails."""

    def __init__(self, model):
        self.stack = []
        self.failed_in = None
        self.handles = []
        for name, module in model.named_modules():
            self.handles.append(module.register_forward_pre_hook(self._pre(name)))
            self.handles.append(module.register_forward_hook(self._post()))

    def _pre(self, name):
        def hook(module, args):
            self.stack.append((name, type(module).__name__))
        return hook

    def _post(self):
        def hook(module, args, output):
            if self.stack:
                self.stack.pop()
        return hook

    def close(self):
        for h in self.handles:
            h.remove()


# ------------------------------------------------------------------------------------------ export

def _export_kwargs():
    params = inspect.signature(torch.onnx.export).parameters
    kw = {}
    if "dynamo" in params:  # torch >= 2.5: keep the TorchScript exporter first (module-path node names)
        kw["dynamo"] = False
    return kw


@contextlib.contextmanager
def _no_param_values():
    """The TorchScript exporter hands every parameter's value to its ONNX shape inference, which serializes them
    (minutes and gigabytes for a large model) although a weightless export never needs them. Inside, the exporter's
    named-parameter dict is empty; the protos it writes are byte-identical (checked on resnet18, ViT, mobilenets,
    shufflenet and the tests' custom models). Private API: where it is absent nothing is patched."""
    utils = getattr(torch.onnx, "utils", None)
    original = getattr(utils, "_get_named_param_dict", None)
    if original is None:
        yield
        return
    utils._get_named_param_dict = lambda graph, params: {}
    try:
        yield
    finally:
        utils._get_named_param_dict = original


def _torchscript_export(model, args, input_names, opset):
    buf = io.BytesIO()
    dynamic = {n: {0: BATCH_SYMBOL} for n, rank in zip(input_names, _ranks(args)) if rank >= 1}
    with warnings.catch_warnings(), _no_param_values():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            model, args, buf, export_params=False, opset_version=opset,
            training=torch.onnx.TrainingMode.TRAINING, do_constant_folding=False,
            input_names=input_names, dynamic_axes=dynamic, **_export_kwargs())
    return onnx.load_from_string(buf.getvalue()), "torchscript"


def _ranks(args):
    flat = []

    def walk(v):
        if isinstance(v, torch.Tensor):
            flat.append(v.dim())
        elif isinstance(v, (tuple, list)):
            for x in v:
                walk(x)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
    walk(args)
    return flat


def _dynamo_export(model, args, input_names, opset):
    """torch 2.x: the dynamo exporter, where the TorchScript one failed. Weights are stripped in memory."""
    kwargs = {}
    if args and isinstance(args[-1], dict):
        kwargs, args = args[-1], args[:-1]
    params = inspect.signature(torch.onnx.export).parameters
    if "dynamo" in params:
        batch = torch.export.Dim(BATCH_SYMBOL)
        shapes = _dynamo_shapes(args, kwargs, batch)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            program = torch.onnx.export(model, args, kwargs=kwargs or None, dynamo=True, opset_version=max(opset, 18),
                                        training=torch.onnx.TrainingMode.TRAINING, input_names=input_names,
                                        dynamic_shapes=shapes, optimize=False, verbose=False)
    elif hasattr(torch.onnx, "dynamo_export"):
        options = torch.onnx.ExportOptions(dynamic_shapes=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            program = torch.onnx.dynamo_export(model, *args, **kwargs, export_options=options)
    else:
        raise RuntimeError("this torch has no dynamo ONNX exporter")
    return program.model_proto, "dynamo"


def _dynamo_shapes(args, kwargs, batch):
    def one(v):
        if isinstance(v, torch.Tensor):
            return {0: batch} if v.dim() >= 1 else None
        if isinstance(v, (tuple, list)):
            return type(v)(one(x) for x in v)
        if isinstance(v, dict):
            return {k: one(x) for k, x in v.items()}
        return None
    if kwargs:
        return {**{f"arg{i}": one(a) for i, a in enumerate(args)}, **{k: one(v) for k, v in kwargs.items()}}
    return tuple(one(a) for a in args)


def to_onnx(model, input_size=None, *, input_data=None, dtypes=None, opset=DEFAULT_OPSET, path=None):
    """Exports ``model`` for cnnmem: a weightless training-mode ``onnx.ModelProto`` (written to ``path`` too if given)."""
    if not isinstance(model, torch.nn.Module):
        raise TypeError(f"cnnmem: model must be a torch.nn.Module, not {type(model).__name__}")
    args, input_names = example_inputs(model, input_size, input_data, dtypes)
    frozen = [n for n, p in model.named_parameters() if not p.requires_grad]
    with _preserved(model):
        stack = _ModuleStack(model)
        try:
            proto, mode = _torchscript_export(model, args, input_names, opset)
        except Exception as e:  # noqa: BLE001 - every exporter failure becomes one clear ExportError
            failed_in = list(stack.stack)
            stack.close()
            error = _explain(model, args, e, failed_in)
            proto, mode = _try_dynamo(model, args, input_names, opset, error)
        finally:
            stack.close()
    _strip_weights(proto, set(input_names))
    _name_outputs(proto)
    _batch_outputs(proto)
    _metadata(proto, frozen, mode)
    if path is not None:
        onnx.save_model(proto, str(path))
    return proto


def _try_dynamo(model, args, input_names, opset, error):
    params = inspect.signature(torch.onnx.export).parameters
    if "dynamo" not in params and not hasattr(torch.onnx, "dynamo_export"):
        raise error from None
    try:
        return _dynamo_export(model, args, input_names, opset)
    except Exception:  # noqa: BLE001 - report the TorchScript exporter's (clearer) error
        raise error from None


# --------------------------------------------------------------------------------- error messages

_UNSUPPORTED = re.compile(r"operator '([\w:.]+)'")
_SCOPE = re.compile(r"scope: (\S+)")
_SYMBOLIC_OP = re.compile(r"export of operator (\w+)")


def _explain(model, args, e, failed_in):
    """An ExportError naming the module and the op, from the exporter's exception."""
    text = str(e)
    first = text.strip().splitlines()[0] if text.strip() else type(e).__name__
    first = first.split("Please feel free to request support")[0].strip()
    first = re.sub(r"\s*\[Caused by the value.*", "", first)
    model_name = type(model).__name__
    op = None
    module = None
    m = _UNSUPPORTED.search(text)
    if m:
        op = m.group(1)
        module = _locate_op(model, args, op)
    elif _SYMBOLIC_OP.search(text):
        op = _SYMBOLIC_OP.search(text).group(1)
        scope = _SCOPE.search(text)
        if scope:
            module = _scope_to_path(model, scope.group(1))
    elif failed_in:
        module = failed_in[-1][0]
        op = failed_in[-1][1] + ".forward"
    where = ""
    if module is not None:
        kind = _module_type(model, module)
        where = f" in module `{module or '<root>'}`" + (f" ({kind})" if kind else "")
    what = f" op {op}" if op else ""
    message = f"cnnmem: could not export {model_name} to ONNX:{what}{where}: {first}"
    # Keep the exporter's exception (and its traceback's lines) but not the locals of its frames: they hold the
    # half-converted TorchScript graph, which a later export must not meet.
    traceback.clear_frames(e.__traceback__)
    return ExportError(message, module=module, op=op, original=e)


def _scope_to_path(model, scope):
    """The module path of a TorchScript scope, ``EfficientNet::/Sequential::features/.../StochasticDepth::stochastic_depth``.

    Each segment names a module by its path's last non-numeric atoms (``features.1.0``, ``stochastic_depth``): walk
    the model's children to rebuild the full path (``features.1.0.stochastic_depth``)."""
    segments = [p.split("::")[-1] for p in scope.split("/") if "::" in p]
    path, module = "", model
    for seg in segments[1:]:
        for name, child in module.named_children():
            full = f"{path}.{name}" if path else name
            if _unqualified(full) == seg or full == seg:
                path, module = full, child
                break
        else:
            return path if path else (segments[-1] if segments else "")
    return path


def _unqualified(qualified):
    atoms = qualified.split(".")
    for i in range(len(atoms) - 1, -1, -1):
        if not atoms[i].isnumeric():
            return ".".join(atoms[i:])
    return qualified


def _module_type(model, path):
    try:
        return type(model.get_submodule(path)).__name__ if path else type(model).__name__
    except AttributeError:
        return None


def _locate_op(model, args, op):
    """The module path whose forward ran ``op`` first, from a trace with scopes (None if it cannot tell)."""
    trace = getattr(torch.jit, "_trace", None)
    if trace is None or not hasattr(trace, "_trace_module_map") or not hasattr(torch.jit, "_get_trace_graph"):
        return None
    old = trace._trace_module_map
    trace._trace_module_map = {m: (n or "<root>") for n, m in model.named_modules()}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            graph, _ = torch.jit._get_trace_graph(model, args)
    except Exception:  # noqa: BLE001 - locating is best effort
        return None
    finally:
        trace._trace_module_map = old
    for node in graph.nodes():
        if node.kind() == op:
            path = node.scopeName().split("/")[-1]
            return "" if path == "<root>" else path
    return None


# ---------------------------------------------------------------------------------- post-processing

def _strip_weights(proto, user_inputs):
    """Parameter and buffer inputs -> initializers with name, dims and dtype only (EXTERNAL, no data file)."""
    graph = proto.graph
    keep = []
    for value in graph.input:
        if value.name in user_inputs:
            keep.append(value)
            continue
        tensor_type = value.type.tensor_type
        t = onnx.TensorProto(name=value.name, data_type=tensor_type.elem_type)
        t.dims.extend(d.dim_value for d in tensor_type.shape.dim)
        _make_external(t)
        graph.initializer.append(t)
    for t in graph.initializer:  # the dynamo path embeds weights: drop their bytes
        if t.data_location != onnx.TensorProto.EXTERNAL:
            _make_external(t)
    del graph.input[:]
    graph.input.extend(keep)


def _make_external(t):
    elems = 1
    for d in t.dims:
        elems *= d
    size = onnx.helper.tensor_dtype_to_np_dtype(t.data_type).itemsize if hasattr(onnx.helper, "tensor_dtype_to_np_dtype") \
        else onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[t.data_type].itemsize
    for field in ("raw_data",):
        t.ClearField(field)
    for field in ("float_data", "int32_data", "int64_data", "double_data", "uint64_data", "string_data"):
        t.ClearField(field)
    t.data_location = onnx.TensorProto.EXTERNAL
    del t.external_data[:]
    for k, v in (("location", NO_DATA_LOCATION), ("offset", "0"), ("length", str(elems * size))):
        entry = t.external_data.add()
        entry.key, entry.value = k, v


def _name_outputs(proto):
    """Graph outputs named ``output`` (one) or ``output_0``, ``output_1``, ... (several), as the CLI shows them."""
    graph = proto.graph
    taken = {v.name for v in graph.input} | {t.name for t in graph.initializer}
    outputs = list(graph.output)
    renames = {}
    for i, value in enumerate(outputs):
        new = "output" if len(outputs) == 1 else f"output_{i}"
        if value.name in taken or value.name == new:
            continue
        renames[value.name] = new
    if not renames:
        return
    _rename(graph, renames)
    for value in graph.output:
        value.name = renames.get(value.name, value.name)


def _rename(graph, renames):
    for node in graph.node:
        for i, name in enumerate(node.input):
            if name in renames:
                node.input[i] = renames[name]
        for i, name in enumerate(node.output):
            if name in renames:
                node.output[i] = renames[name]
        for attr in node.attribute:
            if attr.type == onnx.AttributeProto.GRAPH:
                _rename(attr.g, renames)
            for g in attr.graphs:
                _rename(g, renames)
    for value in graph.value_info:
        if value.name in renames:
            value.name = renames[value.name]


def _batch_outputs(proto):
    """The batch axis of every output is ``N`` where the exporter left it symbolic."""
    for value in proto.graph.output:
        dims = value.type.tensor_type.shape.dim
        if len(dims) >= 1 and dims[0].dim_param:
            dims[0].dim_param = BATCH_SYMBOL


def _metadata(proto, frozen, mode):
    names = {t.name for t in proto.graph.initializer}
    entries = {
        "cnnmem.frozen_params": json.dumps([n for n in frozen if n in names]),
        "cnnmem.exporter": json.dumps({"package": "cnnmem", "version": __version__, "torch": torch.__version__,
                                       "onnx": onnx.__version__, "mode": "training", "exporter": mode}),
    }
    kept = [p for p in proto.metadata_props if p.key not in entries]
    del proto.metadata_props[:]
    proto.metadata_props.extend(kept)
    for k, v in entries.items():
        proto.metadata_props.add(key=k, value=v)
