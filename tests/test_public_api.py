import subprocess
import sys
from types import ModuleType

import synthdata


def test_all_lists_exactly_the_public_names():
    """__all__ is sorted and matches what the package exports (httpx's exported-members test)."""
    public = sorted(
        n
        for n, v in vars(synthdata).items()
        if not n.startswith("_") and not isinstance(v, ModuleType)
    )
    assert synthdata.__all__ == sorted(synthdata.__all__)
    assert synthdata.__all__ == public


def test_import_all_works():
    """`from synthdata import *` binds every name in __all__."""
    namespace: dict[str, object] = {}
    exec("from synthdata import *", namespace)
    assert set(synthdata.__all__) <= set(namespace)


def test_import_stays_light():
    """Importing synthdata loads neither Faker nor litellm; they load only when used."""
    code = (
        "import sys, synthdata; print(sorted(m for m in ('faker', 'litellm') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
