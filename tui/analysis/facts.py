"""Facts from a parsed article: people and roles, groups, places, dates, numbers, statements.

Works on spaCy `Doc`s (one per paragraph, with its offset in the body) and the refined entities, so
the sidebar can say who is who and what was said, each fact pointing back to its first mention.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from tui.analysis.entities import refine_article, refine_entities
from tui.analysis.nameedges import name_key
from tui.analysis.namelines import find_dateline
from tui.analysis.namelinks import link_keys
from tui.analysis.namewords import HONORIFICS
from tui.analysis.types import (
    NAMED_KINDS,
    Entity,
    Facts,
    NamedFact,
    NamedKind,
    PersonFact,
    QuantityFact,
    StatementFact,
    empty_facts,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["extract_facts", "refine_article", "refine_entities"]

FACT_KEY_OF_LABEL: dict[str, NamedKind] = {
    "PERSON": "people",
    "ORG": "organizations",
    # Nationalities, religious and political groups: a kind of their own, not organisations
    # (the legend still colours them with organisations: tui.core.labels).
    "NORP": "groups",
    "GPE": "places",
    "LOC": "places",
    "FAC": "places",
    "DATE": "dates",
    "TIME": "dates",
}
QUANTITY_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
SUBJECT_ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})
MAX_STATEMENTS = 8
MAX_ROLE_TOKENS = 10
MAX_SUBJECT_TOKENS = 8
MAX_CLAUSE_TOKENS = 30
# Common names of the same place that share no letters to match on.
PLACE_ALIASES = {
    "us": "united states",
    "usa": "united states",
    "united states of america": "united states",
    "uk": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
}
ACRONYM_SKIP_WORDS = frozenset({"of", "and", "the", "for", "on", "in", "to", "&", "de"})


def _normal_key(text: str) -> str:
    folded = " ".join(text.replace(".", "").lower().split())
    if folded.startswith("the "):
        folded = folded[4:]
    return PLACE_ALIASES.get(folded, folded)


def _initials(text: str) -> str | None:
    """ "Asia-Pacific Economic Cooperation" -> "APEC"; None when a word is itself an acronym."""
    words = [word for word in re.split(r"[\s\-]+", text) if word]
    if any(len(word.replace(".", "")) < 2 or word.isupper() for word in words):
        return None
    return "".join(word[0] for word in words if word.lower() not in ACRONYM_SKIP_WORDS).upper()


def _acronym(text: str) -> str | None:
    bare = text.replace(".", "")
    return bare if len(bare) >= 2 and bare.isalpha() and bare.isupper() else None


class _Mentions:
    """Union-find over mention indexes: which mentions name the same thing."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, index: int) -> int:
        while self.parent[index] != index:
            self.parent[index] = self.parent[self.parent[index]]
            index = self.parent[index]
        return index

    def join(self, first: int, second: int) -> None:
        root_first, root_second = self.find(first), self.find(second)
        if root_first != root_second:
            self.parent[max(root_first, root_second)] = min(root_first, root_second)


def _surname_links(mentions: Sequence[Entity], union: _Mentions) -> None:
    """ "Kerry" joins "John Kerry": the nearest full name before it, else the first one after it."""
    full_names = [i for i, mention in enumerate(mentions) if len(mention.text.split()) > 1]
    for index, mention in enumerate(mentions):
        words = mention.text.split()
        if len(words) != 1:
            continue
        matching = [i for i in full_names if mentions[i].text.split()[-1] == words[0]]
        if not matching:
            continue
        before = [i for i in matching if i < index]
        union.join(index, before[-1] if before else matching[0])


