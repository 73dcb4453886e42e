"""The shortcuts taken for speed in the ingest rules (issue 20, item 9: a feed refresh runs them on
every paragraph of every item) give what the plain rules give, character by character."""

from __future__ import annotations

import random
import re

from tui.core import sanitize
from tui.ingest import text_chrome
from tui.ingest.dates import find_date
from tui.ingest.html_lxml import keep_lines
from tui.ingest.text_data import is_data_line


def _by_patterns(text: str) -> str:
    """`clean_text` without its shortcuts: every pattern, in order."""
    text = sanitize._NEWLINES.sub("\n", text)
    text = sanitize._STRING_SEQ.sub("", text)
    text = sanitize._CSI_SEQ.sub("", text)
    text = sanitize._OTHER_ESC.sub("", text)
    return sanitize._CONTROLS.sub("", text)


def test_clean_text_skips_nothing_its_patterns_remove_at_any_code_point() -> None:
    # Text with no character of `_ANY_UNSAFE` is returned as it is: each code point alone, at the
    # start, inside and at the end of a line, must still be cleaned as the patterns clean it.
    for point in [*range(0x3000), *range(0xFE00, 0x10000), 0x1F600, 0xE0001, 0x10FFFF]:
        char = chr(point)
        if 0xD800 <= point <= 0xDFFF:
            continue
        for text in (char, f"a{char}b", f"word {char}[31m {char}]0;t\x07 end{char}"):
            assert sanitize.clean_text(text) == _by_patterns(text), hex(point)


def test_clean_text_returns_clean_text_itself() -> None:
    text = "Plain words, “quoted” — and Zürich.\n\tIndented."
    assert sanitize.clean_text(text) is text


def _chrome_without_shortcut(text: str) -> bool:
    """`is_chrome` with the cookie rule's regex asked every time."""
    real = text_chrome._may_hold
    text_chrome._may_hold = lambda _text, _word: True  # type: ignore[assignment]
    try:
        return text_chrome.is_chrome(text)
    finally:
        text_chrome._may_hold = real


def test_cookie_lines_are_chrome_in_every_case_the_regex_matches() -> None:
    cases = [
        "We use cookies to improve your experience. Accept all",
        "WE USE COOKIES TO IMPROVE YOUR EXPERIENCE",
        "We use CoOkIeS to improve your browsing",
        "We use coo\u212aies to improve your experience",  # KELVIN SIGN: a "k" to the regex
        "We use cook\u0130es to improve your experience",  # dotted capital I: an "i" to the regex
        "Cookie settings: manage your preferences",
        " ".join(["Our site uses cookies and you agree to them by browsing on."] * 5),  # 60 words
        "The cookie jar was empty when the council met to agree the budget.",
        "Bakers agreed the cookies sold out.",
        "The council agreed to extend the harbour wall by forty metres on Tuesday night.",
    ]
    for text in cases:
        assert text_chrome.is_chrome(text) == _chrome_without_shortcut(text), text
    assert text_chrome.is_chrome(cases[3]) and text_chrome.is_chrome(cases[4])


def test_cookie_shortcut_on_random_lines() -> None:
    rng = random.Random(5)
    pieces = ["cookie", "COOKIES", "Cookie", "coo\u212aie", "cook\u0130e", "accept", "privacy", "the"]
    pieces += ["council", "met", "é", ".", "settings", "agree", "browsing", "cookies."]
    for _ in range(2000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 90)))
        assert text_chrome.is_chrome(text) == _chrome_without_shortcut(text), text


def test_data_line_told_the_chrome_verdict_answers_as_when_it_asks() -> None:
    lines = [
        "Reporting by Henrik Costa; edited by Priya Sato. Ref 000000.",
        "Goalkeepers: Ana Costa, Rui Pinto",
        "Born: 12 May 1990",
        "Oslo 12 4 1",
        "Arsenal 2 Chelsea 1",
        "Ana Costa, Rui Pinto, Joao Sa",
        "Share this article",
        "Updated 10:42 GMT, 3 May 2024",
        "Tags: politics, economy",
        "Photo: Reuters",
        "| Oslo | 12 | 4 |",
    ]
    for line in lines:
        chrome = text_chrome.is_chrome(line, line.count(" ") + 1)
        assert is_data_line(line, chrome=chrome) == is_data_line(line), line


