"""The export: weightless, frozen parameters in the metadata, the model left as it was, clear failures."""
import json
import os

import onnx
import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

import cnnmem
from cnnmem import _binary
from conftest import param_count


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv2d(c, c, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(c)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)) + x)  # residual add, functional ReLU


class Custom(nn.Module):
    """A custom forward: residual add, concat, functional ops and one module called twice."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.shared = Block(16)  # called twice
        self.side = nn.Conv2d(16, 16, 1)
        self.head = nn.Linear(32, 10)

    def forward(self, x):
        x = F.max_pool2d(self.stem(x), 2)
        a = self.shared(self.shared(x))
        b = torch.sigmoid(self.side(x)) * x
        y = torch.cat([a, b], dim=1)
        y = torch.flatten(F.adaptive_avg_pool2d(y, 1), 1)
        return self.head(y)


def test_custom_forward(binary):
    model = Custom()
    report = cnnmem.estimate(model, (3, 32, 32), batch=4, optimizer="momentum", backend="cpu", framework="pytorch-1.13")
    assert report["totals"]["params"] == param_count(model)  # the reused block counted once
    ops = [layer["op"] for layer in report["layers"]]
    assert ops.count("Add") == 2 and "Concat" in ops
    names = [layer["name"] for layer in report["layers"]]
    # two calls, two rows: torch names the second /shared/conv_1/Conv
    assert sum(1 for n in names if n.startswith("/shared") and n.endswith("/Conv")) == 2
    assert report["outputs"][0]["shape"] == [4, 10]
    training = report["memory"]["training"]
    assert training["gradient_bytes"] == 4 * param_count(model)
    assert training["optimizer_state_bytes"] == 4 * param_count(model)


def test_weightless_initializers():
    model = Custom()
    proto = cnnmem.to_onnx(model, (3, 32, 32))
    inits = {t.name: t for t in proto.graph.initializer}
    expected = dict(model.named_parameters())
    expected.update({n: b for n, b in model.named_buffers() if b.is_floating_point()})
    assert set(inits) == set(expected)
    for name, t in inits.items():
        assert list(t.dims) == list(expected[name].shape), name
        assert t.data_location == onnx.TensorProto.EXTERNAL and len(t.raw_data) == 0 and len(t.float_data) == 0
    assert [v.name for v in proto.graph.input] == ["x"]


class Huge(nn.Module):
    """An embedding table of 548M float32 weights = 2.19 GB: over protobuf's 2 GB limit if the weights were
    embedded. skip_init leaves the allocation untouched (zero pages: no resident memory) and the forward
    reads a few rows, so the test is quick."""

    def __init__(self):
        super().__init__()
        self.table = nn.utils.skip_init(nn.Embedding, 137_000_000, 4)
        self.head = nn.Linear(4, 2)

    def forward(self, ids):
        return self.head(self.table(ids).mean(dim=1))


def test_large_model_writes_no_weights(binary, tmp_path, monkeypatch):
    model = Huge()
    weight_bytes = 4 * param_count(model)
    assert weight_bytes > 2**31
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    seen = []
    real_run = _binary.run

    def spy(args, binary=None):
        for root, _, files in os.walk(tmp_path):
            seen.extend(os.path.getsize(os.path.join(root, f)) for f in files)
        return real_run(args, binary)
    monkeypatch.setattr(_binary, "run", spy)
    report = cnnmem.estimate(model, input_data=torch.zeros(2, 8, dtype=torch.long), backend="cpu")
    assert report["totals"]["params"] == param_count(model)
    assert report["totals"]["param_bytes"] == weight_bytes
    assert seen and max(seen) < 100_000  # the only file written: the graph, kilobytes
    assert os.listdir(tmp_path) == []  # and it is gone


def test_frozen_params_metadata_and_state_restored():
    import torchvision
    model = torchvision.models.resnet18().eval()
    for name, p in model.named_parameters():
        p.requires_grad = name.startswith("fc.")
    before = {n: b.clone() for n, b in model.named_buffers()}
    proto = cnnmem.to_onnx(model, (3, 64, 64))
    meta = {p.key: p.value for p in proto.metadata_props}
    frozen = json.loads(meta["cnnmem.frozen_params"])
    assert frozen == [n for n, p in model.named_parameters() if not n.startswith("fc.")]
    exporter = json.loads(meta["cnnmem.exporter"])
    assert exporter["package"] == "cnnmem" and exporter["mode"] == "training" and exporter["version"] == cnnmem.__version__
    assert exporter["torch"] == torch.__version__
    # the model is as it was: eval mode everywhere, requires_grad and BatchNorm statistics untouched
    assert not any(m.training for m in model.modules())
    assert [n for n, p in model.named_parameters() if p.requires_grad] == ["fc.weight", "fc.bias"]
    for n, b in model.named_buffers():
        assert torch.equal(b, before[n]), n


class TwoInputs(nn.Module):
    """An image and token ids (int64, an embedding): several inputs, one not float."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, stride=2)
        self.embed = nn.Embedding(1000, 8)
        self.head = nn.Linear(16, 5)

    def forward(self, image, tokens):
        a = F.adaptive_avg_pool2d(self.conv(image), 1).flatten(1)
        b = self.embed(tokens).mean(dim=1)
        return self.head(torch.cat([a, b], dim=1))


