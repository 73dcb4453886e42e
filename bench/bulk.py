"""Bulk analysis throughput, run by bench/run.py in a subprocess (DATELINE_* dirs set to temp dirs).

    python bench/bulk.py FOLDER CHUNKS

Imports FOLDER into the user library (like `dateline import`), then analyses every article in
CHUNKS interleaved rounds: a naive loop calling `nlp(body)` per article with the full pipeline,
then Dateline's bulk path on the same articles with a fresh cache: `Analyzer.analyze_many` in one
process (n_process=1, what the app does), then as `dateline analyze` runs it (n_process=0: one
forked worker per core).
Prints one JSON object.
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (the workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _rate(analyzer: Any, articles: list[Any], words: int, n_process: int) -> tuple[float, float]:
    """Words per second of `Analyzer.analyze_many` on `articles` (fresh cache), and the CPU
    seconds it took (workers included)."""
    start, cpu = time.perf_counter(), _cpu()
    done = sum(1 for _ in analyzer.analyze_many(articles, n_process=n_process))
    seconds = time.perf_counter() - start
    assert done == len(articles), (done, len(articles))
    return words / seconds, _cpu() - cpu


def main(argv: list[str]) -> int:
    folder, chunks = Path(argv[0]), int(argv[1])
    import spacy

    from tui.analysis.engine import load_model
    from tui.analysis.model import Analyzer
    from tui.analysis.pool import usable_cores, worker_count
    from tui.store.library import Library

    library = Library.default()
    start = time.perf_counter()
    results = library.import_inputs([str(folder)])
    import_seconds = time.perf_counter() - start
    imported = [r.article_id for r in results if r.status == "imported" and r.article_id]
    articles = [library.get(article_id) for article_id in imported]
    articles = [a for a in articles if a is not None]

    model, status = load_model()
    assert model is not None, status
    naive_nlp = spacy.load(model.name.rsplit("-", 1)[0])  # the full pipeline, as shipped
    naive_nlp(articles[0].body)
    size = -(-len(articles) // chunks)
    naive_rates: list[float] = []
    cpu_seconds = {"naive": 0.0, "one_process": 0.0, "auto": 0.0}
    one_process_rates: list[float] = []
    auto_rates: list[float] = []
    for first in range(0, len(articles), size):
        chunk = articles[first : first + size]
        words = sum(a.words for a in chunk)
        start, cpu = time.perf_counter(), _cpu()
        for article in chunk:
            naive_nlp(article.body)
        naive_rates.append(words / (time.perf_counter() - start))
        cpu_seconds["naive"] += _cpu() - cpu
        for n_process, rates, key in ((1, one_process_rates, "one_process"), (0, auto_rates, "auto")):
            with tempfile.TemporaryDirectory() as cache:
                analyzer = Analyzer(Path(cache))
                analyzer.use_model(model, status)
                rate, cpu = _rate(analyzer, chunk, words, n_process)
                rates.append(rate)
                cpu_seconds[key] += cpu
    print(
        json.dumps(
            {
                "articles": len(articles),
                "words": sum(a.words for a in articles),
                "import_seconds": import_seconds,
                "naive_rates": naive_rates,
                "one_process_rates": one_process_rates,
                "auto_rates": auto_rates,
                "auto_processes": worker_count(0),
                "cores": usable_cores(),
                "cpu_seconds": cpu_seconds,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
