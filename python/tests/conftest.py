"""Shared fixtures. The native cnnmem comes from CNNMEM_BIN or PATH (.ci/run sets CNNMEM_BIN); tests that need
it fail loudly when it is missing rather than skip."""
import json
import os

import pytest
import torch

import cnnmem

DATA = os.path.join(os.path.dirname(__file__), "data")


@pytest.fixture(scope="session")
def binary():
    try:
        return cnnmem.find_binary()
    except cnnmem.BinaryNotFoundError as e:
        pytest.fail(f"these tests need the native cnnmem: {e}")


@pytest.fixture(scope="session")
def oracle():
    with open(os.path.join(DATA, "oracle_cpu_pytorch113.json")) as f:
        return json.load(f)["models"]


@pytest.fixture(scope="session")
def resnet18_file(tmp_path_factory):
    """resnet18 exported once by the package (the tests that only vary CLI options share it)."""
    import torchvision
    torch.manual_seed(0)
    path = tmp_path_factory.mktemp("export") / "resnet18.onnx"
    cnnmem.to_onnx(torchvision.models.resnet18(), (3, 224, 224), path=path)
    return str(path)


def param_count(model):
    return sum(p.numel() for p in model.parameters())


def trainable_count(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
