"""Lazy package exports: a sub-package names its public API without importing it until first use.

`tui.analysis` must not pull in the model code and `tui.ingest` not lxml/trafilatura just because
something imported one small module from them; `lazy_exports` gives a package a module
`__getattr__` that imports the owning module when a name is first asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, exports: Mapping[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` for `package`: `exports` maps each public name to its module
    (relative to `package`, e.g. "model" for `tui.analysis.model`)."""

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{module}"), name)

    return __getattr__