def _acronym_links(mentions: Sequence[Entity], union: _Mentions, body_pairs: set[tuple[int, int]]) -> None:
    """ "APEC" joins "Asia-Pacific Economic Cooperation" by initials or by "Long Name (APEC)"."""
    for index, mention in enumerate(mentions):
        acronym = _acronym(mention.text)
        if acronym is None:
            continue
        spelled_out = [
            other_index
            for other_index, other in enumerate(mentions)
            if other_index != index
            and len(re.split(r"[\s\-]+", other.text)) > 1
            and ((other.end, mention.start) in body_pairs or _initials(other.text) == acronym)
        ]
        # "Name (ACRONYM)" beats a name that merely has the same initials.
        spelled_out.sort(key=lambda i: (mentions[i].end, mention.start) not in body_pairs)
        if spelled_out:
            union.join(index, spelled_out[0])


def _parenthesised_pairs(docs: Sequence[tuple[Doc, int]]) -> set[tuple[int, int]]:
    """(end of a name, start of the acronym) for every "Name (ACRONYM)" in the article."""
    pairs: set[tuple[int, int]] = set()
    for doc, offset in docs:
        for match in re.finditer(r" \(([A-Z][A-Za-z.&]{1,12})\)", doc.text):
            pairs.add((offset + match.start(), offset + match.start(1)))
    return pairs


@dataclass
class _Cluster:
    mentions: list[Entity] = field(default_factory=list)
    role: str | None = None

    def as_fact(self) -> NamedFact:
        variants: list[str] = []
        for mention in self.mentions:
            if mention.text not in variants:
                variants.append(mention.text)
        # The longest spelling, as a sentence writes it ("Berlin", not the dateline's "BERLIN").
        name = max(
            variants,
            key=lambda text: (len(_normal_key(text)), not text.isupper(), -variants.index(text)),
        )
        if name.lower().startswith("the "):
            name = name[4:]
        labels = Counter(mention.label for mention in self.mentions)
        label = max(labels, key=lambda lab: (labels[lab], -self._first_index(lab)))
        return {
            "name": name,
            "mentions": len(self.mentions),
            "label": label,
            "variants": variants,
            "first": self.first,
        }

    def as_person(self) -> PersonFact:
        fact = cast(PersonFact, self.as_fact())  # the same keys, and a role when there is one
        if self.role:
            fact["role"] = self.role
        return fact

    @property
    def first(self) -> int:
        return min(mention.start for mention in self.mentions)

    def _first_index(self, label: str) -> int:
        return next(i for i, mention in enumerate(self.mentions) if mention.label == label)


