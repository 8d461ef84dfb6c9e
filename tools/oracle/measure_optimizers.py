#!/usr/bin/python3
"""What PyTorch's optimizers hold and make, measured on the CPU (the ground truth of cnnmem's optimizer table,
src/CnnMem/Core/OptimizerProfiles.cs; read by tests/CnnMem.Tests/Core/OptimizerProfilesTests.cs).

Usage:
    /usr/bin/python3 measure_optimizers.py > ../../tests/CnnMem.Tests/TestData/measured/optimizers/torch113_cpu.json

For each optimizer (PyTorch's defaults; SGD's momentum 0.9 for "momentum") and each path (foreach=False: the for-loop
_single_tensor_*; foreach=True: _multi_tensor_*), on float32 parameters of the shapes below with random gradients:
- state_bytes: after a first step, the bytes of every tensor in optimizer.state (the slots and the 0-d step tensors);
- step_temporary_peak_bytes: during a second step, the peak of the bytes of tensors (more than one element) that the
  step's ops create and that are alive at once, followed by weak references (a TorchDispatchMode sees every op's
  outputs; an output whose storage already existed, an in-place op's, is not new). The for-loop paths keep the last
  parameter's result in a local (denom, avg, std) until the next iteration replaces it, so their peak is the
  largest parameter's temporaries plus the result of the parameter before it.
"""
import json
import platform
import weakref

import torch
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils._pytree import tree_flatten

SHAPES = [(64, 3, 7, 7), (64,), (1000, 512), (7,)]
OPTIMIZERS = {
    "sgd": lambda ps, f: torch.optim.SGD(ps, lr=0.1, foreach=f),
    "momentum": lambda ps, f: torch.optim.SGD(ps, lr=0.1, momentum=0.9, foreach=f),
    "adam": lambda ps, f: torch.optim.Adam(ps, foreach=f),
    "adamw": lambda ps, f: torch.optim.AdamW(ps, foreach=f),
    "rmsprop": lambda ps, f: torch.optim.RMSprop(ps, foreach=f),
    "adagrad": lambda ps, f: torch.optim.Adagrad(ps, foreach=f),
}


class LiveBytes(TorchDispatchMode):
    """The peak of the bytes of new tensors alive at once while the mode is on."""

    def __init__(self, known):
        super().__init__()
        self.known, self.live, self.peak = known, 0, 0

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        if str(func).startswith("profiler."):
            return out  # Optimizer.step's record_function handle, not memory the step uses
        for t in tree_flatten(out)[0]:
            if not isinstance(t, torch.Tensor) or t.numel() <= 1:
                continue
            ptr = t.storage().data_ptr()
            if ptr in self.known:
                continue
            size = t.numel() * t.element_size()
            self.known.add(ptr)
            self.live += size
            self.peak = max(self.peak, self.live)
            weakref.finalize(t, self.gone, ptr, size)
        return out

    def gone(self, ptr, size):
        self.live -= size
        self.known.discard(ptr)


def measure(name, foreach):
    torch.manual_seed(0)
    params = [torch.nn.Parameter(torch.randn(*s)) for s in SHAPES]
    opt = OPTIMIZERS[name](params, foreach)
    for p in params:
        p.grad = torch.randn_like(p)
    opt.step()
    state = [v for s in opt.state.values() for v in s.values() if torch.is_tensor(v)]
    known = {t.storage().data_ptr() for t in params + [p.grad for p in params] + state}
    mode = LiveBytes(known)
    with mode:
        opt.step()
    return {
        "optimizer": name,
        "foreach": foreach,
        "state_bytes": sum(t.numel() * t.element_size() for t in state),
        "step_temporary_peak_bytes": mode.peak,
    }


def main():
    print(json.dumps({
        "torch": torch.__version__,
        "python": platform.python_version(),
        "param_shapes": [list(s) for s in SHAPES],
        "param_bytes": [torch.Size(s).numel() * 4 for s in SHAPES],
        "runs": [measure(n, f) for f in (False, True) for n in OPTIMIZERS],
    }, indent=2))


if __name__ == "__main__":
    main()
