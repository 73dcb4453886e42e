"""Lazy package exports: a sub-package names its public API without importing it until first use.

`tui.analysis` must not pull in the model code and `tui.ingest` not lxml/trafilatura just because
something imported one small module from them; `lazy_exports` gives a package a module
`__getattr__` that imports the owning module when a name is first asked for. `lazy_module` does the
same for one module a module uses only inside its functions (the library index and the ingest
pipeline: the reader's first frame needs the one, not the other).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from types import ModuleType
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


class LazyModule(ModuleType):
    """Stands for a module not imported yet: the first attribute read imports it (thread-safe:
    `importlib.import_module` takes the import lock) and every read after that goes to it.

    For a module-level `from x import y as z` whose users only read `z.attr` inside functions: the
    import then happens on the first call, not when the importing module loads. Type checkers
    see the real module (import it under `if TYPE_CHECKING:` and bind this in the `else:`)."""

    def __init__(self, name: str) -> None:
        super().__init__(name, f"{name}, imported on first use")

    def __getattr__(self, attribute: str) -> Any:
        return getattr(importlib.import_module(self.__name__), attribute)


def lazy_module(name: str) -> Any:
    """A stand-in for module `name` that imports it on first attribute access (`LazyModule`)."""
    return LazyModule(name)
