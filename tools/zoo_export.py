#!/usr/bin/python3
"""Training-mode ONNX exports of zoo networks, for ZooExportTests: tests/CnnMem.Tests/TestData/zoo/NAME.train.onnx.

Exactly as ../shared/oracle/export_train_onnx.py exports the oracle's networks (opset 14, training mode, no constant
folding, batch axis "N", weightless), but for torchvision networks by name, built without weights.
Usage: /usr/bin/python3 tools/zoo_export.py [--oracle DIR] NAME...   (Debian's python3-torch 1.13, python3-torchvision 0.14)
Networks with stochastic depth (efficientnet, convnext, swin) and googlenet's auxiliary heads (adaptive pooling
to 4x4 from 14x14) do not export in training mode with torch 1.13; the zoo builds them anyway.
"""
import argparse
import os
import sys
import tempfile
import warnings

import onnx
import torch
import torchvision

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--oracle", default=os.path.join(HERE, "..", "..", "shared", "oracle"), help="folder of export_onnx.py")
    ap.add_argument("--out", default=os.path.join(HERE, "..", "tests", "CnnMem.Tests", "TestData", "zoo"))
    ap.add_argument("names", nargs="+")
    a = ap.parse_args()
    sys.path.insert(0, a.oracle)
    from export_onnx import make_weightless  # the oracle's weight stripper: dims kept, data dropped

    os.makedirs(a.out, exist_ok=True)
    for name in a.names:
        model = torchvision.models.get_model(name, weights=None).train()
        size = 299 if name == "inception_v3" else 224
        x = torch.randn(2, 3, size, size)
        with tempfile.TemporaryDirectory(dir="/tmp") as td:
            full = os.path.join(td, name + ".onnx")
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    torch.onnx.export(model, x, full, opset_version=14, input_names=["input"], output_names=["output"],
                                      do_constant_folding=False, training=torch.onnx.TrainingMode.TRAINING,
                                      dynamic_axes={"input": {0: "N"}, "output": {0: "N"}})
                onnx.checker.check_model(full)
                make_weightless(full, os.path.join(a.out, name + ".train.onnx"), td)
                print(name, "ok", flush=True)
            except Exception as e:  # noqa: BLE001 - report and go on
                print(name, "FAILED", type(e).__name__, str(e)[:200], flush=True)


if __name__ == "__main__":
    main()