def _doc_length(doc: Doc) -> int:
    """len(doc.text) without building the text (Doc.text joins every token on each access)."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


def _span_of(docs: Sequence[tuple[Doc, int]], entity: Entity) -> Span | None:
    for doc, offset in docs:
        if offset <= entity.start and entity.end <= offset + _doc_length(doc):
            span = doc.char_span(entity.start - offset, entity.end - offset, alignment_mode="expand")
            return span
    return None


def _text_of(tokens: Sequence[Token]) -> str:
    """Tokens as they read in the text (keeping "U.S.-Japan" and "multi-day" together)."""
    if not tokens:
        return ""
    pieces: list[str] = []
    for previous, token in zip([None, *tokens[:-1]], tokens, strict=True):
        if previous is not None and previous.i + 1 != token.i:
            pieces.append(" ")
        pieces.append(token.text_with_ws if token is not tokens[-1] else token.text)
    return " ".join("".join(pieces).split())


_NUMBERS = frozenset({"ORDINAL", "CARDINAL", "QUANTITY", "MONEY", "PERCENT"})


def _clean_role(tokens: list[Token]) -> str | None:
    """A role from candidate tokens: no leading article, possessive or honorific; has a noun."""
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if "," in [token.text for token in tokens]:
        last_comma = max(i for i, token in enumerate(tokens) if token.text == ",")
        tokens = tokens[last_comma + 1 :]
    while tokens and (tokens[0].dep_ in {"det", "poss", "case", "punct"} or tokens[0].is_punct):
        tokens = tokens[1:]
    tokens = [token for token in tokens if token.text.replace(".", "").lower() not in HONORIFICS]
    if not tokens or len(tokens) > MAX_ROLE_TOKENS:
        return None
    if any(token.ent_type_ in {"PERSON", "DATE", "TIME"} for token in tokens):
        return None
    if any(token.like_num or token.ent_type_ in _NUMBERS for token in tokens):
        return None  # "a surprise third in a personal best of 2:19:30": a result, not a role
    if not any(token.pos_ in {"NOUN", "PROPN"} and token.ent_type_ == "" for token in tokens):
        return None
    return _text_of(tokens)


def _role_of(span: Span) -> str | None:
    """The role the text gives a person at this mention: title before the name, or apposition."""
    doc = span.doc
    inside = set(range(span.start, span.end))
    left_modifiers = [
        child
        for token in span
        for child in token.children
        if child.i < span.start and child.dep_ in {"compound", "nmod", "amod", "appos"}
    ]
    if left_modifiers:
        first = min(child.left_edge.i for child in left_modifiers)
        role = _clean_role([doc[i] for i in range(first, span.start)])
        if role:
            return role
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= span.end and child.i not in inside:
            tokens = [doc[i] for i in range(child.left_edge.i, child.right_edge.i + 1)]
            role = _clean_role(tokens)
            if role:
                return role
    if root.dep_ == "appos" and root.head.i < span.start:
        head = root.head
        tokens = [doc[i] for i in range(head.left_edge.i, span.start)]
        role = _clean_role(tokens)
        if role:
            return role
    return None


def _clusters(docs: Sequence[tuple[Doc, int]], entities: Sequence[Entity], key: NamedKind) -> list[_Cluster]:
    """The mentions of `key`'s labels grouped by what they name, most mentioned first."""
    mentions = [entity for entity in entities if FACT_KEY_OF_LABEL.get(entity.label) == key]
    if key == "dates":
        mentions = [mention for mention in mentions if not _is_age(docs, mention)]
    if key in {"people", "organizations", "groups", "places"}:
        mentions = [mention for mention in mentions if any(ch.isupper() for ch in mention.text)]
    union = _Mentions(len(mentions))
    by_key: dict[str, int] = {}
    for index, mention in enumerate(mentions):
        if key == "dates":
            normal = mention.text.lower()
        else:
            normal = PLACE_ALIASES.get(name_key(mention.text), name_key(mention.text))
        if normal in by_key:
            union.join(index, by_key[normal])
        else:
            by_key[normal] = index
    if key in {"people", "organizations", "places"}:
        # A surname alone, a name without its legal form or a company's first word: one fact.
        spelling = {normal: mentions[index].text for normal, index in by_key.items()}
        for short, long in link_keys(spelling).items():
            union.join(by_key[short], by_key[long])
    if key == "people":
        _surname_links(mentions, union)  # a surname two people share: the nearest one named before
    if key in {"organizations", "places"}:
        _acronym_links(mentions, union, _parenthesised_pairs(docs))
    clusters: dict[int, _Cluster] = {}
    for index, mention in enumerate(mentions):
        cluster = clusters.setdefault(union.find(index), _Cluster())
        cluster.mentions.append(mention)
        if key == "people" and cluster.role is None:
            span = _span_of(docs, mention)
            cluster.role = _role_of(span) if span is not None else None
    return sorted(clusters.values(), key=lambda cluster: (-len(cluster.mentions), cluster.first))


_AGE = re.compile(r"\d+[- ]years?[- ]old|aged? \d+|\d+ years of age", re.IGNORECASE)


def _is_age(docs: Sequence[tuple[Doc, int]], entity: Entity) -> bool:
    """ "27-year-old", "aged 45", "Ana Costa, 45, said": how old someone is, not a date."""
    if _AGE.fullmatch(entity.text):
        return True
    for doc, offset in docs:
        if offset <= entity.start <= offset + _doc_length(doc):
            text = doc.text
            before = text[max(0, entity.start - offset - 6) : entity.start - offset].lower()
            after = text[entity.end - offset : entity.end - offset + 2]
            if before.endswith(("aged ", "age ")):
                return True
            return entity.text.isdigit() and before.endswith(", ") and after.startswith(",")
    return False


