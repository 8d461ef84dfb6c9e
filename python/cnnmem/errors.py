"""The package's exceptions: each carries one clear message, never a page of traceback."""


class CnnMemError(RuntimeError):
    """The native cnnmem refused the model or an option (its own message), or ran but gave no report.

    ``returncode`` is the CLI's exit status (2 for bad input), ``args_used`` the command line it ran,
    ``stderr`` the CLI's full error output.
    """

    def __init__(self, message, returncode=None, args_used=None, stderr=""):
        super().__init__(message)
        self.returncode = returncode
        self.args_used = list(args_used or [])
        self.stderr = stderr


class BinaryNotFoundError(CnnMemError, FileNotFoundError):
    """No native cnnmem: neither ``CNNMEM_BIN`` nor ``cnnmem`` on ``PATH``."""


class ExportError(CnnMemError):
    """The model could not be exported to ONNX.

    ``module`` is the module path (``layer1.0.conv1``, ``""`` for the root) that was running the op,
    where it is known, ``op`` the operator (``aten::fft_fft2``), and ``original`` the exporter's own
    exception (also kept as ``__cause__``-free attribute, so printing this error stays short).
    """

    def __init__(self, message, module=None, op=None, original=None):
        super().__init__(message)
        self.module = module
        self.op = op
        self.original = original
