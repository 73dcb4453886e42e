"""newsboat's filters made Dateline queries (issue 21): `ignore-article` lines of a newsboat config
become mute rules (`dateline mute import FILE`), `"query:Title:expr"` lines of a urls file become
saved searches (`dateline feeds import`). Pure text: nothing here reads the library.

What translates (newsboat's filter language, one comparison or several joined by one of `and` /
`or`; negated operators `!=` `!~` `!#` become `-term`):

- `title =~ "re"`, `title = "x"`, `title # "x"` -> `title:x` / `title:"two words"`; `content` the
  same as `body:`. A regular expression translates when it is words (`a|b` alternatives too:
  `title:a OR title:b`); a pattern (`^`, `.*`, `[a-z]`) is refused, since Dateline matches words.
- `feedtitle`, `feedlink`, `rssurl` -> `feed:"…"` (a title, or a whole feed URL); `tags # "x"` ->
  `tag:x`; `unread = "yes"` -> `unread:yes`.
- `age < N` / `age > N` (saved searches only) -> `since:` / `before:` the date N days before the
  import: a fixed date, said in the note. A mute rule refuses it (a rule that moved every day would
  mute and unmute articles by itself).
- The feed of an `ignore-article` line: `*` is every feed, else `feed:"URL"` is added.

Everything else (authors, dates, flags, links, enclosures, counts, parentheses, `and` mixed with
`or`) is refused with the reason, so the caller can name the line and say why."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from datetime import date, timedelta

_TOKEN = re.compile(
    r'\s*(?:(?P<string>"(?:\\.|[^"\\])*")|(?P<op>=~|!~|!=|==|<=|>=|!#|=|<|>|#)|(?P<paren>[()])'
    r"|(?P<word>[^\s()=!<>#\"]+))"
)
_PLAIN = re.compile(r"[\w'’ -]+")
_WHY = {
    "author": "Dateline does not keep article authors",
    "link": "articles are not searched by their link",
    "guid": "articles are not searched by their feed GUID",
    "date": "a date as newsboat writes it; use since: and before:",
    "flags": "Dateline has no article flags (bookmarks are its own)",
    "enclosure_url": "Dateline does not keep enclosures",
    "enclosure_type": "Dateline does not keep enclosures",
    "description": "feed descriptions are not kept",
    "feeddate": "feed dates are not kept",
    "unread_count": "a feed's unread count is not a search term",
    "total_count": "a feed's article count is not a search term",
    "feedindex": "feed positions are not search terms",
    "articleindex": "article positions are not search terms",
    "content_length": "articles are not searched by length",
}
_NEGATED = {"!=": "=", "!~": "=~", "!#": "#"}


class Untranslatable(ValueError):
    """A newsboat filter Dateline's queries cannot say; the message says why."""


@dataclass(frozen=True)
class Translated:
    """A query made from a newsboat line (`note`: what the user should know, e.g. a fixed date)."""

    query: str
    note: str = ""


@dataclass(frozen=True)
class _Comparison:
    attribute: str
    op: str
    value: str


