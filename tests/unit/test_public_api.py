"""Each sub-package names its public API, imports cheaply, and keeps its private modules private
(docs/ARCHITECTURE.md, "Layers")."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import tui

TUI_DIR = Path(tui.__file__).parent
SUB_PACKAGES = ("core", "ingest", "store", "analysis", "output")


def module_name(path: Path, root: Path, package: str) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([package, *parts])


def private_module_imports(root: Path, package: str) -> list[str]:
    """`importer -> imported` for every import of a module whose name starts with `_` (not
    `__init__`/`__main__`) from outside the sub-package that holds it."""
    modules = {module_name(p, root, package) for p in root.rglob("*.py")}
    found = []
    for path in sorted(root.rglob("*.py")):
        importer = module_name(path, root, package)
        is_package = path.name == "__init__.py"
        imported: list[str] = []
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = importer.split(".")
                    anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                    base = ".".join([*anchor, base] if base else anchor)
                imported.append(base)
                names = [f"{base}.{alias.name}" for alias in node.names]
                imported += [name for name in names if name in modules]
        for name in imported:
            parts = name.split(".")
            if parts[0] != package:
                continue
            private = [i for i, part in enumerate(parts) if part.startswith("_") and part[:2] != "__"]
            if not private:
                continue
            owner = ".".join(parts[: private[0]])  # the package that holds the private module
            if importer != owner and not importer.startswith(owner + "."):
                found.append(f"{importer} -> {name}")
    return found


def test_no_module_imports_another_packages_private_module() -> None:
    assert private_module_imports(TUI_DIR, "tui") == []


def test_the_private_module_check_finds_a_breach(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    for folder in ("a", "b"):
        (root / folder).mkdir(parents=True)
        (root / folder / "__init__.py").write_text("")
    (root / "__init__.py").write_text("")
    (root / "a" / "_hidden.py").write_text("X = 1\n")
    (root / "a" / "public.py").write_text("from pkg.a._hidden import X\nfrom . import _hidden\n")
    (root / "b" / "user.py").write_text("from pkg.a._hidden import X\n")
    (root / "b" / "other.py").write_text("from pkg.a import _hidden\n")
    (root / "b" / "third.py").write_text("import pkg.a._hidden\n")
    assert private_module_imports(root, "pkg") == [
        "pkg.b.other -> pkg.a._hidden",
        "pkg.b.third -> pkg.a._hidden",
        "pkg.b.user -> pkg.a._hidden",
    ]


@pytest.mark.parametrize("name", SUB_PACKAGES)
def test_sub_package_names_its_public_api(name: str) -> None:
    package = importlib.import_module(f"tui.{name}")
    doc = (package.__doc__ or "").strip()
    assert doc and "\n" not in doc and doc != "TODO"
    assert package.__all__, name
    for public in package.__all__:
        assert not public.startswith("_")
        value = getattr(package, public)
        assert value is not None
        assert getattr(value, "__module__", f"tui.{name}").startswith(f"tui.{name}")


@pytest.mark.parametrize(
    ("package", "heavy"),
    [("tui.analysis", ("spacy", "thinc")), ("tui.ingest", ("lxml", "trafilatura")), ("tui.store", ("lxml",))],
)
def test_importing_a_package_stays_cheap(package: str, heavy: tuple[str, ...]) -> None:
    code = f"import sys, {package}\nbad = [m for m in {heavy!r} if m in sys.modules]\nassert not bad, bad\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_an_unknown_name_is_an_attribute_error() -> None:
    import tui.analysis

    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        tui.analysis.nothing_here  # noqa: B018
