"""Finding the binary, the CLI's errors, options mapped to flags, fit and summary."""
import pytest
import torch

import cnnmem
from cnnmem import _binary, _options


def test_missing_binary_message(monkeypatch):
    monkeypatch.delenv("CNNMEM_BIN", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(cnnmem.BinaryNotFoundError) as info:
        cnnmem.estimate(torch.nn.Linear(2, 2), (2,))
    message = str(info.value)
    assert "\n" not in message
    assert "dotnet publish src/CnnMem.Cli -c Release" in message and "CNNMEM_BIN" in message


def test_bad_cnnmem_bin(monkeypatch, tmp_path):
    monkeypatch.setenv("CNNMEM_BIN", str(tmp_path / "nope"))
    with pytest.raises(cnnmem.BinaryNotFoundError, match="is not an executable file"):
        cnnmem.find_binary()


def test_cli_error_carries_its_message(binary, resnet18_file):
    with pytest.raises(cnnmem.CnnMemError) as info:
        cnnmem.estimate(resnet18_file, dim={"Q": 3})
    e = info.value
    assert e.returncode == 2 and "Q" in str(e) and "Traceback" not in str(e)
    assert "Unhandled exception" not in e.stderr


def test_unknown_option_is_a_type_error(binary, resnet18_file):
    with pytest.raises(TypeError, match=r"no option --per-layers \(per_layers=\); did you mean per_layer= \(--per-layer\)"):
        cnnmem.estimate(resnet18_file, per_layers=True)


def test_options_to_flags():
    known = {"per-layer": None, "mkldnn": "true|false", "foreach": None, "no-foreach": None, "dim": "NAME=VALUE",
             "freeze": "GLOB", "batch": "N", "amp": None, "checkpoint": "every=K|sqrt"}
    args = _options.to_args("analyze", {"batch": 8, "per_layer": True, "mkldnn": False, "foreach": False,
                                        "amp": False, "dim": {"N": 4}, "freeze": ["a*", "b*"], "checkpoint": None}, known)
    assert args == ["--batch", "8", "--per-layer", "--mkldnn", "false", "--no-foreach", "--dim", "N=4",
                    "--freeze", "a*", "--freeze", "b*"]


def test_every_option_is_reachable(binary, resnet18_file):
    report = cnnmem.estimate(resnet18_file, batch=4, backend="cpu", framework="pytorch-1.13", mkldnn=False,
                             threads=2, checkpoint="sqrt", optimizer="adam", per_layer=True)
    model = report["memory"]["model"]
    assert (model["mkldnn"], model["threads"], report["optimizer"]) == (False, 2, "adam")
    assert report["memory"]["training"]["checkpoint_every"] > 0
    cuda = cnnmem.estimate(resnet18_file, batch=4, amp="bfloat16", device="h100-80gb", gpus=2, parallel="zero2")
    assert cuda["memory"]["model"]["mixed_precision"] is True


def test_fit(binary, resnet18_file):
    result = cnnmem.fit(resnet18_file, memory="4GB", optimizer=["sgd", "adam"], backend="cpu")
    modes = [r["mode"] for r in result["results"]]
    assert modes[0] == "inference" and len(modes) == 3
    assert all(r["batch"] > 1 and r["bytes_at_batch"] <= 4e9 < r["bytes_at_next_batch"] for r in result["results"])


def test_fit_from_a_module(binary):
    result = cnnmem.fit(torch.nn.Sequential(torch.nn.Linear(64, 64), torch.nn.ReLU()), (64,), memory="1GB", backend="cpu")
    assert result["budget_bytes"] == 1_000_000_000 and result["results"]


def test_summary_prints_and_returns(binary, resnet18_file, capsys):
    report = cnnmem.summary(resnet18_file, batch=2, backend="cpu", format="markdown")
    out = capsys.readouterr().out
    assert out.lstrip().startswith("#") or "|" in out
    assert report["totals"]["params"] == 11_689_512


def test_a_module_report_names_the_module_not_a_temporary_file(binary, capsys):
    report = cnnmem.summary(torch.nn.Sequential(torch.nn.Linear(64, 64), torch.nn.ReLU()), (64,), batch=2, backend="cpu")
    out = capsys.readouterr().out
    assert report["source"] == "PyTorch module torch.nn.modules.container.Sequential"
    assert "PyTorch module torch.nn.modules.container.Sequential" in out.splitlines()[0]
    assert "cnnmem-" not in out and ".onnx" not in out.splitlines()[0]
