"""torchvision networks: parameters exact, CPU training figures within 5% of the PyTorch 1.13 oracle."""
import pytest
import torch
import torchvision

import cnnmem
from conftest import param_count

CPU_113 = dict(backend="cpu", framework="pytorch-1.13")


def within(actual, expected, tolerance=0.05):
    return abs(actual - expected) <= tolerance * expected


def test_done_when_resnet18_momentum(binary, oracle):
    """The issue's 'Done when', literally: the package from a model object to the oracle's steady peak."""
    o = oracle["resnet18"]
    model = torchvision.models.resnet18()
    report = cnnmem.estimate(model, (3, 224, 224), batch=8, optimizer="momentum", backend="cpu", framework="pytorch-1.13")
    assert report["totals"]["params"] == 11_689_512 == param_count(model) == o["params"]
    training = report["memory"]["training"]
    assert training["optimizer"] == "momentum"
    assert within(training["steady_peak_bytes"], o["steady_peak_sgd_momentum"]), training["steady_peak_bytes"]
    assert within(training["steady_peak_total_bytes"], o["static_bytes"] + o["steady_peak_sgd_momentum"])
    assert training["static_bytes"] == o["static_bytes"]


@pytest.mark.parametrize("optimizer, field", [("sgd", "steady_peak_sgd"), ("adam", "steady_peak_adam")])
def test_resnet18_other_optimizers(binary, oracle, resnet18_file, optimizer, field):
    o = oracle["resnet18"]
    report = cnnmem.estimate(resnet18_file, batch=8, optimizer=optimizer, **CPU_113)
    assert within(report["memory"]["training"]["steady_peak_bytes"], o[field])


@pytest.mark.parametrize("name", ["mobilenet_v2", "squeezenet1_0"])
def test_more_oracle_networks(binary, oracle, name):
    o = oracle[name]
    model = getattr(torchvision.models, name)()
    report = cnnmem.estimate(model, tuple(o["input"]), batch=o["batch"], optimizer="momentum", **CPU_113)
    assert report["totals"]["params"] == param_count(model) == o["params"]
    assert within(report["memory"]["training"]["steady_peak_bytes"], o["steady_peak_sgd_momentum"])


@pytest.mark.parametrize("name", ["mobilenet_v3_small", "shufflenet_v2_x0_5", "regnet_x_400mf", "mnasnet0_5",
                                  "resnext50_32x4d"])
def test_networks_not_in_the_oracle_params_exact(binary, name):
    torch.manual_seed(0)
    model = getattr(torchvision.models, name)()
    # Parameters do not depend on the image size (adaptive pooling): 64x64 keeps the export quick.
    report = cnnmem.estimate(model, (3, 64, 64), batch=4, optimizer="adam", **CPU_113)
    assert report["totals"]["params"] == param_count(model)
    assert report["totals"]["trainable_params"] == param_count(model)
    training = report["memory"]["training"]
    assert training["gradient_bytes"] >= 4 * param_count(model)
    assert training["optimizer_state_bytes"] >= 2 * 4 * param_count(model)
    assert report["outputs"][0]["shape"] == [4, 1000]


def test_rows_read_module_paths(binary, resnet18_file, capsys):
    report = cnnmem.summary(resnet18_file, batch=2, backend="cpu")
    table = capsys.readouterr().out
    assert "| layer1.0.conv1 " in table and "| fc " in table, table[:2000]
    names = [layer["name"] for layer in report["layers"]]
    assert "/layer1/layer1.0/conv1/Conv" in names


def test_dynamic_batch(binary, resnet18_file):
    import onnx
    proto = onnx.load(resnet18_file, load_external_data=False)
    dims = lambda v: [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim]  # noqa: E731
    assert [dims(v) for v in proto.graph.input] == [["N", 3, 224, 224]]
    assert [dims(v) for v in proto.graph.output] == [["N", 1000]]
    for batch in (3, 16):
        report = cnnmem.estimate(resnet18_file, batch=batch, backend="cpu")
        assert report["inputs"][0]["shape"] == [batch, 3, 224, 224]
        assert report["outputs"][0]["shape"] == [batch, 1000]


def test_training_mode_export(resnet18_file):
    """BatchNorm in training mode (training_mode=1), nothing folded into the convolutions."""
    import onnx
    proto = onnx.load(resnet18_file, load_external_data=False)
    bns = [n for n in proto.graph.node if n.op_type == "BatchNormalization"]
    assert len(bns) == 20
    for n in bns:
        assert {a.name: a.i for a in n.attribute}.get("training_mode") == 1


def test_dropout_kept_in_training():
    import onnx
    model = torch.nn.Sequential(torch.nn.Linear(8, 8), torch.nn.Dropout(0.5), torch.nn.Linear(8, 2)).eval()
    proto = cnnmem.to_onnx(model, (8,))
    assert "Dropout" in [n.op_type for n in proto.graph.node]
    assert not model.training  # the model's mode is restored
    assert isinstance(proto, onnx.ModelProto)
