"""Names you can trust, measured: does each name land in the right group, and do timelines find it?

The data (`tests/data/names/`, format in its README) is in parts, each labelled by hand:
- `samples`: every person, organisation and place named in the bundled samples;
- `tuned` ... `tuned6`: original articles written for this evaluation, which the typing rules were
  tuned on (each by its own writer; the later ones measured before any tuning on them);
- `heldout` ... `heldout5`: articles written by others, never looked at while writing the rules.
  For these only the totals (and counts per file) are printed, so that tuning on them stays hard.

For each labelled name (its spelling and aliases in one article), the analysis's facts are searched:
it is *right* when it is listed only under its own group (people, organisations, places), *wrong*
when it is listed under another group (even beside the right one), *missing* when not listed. Names
that recur across a part's articles also give gold timelines, compared with `NameIndex.timeline`.
The tables are printed in every run (shown in CI whatever the capture setting).
"""

from __future__ import annotations

import contextlib
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests import locations
from tests.unit.names.helpers import indexed
from tui.analysis.engine import LoadedModel
from tui.core.article import Article
from tui.ingest.pipeline import load_file
from tui.names.index import NameIndex
from tui.names.rows import IndexedArticle

DATA = locations.DATA / "names"
SAMPLES = locations.ROOT / "sample_articles"
KIND_OF_TYPE = {"person": "people", "org": "organizations", "place": "places"}
TYPE_OF_LABEL = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}
Span = tuple[int, int, str]
NAMED_SECTIONS = ("people", "organizations", "groups", "places")
# Floors: a regression guard a little under today's figures (README, "Names, measured").
FLOORS = {
    # The samples: no name in a wrong group (issue 18), and no fewer right than now.
    "samples": {"right": 0.96, "wrong": 0.0},
    "tuned": {"right": 0.94, "wrong": 0.04},
    "tuned2": {"right": 0.90, "wrong": 0.07},
    "tuned3": {"right": 0.90, "wrong": 0.06},
    # Writer F's parts, measured when they were added (tuned4: right 0.80, wrong 0.12; heldout3:
    # right 0.81, wrong 0.12); tuned4 tuned on since (session 5), heldout3 never looked at.
    "tuned4": {"right": 0.84, "wrong": 0.10},
    # Writer G's parts, measured once when they were added (tuned5: right 0.820, wrong 0.095,
    # timeline recall 0.89; heldout4: right 0.843, wrong 0.091, timeline recall 0.78); tuned5 tuned
    # on since (session 6), heldout4 never looked at.
    "tuned5": {"right": 0.88, "wrong": 0.07},
    # Writer H's parts, measured once when they were added (tuned6: right 0.773, wrong 0.150,
    # timeline recall 0.95; heldout5: right 0.818, wrong 0.113, timeline recall 1.00); tuned6 tuned
    # on since (session 7, 0.829 / 0.101), heldout5 never looked at.
    "tuned6": {"right": 0.80, "wrong": 0.12},
    # Writer I's part, measured once when added (tuned7: right 0.818, wrong 0.109, timeline recall
    # 0.98); tuned on since (session 7, 0.857 / 0.070).
    "tuned7": {"right": 0.83, "wrong": 0.09},
    # Writer J's part, measured once when added (tuned8: right 0.830, wrong 0.113, timeline recall
    # 1.00); tuned on since (session 8: 0.876 / 0.081).
    "tuned8": {"right": 0.85, "wrong": 0.10},
    # Writer K's part, measured once when added (tuned9: right 0.819, wrong 0.090, timeline recall
    # 0.98); tuned on since (session 8: 0.861 / 0.084).
    "tuned9": {"right": 0.83, "wrong": 0.10},
    # Writer L's part, measured once when added (tuned10: right 0.851, wrong 0.069, timeline recall
    # 0.98); tuned on since (session 8: 0.900 / 0.052).
    "tuned10": {"right": 0.87, "wrong": 0.07},
    # Writer M's part, measured once when added (tuned11: right 0.866, wrong 0.055, timeline recall
    # 0.81); tuned on since (session 8: 0.903 / 0.038, timeline recall 0.875).
    "tuned11": {"right": 0.87, "wrong": 0.06},
    # Writers N-Q's parts (session 9), measured once when added, then tuned on: tuned12 (Southern
    # and West Africa, Brazil, Portugal) 0.785 / 0.108, timeline recall 0.971; tuned13 (US and UK)
    # 0.809 / 0.104, 0.893; tuned14 (Levant, Iran, Caucasus, Russia and Ukraine, Balkans) 0.814 /
    # 0.126, 1.000; tuned15 (China, Mongolia, mainland SE Asia, Bangladesh, Sri Lanka, the Pacific)
    # 0.861 / 0.081, 0.902.
    "tuned12": {"right": 0.79, "wrong": 0.12},
    "tuned13": {"right": 0.78, "wrong": 0.12},
    "tuned14": {"right": 0.81, "wrong": 0.14},
    "tuned15": {"right": 0.83, "wrong": 0.10},
    # Writers R and S (session 9, late), measured once when added: tuned16 (Central America, the
    # Andes, the Caribbean) 0.795 / 0.134, timeline recall 0.923; tuned17 (East Africa, the Horn,
    # Egypt, the Gulf) 0.834 / 0.084, 0.918.
    "tuned16": {"right": 0.77, "wrong": 0.15},
    "tuned17": {"right": 0.81, "wrong": 0.10},
    # Writers T-W (session 10), measured once when added: tuned18 (Nordic countries, Germany,
    # Austria, the Low Countries, Poland, Czechia, Hungary, Romania) 0.874 / 0.080, timeline recall
    # 0.984; tuned19 (Japan, Korea, India, Indonesia, Malaysia, Singapore, the Philippines) 0.868 /
    # 0.075, 0.983; tuned20 (France, Belgium, Switzerland, Quebec, the Maghreb, West and Central
    # Africa) 0.803 / 0.129, 0.968; tuned21 (Australia, New Zealand, Canada, Ireland, US local)
    # 0.782 / 0.117, 1.000.
    "tuned18": {"right": 0.85, "wrong": 0.10},
    "tuned19": {"right": 0.84, "wrong": 0.10},
    "tuned20": {"right": 0.78, "wrong": 0.15},
    "tuned21": {"right": 0.76, "wrong": 0.14},
    # Writers X, Y, Z and AA (session 10, late: written after every rule of the session), measured
    # once when added: tuned22 (Italy, Spain, Portugal, Greece, Turkey, Cyprus, Malta) 0.799 /
    # 0.102, timeline recall 0.966; tuned23 (Central Asia, Azerbaijan, Pakistan, Afghanistan, Nepal,
    # Bhutan, the Maldives) 0.875 / 0.069, 1.000; tuned24 (Argentina, Chile, Uruguay, Paraguay, Peru,
    # Mexico) 0.836 / 0.115, 1.000; tuned25 (science, technology and health news) 0.910 / 0.043, 1.000.
    "tuned22": {"right": 0.77, "wrong": 0.13},
    "tuned23": {"right": 0.85, "wrong": 0.10},
    "tuned24": {"right": 0.81, "wrong": 0.14},
    "tuned25": {"right": 0.88, "wrong": 0.07},
    # Held-out parts: a guard against regressions only (end of session 7: 0.909 / 0.893 / 0.873 /
    # 0.881 / 0.845 / 0.826 right; end of session 8: 0.909 / 0.893 / 0.876 / 0.887 / 0.854 / 0.845,
    # and 0.865 / 0.858 / 0.824 / 0.815 for heldout7 ... heldout10).
    "heldout": {"right": 0.88, "wrong": 0.08},
    "heldout2": {"right": 0.86, "wrong": 0.08},
    "heldout3": {"right": 0.84, "wrong": 0.10},
    "heldout4": {"right": 0.85, "wrong": 0.09},
    "heldout5": {"right": 0.82, "wrong": 0.10},
    # Writer I's held-out part, measured once when added: right 0.818, wrong 0.095, timeline
    # recall 1.00; never looked at.
    "heldout6": {"right": 0.80, "wrong": 0.10},
    # Writer J's held-out part, measured once when added: right 0.846, wrong 0.088, timeline
    # recall 0.96; never looked at.
    "heldout7": {"right": 0.82, "wrong": 0.10},
    # Writer K's held-out part, measured once when added: right 0.854, wrong 0.094, timeline
    # recall 0.87; never looked at.
    "heldout8": {"right": 0.82, "wrong": 0.11},
    # Writer L's held-out part, measured once when added: right 0.814, wrong 0.115, timeline
    # recall 0.96; never looked at.
    "heldout9": {"right": 0.78, "wrong": 0.14},
    # Writer M's held-out part, measured once when added: right 0.812, wrong 0.096, timeline
    # recall 0.92; never looked at.
    "heldout10": {"right": 0.79, "wrong": 0.12},
    # Writers N-Q's held-out parts (session 9), measured once when added, never looked at:
    # heldout11 0.831 / 0.088, timeline recall 0.978; heldout12 0.830 / 0.076, 0.957; heldout13
    # 0.801 / 0.116, 0.900; heldout14 0.792 / 0.119, 0.914.
    "heldout11": {"right": 0.80, "wrong": 0.11},
    "heldout12": {"right": 0.80, "wrong": 0.10},
    "heldout13": {"right": 0.77, "wrong": 0.14},
    "heldout14": {"right": 0.76, "wrong": 0.14},
    # Writers R and S's held-out parts, measured once when added, never looked at: heldout15 0.831 /
    # 0.114, timeline recall 0.880; heldout16 0.869 / 0.065, 0.877.
    "heldout15": {"right": 0.80, "wrong": 0.14},
    "heldout16": {"right": 0.84, "wrong": 0.09},
    # Writers T-W's held-out parts (session 10), measured once when added, never looked at:
    # heldout17 0.780 / 0.119, timeline recall 0.889; heldout18 0.850 / 0.077, 0.896; heldout19
    # 0.864 / 0.069, 0.911; heldout20 0.840 / 0.095, 0.886.
    "heldout17": {"right": 0.75, "wrong": 0.14},
    "heldout18": {"right": 0.82, "wrong": 0.10},
    "heldout19": {"right": 0.84, "wrong": 0.09},
    "heldout20": {"right": 0.81, "wrong": 0.12},
    # Writers X, Y, Z and AA's held-out parts (session 10, late), measured once when added, never
    # looked at: heldout21 0.712 / 0.126, timeline recall 0.967; heldout22 0.846 / 0.082, 0.950;
    # heldout23 0.878 / 0.091, 0.983; heldout24 0.835 / 0.117, 0.977.
    "heldout21": {"right": 0.68, "wrong": 0.15},
    "heldout22": {"right": 0.82, "wrong": 0.11},
    "heldout23": {"right": 0.85, "wrong": 0.12},
    "heldout24": {"right": 0.80, "wrong": 0.14},
}
TIMELINE_FLOOR = {
    "samples": 0.95,
    "tuned": 0.95,
    "tuned2": 0.9,
    "tuned3": 0.9,
    "tuned4": 0.9,
    "tuned5": 0.9,
    "tuned6": 0.9,
    "tuned7": 0.9,
    "tuned8": 0.9,
    "tuned9": 0.9,
    "tuned10": 0.9,
    "tuned11": 0.85,
    "tuned12": 0.9,
    "tuned13": 0.85,
    "tuned14": 0.95,
    "tuned15": 0.85,
    "tuned16": 0.9,
    "tuned17": 0.88,
    "tuned18": 0.95,
    "tuned19": 0.95,
    "tuned20": 0.93,
    "tuned21": 0.95,
    "tuned22": 0.93,
    "tuned23": 0.95,
    "tuned24": 0.95,
    "tuned25": 0.95,
}
# Dateline's mentions must beat the small model alone by this much in every part (issue 18: "at least
# the raw model's + 0.10").
MENTION_MARGIN = 0.10


