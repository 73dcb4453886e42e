"""The one query language (issue 21): what the reader's `/`, `dateline search`, saved searches and
mute rules are given, parsed into one tree (`parse_query_tree`) that `tui.names.evaluate` answers.

    query   := group ("OR" group)*         OR binds loosest: `a b OR c` is (a AND b) OR c
    group   := unary+                      terms side by side must all match (AND; `AND` may be written)
    unary   := "-" atom | "NOT" atom | atom
    atom    := "(" query ")" | FIELD ":" value | "phrase" | word
    FIELD   := title | body | feed | tag | person | org | place | name | since | before | unread

`since:` and `before:` take a day (`2026-03-01`) or days or weeks before today (`7d`, `2w`).

Words are matched stemmed and case-insensitive by the full-text index; a word ending in `*` is a
prefix, and so is the last bare word of a query that does not end with a space (the reader searches
as the user types). A quote left open runs to the end of the query; `field:` with an unknown field
is words; a lone `-` is punctuation. What cannot be meant (`OR` with nothing on one side, `()`,
an unclosed or stray parenthesis, `since:yesterday`, `unread:maybe`, `person:` with no name)
raises `TermError` with a message in words. Nothing typed is FTS5 syntax: words reach the index
only as quoted strings (`tui.store.query.fts_query`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

# `name:` asks for a name of any kind.
NAME_FIELDS: dict[str, str | None] = {
    "person": "people",
    "org": "organizations",
    "place": "places",
    "name": None,
}
FIELDS = ("title", "body", "feed", "tag", *NAME_FIELDS, "since", "before", "unread")
_YES = {"yes", "true", "1", "y"}
_NO = {"no", "false", "0", "n"}
_WORD = re.compile(r"\w+")
# Typographic double quotes (pasted from a page, or typed by a smart keyboard) quote as `"` does.
_SMART_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"'})
_FIELD = re.compile(rf"({'|'.join(FIELDS)}):", re.IGNORECASE)


class TermError(ValueError):
    """A query, or a term of it, that cannot be understood (the message says why, in words)."""


@dataclass(frozen=True, slots=True)
class Text:
    """Words, or a phrase (`words` in that order), in the title and text or in one `column`."""

    words: tuple[str, ...]
    phrase: bool = False
    prefix: bool = False
    column: Literal["title", "body"] | None = None


@dataclass(frozen=True, slots=True)
class Name:
    """`person:` `org:` `place:` `name:`: the articles naming that identity (the names index)."""

    name: str
    kind: str | None  # "people", "organizations", "places"; None for any


@dataclass(frozen=True, slots=True)
class Feed:
    """`feed:`: a feed by title (case-insensitive part of it) or by URL (the URL or its start)."""

    value: str


@dataclass(frozen=True, slots=True)
class Tag:
    """`tag:`: the OPML folder (or a folder above it) or a newsboat tag of the article's feed."""

    value: str


@dataclass(frozen=True, slots=True)
class Dated:
    """`since:` (on or after `day`) or `before:` (strictly before): undated articles never match."""

    day: date
    since: bool


@dataclass(frozen=True, slots=True)
class Unread:
    """`unread:yes` / `unread:no` (only feed articles can be unread)."""

    unread: bool


@dataclass(frozen=True, slots=True)
class Not:
    """`-term`: every article but the ones `term` matches."""

    term: Node


@dataclass(frozen=True, slots=True)
class And:
    """Terms side by side: an article must match every one."""

    terms: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    """Groups joined by OR: an article matches one of them."""

    terms: tuple[Node, ...]


Node = Text | Name | Feed | Tag | Dated | Unread | Not | And | Or


# ----- tokens ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Token:
    kind: Literal["(", ")", "-", "OR", "AND", "NOT", "field", "phrase", "word"]
    text: str = ""
    field: str = ""
    quoted: bool = False
    last: bool = False  # the last token of a query that does not end with a space


def _quoted(query: str, start: int) -> tuple[str, int]:
    """The text of the phrase opening at `start` (a quote) and where it ends; open to the end."""
    end = query.find(query[start], start + 1)
    if end < 0:
        return query[start + 1 :], len(query)
    return query[start + 1 : end], end + 1


