"""Full text never cut short (issue 21, defect 9): the combination of trafilatura and Dateline's own
rules keeps the whole body when either part has it.

Three ways a page lost its body: a state class on the article ("modal-enabled") made Dateline's rules
take it for chrome, the chrome-line filter then cut trafilatura's body to a few lines because they
outnumbered what Dateline had left (a teaser); teaser `<article>`s hid a body kept in a `<div>`; and
trafilatura stopped at the first of several body blocks while Dateline's rules had them all. The
pages in tests/data/extraction (ferry-fare-row-tabloid, salt-marsh-longread-chapters,
water-mains-inquiry-rail-rows) show each in a whole page; these tests pin each rule.
"""

from __future__ import annotations

import lxml.html
import pytest

from tui.ingest import html as html_module
from tui.ingest.html_lxml import HtmlPage, _is_junk_element
from tui.ingest.html_main_text import without_chrome
from tui.ingest.pipeline import parse_html

SENTENCES = [
    "The river authority bought the three farms in the spring and cut four breaches in the old wall.",
    "For the first three years very little grew on the mud that the tide spread over the stubble.",
    "Then the mud began to rise, and glasswort took hold on the higher ground by the creeks.",
    "Birds arrived faster than the plants, and the winter counts have risen almost every year.",
    "Young bass now shelter in the flooded creeks at high tide, the fisheries board found.",
    "The new inland wall has needed only minor repairs since it was built twenty years ago.",
    "Farmers along the estuary say the compensation has not kept pace with land prices.",
    "The authority says it will move more slowly at the next site and consult for longer.",
    "An ecologist still walks the same survey line across the marsh every month of the year.",
    "She has recorded more than two hundred species of plant and animal on the site so far.",
]


# A list in the body: short lines, none of them prose.
OPTIONS = ["Split plots in half", "Open two new sites", "One plot a household", "Yearly list check"]


def _element(tag: str, cls: str) -> object:
    return lxml.html.fragment_fromstring(f"<{tag} class='{cls}'><p>Text.</p></{tag}>")


@pytest.mark.parametrize(
    "cls",
    [
        "box article modal-enabled",
        "post has-sidebar",
        "entry no-comments",
        "story comments-enabled",
        "entry-content entry-content-read-more",
        "page menu-open",
        "article with-share-bar",
    ],
)
def test_state_classes_are_not_chrome(cls: str) -> None:
    """A class saying what an element offers or what state it is in names no chrome element."""
    assert not _is_junk_element(_element("div", cls))


@pytest.mark.parametrize(
    "cls",
    [
        "share-bar",
        "newsletter-signup",
        "site-footer",
        "related-posts",
        "modal",
        "is-hidden",
        "comments-area",
        "sidebar-widget",
        "show-comments",
        "allow-cookies",
    ],
)
def test_chrome_classes_stay_chrome(cls: str) -> None:
    assert _is_junk_element(_element("div", cls))


def test_teaser_articles_do_not_hide_a_body_kept_in_a_div() -> None:
    body = "".join(f"<p>{s}</p>" for s in SENTENCES)
    teasers = "".join(
        f"<article class='story'><h3><a href='/s{i}'>Other story {i}</a></h3>"
        f"<p>A short summary of another story that is worth a click.</p></article>"
        for i in range(6)
    )
    page = (
        "<html><head><title>The marsh that came back</title></head><body>"
        f"<div class='box article'><h1>The marsh that came back</h1><div class='entry-content'>{body}</div>"
        f"</div><section class='more'>{teasers}</section></body></html>"
    )
    assert html_module.extract_html(page, main_text=False).paragraphs == SENTENCES

    # A story in an <article> under long reader responses in <div>s keeps its <article>.
    story = "".join(f"<p>{s}</p>" for s in SENTENCES[:2])
    responses = "".join(
        f"<div class='response'><p>Reader {i}</p><p>{s} I have lived on this coast all my life. {s}</p></div>"
        for i, s in enumerate(SENTENCES)
    )
    page = (
        "<html><head><title>The marsh</title></head><body><article><h1>The marsh that came back</h1>"
        f"{story}</article><div class='responses'>{responses}</div></body></html>"
    )
    assert html_module.extract_html(page, main_text=False).paragraphs == SENTENCES[:2]


