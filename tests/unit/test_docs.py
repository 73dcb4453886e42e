"""docs/ARCHITECTURE.md stays true to the tree: every module below the UI is on the map, every path
on the map exists, and every citation of a section names one that is there."""

from __future__ import annotations

import re

from tests.locations import ROOT

DOC = ROOT / "docs" / "ARCHITECTURE.md"
CORE_PACKAGES = ("core", "ingest", "store", "analysis", "feeds", "names", "output")
# A citation: the file name, a comma, then one or more section names in double quotes.
CITATION = re.compile(r'ARCHITECTURE\.md, ((?:"[^"]+"(?:, )?)+)')


def doc_text() -> str:
    return DOC.read_text(encoding="utf-8")


def mapped_paths() -> list[str]:
    section = doc_text().split("## Map of the code", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([^`]+)` \|", section, flags=re.MULTILINE)


def test_every_path_on_the_map_exists() -> None:
    paths = mapped_paths()
    assert len(paths) > 20
    for path in paths:
        pattern = path.replace("<package>", "*")
        assert list(ROOT.glob(pattern)), path


def test_every_core_module_is_on_the_map() -> None:
    paths = set(mapped_paths())
    for package in CORE_PACKAGES:
        for module in sorted((ROOT / "tui" / package).glob("*.py")):
            if module.name != "__init__.py":
                assert f"tui/{package}/{module.name}" in paths, module


def test_citations_name_sections_that_exist() -> None:
    sections = set(re.findall(r"^## (.+)$", doc_text(), flags=re.MULTILINE))
    cited: set[str] = set()
    files = [path for folder in ("tui", "tests", "bench") for path in (ROOT / folder).rglob("*.py")]
    for path in [*files, ROOT / "pyproject.toml"]:
        for match in CITATION.finditer(path.read_text(encoding="utf-8")):
            cited.update(re.findall(r'"([^"]+)"', match.group(1)))
    assert cited, "no citations found: the pattern is broken"
    assert cited <= sections, cited - sections



def test_no_citation_points_outside_the_repository() -> None:
    """The team's shared notes are not in the repo: code, tests and docs cite docs/ARCHITECTURE.md."""
    outside = re.compile(r"\b(DESIGN|STYLE|DEVELOPERS)\.md\b")
    found = []
    for folder in ("tui", "tests", "bench", "docs"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in {".py", ".md", ".tcss", ".toml"} and path.is_file():
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    if outside.search(line) and path.name != "test_docs.py":
                        found.append(f"{path.relative_to(ROOT)}:{number}")
    if outside.search((ROOT / "README.md").read_text(encoding="utf-8")):
        found.append("README.md")
    assert not found, found
