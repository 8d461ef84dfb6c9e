"""Frozen parameters: requires_grad=False in the model, or freeze/trainable globs."""
import torch
import torchvision

import cnnmem
from conftest import param_count, trainable_count

CPU = dict(batch=8, optimizer="momentum", backend="cpu", framework="pytorch-1.13")


def freeze_all_but(model, prefix):
    for name, p in model.named_parameters():
        p.requires_grad = name.startswith(prefix)
    return model


def check_classifier_only(report, full):
    totals, training = report["totals"], report["memory"]["training"]
    assert (totals["trainable_params"], totals["non_trainable_params"]) == (513_000, 11_176_512)
    assert training["gradient_bytes"] == 2_052_000
    assert training["optimizer_state_bytes"] == 2_052_000
    assert training["steady_peak_bytes"] < 0.5 * full["memory"]["training"]["steady_peak_bytes"]


def test_resnet18_classifier_only_from_requires_grad(binary, resnet18_file):
    full = cnnmem.estimate(resnet18_file, **CPU)
    model = freeze_all_but(torchvision.models.resnet18(), "fc.")
    check_classifier_only(cnnmem.estimate(model, (3, 224, 224), **CPU), full)
    assert trainable_count(model) == 513_000  # the model keeps its flags


def test_resnet18_classifier_only_from_globs(binary, resnet18_file):
    full = cnnmem.estimate(resnet18_file, **CPU)
    check_classifier_only(cnnmem.estimate(resnet18_file, freeze="*", trainable="fc*", **CPU), full)


def test_not_in_the_oracle_mobilenet_v3_small_features_frozen(binary):
    model = torchvision.models.mobilenet_v3_small()
    for p in model.features.parameters():
        p.requires_grad = False
    report = cnnmem.estimate(model, (3, 224, 224), **CPU)
    trainable = trainable_count(model)
    assert report["totals"]["trainable_params"] == trainable
    assert report["totals"]["non_trainable_params"] == param_count(model) - trainable
    assert report["memory"]["training"]["gradient_bytes"] == 4 * trainable
    assert report["memory"]["training"]["optimizer_state_bytes"] == 4 * trainable


def test_first_half_frozen_lowers_the_peak(binary, resnet18_file):
    full = cnnmem.estimate(resnet18_file, **CPU)
    model = torchvision.models.resnet18()
    for module in (model.conv1, model.bn1, model.layer1, model.layer2):
        for p in module.parameters():
            p.requires_grad = False
    half = cnnmem.estimate(model, (3, 224, 224), **CPU)
    assert half["totals"]["trainable_params"] == trainable_count(model)
    assert half["memory"]["training"]["gradient_bytes"] == 4 * trainable_count(model)
    assert half["memory"]["training"]["steady_peak_bytes"] < full["memory"]["training"]["steady_peak_bytes"]
    assert half["memory"]["training"]["saved_for_backward_bytes"] < full["memory"]["training"]["saved_for_backward_bytes"]