def _tokens(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(query)
    while i < n:
        char = query[i]
        if char.isspace():
            i += 1
        elif char in "()":
            tokens.append(_Token(char))  # type: ignore[arg-type]
            i += 1
        elif char == '"':
            text, i = _quoted(query, i)
            tokens.append(_Token("phrase", text, quoted=True))
        elif char == "-" and i + 1 < n and not query[i + 1].isspace() and query[i + 1] not in "-)":
            tokens.append(_Token("-"))
            i += 1
        else:
            field = _FIELD.match(query, i)
            if field is not None:
                i = field.end()
                if query[i : i + 1] in ('"', "'"):  # 'single quotes' too, after a field only
                    text, i = _quoted(query, i)
                    tokens.append(_Token("field", text, field.group(1).lower(), quoted=True))
                    continue
                end = i
                while end < n and not query[end].isspace() and query[end] not in "()":
                    end += 1
                tokens.append(_Token("field", query[i:end], field.group(1).lower()))
                i = end
                continue
            end = i
            while end < n and not query[end].isspace() and query[end] not in '()"':
                end += 1
            word = query[i:end]
            i = end
            if word in ("OR", "AND", "NOT"):
                tokens.append(_Token(word))  # type: ignore[arg-type]
            elif _WORD.search(word):  # punctuation alone (a lone "-", "&") is not a term
                tokens.append(_Token("word", word))
    if tokens and tokens[-1].kind in ("word", "field") and not tokens[-1].quoted and not query[-1:].isspace():
        last = tokens[-1]
        tokens[-1] = _Token(last.kind, last.text, last.field, last.quoted, last=True)
    return tokens


# ----- the tree ----------------------------------------------------------------------------------


_AGO = re.compile(r"(\d{1,5})([dw])", re.IGNORECASE)


def _date(field: str, value: str, today: date | None = None) -> date:
    """`YYYY-MM-DD`, or a number of days or weeks before today (`7d`, `2w`): a saved search for
    the last week stays the last week."""
    ago = _AGO.fullmatch(value)
    if ago is not None:
        days = int(ago.group(1)) * (7 if ago.group(2).lower() == "w" else 1)
        return (today or date.today()) - timedelta(days=days)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise TermError(
            f"{field}:{value} is not a date (use YYYY-MM-DD, or 7d / 2w for days or weeks ago, "
            f"e.g. {field}:2026-03-01)"
        ) from None


def _text(value: str, *, phrase: bool, prefix: bool, column: Literal["title", "body"] | None) -> Text | None:
    if value.endswith("*") and not phrase:
        prefix = True
    words = tuple(_WORD.findall(value))
    if not words:
        return None
    return Text(words, phrase=phrase or len(words) > 1, prefix=prefix, column=column)


def _field(token: _Token) -> Node | None:
    field = token.field
    value = " ".join(token.text.split())
    if not value:
        raise TermError(f"{field}: needs a value (e.g. {_EXAMPLES[field]})")
    if field in ("title", "body"):
        column: Literal["title", "body"] = "title" if field == "title" else "body"
        term = _text(value, phrase=token.quoted, prefix=token.last, column=column)
        if term is None:
            raise TermError(f"{field}:{value} has no words to search for")
        return term
    if field in NAME_FIELDS:
        return Name(value, NAME_FIELDS[field])
    if field == "feed":
        return Feed(value)
    if field == "tag":
        return Tag(value)
    if field in ("since", "before"):
        return Dated(_date(field, value), field == "since")
    answer = value.lower()
    if answer not in _YES | _NO:
        raise TermError(f"unread:{value} must be unread:yes or unread:no")
    return Unread(answer in _YES)


_EXAMPLES = {
    "title": "title:ferry",
    "body": "body:ferry",
    "feed": 'feed:"Harbour News" or feed:https://example.org/rss',
    "tag": "tag:news",
    "person": 'person:"John Kerry"',
    "org": "org:Pentagon",
    "place": "place:Tokyo",
    "name": "name:Kerry",
    "since": "since:2026-03-01",
    "before": "before:2026-04-01",
    "unread": "unread:yes",
}


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.at = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def query(self) -> Node | None:
        groups: list[Node] = []
        while True:
            start = self.peek()
            if start is not None and start.kind == "OR":
                where = "at the start" if not groups and self.at == 0 else "twice in a row"
                where = (
                    "after an opening parenthesis"
                    if self.at and self.tokens[self.at - 1].kind == "("
                    else where
                )
                raise TermError(f"OR {where}: put OR between two terms (a OR b)")
            group = self.all()
            if group is not None:
                groups.append(group)
            following = self.peek()
            if following is None or following.kind == ")":
                break
            self.take()  # OR
            after = self.peek()
            if after is None or after.kind == ")":
                raise TermError("OR at the end: put OR between two terms (a OR b)")
        if not groups:
            return None
        return groups[0] if len(groups) == 1 else Or(tuple(groups))

    def all(self) -> Node | None:
        terms: list[Node] = []
        while True:
            token = self.peek()
            if token is None or token.kind in ("OR", ")"):
                break
            if token.kind == "AND":
                self.take()
                continue
            term = self.unary()
            if term is not None:
                terms.append(term)
        if not terms:
            return None
        since = max((t.day for t in terms if isinstance(t, Dated) and t.since), default=None)
        before = min((t.day for t in terms if isinstance(t, Dated) and not t.since), default=None)
        if since is not None and before is not None and since >= before:
            raise TermError(f"since:{since} is not before before:{before}: no day is both")
        return terms[0] if len(terms) == 1 else And(tuple(terms))

    def unary(self) -> Node | None:
        token = self.take()
        if token.kind in ("-", "NOT"):
            following = self.peek()
            if following is None or following.kind in ("OR", ")", "AND", "-", "NOT"):
                if token.kind == "NOT":
                    raise TermError("NOT needs a term after it (NOT sports, or -sports)")
                return None
            term = self.unary()
            if isinstance(term, Not):
                return term.term  # --a is a
            return Not(term) if term is not None else None
        if token.kind == "(":
            inner = self.query()
            closing = self.peek()
            if closing is None:
                raise TermError("a parenthesis is not closed: add ) or remove (")
            self.take()
            if inner is None:
                raise TermError("() holds nothing: put terms inside, or remove it")
            return inner
        if token.kind == "field":
            return _field(token)
        return _text(token.text, phrase=token.kind == "phrase", prefix=token.last, column=None)


def parse_query_tree(query: str) -> Node | None:
    """The tree of `query`, or None when it asks for nothing (no term: `""`, `"()*"`, `-`).
    Raises TermError, with a message in words, for a query that cannot be understood."""
    tokens = _tokens(query.translate(_SMART_QUOTES))
    parser = _Parser(tokens)
    tree = parser.query()
    if parser.peek() is not None:  # only a ")" stops the top level early
        raise TermError("a ) has no ( before it: remove it, or add (")
    return tree


def positive_text(tree: Node | None) -> list[Text]:
    """The word terms an article can match by (not under a `-`): what ranks results and marks them."""
    if isinstance(tree, Text):
        return [tree]
    if isinstance(tree, And | Or):
        return [text for term in tree.terms for text in positive_text(term)]
    return []


def first_name(tree: Node | None) -> Name | None:
    """The first name term an article can match by, whose sentence is shown under a result."""
    if isinstance(tree, Name):
        return tree
    if isinstance(tree, And | Or):
        for term in tree.terms:
            found = first_name(term)
            if found is not None:
                return found
    return None


def describe(tree: Node | None) -> str:
    """The tree written back as a query with explicit grouping, for tests and messages."""
    if tree is None:
        return ""
    if isinstance(tree, Text):
        body = " ".join(tree.words)
        body = f'"{body}"' if tree.phrase else body
        return (f"{tree.column}:" if tree.column else "") + body + ("*" if tree.prefix else "")
    if isinstance(tree, Name):
        field = next(f for f, kind in NAME_FIELDS.items() if kind == tree.kind)
        return f'{field}:"{tree.name}"'
    if isinstance(tree, Feed):
        return f'feed:"{tree.value}"'
    if isinstance(tree, Tag):
        return f'tag:"{tree.value}"'
    if isinstance(tree, Dated):
        return f"{'since' if tree.since else 'before'}:{tree.day.isoformat()}"
    if isinstance(tree, Unread):
        return f"unread:{'yes' if tree.unread else 'no'}"
    if isinstance(tree, Not):
        return "-" + describe(tree.term)
    joined = " OR ".join if isinstance(tree, Or) else " ".join
    return "(" + joined(describe(term) for term in tree.terms) + ")"


__all__ = [
    "FIELDS",
    "NAME_FIELDS",
    "And",
    "Or",
    "Dated",
    "Feed",
    "Name",
    "Node",
    "Not",
    "Tag",
    "TermError",
    "Text",
    "Unread",
    "describe",
    "first_name",
    "parse_query_tree",
    "positive_text",
]