@pytest.mark.parametrize("form", ["tuple", "dict"])
def test_several_inputs_and_integer_input(binary, form):
    model = TwoInputs()
    image, tokens = torch.randn(2, 3, 32, 32), torch.randint(0, 1000, (2, 12))
    data = (image, tokens) if form == "tuple" else {"tokens": tokens, "image": image}
    report = cnnmem.estimate(model, input_data=data, batch=6, backend="cpu")
    assert report["totals"]["params"] == param_count(model)
    assert [(i["name"], i["shape"], i["dtype"]) for i in report["inputs"]] == [
        ("image", [6, 3, 32, 32], "float32"), ("tokens", [6, 12], "int64")]
    assert report["outputs"][0]["shape"] == [6, 5]


def test_input_size_list_with_dtypes(binary):
    model = TwoInputs()
    report = cnnmem.estimate(model, [(3, 32, 32), (12,)], dtypes=[torch.float32, torch.long], batch=3, backend="cpu")
    assert [i["dtype"] for i in report["inputs"]] == ["float32", "int64"]
    assert report["inputs"][1]["shape"] == [3, 12]


def test_input_data_batch_is_the_default(binary):
    report = cnnmem.estimate(TwoInputs(), input_data=(torch.randn(5, 3, 32, 32), torch.zeros(5, 4, dtype=torch.long)),
                             backend="cpu")
    assert report["batch"] == 5


class Spectral(nn.Module):
    def forward(self, x):
        return torch.fft.fft2(x).real


class HasSpectral(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)
        self.inner = nn.Sequential(nn.ReLU(), Spectral())

    def forward(self, x):
        return self.inner(self.conv(x))


def test_export_failure_names_module_and_op():
    with pytest.raises(cnnmem.ExportError) as info:
        cnnmem.to_onnx(HasSpectral(), (3, 16, 16))
    e = info.value
    message = str(e)
    if torch.__version__ >= "2":  # the dynamo fallback may export what TorchScript could not
        pytest.skip("torch 2.x: " + message)
    assert e.module == "inner.1" and e.op == "aten::fft_fft2", message
    assert "`inner.1` (Spectral)" in message and "aten::fft_fft2" in message
    assert "\n" not in message and "Traceback" not in message and len(message) < 300
    assert e.__cause__ is None and e.__suppress_context__ and e.original is not None


class Broken(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(4, 4), Fails())

    def forward(self, x):
        return self.body(x)


class Fails(nn.Module):
    def forward(self, x):
        raise ValueError("shape mismatch in my layer")


def test_failure_inside_forward_names_the_module():
    with pytest.raises(cnnmem.ExportError) as info:
        cnnmem.to_onnx(Broken(), (4,))
    assert info.value.module == "body.1"
    assert "`body.1` (Fails)" in str(info.value) and "shape mismatch in my layer" in str(info.value)


def test_efficientnet_stochastic_depth():
    """torch 1.13 cannot export StochasticDepth in training mode: the message names the module; newer torch exports it."""
    import torchvision
    model = torchvision.models.efficientnet_b0()
    try:
        proto = cnnmem.to_onnx(model, (3, 64, 64))
    except cnnmem.ExportError as e:
        assert e.module.startswith("features.") and e.module.endswith(".stochastic_depth"), str(e)
        assert model.get_submodule(e.module).__class__.__name__ == "StochasticDepth"
        assert "Bernoulli" in str(e) and "(StochasticDepth)" in str(e) and "\n" not in str(e)
        return
    assert sum(int(torch.tensor(list(t.dims)).prod()) for t in proto.graph.initializer) >= param_count(model)
