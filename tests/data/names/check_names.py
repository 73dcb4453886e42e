"""Check parts of the names dev set: every name and alias occurs in its article body, and
`mentions` is not below the number of exact occurrences of its spellings that are not inside a
longer listed name. Equal counts are expected except where a spelling is shared by two entries
(namesakes, clubs named after cities, shared surnames) or is part of an unlisted name (a vessel);
those rows are printed for a check by eye.

Run: `python3 check_names.py tuned2 heldout3 tuned4` here (a part is a folder name here or a path),
or `python3 ../check_names.py` inside a part (no argument: the working directory)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent  # the parts are found here by name
TYPES = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}


def body_of(md: Path) -> str:
    """The article body: everything after the closing front-matter fence."""
    return md.read_text(encoding="utf-8").split("---", 2)[2]


def part_folder(part: str) -> Path:
    """A part named by its folder name here, or by a path."""
    return HERE / part if (HERE / part).is_dir() else Path(part)


def main(parts: list[str]) -> int:
    bad = 0
    for part in parts or ["."]:
        print(f"{part}:")
        bad += check(part_folder(part))
    return 1 if bad else 0


def check(folder: Path) -> int:
    """Print the problems of one part; how many there are."""
    bad = 0
    ids: dict[str, set[tuple[str, str]]] = {}
    for js in sorted(folder.glob("*.names.json")):
        data = json.loads(js.read_text(encoding="utf-8"))
        body = body_of(folder / data["file"])
        spellings = sorted(
            {s for e in data["names"] for s in [e["name"], *e["aliases"]]}, key=len, reverse=True
        )
        taken = [False] * len(body)
        hits: dict[str, int] = {}
        for s in spellings:
            for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", body):
                if any(taken[m.start() : m.end()]):
                    continue
                taken[m.start() : m.end()] = [True] * (m.end() - m.start())
                hits[s] = hits.get(s, 0) + 1
        for e in data["names"]:
            if TYPES.get(e["label"]) != e["type"]:
                print(f"{js.name}: {e['name']}: type {e['type']} does not fit label {e['label']}")
                bad += 1
            ids.setdefault(e["id"], set()).add((e["type"], js.name))
            for s in [e["name"], *e["aliases"]]:
                if s not in body:
                    print(f"{js.name}: {s!r} not in body")
                    bad += 1
            found = sum(hits.get(s, 0) for s in [e["name"], *e["aliases"]])
            if found < e["mentions"]:
                print(f"{js.name}: {e['id']}: mentions {e['mentions']} > occurrences {found}")
                bad += 1
            elif found != e["mentions"]:
                print(f"{js.name}: {e['id']}: shared spelling, {e['mentions']} of {found} (check by eye)")
    for i, uses in ids.items():
        if len({t for t, _ in uses}) > 1:
            print(f"id {i} has several types: {sorted(uses)}")
            bad += 1
    print("errors:", bad)
    return bad


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
