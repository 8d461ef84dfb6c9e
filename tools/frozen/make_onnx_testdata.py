#!/usr/bin/python3
"""Small ONNX files for the provenance tests (tests/CnnMem.Tests/TestData/provenance), weightless:
- resnet18_default_export.onnx: torch.onnx.export(model, x, path) with its defaults (inference mode, BatchNorm folded);
- tiny_frozen.onnx: a training-mode export whose metadata cnnmem.frozen_params names the first conv's parameters;
- tiny_bad_json.onnx, tiny_unknown_name.onnx: the same metadata, malformed / naming no parameter;
- tiny_exporter_eval.onnx: cnnmem.exporter says mode 'eval';
- tiny_source.onnx: cnnmem.source names the module the file was exported from (what reports show instead of a temporary path).
Usage: /usr/bin/python3 tools/frozen/make_onnx_testdata.py
"""
import io, json, os, sys, tempfile, warnings
import onnx, torch, torch.nn as nn, torchvision

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(os.path.dirname(HERE)), "tests", "CnnMem.Tests", "TestData", "provenance")


def weightless(m):
    for t in m.graph.initializer:
        if t.raw_data or t.float_data:
            t.ClearField("raw_data"); t.ClearField("float_data")
            t.data_location = onnx.TensorProto.EXTERNAL
            e = t.external_data.add(); e.key = "location"; e.value = "weights.bin"
    return m


def export(model, x, **kw):
    b = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(model, x, b, **kw)
    return onnx.load_from_string(b.getvalue())


def save(m, name, frozen=None, exporter=None, source=None):
    if frozen is not None:
        p = m.metadata_props.add(); p.key = "cnnmem.frozen_params"; p.value = frozen
    if exporter is not None:
        p = m.metadata_props.add(); p.key = "cnnmem.exporter"; p.value = json.dumps(exporter)
    if source is not None:
        p = m.metadata_props.add(); p.key = "cnnmem.source"; p.value = source
    onnx.save(weightless(m), os.path.join(OUT, name))
    print(name)


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    save(export(torchvision.models.resnet18(), torch.randn(1, 3, 224, 224)), "resnet18_default_export.onnx")
    tiny = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8), nn.ReLU(), nn.Flatten(), nn.Linear(8 * 6 * 6, 4)).train()
    kw = dict(training=torch.onnx.TrainingMode.TRAINING, do_constant_folding=False, input_names=["input"],
              dynamic_axes={"input": {0: "N"}}, opset_version=14)
    m = export(tiny, torch.randn(2, 3, 8, 8), **kw)
    save(m, "tiny_frozen.onnx", json.dumps(["0.weight", "0.bias"]))
    save(export(tiny, torch.randn(2, 3, 8, 8), **kw), "tiny_bad_json.onnx", "[0.weight")
    save(export(tiny, torch.randn(2, 3, 8, 8), **kw), "tiny_unknown_name.onnx", json.dumps(["conv9.weight"]))
    save(export(tiny, torch.randn(2, 3, 8, 8), **kw), "tiny_exporter_eval.onnx", exporter={"package": "cnnmem", "mode": "eval"})
    save(export(tiny, torch.randn(2, 3, 8, 8), **kw), "tiny_source.onnx", source="PyTorch module torch.nn.modules.container.Sequential")


if __name__ == "__main__":
    main()
