"""The one query language (issue 21, `tui.names.query`): every operator, quoting, and odd input,
written back with explicit grouping by `describe`."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tui.names.query import (
    And,
    Dated,
    Feed,
    Name,
    Not,
    Or,
    Tag,
    TermError,
    Text,
    Unread,
    describe,
    first_name,
    parse_query_tree,
    positive_text,
)


def shape(query: str) -> str:
    return describe(parse_query_tree(query))


def test_words_phrases_and_prefixes() -> None:
    assert parse_query_tree("ferry ") == Text(("ferry",))
    assert parse_query_tree("ferry") == Text(("ferry",), prefix=True)  # still being typed
    assert shape("kerry ferry ") == "(kerry ferry)"
    assert shape('"new york" ferry ') == '("new york" ferry)'
    assert shape("chlor* ferry ") == "(chlor* ferry)"
    assert shape('"John Kerry"') == '"John Kerry"'  # a closed phrase is never a prefix
    assert shape("U.S. covid-19 ") == '("U S" "covid 19")'  # punctuation inside a word: a phrase


def test_every_field() -> None:
    tree = parse_query_tree(
        'title:"new york" body:ferry feed:"Harbour News" tag:news person:"John Kerry" org:Pentagon '
        "place:Tokyo name:Kerry since:2026-03-01 before:2026-04-01 unread:yes"
    )
    assert isinstance(tree, And)
    assert tree.terms == (
        Text(("new", "york"), phrase=True, column="title"),
        Text(("ferry",), column="body"),
        Feed("Harbour News"),
        Tag("news"),
        Name("John Kerry", "people"),
        Name("Pentagon", "organizations"),
        Name("Tokyo", "places"),
        Name("Kerry", None),
        Dated(date(2026, 3, 1), since=True),
        Dated(date(2026, 4, 1), since=False),
        Unread(True),
    )
    assert parse_query_tree("unread:NO") == Unread(False)
    assert parse_query_tree("PERSON:kerry ") == Name("kerry", "people")  # field names in any case
    assert parse_query_tree("feed:https://example.org/rss?x=1") == Feed("https://example.org/rss?x=1")


def test_exclusion() -> None:
    assert parse_query_tree("ferry -strike ") == And((Text(("ferry",)), Not(Text(("strike",)))))
    assert shape('-"trade talks" -person:"John Kerry" -feed:BBC ') == (
        '(-"trade talks" -person:"John Kerry" -feed:"BBC")'
    )
    assert shape("NOT sports ") == "-sports"
    assert shape("--sports ") == "sports"  # a lone "-" before a "-" is punctuation
    assert shape("ferry - strike ") == "(ferry strike)"  # a lone "-" is punctuation
    assert shape("-(a OR b) c ") == "(-(a OR b) c)"


def test_or_binds_looser_than_and() -> None:
    assert shape("a b OR c ") == "((a b) OR c)"
    assert shape("a OR b c ") == "(a OR (b c))"
    assert shape("a OR b OR c ") == "(a OR b OR c)"
    assert shape("(a OR b) c ") == "((a OR b) c)"
    assert shape("a AND b ") == "(a b)"  # AND may be written
    assert shape("a or b ") == "(a or b)"  # only upper-case OR is the operator


def test_fts5_syntax_is_only_words() -> None:
    assert shape("a* b^c {x} NEAR(y) col:z ") == '(a* "b c" x NEAR y "col z")'
    assert shape("10:30 ") == '"10 30"'  # an unknown field is words
    assert parse_query_tree("*") is None and parse_query_tree(":^+") is None


def test_unicode() -> None:
    assert shape("café Zürich 東京 ") == "(café Zürich 東京)"
    assert parse_query_tree('person:"José Álvarez"') == Name("José Álvarez", "people")
    assert parse_query_tree('person:"Seán O\'Brien"') == Name("Seán O'Brien", "people")


def test_typographic_quotes_quote() -> None:
    assert parse_query_tree("person:\u201cJohn Kerry\u201d") == Name("John Kerry", "people")
    assert shape("\u201etrade talks\u201c ") == '"trade talks"'


def test_single_quotes_after_a_field_only() -> None:
    """`person:'John Kerry'` (handy inside a shell's double quotes); elsewhere an apostrophe is
    part of a word (O'Brien)."""
    assert parse_query_tree("person:'John Kerry' ") == Name("John Kerry", "people")
    assert shape("O'Brien's ferry ") == '("O Brien s" ferry)'


def test_odd_input_that_still_means_something() -> None:
    assert parse_query_tree("") is None and parse_query_tree("   ") is None
    assert parse_query_tree("-") is None and parse_query_tree(" - ") is None
    assert shape('"open phrase') == '"open phrase"'  # a quote left open runs to the end
    assert shape('person:"John Ker') == 'person:"John Ker"'
    assert shape('a "" b ') == "(a b)"  # an empty phrase is nothing


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("OR a", "OR at the start"),
        ("a OR", "OR at the end"),
        ("a OR OR b", "OR twice in a row"),
        ("(OR a)", "OR after an opening parenthesis"),
        ("OR", "OR at the start"),
        ("(a b", "not closed"),
        ("a b)", r"has no \("),
        ("()", "holds nothing"),
        ("NOT", "NOT needs a term"),
        ("since:March", "not a date"),
        ("before:2026-13-01", "not a date"),
        ("unread:maybe", "unread:yes or unread:no"),
        ("person:", "needs a value"),
        ('person:""', "needs a value"),
        ("title:!!", "no words"),
        ("since:2026-04-01 before:2026-03-01", "is not before"),
    ],
)
def test_what_cannot_be_meant_is_said_in_words(query: str, words: str) -> None:
    with pytest.raises(TermError, match=words):
        parse_query_tree(query)


def test_a_term_error_is_a_value_error() -> None:
    """What the agreed interface promises (`matching_ids` raises it)."""
    assert issubclass(TermError, ValueError)


def test_the_parts_a_result_is_shown_by() -> None:
    tree = parse_query_tree('ferry -strike person:"John Kerry" OR title:port ')
    assert [t.words for t in positive_text(tree)] == [("ferry",), ("port",)]
    assert first_name(tree) == Name("John Kerry", "people")
    assert first_name(parse_query_tree("-person:Kerry ferry ")) is None
    assert isinstance(parse_query_tree("a OR b"), Or)


def test_days_or_weeks_ago() -> None:
    """`since:7d` stays "the last week" in a saved search (newsboat's `age < 7`)."""
    today = date.today()
    assert parse_query_tree("since:7d") == Dated(today - timedelta(days=7), since=True)
    assert parse_query_tree("before:2W") == Dated(today - timedelta(days=14), since=False)
    with pytest.raises(TermError, match="7d / 2w"):
        parse_query_tree("since:7days")
