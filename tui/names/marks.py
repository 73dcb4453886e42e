"""The marks the names put on the reader: which listed articles name a followed name, and, for the
open article, its analysis with the library's labels and the spellings of followed names in it.

Worked out from the names index as it is (no spaCy), in the reader's worker; the reader only shows
the result. Below the UI so that the rules for a mark live with the names, not in a screen."""

from __future__ import annotations

from dataclasses import dataclass

from tui.analysis.types import Analysis
from tui.names.identity import identity_key
from tui.names.reader import followed_texts, library_analysis
from tui.names.service import Names


@dataclass(frozen=True)
class Marks:
    """`followed_ids`: the articles naming a followed name; `texts`: the spellings of followed names
    in the article `article_id`; `analysis`: its analysis with the library's labels (None when that
    changes nothing)."""

    followed_ids: set[str]
    article_id: str | None
    texts: frozenset[str]
    analysis: Analysis | None


def marks_of(names: Names, analysis: Analysis | None) -> Marks:
    """The marks for the list and for the article `analysis` is of (None: the list only)."""
    index = names.index
    follows = names.follows.load()
    followed_ids: set[str] = set()
    keys: set[str] = set()
    if follows:
        followed_ids = set(names.followed_in(s.id for s in names.library.summaries()))
        for follow in follows:
            keys.add(identity_key(follow.name))
            identity = index.identity(follow.name)
            if identity is not None:
                keys |= {identity.key, *identity.members}
    texts: frozenset[str] = frozenset()
    shown = None
    if analysis is not None:

        def label_of(name: str) -> str | None:
            return index.label_of(index.corrections.target(identity_key(name)))

        def is_followed(name: str) -> bool:
            key = identity_key(name)
            return key in keys or index.corrections.target(key) in keys

        # The body and the library's spellings (the followed names too): the names the model
        # missed are marked; the user's merges make one fact.
        article = names.library.get(analysis.article_id)
        body = article.body if article is not None else ""
        spellings = {f.name: f.label for f in follows if f.label} | index.known_spellings()
        corrected = library_analysis(analysis, label_of, body, spellings, index.corrections)
        shown = corrected if corrected is not analysis else None
        texts = followed_texts(corrected.facts, is_followed) if keys else frozenset()
    article_id = analysis.article_id if analysis is not None else None
    return Marks(followed_ids, article_id, texts, shown)