def _keep_lines_plain(raw: list[str], title: str) -> list[str]:
    """`keep_lines` as it was before its shortcut: `is_data_line` asks `is_chrome` itself."""
    from tui.ingest.html_lxml import _table_row
    from tui.ingest.html_popups import undouble_names

    seen: set[str] = set()
    kept: list[str] = []
    for line in raw:
        text, data_row = _table_row(undouble_names(line))
        if data_row:
            kept.append(text)
            continue
        key = text.casefold()
        if key in seen or key == title.casefold() or (text_chrome.is_chrome(text) and not is_data_line(text)):
            continue
        seen.add(key)
        kept.append(text)
    return kept


def test_keep_lines_keeps_what_the_plain_rules_keep() -> None:
    # Lines one space apart (as the lxml rules give them) and lines that are not (trafilatura's):
    # there `is_data_line` counts words by spaces, `is_chrome` by `str.split`.
    raw = [
        "Reporting by Henrik Costa; edited by Priya Sato. Ref 000000.",
        "Born: 12 May 1990",
        "Born:  12 May 1990",
        "Updated 10:42 GMT",
        "Oslo 12 4 1",
        "Oslo  12  4  1",
        " Ana Costa, Rui Pinto, Joao Sa ",
        "Goalkeepers:\tAna Costa, Rui Pinto",
        "Share this article",
        "The council met on Tuesday and agreed to extend the harbour wall by forty metres.",
        "| Oslo | 12 | 4 |",
        "Tags: politics,  economy",
        "Date of birth: 5 February 1985",
        "10:42 GMT",
    ]
    assert keep_lines(raw, "A headline") == _keep_lines_plain(raw, "A headline")
    rng = random.Random(3)
    words = [*re.findall(r"\S+", " ".join(raw)), " ", "  ", "\t"]
    for _ in range(500):
        lines = ["".join(rng.choice(words) + " " for _ in range(rng.randint(1, 14))) for _ in range(4)]
        assert keep_lines(lines, "") == _keep_lines_plain(lines, "")


def _fragment_paragraphs_plain(text: str) -> list[str]:
    """`html_fragment_paragraphs` with pop-ups and chrome always looked for."""
    from tui.ingest.html_lxml import paragraphs_of, parse_document, remove_chrome
    from tui.ingest.html_popups import drop_popups

    doc = parse_document(f"<html><body>{text}</body></html>")
    if doc is None:
        return []
    drop_popups(doc)
    remove_chrome(doc)
    body = doc.find("body")
    return paragraphs_of(body if body is not None else doc, "")


def test_plain_paragraph_fragments_give_what_the_full_rules_give() -> None:
    from tui.ingest.html import _OTHER_MARKUP, html_fragment_paragraphs

    rng = random.Random(11)
    tags = ["<p>", "</p>", "<br>", "<br/>", "<br />", "<p>", "</p>"]
    words = ["The council met.", "Share this article", "Ilhan OmarIlhan Omar", "&amp;", "&lt;p&gt;", "\n"]
    words += ["  ", "Reporting by Ana Costa; editing by Rui Pinto.", "© 2024 The Paper", "Oslo 12 4 1", "é"]
    words += ["Read more", "a < b", "Sign up for our newsletter", "<b>bold</b>", '<p class="share">x</p>']
    plain = 0
    for _ in range(1500):
        text = "".join(rng.choice(tags if rng.random() < 0.4 else words) for _ in range(rng.randint(0, 30)))
        plain += _OTHER_MARKUP.search(text) is None
        assert html_fragment_paragraphs(text) == _fragment_paragraphs_plain(text), text
    assert plain > 100  # the shortcut was taken often enough to be tested


def test_only_bare_paragraph_and_break_tags_skip_the_chrome_rules() -> None:
    from tui.ingest.html import _OTHER_MARKUP, html_fragment_paragraphs

    for text in ("<p>x</p>", "<p>x<br>y<br/>z<br />w</p>", "no markup", "</p>"):
        assert _OTHER_MARKUP.search(text) is None, text
    others = ("<P>x</P>", '<p class="a">x</p>', "<p >x</p>", "a < b", "<!-- c -->", "<div>x</div>", "<pre>")
    for text in others:
        assert _OTHER_MARKUP.search(text) is not None, text
    share = '<p>The council met on Tuesday and agreed to the plan.</p><p class="share-bar">Share on X</p>'
    assert html_fragment_paragraphs(share) == ["The council met on Tuesday and agreed to the plan."]


