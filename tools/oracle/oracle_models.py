"""Model registry shared by measure.py and export_onnx.py (cnnmem copy of the shared oracle's, with video networks
and custom input sizes: see tools/oracle/README.md).

Every model is built with random weights (weights=None, torch.manual_seed(0)); no
pretrained weights are downloaded. Input shapes are (C, H, W) per image.
"""
import torch
import torch.nn as nn
import torchvision


def seed_cnn(ceil_mode: bool = False) -> nn.Module:
    """The CNN from the Stack Overflow answer on CNN memory (input 3x50x50).

    floor pooling: 50 -> 25 -> conv 25 -> pool 12 (64*12*12 = 9216 features)
    ceil  pooling: 50 -> 25 -> conv 25 -> pool 13 (64*13*13 = 10816 features)
    """
    last = 13 if ceil_mode else 12
    return nn.Sequential(
        nn.Conv2d(3, 32, 3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2, ceil_mode=ceil_mode),
        nn.Conv2d(32, 64, 3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2, ceil_mode=ceil_mode),
        nn.Flatten(),
        nn.Linear(64 * last * last, 500),
        nn.ReLU(),
        nn.Linear(500, 10),
    )


def lenet5() -> nn.Module:
    """Classic LeNet-5 (input 1x32x32): conv6 5x5, tanh, 2x2 average-pool subsampling,
    conv16 5x5, tanh, avg-pool, fc120, tanh, fc84, tanh, fc10.  61,706 parameters.
    (Average pooling and tanh as in LeCun et al. 1998, simplified: full C3 connectivity,
    no trainable subsampling coefficients, plain linear output layer.)"""
    return nn.Sequential(
        nn.Conv2d(1, 6, 5),
        nn.Tanh(),
        nn.AvgPool2d(2),
        nn.Conv2d(6, 16, 5),
        nn.Tanh(),
        nn.AvgPool2d(2),
        nn.Flatten(),
        nn.Linear(16 * 5 * 5, 120),
        nn.Tanh(),
        nn.Linear(120, 84),
        nn.Tanh(),
        nn.Linear(84, 10),
    )


def _tv(name, **kw):
    def build():
        return getattr(torchvision.models, name)(weights=None, **kw)
    return build


# name -> dict(build, input (C,H,W), classes, batches, tv_kwargs)
MODELS = {
    "seed_cnn": dict(build=lambda: seed_cnn(False), input=(3, 50, 50), classes=10, batches=[1, 8, 64]),
    "seed_cnn_ceil": dict(build=lambda: seed_cnn(True), input=(3, 50, 50), classes=10, batches=[1, 8, 64]),
    "lenet5": dict(build=lenet5, input=(1, 32, 32), classes=10, batches=[1, 8, 64]),
}

_TV = [
    ("alexnet", {}), ("vgg11", {}), ("vgg16", {}), ("vgg16_bn", {}),
    ("resnet18", {}), ("resnet50", {}), ("resnext50_32x4d", {}), ("wide_resnet50_2", {}),
    ("mobilenet_v2", {}), ("mobilenet_v3_small", {}), ("mobilenet_v3_large", {}),
    ("densenet121", {}),
    ("googlenet", dict(aux_logits=False, init_weights=True)),
    ("inception_v3", dict(aux_logits=False, init_weights=True)),
    ("squeezenet1_0", {}), ("shufflenet_v2_x1_0", {}), ("efficientnet_b0", {}),
    ("regnet_y_400mf", {}), ("convnext_tiny", {}), ("mnasnet1_0", {}), ("vit_b_16", {}),
]
for _name, _kw in _TV:
    MODELS[_name] = dict(
        build=_tv(_name, **_kw),
        input=(3, 299, 299) if _name == "inception_v3" else (3, 224, 224),
        classes=1000,
        batches=[1, 8],
        tv_kwargs=_kw,
    )


# Video networks (torchvision.models.video, 3D convolutions; Kinetics-400 heads). Not in the shared oracle:
# measured for cnnmem's issue 19 (item 8). A small clip (C, T, H, W) keeps the CPU runs short.
for _name in ("r3d_18", "mc3_18", "r2plus1d_18"):
    MODELS[_name] = dict(
        build=(lambda n=_name: getattr(torchvision.models.video, n)(weights=None)),
        input=(3, 8, 56, 56),
        classes=400,
        batches=[1, 8],
        tv_kwargs={},
    )


def with_input(name: str, shape) -> str:
    """Registers a variant of a model with another per-sample input shape; returns its name, e.g. r3d_18@3x16x112x112."""
    shape = tuple(int(s) for s in shape)
    variant = name + "@" + "x".join(map(str, shape))
    MODELS[variant] = dict(MODELS[name], input=shape)
    return variant


def build_model(name: str) -> nn.Module:
    torch.manual_seed(0)
    return MODELS[name]["build"]()