def fold(text: str) -> str:
    text = " ".join(text.replace("’", "'").split()).casefold()
    return text[4:] if text.startswith("the ") else text


@dataclass
class Tally:
    """Right / wrong / missing per type over one part."""

    counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    misses: list[str] = field(default_factory=list)
    by_file: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def add(self, kind: str, outcome: str, line: str) -> None:
        self.counts[kind][outcome] += 1
        self.counts["all"][outcome] += 1
        if outcome != "right":
            self.misses.append(line)

    def share(self, outcome: str, kind: str = "all") -> float:
        total = sum(self.counts[kind].values())
        return self.counts[kind][outcome] / total if total else 0.0


def gold_mentions(body: str, names: list[dict[str, Any]]) -> set[Span]:
    """Every occurrence of a labelled spelling in the body, longest spellings first, no overlaps."""
    spellings = sorted(
        ((spelling, name["type"]) for name in names for spelling in [name["name"], *name.get("aliases", [])]),
        key=lambda item: -len(item[0]),
    )
    taken: list[tuple[int, int]] = []
    found: set[Span] = set()
    for spelling, kind in spellings:
        for match in re.finditer(r"(?<![\w])" + re.escape(spelling) + r"(?![\w])", body):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append((match.start(), match.end()))
            found.add((match.start(), match.end(), kind))
    return found


