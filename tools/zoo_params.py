#!/usr/bin/python3
"""Prints the parameter count of every torchvision classification network the zoo ships.

Run with Debian's python3-torchvision (0.14.1; python3-torch 1.13.1):  /usr/bin/python3 tools/zoo_params.py
Each network is built without weights (torchvision.models.get_model(name, weights=None)), with
torchvision's defaults (googlenet and inception_v3 therefore keep their auxiliary heads), and its
parameters counted with sum(p.numel() for p in model.parameters()). Buffers (BatchNorm running
statistics) are not parameters. Output: one line per name, "name params", or "name MISSING" when
this torchvision does not have the network. The table in tests/CnnMem.Tests/Zoo/ZooParamsTests.cs
is this output.
"""
import gc
import sys
import warnings

import torch
import torchvision

NAMES = (
    "resnet18 resnet34 resnet50 resnet101 resnet152 "
    "resnext50_32x4d resnext101_32x8d resnext101_64x4d wide_resnet50_2 wide_resnet101_2 "
    "vgg11 vgg11_bn vgg13 vgg13_bn vgg16 vgg16_bn vgg19 vgg19_bn alexnet squeezenet1_0 squeezenet1_1 "
    "densenet121 densenet161 densenet169 densenet201 googlenet inception_v3 "
    "mobilenet_v2 mobilenet_v3_small mobilenet_v3_large mnasnet0_5 mnasnet0_75 mnasnet1_0 mnasnet1_3 "
    "shufflenet_v2_x0_5 shufflenet_v2_x1_0 shufflenet_v2_x1_5 shufflenet_v2_x2_0 "
    "efficientnet_b0 efficientnet_b1 efficientnet_b2 efficientnet_b3 efficientnet_b4 efficientnet_b5 "
    "efficientnet_b6 efficientnet_b7 efficientnet_v2_s efficientnet_v2_m efficientnet_v2_l "
    "regnet_x_400mf regnet_x_800mf regnet_x_1_6gf regnet_x_3_2gf regnet_x_8gf regnet_x_16gf regnet_x_32gf "
    "regnet_y_400mf regnet_y_800mf regnet_y_1_6gf regnet_y_3_2gf regnet_y_8gf regnet_y_16gf regnet_y_32gf "
    "regnet_y_128gf convnext_tiny convnext_small convnext_base convnext_large "
    "vit_b_16 vit_b_32 vit_l_16 vit_l_32 vit_h_14 swin_t swin_s swin_b swin_v2_t swin_v2_s swin_v2_b"
).split()


def build(name):
    models = torchvision.models
    if hasattr(models, "get_model"):
        return models.get_model(name, weights=None)
    return getattr(models, name)(weights=None) if hasattr(models, name) else None


def main():
    warnings.simplefilter("ignore")
    torch.set_grad_enabled(False)
    names = sys.argv[1:] or NAMES
    print(f"# torch {torch.__version__}, torchvision {torchvision.__version__}", flush=True)
    for name in names:
        model = build(name)
        if model is None:
            print(f"{name} MISSING", flush=True)
            continue
        print(f"{name} {sum(p.numel() for p in model.parameters())}", flush=True)
        del model
        gc.collect()


if __name__ == "__main__":
    main()
