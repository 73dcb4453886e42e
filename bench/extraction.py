"""Body extraction quality on Dateline's own evaluation pages (tests/data/extraction).

    python bench/extraction.py [FOLDER]

Prints, per page and as the mean, word 4-gram shingle precision, recall and F1 of Dateline's lxml
rules alone, of trafilatura alone and of the combination Dateline stores (trafilatura with Dateline's
rules on top and as the fallback), with the combination's F1 against the better part's on each page:
the same table `tests/unit/ingest/test_extraction_eval.py` prints in CI. FOLDER holds `NAME.html`
pages with their gold bodies in `NAME.gold.txt`.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.unit.ingest.test_extraction_eval import PAGES_DIR, evaluate, format_table  # noqa: E402


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else PAGES_DIR
    results = evaluate(folder)
    if not results:
        print(f"no NAME.html pages in {folder}", file=sys.stderr)
        return 1
    print(format_table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