def test_a_chrome_cut_must_leave_a_body_agreeing_with_datelines() -> None:
    """Dateline's rules took the article for chrome and kept a teaser: four short lines of a fare
    box outnumber the teaser, but they do not agree with it, and the body stays whole."""
    box = ["What riders now pay", "Monthly pass: 139 dollars", "Ten-trip card: 46 dollars"]
    lines = SENTENCES[:3] + box + SENTENCES[3:]
    teaser = ["Police search for missing kayaker", "The coast guard widened its search."]
    page = HtmlPage("Fares", teaser, None, None, 400, frozenset(s.casefold() for s in SENTENCES))
    assert without_chrome(lines, page) == lines
    # When what is left does hold Dateline's body, the cut stands (a comment box trafilatura kept).
    agreeing = HtmlPage(
        "Fares", SENTENCES[:4], None, None, 400, frozenset(s.casefold() for s in SENTENCES[4:])
    )
    assert without_chrome(SENTENCES, agreeing) == SENTENCES[:4]


def _page(blocks: str) -> str:
    return (
        "<html><head><title>The marsh that came back</title></head><body><nav><a href='/'>Home</a></nav>"
        "<article><h1>The marsh that came back</h1>"
        "<p class='standfirst'>Engineers let the tide take three farms. Was it worth it in the end?</p>"
        f"{blocks}</article><footer>Copyright 2026</footer></body></html>"
    )


def test_datelines_body_replaces_trafilatura_stopping_at_the_first_block(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first, rest = SENTENCES[:4], SENTENCES[4:]
    blocks = (
        "<div class='article-content'>" + "".join(f"<p>{s}</p>" for s in first) + "</div>"
        "<blockquote class='pullquote'><p>For the first three years very little grew on the mud</p>"
        "</blockquote>"
        "<div class='rail-card'><p><a href='/flood'>Flood defences: everything you need to know</a></p></div>"
        "<h2>What comes next</h2>"
        "<div class='article-content'>"
        + "".join(f"<p>{s}</p>" for s in rest[:2])
        + "<ul>"
        + "".join(f"<li>{item}</li>" for item in OPTIONS)
        + "</ul>"
        + "".join(f"<p>{s}</p>" for s in rest[2:])
        + "</div>"
        "<p>Topics: <a href='/t/marsh'>marshes</a></p>"
    )
    monkeypatch.setattr(html_module, "_main_text_lines", lambda text: list(first))
    whole = first + ["What comes next"] + rest[:2] + OPTIONS + rest[2:]
    assert parse_html(_page(blocks), "marsh.html").paragraphs == whole

    # Only on evidence: a standfirst and a line more, or prose between names or after a run of
    # them (reader comments), are no sign that trafilatura stopped early.
    body = "".join(f"<p>{s}</p>" for s in SENTENCES[:6])
    monkeypatch.setattr(html_module, "_main_text_lines", lambda text: SENTENCES[:6])
    short_extra = body + f"<p>{SENTENCES[6]}</p>"
    assert parse_html(_page(short_extra), "marsh.html").paragraphs == SENTENCES[:6]
    names = ["Rachel Obi", "Mike Dunne", "Annette", "Joseph Kay"]
    comments = "".join(f"<p>{name}</p><p>{s}</p>" for name, s in zip(names, SENTENCES[6:], strict=True))
    assert parse_html(_page(body + comments), "marsh.html").paragraphs == SENTENCES[:6]
    labels = "<h3>4 comments</h3><p>Rachel Obi</p><p>Mike Dunne</p><p>Annette</p><p>Joseph Kay</p>"
    after_labels = labels + "".join(f"<p>{s}</p>" for s in SENTENCES[6:])
    assert parse_html(_page(body + after_labels), "marsh.html").paragraphs == SENTENCES[:6]
    teasers = "".join(
        f"<div class='card'><p><a href='/s{i}'>{name} on the marsh</a></p><p>{s}</p></div>"
        for i, (name, s) in enumerate(zip(names, SENTENCES[6:], strict=True))
    )
    assert parse_html(_page(body + teasers), "marsh.html").paragraphs == SENTENCES[:6]