@dataclass
class MentionTally:
    """Mention-level matches (exact span and group) of Dateline and of the raw model."""

    counts: dict[str, list[int]] = field(default_factory=lambda: {"dateline": [0, 0, 0], "raw": [0, 0, 0]})

    def add(self, who: str, predicted: set[Span], gold: set[Span]) -> None:
        counts = self.counts[who]
        counts[0] += len(predicted & gold)
        counts[1] += len(predicted)
        counts[2] += len(gold)

    def f1(self, who: str) -> float:
        hits, predicted, gold = self.counts[who]
        precision = hits / predicted if predicted else 0.0
        recall = hits / gold if gold else 0.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


class RememberingModel:
    """The analyser's spaCy pipeline, keeping each paragraph's parse: the model-alone baseline then
    reads the parses the analysis made instead of parsing every article a second time (a quarter
    of this evaluation's time). The same text gives the same parse, batched or not."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.parsed: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self.nlp, name)

    def pipe(self, texts: Iterable[str], **options: Any) -> Iterable[Any]:
        texts = list(texts)
        new = [text for text in dict.fromkeys(texts) if text not in self.parsed]
        self.parsed.update(zip(new, self.nlp.pipe(new, **options), strict=True))
        return [self.parsed[text] for text in texts]


def raw_mentions(nlp: Any, body: str) -> set[Span]:
    """What the small model alone finds, paragraph by paragraph as Dateline parses."""
    found: set[Span] = set()
    offset = 0
    paragraphs = body.split("\n\n")
    for paragraph, doc in zip(paragraphs, nlp.pipe(paragraphs), strict=True):  # in one batch: faster
        for ent in doc.ents:
            if ent.label_ in TYPE_OF_LABEL:
                found.add((offset + ent.start_char, offset + ent.end_char, TYPE_OF_LABEL[ent.label_]))
        offset += len(paragraph) + 2
    return found


def gold_files(part: str) -> list[Path]:
    return sorted((DATA / part).glob("*.names.json"))


def load_article(part: str, gold: dict[str, Any]) -> Article:
    folder = SAMPLES if part == "samples" else DATA / part
    articles = load_file(folder / gold["file"])
    if "title" in gold:
        articles = [article for article in articles if article.title == gold["title"]]
    assert articles, f"no article for {gold['file']} {gold.get('title', '')}"
    return articles[0]


def where_listed(facts: dict[str, Any]) -> dict[str, set[str]]:
    """Folded spelling -> the fact sections that list it."""
    listed: dict[str, set[str]] = defaultdict(set)
    for section in NAMED_SECTIONS:
        for fact in facts.get(section, []):
            for variant in [fact["name"], *fact.get("variants", [])]:
                listed[fold(variant)].add(section)
    return listed


def judge(name: dict[str, Any], listed: dict[str, set[str]]) -> tuple[str, set[str]]:
    spellings = {fold(name["name"]), *(fold(alias) for alias in name.get("aliases", []))}
    sections: set[str] = set()
    for spelling in spellings:
        sections |= listed.get(spelling, set())
    expected = KIND_OF_TYPE[name["type"]]
    if not sections:
        return "missing", sections
    return ("right" if sections == {expected} else "wrong"), sections


def evaluate_part(
    part: str, analyzer: Any, nlp: Any, index_dir: Path
) -> tuple[Tally, MentionTally, list[str], float, float]:
    tally = Tally()
    mentions = MentionTally()
    items: list[IndexedArticle] = []
    model = analyzer.model
    remembering = RememberingModel(nlp)
    if model is not None and model.nlp is nlp:
        analyzer.use_model(LoadedModel(nlp=remembering, name=model.name), analyzer.status)
    try:
        return _evaluate_part(part, analyzer, remembering, index_dir, tally, mentions, items)
    finally:
        analyzer.use_model(model, analyzer.status)


def _evaluate_part(
    part: str,
    analyzer: Any,
    nlp: Any,
    index_dir: Path,
    tally: Tally,
    mentions: MentionTally,
    items: list[IndexedArticle],
) -> tuple[Tally, MentionTally, list[str], float, float]:
    occurrences: dict[str, set[str]] = defaultdict(set)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for path in gold_files(part):
        gold = json.loads(path.read_text(encoding="utf-8"))
        article = load_article(part, gold)
        analysis = analyzer.analyze(article)
        listed = where_listed(analysis.facts)
        gold_spans = gold_mentions(article.body, gold["names"])
        predicted = {
            (e.start, e.end, TYPE_OF_LABEL[e.label]) for e in analysis.entities if e.label in TYPE_OF_LABEL
        }
        mentions.add("dateline", predicted, gold_spans)
        mentions.add("raw", raw_mentions(nlp, article.body), gold_spans)
        for name in gold["names"]:
            outcome, sections = judge(name, listed)
            tally.by_file[path.name.split(".")[0]][outcome] += 1
            tally.add(
                name["type"],
                outcome,
                f"{path.name[:34]:34} {name['name'][:34]:34} {name['type']:6} -> {sorted(sections) or '-'}",
            )
            occurrences[name["id"]].add(article.id)
            spellings[name["id"]][name["name"]] += 1
        items.append(indexed(article, analysis))
    index = NameIndex(index_dir)
    index.add_articles(items)
    timeline_lines: list[str] = []
    hits = found_total = gold_total = 0
    for name_id, expected in sorted(occurrences.items()):
        if len(expected) < 2:
            continue
        query = spellings[name_id].most_common(1)[0][0]
        found = {entry.article_id for entry in index.timeline(query)}
        both = len(found & expected)
        hits, found_total, gold_total = hits + both, found_total + len(found), gold_total + len(expected)
        if found != expected:
            timeline_lines.append(
                f"  timeline {query!r}: {both} of {len(expected)} found, {len(found - expected)} extra"
            )
    index.close()
    precision = hits / found_total if found_total else 1.0
    recall = hits / gold_total if gold_total else 1.0
    return tally, mentions, timeline_lines, precision, recall


def report(part: str, tally: Tally, precision: float, recall: float) -> list[str]:
    lines = [f"Names, {part}: right / wrong group / missing"]
    for kind in ("person", "org", "place", "all"):
        counts = tally.counts[kind]
        total = sum(counts.values())
        if not total:
            continue
        lines.append(
            f"  {kind:7} {total:4} names   right {tally.share('right', kind):6.1%}   "
            f"wrong {tally.share('wrong', kind):6.1%}   missing {tally.share('missing', kind):6.1%}"
        )
    lines.append(f"  timelines of recurring names: precision {precision:.3f}  recall {recall:.3f}")
    return lines


def printed(lines: Iterable[str], capfd: pytest.CaptureFixture[str]) -> None:
    # Under pytest-xdist a worker's stdout never reaches the terminal; its stderr does.
    with capfd.disabled(), contextlib.redirect_stdout(sys.stderr):
        print("\n" + "\n".join(lines))


def test_judge_outcomes() -> None:
    listed = where_listed(
        {
            "people": [{"name": "Ana Costa", "variants": ["Ana Costa", "Costa"]}],
            "places": [{"name": "Rhine", "variants": ["the Rhine"]}],
            "organizations": [{"name": "Costa", "variants": ["Costa"]}],
        }
    )
    assert judge({"name": "Rhine", "type": "place"}, listed)[0] == "right"
    assert judge({"name": "Ana Costa", "aliases": ["Costa"], "type": "person"}, listed)[0] == "wrong"
    assert judge({"name": "Oder", "type": "place"}, listed)[0] == "missing"


PARTS = sorted(folder.name for folder in DATA.iterdir() if folder.is_dir())


def on_one_worker(parts: list[str]) -> list[Any]:
    """Each part's tests here and in test_search_eval on one worker, names first: the search eval then
    finds the part's articles analysed (the shared analyser's cache) instead of parsing them again."""
    return [pytest.param(part, marks=pytest.mark.xdist_group(f"names-{part}")) for part in parts]


@pytest.mark.parametrize("part", on_one_worker(PARTS))
def test_names_land_in_the_right_group(
    part: str, shared_analyzer: Any, nlp: Any, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    if not gold_files(part):
        pytest.skip(f"no labelled names in tests/data/names/{part}")
    tally, mentions, timeline_lines, precision, recall = evaluate_part(part, shared_analyzer, nlp, tmp_path)
    lines = report(part, tally, precision, recall)
    lines.append(
        f"  mentions (exact span and group): F1 {mentions.f1('dateline'):.3f}, "
        f"the model alone {mentions.f1('raw'):.3f}"
    )
    if not part.startswith("heldout"):  # held-out names stay unseen; only counts per file show
        lines += ["  " + miss for miss in tally.misses] + timeline_lines
    else:
        lines += [
            f"  {name[:40]:40} right {c['right']:3}  wrong {c['wrong']:3}  missing {c['missing']:3}"
            for name, c in sorted(tally.by_file.items())
        ]
    printed(lines, capfd)
    floors = FLOORS.get(part, FLOORS["heldout"])
    assert tally.share("right") >= floors["right"]
    assert tally.share("wrong") <= floors["wrong"]
    assert recall >= TIMELINE_FLOOR.get(part, 0.0)
    assert mentions.f1("dateline") >= mentions.f1("raw") + MENTION_MARGIN
