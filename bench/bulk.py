"""Bulk analysis throughput, run by bench/run.py in a subprocess (DATELINE_* dirs set to temp dirs).

    python bench/bulk.py FOLDER CHUNKS

Imports FOLDER into the user library (like `dateline import`), then analyses every article in
CHUNKS interleaved rounds: a naive loop calling `nlp(body)` per article with the full pipeline,
then Dateline's bulk path on the same articles with a fresh cache (defaults, and n_process=2).
Prints one JSON object.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def _ours(analyzer: Any, articles: list[Any]) -> str:
    """Analyse with `Analyzer.analyze_many` when it exists, else an nlp.pipe loop; the method."""
    if hasattr(analyzer, "analyze_many"):
        for _ in analyzer.analyze_many(articles):
            pass
        return "Analyzer.analyze_many (defaults)"
    # Fallback until analyze_many lands: every paragraph of the chunk through one nlp.pipe,
    # then the same refinement and facts the app computes per article.
    from tui.analysis.facts import extract_facts, refine_article
    from tui.analysis.model import _chunks

    model = analyzer.model
    pieces = [
        (index, text, offset) for index, a in enumerate(articles) for text, offset in _chunks(a.body)
    ]
    docs: list[list[tuple[Any, int]]] = [[] for _ in articles]
    for doc, (index, _, offset) in zip(
        model.nlp.pipe((text for _, text, _ in pieces), batch_size=64), pieces, strict=True
    ):
        docs[index].append((doc, offset))
    for article_docs in docs:
        entities = refine_article(article_docs)
        extract_facts(article_docs, entities)
    return "fallback: nlp.pipe(batch_size=64) over all paragraphs + refine + facts"


def main(argv: list[str]) -> int:
    folder, chunks = Path(argv[0]), int(argv[1])
    import spacy

    from tui.analysis.model import Analyzer, load_model
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
    our_rates: list[float] = []
    two_process_rates: list[float] = []
    method = ""
    for first in range(0, len(articles), size):
        chunk = articles[first : first + size]
        words = sum(a.words for a in chunk)
        start = time.perf_counter()
        for article in chunk:
            naive_nlp(article.body)
        naive_rates.append(words / (time.perf_counter() - start))
        with tempfile.TemporaryDirectory() as cache:
            analyzer = Analyzer(Path(cache))
            analyzer.use_model(model, status)
            start = time.perf_counter()
            method = _ours(analyzer, chunk)
            our_rates.append(words / (time.perf_counter() - start))
        if hasattr(Analyzer, "analyze_many"):
            with tempfile.TemporaryDirectory() as cache:
                analyzer = Analyzer(Path(cache))
                analyzer.use_model(model, status)
                start = time.perf_counter()
                for _ in analyzer.analyze_many(chunk, n_process=2):
                    pass
                two_process_rates.append(words / (time.perf_counter() - start))
    print(
        json.dumps(
            {
                "articles": len(articles),
                "words": sum(a.words for a in articles),
                "import_seconds": import_seconds,
                "naive_rates": naive_rates,
                "our_rates": our_rates,
                "two_process_rates": two_process_rates,
                "method": method,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
