#!/usr/bin/python3
"""The CPU oracle's measurement (../shared/oracle/measure.py, PyTorch 1.13) of a network with frozen parameters.

Freezing follows cnnmem's --freeze/--trainable rules: each glob, in order, matches a parameter by its name or by a
module prefix of it (`layer1` covers `layer1.0.conv1.weight`); `*` matches any characters, dots included; the last
matching rule wins. The frozen parameters get requires_grad=False before measure.py's own passes run, so every figure
(saved tensors, gradients, optimizer state, peaks) is PyTorch's own accounting for that fine-tuning setup.

Usage (Debian's /usr/bin/python3 with python3-torch, python3-torchvision, python3-onnx):
  tools/frozen/measure_frozen.py --model resnet18 --batch 8 --name head --freeze '*' --trainable 'fc*'
  tools/frozen/measure_frozen.py --model mobilenet_v3_small --batch 8 --name half --freeze 'features.[0-5]*' --export
Writes tests/CnnMem.Tests/TestData/frozen/<model>__<name>__b<batch>.json (and with --export, the training-mode,
weightless ONNX of a network the oracle folder lacks into TestData/frozen/models/).
"""
import argparse, fnmatch, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(REPO, "tests", "CnnMem.Tests", "TestData", "frozen")


def matches(pattern, name):
    parts = name.split(".")
    return any(fnmatch.fnmatchcase(".".join(parts[:k]), pattern) for k in range(len(parts), 0, -1))


def freeze(model, rules):
    """Applies (pattern, trainable) rules in order; a rule that matches nothing is an error, as in cnnmem."""
    names = [n for n, _ in model.named_parameters()]
    state = {n: True for n in names}
    for pattern, trainable in rules:
        hit = [n for n in names if matches(pattern, n)]
        if not hit:
            sys.exit(f"{'--trainable' if trainable else '--freeze'} '{pattern}' matches no parameter")
        for n in hit:
            state[n] = trainable
    for n, p in model.named_parameters():
        p.requires_grad_(state[n])
    return sorted(n for n, t in state.items() if not t)


class Rules(argparse.Action):
    def __call__(self, parser, ns, value, option):
        ns.rules.append((value, option == "--trainable"))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--oracle", default=os.path.join(os.path.dirname(REPO), "shared", "oracle"))
    ap.add_argument("--model", required=True)
    ap.add_argument("--batch", type=int, required=True)
    ap.add_argument("--name", required=True, help="the variant's name in the file name (head, half, ...)")
    ap.add_argument("--freeze", action=Rules, dest="rules", default=[])
    ap.add_argument("--trainable", action=Rules, dest="rules")
    ap.add_argument("--export", action="store_true", help="also write the training-mode weightless ONNX")
    a = ap.parse_args()
    sys.path.insert(0, a.oracle)
    import measure, oracle_models  # noqa: E402  (the oracle's own code, unchanged)
    if a.model not in oracle_models.MODELS:
        sys.exit(f"unknown model {a.model}; the oracle knows {', '.join(oracle_models.MODELS)}")
    frozen = []
    original = measure.build_model

    def build(name):
        m = original(name)
        frozen[:] = freeze(m, a.rules)
        return m
    measure.build_model = build
    res = measure.measure(a.model, a.batch, mkldnn_off_variant=False, steady=True)
    res["freeze_rules"] = [{"pattern": p, "trainable": t} for p, t in a.rules]
    res["frozen_params"] = frozen
    for v in res["memory"].values():  # the allocation curves are large and no test reads them
        for part in ("train", "steady_state"):
            if part in v:
                v[part].pop("curve", None)
        v["inference"].pop("curve", None)
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, f"{a.model}__{a.name}__b{a.batch}.json")
    with open(path, "w") as f:
        json.dump(res, f, indent=1)
    print(f"wrote {path} ({len(frozen)} frozen tensors)")
    if a.export:
        export(a.model, a.oracle)


def export(name, oracle):
    import tempfile, warnings, torch, onnx  # noqa: E401
    sys.path.insert(0, oracle)
    from oracle_models import MODELS, build_model
    from export_onnx import make_weightless
    os.makedirs(os.path.join(OUT, "models"), exist_ok=True)
    model = build_model(name).train()
    x = torch.randn(2, *MODELS[name]["input"])
    with tempfile.TemporaryDirectory(dir="/tmp") as td:
        full = os.path.join(td, name + ".onnx")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(model, x, full, opset_version=14, input_names=["input"], output_names=["output"],
                              do_constant_folding=False, training=torch.onnx.TrainingMode.TRAINING,
                              dynamic_axes={"input": {0: "N"}, "output": {0: "N"}})
        dst = os.path.join(OUT, "models", name + ".train.onnx")
        print(dst, make_weightless(full, dst, td))


if __name__ == "__main__":
    main()