def _counted_end(span: Span) -> int:
    """Token index after what a number counts: "5,000" -> "5,000 U.S. Marines"."""
    end = span.end
    root = span.root
    if root.dep_ in {"nummod", "quantmod"} and root.head.i >= span.end:
        if root.head.pos_ in {"NOUN", "PROPN"}:
            return root.head.i + 1
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == span.end:
            objects = [grand for grand in child.children if grand.dep_ == "pobj"]
            if objects:
                return objects[0].i + 1
    return end


def _is_noise_number(text: str) -> bool:
    digits = re.sub(r"[^\d]", "", text)
    return not digits or int(digits[:9]) < 10


def _quantity_facts(docs: Sequence[tuple[Doc, int]], entities: Sequence[Entity]) -> list[QuantityFact]:
    facts: list[QuantityFact] = []
    seen: set[str] = set()
    for entity in entities:
        if entity.label not in QUANTITY_LABELS:
            continue
        span = _span_of(docs, entity)
        if span is None:
            continue
        end = _counted_end(span)
        doc_offset = entity.start - span.start_char
        if end > span.end:
            last = span.doc[end - 1]
            text = span.doc.text[entity.start - doc_offset : last.idx + len(last.text)]
        else:
            text = entity.text
            if entity.label == "CARDINAL" and _is_noise_number(text):
                continue
        folded = text.lower()
        if folded in seen:
            continue
        seen.add(folded)
        facts.append({"text": text, "label": entity.label, "first": entity.start})
    return facts


def _compact(token: Token, depth: int = 0) -> list[Token]:
    """A noun phrase without its clauses: modifiers, the noun, "of ..." and "to <verb> ..."."""
    doc = token.doc
    tokens = [doc[i] for i in range(token.left_edge.i, token.i + 1)]
    if depth > 2:
        return tokens
    for child in token.children:
        if child.i < token.i:
            continue
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [grand for grand in child.children if grand.dep_ == "pobj"]
            if objects:
                tokens += [child, *_compact(objects[0], depth + 1)]
        elif child.dep_ in {"acl", "relcl"} and any(
            grand.dep_ == "aux" and grand.lower_ == "to" for grand in child.children
        ):
            objects = [grand for grand in child.children if grand.dep_ == "dobj"]
            verb_part = [grand for grand in child.children if grand.dep_ == "aux"] + [child]
            tokens += verb_part + (_compact(objects[0], depth + 1) if objects else [])
        break
    return tokens


def _clause(token: Token) -> list[Token]:
    doc = token.doc
    tokens = [doc[i] for i in range(token.left_edge.i, token.right_edge.i + 1)]
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    return tokens[:MAX_CLAUSE_TOKENS]


def _object_of(verb: Token) -> tuple[list[Token], list[Token]] | None:
    """(extra verb tokens, object tokens): direct object, attribute, clause or prepositional."""
    right = [child for child in verb.children if child.i > verb.i]
    by_dep = {child.dep_: child for child in reversed(right)}
    for dep in ("dobj", "attr", "oprd", "dative"):
        if dep in by_dep:
            return [], _compact(by_dep[dep])
    if "ccomp" in by_dep:
        return [], _clause(by_dep["ccomp"])
    if "xcomp" in by_dep:
        xcomp = by_dep["xcomp"]
        helpers = [child for child in xcomp.children if child.dep_ == "aux" and child.i < xcomp.i]
        inner = _object_of(xcomp)
        inner_tokens = inner[0] + inner[1] if inner else []
        return [], helpers + [xcomp] + inner_tokens
    if "acomp" in by_dep:
        return [], _clause(by_dep["acomp"])
    for dep in ("prep", "agent"):
        if dep in by_dep:
            preposition = by_dep[dep]
            objects = [child for child in preposition.children if child.dep_ == "pobj"]
            # "updated in over 15 years" says when, not what: no statement in that.
            if objects and objects[0].ent_type_ not in {"DATE", "TIME"}:
                return [preposition], _compact(objects[0])
    return None


