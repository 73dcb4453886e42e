"""Pop-up text glued into names (issue 18, item 3): a page that keeps a person card or a tooltip
inside a name's link, or a hidden copy of the name beside it, gave "Ilhan OmarIlhan Omar" in the
article text. The HTML path (trafilatura's body and Dateline's lxml fallback) now drops pop-ups and
hidden copies, and as a last resort a name typed twice without a space is collapsed.
"""

from __future__ import annotations

import re

import pytest

from tests import locations
from tui.ingest.html import extract_html, html_fragment_paragraphs, undouble_names
from tui.ingest.pipeline import load_file

DATA = locations.DATA / "ingest" / "tooltip"
PERSON_CARD = DATA / "person-card.html"
ANCHORS = DATA / "anchors.html"
GLUED = re.compile(r"([A-Z][a-z]+ [A-Z][\w]+)\1")


@pytest.mark.parametrize("main_text", [True, False], ids=["trafilatura", "lxml"])
def test_person_cards_and_hidden_copies_leave_one_name(main_text: bool) -> None:
    page = extract_html(PERSON_CARD.read_text(encoding="utf-8"), main_text=main_text)
    text = "\n".join(page.paragraphs)
    assert not GLUED.search(text), text
    for name in (
        "after Ilhan Omar and Tom Emmer agreed",  # tooltip, person card
        "Mike Johnson said",  # aria-hidden
        "where Amy Klobuchar has",  # hidden
        "including Pete Stauber and Betty McCollum, said",  # display:none, sr-only
        "led by Angie Craig, said",  # visually-hidden
    ):
        assert name in text
    assert "U.S. Representative, Minnesota" not in text  # the card's other lines


@pytest.mark.parametrize("main_text", [True, False], ids=["trafilatura", "lxml"])
def test_pop_up_openers_keep_their_names(main_text: bool) -> None:
    page = extract_html(ANCHORS.read_text(encoding="utf-8"), main_text=main_text)
    text = "\n".join(page.paragraphs)
    assert "opened on Saturday by Grace Adebayo, who read" in text
    assert "Mayor of Riverton" not in text
    assert "The architect, Lars Eklund, said" in text
    assert "a gift by Nadia Qureshi, whose family" in text
    assert "said Ken Ito would run" in text  # a copy of unknown class, repeating the name
    assert "such as Maria Jose Ortega, said" in text


def test_loaded_article_has_no_glued_names() -> None:
    [article] = load_file(PERSON_CARD)
    assert not GLUED.search(article.body)
    assert "Ilhan Omar and Tom Emmer" in article.body


def test_feed_item_html_drops_pop_ups() -> None:
    paragraphs = html_fragment_paragraphs(
        '<p>A statement from <a href="/p/1">Ilhan Omar<span class="tooltip">Ilhan Omar</span></a>'
        " was read out in the chamber on Monday.</p>"
    )
    assert paragraphs == ["A statement from Ilhan Omar was read out in the chamber on Monday."]


@pytest.mark.parametrize(
    ("glued", "clean"),
    [
        ("after Ilhan OmarIlhan Omar agreed", "after Ilhan Omar agreed"),
        ("Betty McCollumBetty McCollum, said", "Betty McCollum, said"),
        ("in New YorkNew York.", "in New York."),
        ("Maria Jose OrtegaMaria Jose Ortega", "Maria Jose Ortega"),
    ],
)
def test_doubled_names_collapse(glued: str, clean: str) -> None:
    assert undouble_names(glued) == clean


@pytest.mark.parametrize(
    "text",
    [
        "OmarOmar is one word",  # a single word is not a name typed twice
        "Ilhan Omar Ilhan Omar",  # a space between: written twice on purpose
        "the iPhone and McDonald's",
        "Ilhan OmarIlhan Omari",  # not the same name
        "Walla Walla is a city",
    ],
)
def test_other_text_is_left_alone(text: str) -> None:
    assert undouble_names(text) == text


def test_html_page_collapses_doubled_name_without_markup() -> None:
    html = (
        "<html><head><title>Vote</title></head><body><article><h1>Council vote on the budget</h1>"
        "<p>The budget passed after Ilhan OmarIlhan Omar spoke for it in a long speech to the "
        "council on Tuesday evening.</p></article></body></html>"
    )
    for main_text in (True, False):
        page = extract_html(html, main_text=main_text)
        assert "after Ilhan Omar spoke" in " ".join(page.paragraphs)


def test_a_name_shown_only_through_hidden_elements_is_kept() -> None:
    """Visible text hidden from screen readers beside a screen-reader label: neither is a copy of
    something else that shows, so the name stays (once)."""
    html = (
        "<html><head><title>Vote</title></head><body><article><h1>Council vote on the budget</h1>"
        '<p>The budget passed after <a href="/p/omar"><span aria-hidden="true">Ilhan Omar</span>'
        '<span class="sr-only">Ilhan Omar</span></a> spoke for it in a long speech to the council '
        "on Tuesday evening.</p></article></body></html>"
    )
    for main_text in (True, False):
        text = " ".join(extract_html(html, main_text=main_text).paragraphs)
        assert "after Ilhan Omar spoke" in text, text


def test_screen_reader_text_that_repeats_nothing_stays_for_trafilatura() -> None:
    """A screen reader's words beside an icon are text, not a copy: only copies go (before
    trafilatura; Dateline's lxml fallback drops screen-reader text as before)."""
    html = (
        "<html><head><title>Squad</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/sport">Sport</a> <a href="/football">Football</a> '
        '<a href="/tennis">Tennis</a> <a href="/golf">Golf</a> <a href="/rugby">Rugby</a></nav>'
        "<article><h1>Portugal name squad</h1>"
        "<p>The coach named his squad on Thursday for the two qualifiers next month, with three "
        "new caps among the defenders and a recall for a veteran goalkeeper.</p>"
        '<p>Captain: <span aria-hidden="true">\U0001f1f5\U0001f1f9</span>'
        '<span class="sr-only">Portugal</span> Cristiano Ronaldo will lead the side again in '
        "both matches, the federation said in a statement on its website.</p>"
        "<p>The squad meets in Lisbon on Monday and flies to the first match on Wednesday.</p>"
        "</article><footer><p>Copyright 2026 Example Sport. All rights reserved. Terms of use. "
        "Privacy policy. Cookie settings. Contact us. Advertise with us.</p></footer></body></html>"
    )
    text = " ".join(extract_html(html, main_text=True).paragraphs)
    assert "Portugal Cristiano Ronaldo" in text, text
