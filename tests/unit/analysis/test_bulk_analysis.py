"""Analyzer.analyze_many: same results as analyze, cached articles skipped, progress, cancel, index."""

from __future__ import annotations

import json
import multiprocessing
import os
import threading
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest

from tui.analysis import engine as nlp
from tui.analysis import model, pool
from tui.analysis.engine import LoadedModel, analyze_text
from tui.analysis.model import Analyzer
from tui.core.article import Article
from tui.ingest.pipeline import load_file

SAMPLE_NAMES = (
    "us-japan-security-alliance.txt",
    "glasgow-museum-benin-bronzes.md",
    "northwind-foods-job-cuts.txt",
    "science-briefs.json",
)


class CountingPipeline:
    """Wraps a spaCy pipeline and counts the texts it is asked to parse."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.texts: list[str] = []

    def pipe(self, texts: Any, *, as_tuples: bool = False, **kwargs: Any) -> Iterator[Any]:
        def counted() -> Iterator[Any]:
            for item in texts:
                self.texts.append(item[0] if as_tuples else item)
                yield item

        return self.nlp.pipe(counted(), as_tuples=as_tuples, **kwargs)  # type: ignore[no-any-return]


@pytest.fixture
def samples(samples_dir: Path) -> list[Article]:
    articles: list[Article] = []
    for name in SAMPLE_NAMES:
        articles += load_file(samples_dir / name)
    return articles


def counting_analyzer(loaded_model: LoadedModel, cache: Path) -> tuple[Analyzer, CountingPipeline]:
    counter = CountingPipeline(loaded_model.nlp)
    analyzer = Analyzer(cache)
    analyzer.use_model(LoadedModel(nlp=counter, name=loaded_model.name), "ok")
    return analyzer, counter


def test_results_are_identical_to_analyze(
    loaded_model: LoadedModel, samples: list[Article], tmp_path: Path
) -> None:
    analyzer = Analyzer(tmp_path)
    analyzer.use_model(loaded_model, "ok")
    many = {a.article_id: a for a in analyzer.analyze_many(samples, batch_size=7)}
    assert set(many) == {a.id for a in samples} and len(samples) > len(SAMPLE_NAMES)
    for article in samples:
        single = analyze_text(loaded_model, article)
        assert single is not None
        assert many[article.id].entities == single.entities, article.title
        assert many[article.id].facts == single.facts, article.title
        assert many[article.id].notes == single.notes
        assert many[article.id].model == loaded_model.name
    seed = samples[0]
    kerry = next(f for f in many[seed.id].facts["people"] if f["name"] == "John Kerry")
    assert kerry["mentions"] >= 2


def test_cached_articles_are_not_parsed_again(
    loaded_model: LoadedModel, samples: list[Article], tmp_path: Path
) -> None:
    analyzer, counter = counting_analyzer(loaded_model, tmp_path)
    first, second, *rest = samples
    analyzer.analyze(first)
    analyzer.analyze(second)
    counter.texts.clear()
    progress: list[tuple[int, int]] = []
    batch = [first, *rest, second, rest[0]]
    fresh = list(analyzer.analyze_many(batch, progress=lambda d, t: progress.append((d, t))))
    assert [a.article_id for a in fresh] == [a.id for a in rest]
    parsed = set(counter.texts)
    assert parsed == {p for a in rest for p in a.paragraphs}  # nothing of the cached two
    assert len(counter.texts) == sum(len(a.paragraphs) for a in rest)  # the duplicate once
    total = len(rest) + 3
    assert progress[-1] == (total, total)
    assert [d for d, _ in progress] == sorted(d for d, _ in progress)
    # everything is cached now: a second run parses nothing and yields nothing
    counter.texts.clear()
    assert list(analyzer.analyze_many(samples)) == [] and counter.texts == []


def test_results_go_to_the_cache(loaded_model: LoadedModel, samples: list[Article], tmp_path: Path) -> None:
    analyzer = Analyzer(tmp_path)
    analyzer.use_model(loaded_model, "ok")
    list(analyzer.analyze_many(samples))
    seed = samples[0]
    assert analyzer.cache.get(seed.id, loaded_model.name) is not None
    assert analyzer.cache.cached_ids(loaded_model.name) == {a.id for a in samples}
    # a fresh Analyzer (a new process) sees it all without parsing
    other, counter = counting_analyzer(loaded_model, tmp_path)
    assert list(other.analyze_many(samples)) == [] and counter.texts == []


def test_single_analyze_also_caches(
    loaded_model: LoadedModel, samples: list[Article], tmp_path: Path
) -> None:
    analyzer = Analyzer(tmp_path)
    analyzer.use_model(loaded_model, "ok")
    analyzer.analyze(samples[0])
    assert analyzer.cache.cached_ids(loaded_model.name) == {samples[0].id}


def test_cancel_stops_and_keeps_what_was_finished(
    loaded_model: LoadedModel, samples: list[Article], tmp_path: Path
) -> None:
    analyzer, counter = counting_analyzer(loaded_model, tmp_path)
    yielded: list[str] = []
    for analysis in analyzer.analyze_many(samples, batch_size=1, cancelled=lambda: len(counter.texts) > 12):
        yielded.append(analysis.article_id)
    assert len(counter.texts) < sum(len(a.paragraphs) for a in samples)
    cached = analyzer.cache.cached_ids(loaded_model.name)
    assert set(yielded) <= cached and len(cached) < len(samples)
    # the rest is done next time, the finished ones are not parsed again
    rest = list(analyzer.analyze_many(samples))
    assert {a.article_id for a in rest} == {a.id for a in samples} - cached


def test_without_a_model_plain_analyses_and_nothing_stored(samples: list[Article], tmp_path: Path) -> None:
    analyzer = Analyzer(tmp_path)
    analyzer.use_model(None, "No model")
    results = list(analyzer.analyze_many(samples[:2]))
    assert [a.model for a in results] == [None, None] and results[0].notes == ["No model"]
    assert analyzer.cache.cached_ids("any") == set()


def test_lazy_sequences_are_read_as_the_parse_goes(
    loaded_model: LoadedModel, samples: list[Article], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(model, "STORE_BATCH", 1)
    analyzer = Analyzer(tmp_path)
    analyzer.use_model(loaded_model, "ok")
    read: list[int] = []

    def articles() -> Iterator[Article]:
        for n, article in enumerate(samples):
            read.append(n)
            yield article

    stream = analyzer.analyze_many(articles(), batch_size=2)
    first = next(stream)
    assert first.article_id == samples[0].id and len(read) < len(samples)
    stream.close()


def test_cli_entity_search_analyses_an_empty_index_then_analyze_has_nothing_left(
    loaded_model: LoadedModel,
    seed_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tui.cli import main

    monkeypatch.setattr(nlp, "load_model", lambda: (loaded_model, "ok"))
    seed = load_file(seed_path)[0]
    assert main(["search", "ent:PERSON=John Kerry", "--json"]) == 0
    out, err = capsys.readouterr()
    assert "entity index is empty: analysing the library first" in err
    assert [(r["id"], r["mentions"]) for r in json.loads(out)] == [(seed.id, 4)]
    # the library is analysed now: nothing is parsed again
    assert main(["analyze"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("analysed 0 articles") and "already analysed" in out
    # a new file, analysed by path, one plain line per article when piped
    story = tmp_path / "kerry.txt"
    story.write_text("Kerry in Boston\n\nJohn Kerry spoke in Boston on Tuesday.\n", encoding="utf-8")
    assert main(["analyze", str(story), "--batch-size", "4"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"analysed {load_file(story)[0].id}") and "John Kerry" in lines[0]
    assert lines[-1].startswith("analysed 1 article ")
    assert main(["analyze", "no-such-id-or-file"]) == 1
    assert main(["analyze", "--processes", "-1"]) == 2


# ----- worker processes (tui/analysis/pool.py) ----------------------------------------------------
def recording_parse(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """Make every `parse_articles` call (in this process or a forked worker) append its pid to `log`."""
    real = nlp.parse_articles

    def parse(*args: Any, **kwargs: Any) -> Iterator[Any]:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        yield from real(*args, **kwargs)

    monkeypatch.setattr(nlp, "parse_articles", parse)


def test_worker_processes_give_the_same_analyses_as_analyze(
    loaded_model: LoadedModel, samples: list[Article], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pool, "TASK_CHARS", 1)  # one article per task: several tasks, both workers busy
    calls = tmp_path / "calls.txt"
    recording_parse(monkeypatch, calls)
    results = list(pool.analyse_in_pool(loaded_model, samples, processes=2, batch_size=5, stop=lambda: False))
    # in the order of the articles, every one, each exactly as `analyze` makes it
    assert [a.article_id for a in results] == [a.id for a in samples]
    for article, analysis in zip(samples, results, strict=True):
        single = analyze_text(loaded_model, article)
        assert single is not None
        assert analysis.to_json() == single.to_json(), article.title
    pids = calls.read_text(encoding="utf-8").split()
    assert len(pids) == len(samples) and str(os.getpid()) not in pids  # all of it in the workers
    assert multiprocessing.active_children() == []  # the workers are gone


def test_one_task_of_work_needs_no_workers(
    loaded_model: LoadedModel, samples: list[Article], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = tmp_path / "calls.txt"
    recording_parse(monkeypatch, calls)
    small = samples[:1]
    assert len(small[0].body) < pool.TASK_CHARS
    results = list(pool.analyse_in_pool(loaded_model, small, processes=2, batch_size=32, stop=lambda: False))
    assert [a.article_id for a in results] == [small[0].id]
    assert calls.read_text(encoding="utf-8").split() == [str(os.getpid())]


def test_analyze_many_with_workers_caches_indexes_and_skips_like_one_process(
    loaded_model: LoadedModel, samples: list[Article], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pool, "TASK_CHARS", 1)
    analyzer = Analyzer(tmp_path)
    analyzer.use_model(loaded_model, "ok")
    analyzer.analyze(samples[0])
    progress: list[tuple[int, int]] = []
    fresh = list(analyzer.analyze_many(samples, n_process=2, progress=lambda d, t: progress.append((d, t))))
    assert [a.article_id for a in fresh] == [a.id for a in samples[1:]]
    assert progress[-1] == (len(samples), len(samples))
    assert analyzer.cache.cached_ids(loaded_model.name) == {a.id for a in samples}
    for analysis in fresh:
        assert analyzer.cache.get(analysis.article_id, loaded_model.name) == analysis


def test_cancelling_stops_the_workers_at_once(
    loaded_model: LoadedModel, samples: list[Article], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pool, "TASK_CHARS", 1)
    monkeypatch.setattr(pool, "QUEUED_PER_WORKER", 0)
    read: list[Article] = []

    def articles() -> Iterator[Article]:
        for article in samples * 20:  # far more work than is done before the cancel
            read.append(article)
            yield article

    yielded = 0

    def cancelled() -> bool:
        return yielded >= 2

    results = pool.analyse_in_pool(loaded_model, articles(), processes=2, batch_size=32, stop=cancelled)
    for _ in results:
        yielded += 1
    assert yielded == 2 and len(read) < 10  # stopped after two analyses, reading only a few ahead
    assert multiprocessing.active_children() == []


def test_a_worker_that_dies_is_an_error_not_a_hang(
    loaded_model: LoadedModel, samples: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pool, "TASK_CHARS", 1)
    parent = os.getpid()
    real = nlp.parse_articles

    def crash_in_a_worker(*args: Any, **kwargs: Any) -> Iterator[Any]:
        if os.getpid() != parent:
            os._exit(3)  # as if the worker were killed (out of memory, a crash in native code)
        yield from real(*args, **kwargs)

    monkeypatch.setattr(nlp, "parse_articles", crash_in_a_worker)
    with pytest.raises(BrokenProcessPool):
        list(pool.analyse_in_pool(loaded_model, samples, processes=2, batch_size=32, stop=lambda: False))
    assert multiprocessing.active_children() == []


def test_no_pool_is_forked_from_a_process_running_threads() -> None:
    assert pool.worker_count(1) == 1
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert pool.worker_count(2) == 1 and pool.worker_count(0) == 1
    finally:
        release.set()
        thread.join()
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        assert pool.worker_count(2) == 2 and pool.worker_count(0) == pool.usable_cores()