def _tokens(expression: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    position = 0
    text = expression.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise Untranslatable(f"cannot read the filter from {text[position:][:20]!r}")
        kind = match.lastgroup or ""
        value = match.group(kind)
        if kind == "string":
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        found.append((kind, value))
        position = match.end()
    return found


def _parse(expression: str) -> tuple[str, list[_Comparison]]:
    """The comparisons of `expression` and the one connective joining them ("and" or "or")."""
    tokens = _tokens(expression)
    while tokens and tokens[0] == ("paren", "(") and tokens[-1] == ("paren", ")"):
        tokens = tokens[1:-1]
    if any(kind == "paren" for kind, _ in tokens):
        raise Untranslatable("parentheses inside the filter are not translated")
    comparisons: list[_Comparison] = []
    connectives: set[str] = set()
    position = 0
    while position < len(tokens):
        if comparisons:
            kind, word = tokens[position]
            if kind != "word" or word.lower() not in ("and", "or"):
                raise Untranslatable(f"expected and/or, found {word!r}")
            connectives.add(word.lower())
            position += 1
        part = tokens[position : position + 3]
        if (
            len(part) < 3
            or part[0][0] != "word"
            or part[1][0] != "op"
            or part[2][0] not in ("string", "word")
        ):
            raise Untranslatable("not a comparison (attribute operator value)")
        comparisons.append(_Comparison(part[0][1].lower(), part[1][1], part[2][1]))
        position += 3
    if not comparisons:
        raise Untranslatable("an empty filter")
    if len(connectives) > 1:
        raise Untranslatable("`and` mixed with `or` is not translated")
    return (connectives.pop() if connectives else "and"), comparisons


def _quoted(value: str) -> str:
    words = " ".join(value.replace('"', " ").split())
    return words if re.fullmatch(r"[\w'’-]+", words) else f'"{words}"'


def _words(value: str, op: str) -> list[str]:
    """The alternatives a title/content value means (a regular expression only when it is words)."""
    if op in ("=", "==", "#"):
        return [value]
    pattern = value.removeprefix("(?i)")
    alternatives = pattern.split("|")
    if not all(a.strip() and _PLAIN.fullmatch(a) for a in alternatives):
        raise Untranslatable(f"the regular expression {value!r} is a pattern; Dateline matches words")
    return [a.strip() for a in alternatives]


def _term(comparison: _Comparison, saved: bool, today: date) -> tuple[list[str], str]:
    """The query terms (alternatives) of one comparison, and a note."""
    attribute, op, value = comparison.attribute, comparison.op, comparison.value
    negate = op in _NEGATED
    op = _NEGATED.get(op, op)
    sign = "-" if negate else ""
    if attribute in ("title", "content"):
        column = "title" if attribute == "title" else "body"
        if op not in ("=", "==", "=~", "#"):
            raise Untranslatable(f"{attribute} {comparison.op} is not a text comparison")
        return [f"{sign}{column}:{_quoted(word)}" for word in _words(value, op)], ""
    if attribute in ("feedtitle", "feedlink", "rssurl"):
        if attribute != "feedtitle" and not value.lower().startswith(("http://", "https://")):
            raise Untranslatable(f"{attribute} needs a whole feed URL, not {value!r}")
        if op not in ("=", "==", "=~", "#") or (op == "=~" and attribute == "feedtitle" and "|" in value):
            raise Untranslatable(f"{attribute} {comparison.op} {value!r} is not translated")
        return [f'{sign}feed:"{value.replace(chr(34), "")}"'], ""
    if attribute == "tags" and op == "#":
        return [f"{sign}tag:{_quoted(value)}"], ""
    if attribute == "unread" and op in ("=", "=="):
        answer = value.lower() in ("yes", "true", "1")
        return [f"unread:{'yes' if answer != negate else 'no'}"], ""
    if attribute == "age":
        if not saved:
            raise Untranslatable("age moves every day; a mute rule's dates would not")
        if op not in ("<", "<=", ">", ">=") or not value.isdigit():
            raise Untranslatable(f"age {op} {value} is not translated")
        days = int(value) + (1 if op == ">" else 0) - (1 if op == "<=" else 0)
        day = (today - timedelta(days=days)).isoformat()
        term = f"since:{day}" if op in ("<", "<=") else f"before:{day}"
        return [term], f"age {op} {value} became {term}, fixed on {today.isoformat()}"
    raise Untranslatable(_WHY.get(attribute, f"newsboat's {attribute!r} has no Dateline term"))


def translate_filter(expression: str, *, saved: bool = False, today: date | None = None) -> Translated:
    """A Dateline query for a newsboat filter expression. Raises Untranslatable."""
    connective, comparisons = _parse(expression)
    when = today or date.today()
    notes: list[str] = []
    groups: list[list[str]] = []
    for comparison in comparisons:
        terms, note = _term(comparison, saved, when)
        groups.append(terms)
        if note:
            notes.append(note)
    if connective == "or":
        return Translated(" OR ".join(t for terms in groups for t in terms), "; ".join(notes))
    if any(len(terms) > 1 and not terms[0].startswith("-") for terms in groups) and len(groups) > 1:
        raise Untranslatable("alternatives (a|b) beside `and` are not translated")
    if any(len(terms) > 1 and not terms[0].startswith("-") for terms in groups):
        return Translated(" OR ".join(groups[0]), "; ".join(notes))
    return Translated(" ".join(t for terms in groups for t in terms), "; ".join(notes))


@dataclass(frozen=True)
class NewsboatLine:
    """One line of a newsboat file that asks for a rule: its number, the text, and the result
    (`translated`, or `why` it was refused)."""

    number: int
    text: str
    translated: Translated | None = None
    why: str = ""


def ignore_article_rules(config: str) -> list[NewsboatLine]:
    """Each `ignore-article FEED "EXPR"` line of a newsboat config, as a mute rule or the reason it
    is not one. Other lines are not rules and are left out."""
    lines: list[NewsboatLine] = []
    for number, raw in enumerate(config.splitlines(), start=1):
        text = raw.strip()
        if not text.startswith("ignore-article"):
            continue
        try:
            words = shlex.split(text, comments=True)
        except ValueError as error:
            lines.append(NewsboatLine(number, text, why=f"cannot read the line ({error})"))
            continue
        if words[0] != "ignore-article":
            continue
        if len(words) != 3:
            lines.append(NewsboatLine(number, text, why='expected ignore-article FEED "FILTER"'))
            continue
        feed, expression = words[1], words[2]
        if feed != "*" and not feed.lower().startswith(("http://", "https://")):
            lines.append(NewsboatLine(number, text, why=f"the feed {feed!r} is neither * nor an http(s) URL"))
            continue
        try:
            found = translate_filter(expression)
        except Untranslatable as refused:
            lines.append(NewsboatLine(number, text, why=str(refused)))
            continue
        if feed != "*":
            if " OR " in found.query:
                why = "alternatives in one feed's rule are not translated"
                lines.append(NewsboatLine(number, text, why=why))
                continue
            found = Translated(f'feed:"{feed}" {found.query}', found.note)
        lines.append(NewsboatLine(number, text, found))
    return lines


def query_feed(title: str, expression: str, *, today: date | None = None) -> Translated:
    """The saved search of a newsboat `"query:Title:expr"` feed. Raises Untranslatable."""
    if not " ".join(title.split()):
        raise Untranslatable("the query feed has no title")
    return translate_filter(expression, saved=True, today=today)


__all__ = [
    "NewsboatLine",
    "Translated",
    "Untranslatable",
    "ignore_article_rules",
    "query_feed",
    "translate_filter",
]
