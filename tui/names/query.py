"""Entity search terms: `person:"John Kerry" org:Pentagon place:Tokyo since:2026-03-01
before:2026-04-01 unread:yes`, parsed apart from free text and answered from the names index."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tui.names.index import NameIndex
from tui.names.readstate import NothingUnread, UnreadSource

# `name:` asks for a name of any kind.
NAME_FIELDS = {"person": "people", "org": "organizations", "place": "places", "name": None}
FIELDS = (*NAME_FIELDS, "since", "before", "unread")
_TERM = re.compile(rf"(?<!\S)({'|'.join(FIELDS)}):(\"[^\"]*\"?|'[^']*'?|\S*)", re.IGNORECASE)
_YES = {"yes", "true", "1", "y"}
_NO = {"no", "false", "0", "n"}


class TermError(ValueError):
    """A search term that cannot be understood (the message says why)."""


@dataclass(frozen=True)
class EntityTerms:
    """What the entity terms ask for, and the rest of the query (free text for the caller)."""

    names: tuple[tuple[str, str | None], ...] = ()  # (name, kind or None)
    since: date | None = None
    before: date | None = None
    unread: bool | None = None
    text: str = ""

    @property
    def empty(self) -> bool:
        """True when there is no entity term (only free text)."""
        return not self.names and self.since is None and self.before is None and self.unread is None


def _date(field_name: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise TermError(f"{field_name}:{value} is not a date (use YYYY-MM-DD)") from None


def parse_terms(query: str) -> EntityTerms:
    """Split `query` into entity terms and free text. Raises TermError for a bad value."""
    names: list[tuple[str, str | None]] = []
    since = before = None
    unread: bool | None = None
    for match in _TERM.finditer(query):
        field_name, value = match.group(1).lower(), match.group(2)
        value = " ".join(value.strip("\"'").split())
        if not value:
            raise TermError(f"{field_name}: needs a value")
        if field_name in NAME_FIELDS:
            names.append((value, NAME_FIELDS[field_name]))
        elif field_name == "since":
            since = _date(field_name, value)
        elif field_name == "before":
            before = _date(field_name, value)
        else:
            answer = value.lower()
            if answer not in _YES | _NO:
                raise TermError(f"unread:{value} must be yes or no")
            unread = answer in _YES
    if since is not None and before is not None and since >= before:
        raise TermError(f"since:{since} is not before before:{before}")
    text = " ".join(_TERM.sub(" ", query).split())
    return EntityTerms(tuple(names), since, before, unread, text)


@dataclass(frozen=True)
class TermResult:
    """The article ids matching the terms, and names no article in the library carries."""

    ids: set[str]
    unknown: tuple[str, ...]


def run_terms(index: NameIndex, terms: EntityTerms, read_state: UnreadSource | None = None) -> TermResult:
    """Ids of the indexed articles matching every entity term (all of them when there is none).

    A name term matches the articles naming that identity (whatever label a single article gave
    it: one identity, one label library-wide); its kind is only checked when the library's label
    for the name is of another kind, in which case nothing matches."""
    ids: set[str] | None = None
    unknown: list[str] = []
    for name, kind in terms.names:
        identity = index.identity(name, kind)
        if identity is None:
            unknown.append(name)
            ids = set()
            continue
        found = index.article_ids(identity)
        ids = found if ids is None else ids & found
    if terms.since is not None or terms.before is not None or ids is None:
        dated = index.dated_ids(terms.since, terms.before)
        ids = dated if ids is None else ids & dated
    if terms.unread is not None:
        state = read_state if read_state is not None else NothingUnread()
        unread = state.unread(ids)
        ids = unread if terms.unread else ids - unread
    return TermResult(ids, tuple(unknown))
