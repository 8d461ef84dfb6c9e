"""cnnmem for PyTorch: how much memory does this nn.Module need, before running it?

    import cnnmem, torchvision
    report = cnnmem.estimate(torchvision.models.resnet18(), (3, 224, 224), batch=8, optimizer="adam")
    cnnmem.summary(torchvision.models.resnet18(), (3, 224, 224), batch=8)      # prints the table
    cnnmem.fit(torchvision.models.resnet50(), (3, 224, 224), device="a100-80gb")  # the largest batches

The model is exported (in memory, without its weights) to a training-mode ONNX file that the native
``cnnmem`` analyses; the report is the CLI's JSON (``cnnmem analyze --format json``) as a dict. Parameters
with ``requires_grad=False`` are frozen: no gradient, no optimizer state.
"""
import os
import sys
import tempfile

from ._version import __version__
from .errors import BinaryNotFoundError, CnnMemError, ExportError
from ._export import to_onnx
from . import _binary, _options

__all__ = ["estimate", "summary", "fit", "to_onnx", "find_binary", "CnnMemError", "ExportError",
           "BinaryNotFoundError", "__version__"]

find_binary = _binary.find_binary


def _common(batch=None, optimizer=None, backend=None, framework=None, amp=None, device=None, gpus=None,
            parallel=None, freeze=None, trainable=None):
    """The named options, in the CLI's spelling (freeze before trainable: later patterns win)."""
    values = {"batch": batch, "optimizer": optimizer, "backend": backend, "framework": framework,
              "device": device, "gpus": gpus, "parallel": parallel, "freeze": freeze, "trainable": trainable}
    if isinstance(amp, str):
        values["amp"] = True
        values["amp_dtype"] = amp
    else:
        values["amp"] = amp
    return values


class _ModelFile:
    """The path cnnmem reads: a model file or built-in name as given, or a temporary weightless export."""

    def __init__(self, model, input_size, input_data, dtypes, opset):
        self.model, self.input_size, self.input_data, self.dtypes, self.opset = model, input_size, input_data, dtypes, opset
        self.tmp = None

    def __enter__(self):
        if isinstance(self.model, (str, os.PathLike)):
            return os.fspath(self.model)
        import onnx  # noqa: F401 - imported late so a missing onnx is an ImportError here, not at import cnnmem
        proto = to_onnx(self.model, self.input_size, input_data=self.input_data, dtypes=self.dtypes, opset=self.opset)
        # reports and errors name the module, not this file (deleted when the call returns)
        label = proto.metadata_props.add()
        label.key, label.value = "cnnmem.source", f"PyTorch module {type(self.model).__module__}.{type(self.model).__qualname__}"
        self.tmp = tempfile.TemporaryDirectory(prefix="cnnmem-")
        path = os.path.join(self.tmp.name, f"{type(self.model).__name__}.onnx")
        with open(path, "wb") as f:
            f.write(proto.SerializeToString())
        return path

    def __exit__(self, *exc):
        if self.tmp is not None:
            self.tmp.cleanup()
        return False


def _default_batch(batch, input_data):
    if batch is not None or input_data is None:
        return batch
    import torch
    first = input_data
    while isinstance(first, (tuple, list)) and first:
        first = first[0]
    if isinstance(first, dict) and first:
        first = next(iter(first.values()))
    return first.shape[0] if isinstance(first, torch.Tensor) and first.dim() >= 1 else None


def _args(command, path, values, options, binary):
    merged = dict(values)
    for key, value in options.items():
        merged[key] = value
    known = _binary.options(command, binary)
    return [command, path] + _options.to_args(command, merged, known)


def _text_args(command, path, values, options, binary, format):
    known = dict(_binary.options(command, binary))
    for name in _options.RESERVED:
        known.pop(name, None)
    return [command, path] + _options.to_args(command, {**values, **options}, known) + ["--format", format]


def _run_json(command, path, values, options, binary):
    import json
    out = _binary.run(_args(command, path, values, options, binary) + ["--format", "json"], binary)
    try:
        return json.loads(out)
    except ValueError:
        raise CnnMemError(f"cnnmem {command} gave no JSON report: {out[:200]!r}") from None