def _is_chrome_in_written_order(text: str) -> bool:
    """`is_chrome` with its rules in the order they were written (the byline rule last but one)."""
    tc = text_chrome
    n = len(text.split())
    if n > 80:
        return False
    if tc.COOKIE.search(text) and tc.CONSENT.search(text):
        return True
    if n > 30:
        return False
    if tc.COPYRIGHT.search(text):
        return True
    calls = len(tc.CALL_TO_ACTION.findall(text))
    if calls >= 2 or (tc._CTA_END.search(text) and not (calls <= 1 and tc.is_prose_sentence(text))):
        return True
    if n <= 20 and tc.CREDIT.search(text):
        return True
    if n <= 6 and tc.AGENCY_ONLY.fullmatch(text):
        return True
    if n <= 3 and tc.CLOCK_TIME.match(text):
        return True
    if n <= 14 and tc.chrome_phrase(text):
        return True
    if n <= 12 and (
        tc.URLISH.search(text)
        or (tc.SEPARATORS.search(text) and not tc.ends_sentence(text))
        or (not tc.ends_period(text) and find_date(text, whole=True) is not None)
    ):
        return True
    if n <= 25 and tc.is_byline(text):
        return True
    if n <= 4 and all(len(w) <= 3 for w in text.split()) and not tc.ends_sentence(text):
        return True
    return not tc.WORD.search(text)


def test_chrome_rules_in_any_order_give_the_same_answer() -> None:
    rng = random.Random(17)
    pieces = ["By", "Ana", "Costa,", "Reuters", "Reporting", "by", "the", "council", "met.", "Updated"]
    pieces += ["3", "hours", "ago", "|", "Share", "this", "article", "Sign", "up", "©", "2024", "10:42"]
    pieces += ["GMT", "Photo:", "(AP)", "www.example.com", "Science", "Correspondent", "12", "May", "a", "."]
    # The rules asked of printable ASCII only in ASCII form: every case, and what is not that.
    pieces += [
        "SIGN UP",
        "Sign Up.",
        "sIgN iN",
        "Subscribe",
        "REGISTER",
        "Click here",
        "(C) 2024",
        "(c)\t2024",
    ]
    pieces += ["\u00a9", "COPYRIGHT", "Getty Images", "(REUTERS)", "/ AFP", "HTTPS://X.Y", "@user", "#tag"]
    pieces += [
        "Find out more",
        "DOWNLOAD",
        "reGisTer\x1c",
        "\x1c",
        "\t",
        "Zürich",
        "Photo\u2013",
        "e-MAIL",
        "(c)\x1c2024",
    ]
    pieces += ["Read\u00a0more", "Learn more \u2192", "www.\u212aelvin.com", "\u0130mage:", "\u017fign up"]
    for _ in range(3000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 32)))
        assert text_chrome.is_chrome(text) == _is_chrome_in_written_order(text), text


def test_one_spaced_and_word_count_give_what_split_gives() -> None:
    from tui.ingest.spaces import one_spaced, word_count

    # Every character `str.split` splits at, other than the space, is not printable: the shortcut's
    # premise, checked over all of Unicode (surrogates cannot be whitespace).
    assert [c for c in range(0x110000) if chr(c).isspace() and chr(c).isprintable() and c != 32] == []
    splitters = [chr(c) for c in range(0x110000) if len(f"a{chr(c)}b".split()) == 2]
    rng = random.Random(5)
    pieces = ["word", "Zürich", "—", " ", "  ", "", "é", "\u00ad", "\u200b", *splitters]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert one_spaced(text) == " ".join(text.split()), repr(text)
        assert word_count(text) == len(text.split()), repr(text)


def test_glue_shortcut_finds_what_the_glue_regex_finds() -> None:
    from tui.ingest import html_popups

    ascii_ = [chr(c) for c in range(128)]
    for a in ascii_:
        for b in ascii_:
            text = f"x{a}{b}1"
            expected = html_popups._GLUE.search(text) is not None
            assert (b"aA" in text.encode("ascii").translate(html_popups._CASES)) == expected, repr(text)
    for text in ("Ilhan OmarIlhan Omar", "ZoéZoé Renée", "no glue here", "McDonald", "iPhone"):
        plain = html_popups._DOUBLED_NAME.sub(r"\1", text) if html_popups._GLUE.search(text) else text
        assert html_popups.undouble_names(text) == plain


