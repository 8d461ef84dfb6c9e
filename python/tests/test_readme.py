"""The README's Python examples, run as written: every ```python block that imports cnnmem, and the quick start's
`python3 -c "..."` line (the native cnnmem comes from CNNMEM_BIN, as for every test here)."""
import os
import re
import subprocess
import sys

import pytest

README = os.path.join(os.path.dirname(__file__), "..", "..", "README.md")


def _readme():
    with open(README, encoding="utf-8") as f:
        return f.read()


def _blocks():
    return [b for b in re.findall(r"```python\n(.*?)```", _readme(), flags=re.S) if "import cnnmem" in b]


def _one_liners():
    return re.findall(r'^python3 -c "(.*)"\s*$', _readme(), flags=re.M)


def test_readme_has_python_examples():
    assert _blocks(), "no ```python block that imports cnnmem in the README"
    assert _one_liners(), "no python3 -c line in the README's quick start"


@pytest.mark.parametrize("code", _blocks() + _one_liners())
def test_readme_example_runs(code, binary, tmp_path):
    # the binary fixture fails the test when there is no native cnnmem; the example finds it as a user would, through CNNMEM_BIN
    r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=600,
                       env=dict(os.environ))
    assert r.returncode == 0, f"README example failed:\n{code}\n--- stderr:\n{r.stderr[-3000:]}"
