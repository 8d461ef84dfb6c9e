"""Finding and running the native cnnmem executable."""
import functools
import os
import re
import shutil
import subprocess

from .errors import BinaryNotFoundError, CnnMemError

BUILD_HINT = (
    "build it with `dotnet publish src/CnnMem.Cli -c Release` in a cnnmem checkout and set "
    "CNNMEM_BIN=src/CnnMem.Cli/bin/Release/net10.0/linux-x64/publish/cnnmem (or put `cnnmem` on PATH, "
    "e.g. `dotnet tool install --global --add-source ./packages CnnMem.Tool` after `dotnet pack src/CnnMem.Cli -c Release -o ./packages`)"
)


def find_binary():
    """The command that runs cnnmem: ``CNNMEM_BIN`` first, then ``cnnmem`` on ``PATH``.

    ``CNNMEM_BIN`` may name the native executable, the dotnet tool or a ``CnnMem.Cli.dll`` (run with
    ``dotnet``). Returns a list (the command's first words).
    """
    env = os.environ.get("CNNMEM_BIN")
    if env:
        path = os.path.expanduser(env)
        if path.endswith(".dll") and os.path.isfile(path):
            dotnet = shutil.which("dotnet")
            if dotnet is None:
                raise BinaryNotFoundError(f"cnnmem: CNNMEM_BIN={env} is a .dll but `dotnet` is not on PATH; {BUILD_HINT}")
            return [dotnet, path]
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return [path]
        found = shutil.which(path)
        if found:
            return [found]
        raise BinaryNotFoundError(f"cnnmem: CNNMEM_BIN={env} is not an executable file; {BUILD_HINT}")
    found = shutil.which("cnnmem")
    if found:
        return [found]
    raise BinaryNotFoundError(f"cnnmem: the native `cnnmem` was not found (CNNMEM_BIN is not set and no `cnnmem` on PATH); {BUILD_HINT}")


def run(args, binary=None):
    """Runs ``cnnmem ARGS`` and returns its stdout; a failure raises CnnMemError with the CLI's message."""
    cmd = list(binary or find_binary()) + [str(a) for a in args]
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as e:
        raise BinaryNotFoundError(f"cnnmem: could not run {cmd[0]}: {e.strerror}; {BUILD_HINT}") from None
    if proc.returncode != 0:
        message = proc.stderr.strip() or proc.stdout.strip() or f"exit status {proc.returncode}"
        raise CnnMemError(message, returncode=proc.returncode, args_used=cmd, stderr=proc.stderr)
    return proc.stdout


_OPTION = re.compile(r"^\s+(?:-\w, )?(--[a-z0-9-]+)(?:, --[a-z0-9-]+)?(?: <([^>]+)>)?")


@functools.lru_cache(maxsize=8)
def _options(binary, command):
    """The options of ``cnnmem COMMAND`` as its --help lists them: {name: value placeholder or None}."""
    text = run([command, "--help"], binary=list(binary))
    options = {}
    for line in text.splitlines():
        m = _OPTION.match(line)
        if m:
            options[m.group(1)[2:]] = m.group(2)
    return options


def options(command, binary=None):
    """{option name (kebab case, no dashes): placeholder (``N``, ``true|false``) or None for a flag}."""
    return _options(tuple(binary or find_binary()), command)