def _walk_plain(el: object, out: list[str]) -> None:
    """`_walk` before its shortcut for blocks that hold only text."""
    from tui.ingest import html_lxml

    buf: list[str] = []

    def flush() -> None:
        for chunk in "".join(buf).split("\n\n"):
            text = " ".join(chunk.split())
            if text:
                out.append(text)
        buf.clear()

    if el.text:  # type: ignore[attr-defined]
        buf.append(el.text)  # type: ignore[attr-defined]
    for child in el:  # type: ignore[attr-defined]
        if isinstance(child.tag, str):
            row = html_lxml._data_row(child) if child.tag == "tr" else None
            if row is not None:
                flush()
                out.append(row)
            elif child.tag == "br":
                buf.append("\n\n" if buf and "".join(buf).endswith("\n") else "\n")
            elif child.tag in html_lxml._BLOCK_TAGS or any(
                isinstance(d.tag, str) and d.tag in html_lxml._BLOCK_TAGS for d in child.iterdescendants()
            ):
                flush()
                _walk_plain(child, out)
            else:
                buf.append(str(child.text_content()))
        if child.tail:
            buf.append(child.tail)
    flush()


def test_walk_gives_what_the_plain_walk_gives() -> None:
    from tui.ingest import html_lxml

    rng = random.Random(3)
    tags = [
        "<p>",
        "</p>",
        "<br>",
        "<div>",
        "</div>",
        "<li>",
        "<td>",
        "<tr>",
        "<table>",
        "<b>",
        "</b>",
        "<h2>",
    ]
    words = ["The council met.", "\n\n", "\n", "  ", "\u00a0", "Oslo", "12", "é —", "<!-- c -->", "\t"]
    for _ in range(1500):
        text = "".join(rng.choice(tags if rng.random() < 0.4 else words) for _ in range(rng.randint(0, 30)))
        doc = html_lxml.parse_document(f"<html><body>{text}</body></html>")
        if doc is None:
            continue
        fast: list[str] = []
        plain: list[str] = []
        html_lxml._walk(doc, fast)
        _walk_plain(doc, plain)
        assert fast == plain, text


def test_clean_line_shortcut_gives_what_sanitize_gives_at_any_code_point() -> None:
    from tui.core.sanitize import clean_line

    def plain(text: str) -> str:  # clean_line as it was before its shortcut
        return " ".join(sanitize.clean_text(text).split())

    # Every character `clean_text` removes or changes is unprintable (printable text is folded as
    # it is), checked over all of Unicode; then lines with each code point in them.
    assert [c for c in range(0x110000) if sanitize._ANY_UNSAFE.match(chr(c)) and chr(c).isprintable()] == []
    for point in [*range(0x3100), *range(0xFE00, 0x10000), 0x1F600, 0xE0001, 0x10FFFF]:
        if 0xD800 <= point <= 0xDFFF:
            continue
        char = chr(point)
        for text in (char, f" a{char}b  c ", f"word {char}[31m {char}]0;t\x07  end{char}"):
            assert clean_line(text) == plain(text), hex(point)


def test_no_character_but_a_and_lt_lower_cases_to_them() -> None:
    # `html_fragment_links` looks for "<a" and "<A" where it lower-cased the whole text.
    others = [
        c for c in range(0x110000) if chr(c) not in "aA<" and ("a" in chr(c).lower() or "<" in chr(c).lower())
    ]
    assert others == []


def _fragment_paragraphs_by_tree(text: str) -> list[str]:
    """`html_fragment_paragraphs` with every fragment read through lxml's tree."""
    from tui.ingest import html

    real = html._bare_paragraph_texts
    html._bare_paragraph_texts = lambda _text: None  # type: ignore[assignment]
    try:
        return html.html_fragment_paragraphs(text)
    finally:
        html._bare_paragraph_texts = real