def estimate(model, input_size=None, *, input_data=None, batch=None, optimizer=None, backend=None,
             framework=None, amp=None, device=None, gpus=None, parallel=None, freeze=None, trainable=None,
             dtypes=None, opset=None, **options):
    """The memory report of ``model`` as a dict: the CLI's ``analyze --format json`` contract.

    model: an ``nn.Module`` (or a path to an .onnx/.cnn file or a built-in network name, passed as is).
    input_size: the per-sample input shape without the batch, ``(3, 224, 224)``, or a list of them; or
    input_data: example tensors (a tensor, a tuple/list, or a dict of forward's keyword arguments), with
        their batch axis first; use it for integer inputs (token ids) or several inputs. ``dtypes`` gives
        the dtypes of ``input_size``'s tensors (default float32).
    batch: the batch to analyse (default: input_data's batch, else 1). optimizer: sgd, momentum, adam, ...
    backend: cpu or cuda. framework: pytorch-2 or pytorch-1.13. amp: True, or "float16"/"bfloat16".
    device: a GPU name (h100-80gb, ...). gpus, parallel: data-parallel training (ddp, zero1..3, fsdp).
    freeze, trainable: glob(s) over parameter or module names (``--freeze``/``--trainable``); parameters
        with ``requires_grad=False`` are frozen already.
    **options: any other CLI option, ``per_layer=True`` -> ``--per-layer``, ``dim={"N": 4}`` -> ``--dim N=4``,
        ``checkpoint="sqrt"``, ``mkldnn=False``, ``foreach=False`` -> ``--no-foreach``; a list repeats it.
    Raises CnnMemError with the CLI's message when it refuses the model or an option, ExportError when the
    model cannot be exported, BinaryNotFoundError when there is no native cnnmem.
    """
    binary = _binary.find_binary()
    values = _common(_default_batch(batch, input_data), optimizer, backend, framework, amp, device, gpus,
                     parallel, freeze, trainable)
    with _ModelFile(model, input_size, input_data, dtypes, opset or _export_opset()) as path:
        return _run_json("analyze", path, values, options, binary)


def summary(model, input_size=None, *, input_data=None, batch=None, optimizer=None, backend=None,
            framework=None, amp=None, device=None, gpus=None, parallel=None, freeze=None, trainable=None,
            dtypes=None, opset=None, format="table", file=None, **options):
    """Prints the CLI's report (``format``: table, markdown, csv) to ``file`` (default stdout) and returns
    the report dict, as ``estimate`` does. Same arguments as ``estimate``."""
    binary = _binary.find_binary()
    values = _common(_default_batch(batch, input_data), optimizer, backend, framework, amp, device, gpus,
                     parallel, freeze, trainable)
    with _ModelFile(model, input_size, input_data, dtypes, opset or _export_opset()) as path:
        text = _binary.run(_text_args("analyze", path, values, options, binary, format), binary)
        print(text, end="" if text.endswith("\n") else "\n", file=file or sys.stdout)
        return _run_json("analyze", path, values, options, binary)


def fit(model, input_size=None, *, input_data=None, memory=None, device=None, optimizer=None, backend=None,
        framework=None, amp=None, gpus=None, parallel=None, freeze=None, trainable=None, dtypes=None,
        opset=None, **options):
    """The largest batches that fit ``memory`` (``"24GiB"``) or a ``device``'s memory: ``cnnmem fit``'s JSON
    as a dict. ``optimizer`` may be a list (one fit each). Other arguments as for ``estimate``."""
    binary = _binary.find_binary()
    values = _common(None, optimizer, backend, framework, amp, device, gpus, parallel, freeze, trainable)
    del values["batch"]
    values = {"memory": memory, **values}
    with _ModelFile(model, input_size, input_data, dtypes, opset or _export_opset()) as path:
        return _run_json("fit", path, values, options, binary)


def _export_opset():
    from ._export import DEFAULT_OPSET
    return DEFAULT_OPSET