def _subject_of(verb: Token) -> list[Token] | None:
    subjects = [child for child in verb.children if child.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects or subjects[0].pos_ == "PRON":
        return None
    subject = subjects[0]
    doc = verb.doc
    tokens = [doc[i] for i in range(subject.left_edge.i, subject.right_edge.i + 1)]
    if len(tokens) > MAX_SUBJECT_TOKENS:
        tokens = [doc[i] for i in range(subject.left_edge.i, subject.i + 1)]
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    return tokens or None


def _verb_phrase(verb: Token, extra: list[Token]) -> str:
    helpers = [
        child for child in verb.children if child.i < verb.i and child.dep_ in {"aux", "auxpass", "neg"}
    ]
    particles = [child for child in verb.children if child.dep_ == "prt"]
    tokens = sorted([*helpers, verb, *particles, *extra], key=lambda token: token.i)
    return " ".join(token.text for token in tokens)


def _statement_candidates(
    docs: Sequence[tuple[Doc, int]], entities: Sequence[Entity]
) -> Iterable[tuple[bool, StatementFact]]:
    named = [(entity.start, entity.end) for entity in entities if entity.label in SUBJECT_ENTITY_LABELS]
    dateline = find_dateline(docs[0][0].text, docs[0][1]) if docs else None
    dateline_end = dateline.end if dateline is not None else -1
    for doc, offset in docs:
        for sentence in doc.sents:
            root = sentence.root
            verbs = [root] + [
                child for child in root.children if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"}
            ]
            for verb in verbs:
                if verb.pos_ not in {"VERB", "AUX"}:
                    continue
                subject = _subject_of(verb)
                if subject is not None and offset + subject[0].idx < dateline_end:
                    # "BERLIN — Siemens said ...": the dateline is never the speaker.
                    subject = [token for token in subject if offset + token.idx >= dateline_end] or None
                found = _object_of(verb)
                if subject is None or found is None or not found[1]:
                    continue
                extra, obj = found
                start = offset + subject[0].idx
                end = offset + subject[-1].idx + len(subject[-1].text)
                about_entity = any(s < end and start < e for s, e in named)
                yield (
                    about_entity,
                    {
                        "subject": _text_of(subject),
                        "verb": _verb_phrase(verb, extra),
                        "object": _text_of(obj),
                        "sentence": sentence.text.strip(),
                        "first": offset + sentence.start_char,
                    },
                )
                break


def _statements(docs: Sequence[tuple[Doc, int]], entities: Sequence[Entity]) -> list[StatementFact]:
    candidates = list(_statement_candidates(docs, entities))
    chosen = [item for about, item in candidates if about][:MAX_STATEMENTS]
    chosen += [item for about, item in candidates if not about][: MAX_STATEMENTS - len(chosen)]
    chosen.sort(key=lambda item: item["first"])
    return chosen


def extract_facts(docs: Sequence[tuple[Doc, int]], entities: Sequence[Entity]) -> Facts:
    """Facts (docs/ARCHITECTURE.md, "show --json") from paragraph docs with body offsets, and the
    entities."""
    facts = empty_facts()
    ordered = sorted(entities, key=lambda entity: (entity.start, entity.end))
    facts["people"] = [cluster.as_person() for cluster in _clusters(docs, ordered, "people")]
    for key in NAMED_KINDS:
        if key != "people":  # only people have roles
            facts[key] = [cluster.as_fact() for cluster in _clusters(docs, ordered, key)]
    facts["quantities"] = _quantity_facts(docs, ordered)
    facts["statements"] = _statements(docs, ordered)
    return facts