def test_bare_paragraph_fragments_give_what_the_tree_gives() -> None:
    from tui.ingest.html import _bare_paragraph_texts, html_fragment_paragraphs

    rng = random.Random(7)
    pieces = ["The council met.", "Oslo 12 4 1", "Zürich —", "“quoted”", "a > b", "  ", " ", "\u00a0", "\t"]
    pieces += ["\n", "\r\n", "&amp;", "&", "<b>x</b>", "<", "]]>", "😀", "e\u0301", "Reporting by Ana Costa."]
    pieces += ["Share this article", "Ilhan OmarIlhan Omar", "\x00", "\x7f", "\u2028", "\ufeff", "\U000e0001"]
    between = ["", "\n", " ", "\t", "\r\n", "\u00a0", "x", "<br>"]
    taken = 0
    for _ in range(3000):
        paragraphs = [
            "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))) for _ in range(rng.randint(1, 6))
        ]
        glue = rng.choice(between) if rng.random() < 0.3 else ""
        text = glue + glue.join(f"<p>{p}</p>" for p in paragraphs) + glue
        taken += _bare_paragraph_texts(text) is not None
        assert html_fragment_paragraphs(text) == _fragment_paragraphs_by_tree(text), repr(text)
    assert taken > 100  # the shortcut was taken often enough to be tested
    # Every code point of the Basic Multilingual Plane (and a few beyond) inside a paragraph.
    for start in range(0, 0x10000, 64):
        text = "".join(
            f"<p>a{chr(c)}b {chr(c)}</p>" for c in range(start, start + 64) if not 0xD800 <= c <= 0xDFFF
        )
        if text:
            assert html_fragment_paragraphs(text) == _fragment_paragraphs_by_tree(text), hex(start)
    for text in ("<p>x</p><p>y", "<p>x</p></p>", "x<p>y</p>", "<p>x</p >", "<P>x</P>", "", " ", "<p></p>"):
        assert html_fragment_paragraphs(text) == _fragment_paragraphs_by_tree(text), text


def _corpus_lines() -> list[str]:
    """Every line of the sample articles and the ingest test data, one space apart, and cut."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    lines: set[str] = set()
    for folder in ("sample_articles", "tests/data/ingest", "tests/data/extraction", "tests/data/scraped"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                    words = line.split()
                    for cut in (len(words), 30, 20, 12, 6, 3):
                        lines.add(" ".join(words[:cut]))
    return sorted(lines)


def test_chrome_rules_with_their_guards_give_the_plain_answer_on_every_corpus_line() -> None:
    rng = random.Random(23)
    lines = _corpus_lines()
    marks = ["(", ")", ":", "/", "@", "#", "://", "www.", "Sign up", "e-mail", "2024", "19", "|", "›", "»"]
    lines += [f"{line} {rng.choice(marks)}" for line in lines[:: max(1, len(lines) // 3000)]]
    assert len(lines) > 3000
    for line in lines:
        assert text_chrome.is_chrome(line) == _is_chrome_in_written_order(line), line


def _is_byline_plain(text: str) -> bool:
    """`is_byline` with the words counted before the byline regex is asked (as it was written)."""
    tc = text_chrome
    n = len(text.split())
    if n > 25:
        return False
    if n <= 10 and tc.BYLINE.search(text) and not tc.is_prose_sentence(text):
        return True
    if tc.ends_period(text):
        return False
    alpha = tc.WORD.findall(text)
    mostly_capitalised = sum(1 for w in alpha if w[0].islower()) <= 0.4 * len(alpha)
    if tc.BYLINE.search(text) and mostly_capitalised:
        return True
    if n <= 20 and tc._DATELINE_START.search(text) and _find_date_plain(text) is not None:
        return True
    return n <= 12 and bool(tc._NAME_ROLE.match(text))


def _find_date_plain(text: str, *, whole: bool = False) -> str | None:
    """`find_date` without its guard: every pattern asked."""
    from tui.ingest.dates import find_date_unguarded

    return find_date_unguarded(text, whole=whole)


def test_byline_and_date_rules_give_the_plain_answer() -> None:
    rng = random.Random(29)
    lines = _corpus_lines()
    pieces = [
        "By",
        "Ana",
        "Costa",
        "reporting",
        "by",
        "Updated",
        "12",
        "May",
        "2024",
        "1999",
        "3/4/2020",
        "at",
    ]
    pieces += [
        "10:42",
        "GMT",
        "Published",
        "Science",
        "Correspondent",
        "the",
        "council",
        "met.",
        "Mar.",
        "Tue,",
    ]
    lines += [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 14))) for _ in range(3000)]
    for line in lines:
        assert text_chrome.is_byline(line) == _is_byline_plain(line), line
        for whole in (False, True):
            assert find_date(line, whole=whole) == _find_date_plain(line, whole=whole), line
