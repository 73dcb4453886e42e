"""Lines that list names or facts are the article's body, not page chrome (issue 18, item 3).

A squad ("Defenders - Ana Costa, Rui Pinto"), a profile ("Name: X", "Born: 1990"), a small table
("Oslo 12 4 1", "Team | P | W | Pts"), results ("Arsenal 2 Chelsea 1") and a list of names are
short lines that end no sentence, which is what page chrome looks like: before the fix they were
dropped, and with them the people they name. They are kept in a clean article and inside a scraped
page's body, while the page's menus, share bars, "Related" lists and size pickers still go.
"""

from __future__ import annotations

import pytest

from tests import locations
from tui.ingest.pipeline import parse_text
from tui.ingest.text import is_data_line

SQUAD_PAGE = locations.DATA / "ingest" / "squad-page.txt"

DATA_LINES = [
    "Goalkeepers: Diogo Costa, Rui Patricio, Jose Sa",
    "Defenders - Ana Costa, Rui Pinto, Joao Sa",
    "Midfielders \u2013 Bruno Fernandes, Vitinha and Joao Palhinha",
    "Name: Joao Palhinha",
    "Nation: Portugal",
    "Born: 1990",
    "Position: Central midfielder",
    "Oslo 12 4 1",
    "Oslo | 12 | 4 | 1",
    "Arsenal 2 Chelsea 1",
    "Manchester United 4 3 1 0 10 4 10",
    "Pete Sampras (U.S.) beat Jonas Bjorkman (Sweden) 6-3 6-4",
    "Ana Costa, Rui Pinto, Joao Sa",
    "Vasco da Gama, Ludwig van Beethoven, Ibn Battuta",
    "Goalkeepers: Diogo Costa (Porto, 24 caps), Jose Sa (Wolves, 2 caps)",
    "Date of birth: 5 February 1985",
    "Place of birth: Funchal, Portugal",
    "-- Oslo Newsroom +47 22 42 50 41",
    "1. Tom Steels (Belgium) Mapei 4 hours 41 minutes 12 seconds",
    "Dollar 1.4868 marks",
]
NOT_DATA = [
    "By Daniel Frost",
    "Photo: Jane Doe",
    "Tags: Politics, Economy",
    "Topics: Schools, Education, Councils",
    "Home > News > Local",
    "Sign in | Subscribe",
    "Football | Cricket | Rugby | Tennis | Golf | More",
    "Tue 17 Mar 2026 09.14 GMT",
    "Comments (128)",
    "Page 2 of 4",
    "Listen to this article 4 min",
    "Read next: Five things we learned from the weekend's games",
    "Pension changes: what you need to know before April",
    "Transfer news: Harbour City sign striker Kwame Osei for club-record fee",
    "The Unity party won 21 of the 100 seats, down from 26.",
    "Ana Costa, Rui Pinto and Joao Sa scored in the second half.",
    "Share on Facebook",
    "XS S M L",
    "https://example.com/story",
    "Photo gallery 3 of 12",
    "Posted in: Politics, Economy",
    "Filed under: Schools, Councils",
    "Related topics: Football, Arsenal",
    "Keywords: Oslo, Bergen, Trondheim",
    "Reading time: 4 minutes",
    "Words: 850",
    "Image 4/9",
]


@pytest.mark.parametrize("line", DATA_LINES)
def test_data_lines_are_recognised(line: str) -> None:
    assert is_data_line(line)


@pytest.mark.parametrize("line", NOT_DATA)
def test_chrome_and_prose_are_not_data(line: str) -> None:
    assert not is_data_line(line)


CLEAN = (
    "Portugal name squad for the qualifiers\n"
    "\n"
    "Coach Roberto Martinez named a 26-man squad on Thursday for the two qualifiers against "
    "Slovakia and Iceland next month.\n"
    "\n"
    "Goalkeepers: Diogo Costa, Rui Patricio, Jose Sa\n"
    "Defenders - Ana Costa, Rui Pinto, Joao Sa\n"
    "Forwards: Cristiano Ronaldo, Rafael Leao, Goncalo Ramos\n"
    "\n"
    "Martinez said the squad had trained well and that he expected a full house in Lisbon.\n"
    "\n"
    "Profile\n"
    "Name: Joao Palhinha\n"
    "Nation: Portugal\n"
    "Born: 1995\n"
    "Club: Bayern Munich\n"
    "\n"
    "Standings after four rounds:\n"
    "Team | P | W | Pts\n"
    "Oslo 12 4 1\n"
    "Bergen 12 3 2\n"
    "\n"
    "Results:\n"
    "Arsenal 2 Chelsea 1\n"
    "Everton 0 Liverpool 3\n"
)


def test_clean_article_keeps_squad_profile_table_and_results() -> None:
    """Data lines between prose and after the last paragraph of a clean article all stay."""
    article = parse_text(CLEAN, "squad.txt")
    assert article.title == "Portugal name squad for the qualifiers"
    for line in CLEAN.splitlines()[2:]:
        if line:
            assert line in article.paragraphs, line
    assert article.paragraphs[0].startswith("Coach Roberto Martinez")


def test_clean_list_of_names_one_a_line() -> None:
    text = (
        "Hall of fame adds four names\n"
        "\n"
        "The club's hall of fame added four former players at a dinner on Saturday night, "
        "the first new names in three years.\n"
        "\n"
        "The four are:\n"
        "Maria Jose Ortega\n"
        "Kwame Mensah\n"
        "Lars van Dijk\n"
        "Aiko Tanaka\n"
        "\n"
        "Each will have a plaque in the main stand from the start of next season.\n"
    )
    paragraphs = parse_text(text, "hall.txt").paragraphs
    for name in ("Maria Jose Ortega", "Kwame Mensah", "Lars van Dijk", "Aiko Tanaka"):
        assert name in paragraphs
    assert paragraphs[-1].startswith("Each will have a plaque")


def test_clean_results_without_long_paragraph() -> None:
    """A short results story (no paragraph long enough to anchor the body) keeps its rows."""
    text = (
        "Premier league results\n"
        "\n"
        "Results of premier league matches on Saturday:\n"
        "Arsenal 2 Chelsea 1\n"
        "Everton 0 Liverpool 3\n"
        "Leeds United 1 Fulham 1\n"
    )
    article = parse_text(text, "results.txt")
    assert article.title == "Premier league results"
    assert article.paragraphs == text.splitlines()[2:]


def test_scraped_page_keeps_data_inside_its_body_and_drops_its_chrome() -> None:
    article = parse_text(SQUAD_PAGE.read_text(encoding="utf-8"), str(SQUAD_PAGE))
    body = article.paragraphs
    assert article.title == "Selvania name uncapped goalkeeper in squad for qualifiers"
    for line in (
        "Goalkeepers: Tiago Mendonca, Ivo Rask, Bram de Wit",
        "Defenders - Ana Costa, Rui Pinto, Joao Sa, Henrik Olsen",
        "Forwards: Dario Quint, Yusuf Demir",
        "Player profile",
        "Name: Tiago Mendonca",
        "Nation: Selvania",
        "Born: 2003",
        "Club: Porto Azul",
        "Team | P | W | Pts",
        "Norland | 4 | 3 | 10",
        "Norland 2 Selvania 1",
        "Kestria 0 Selvania 3",
    ):
        assert line in body, line
    assert body[0].startswith("Coach Aurelio Brandt")
    assert body[-1].startswith("Selvania host Norland")
    for junk in (
        "Home",
        "Sport",
        "Sign in",
        "Football >",
        "Marta Lindgren",
        "Share",
        "Advertisement",
        "Related",
        "Brandt signs new contract",
        "XS",
        "XL",
        "Most read",
        "Kestria sack coach",
        "Transfer window",
        "\u00a9",
    ):
        assert not any(p.startswith(junk) for p in body), junk


def test_clean_profile_box_above_the_story() -> None:
    text = (
        "Palhinha signs for Bayern\n"
        "\n"
        "Profile\n"
        "Name: Joao Palhinha\n"
        "Nation: Portugal\n"
        "Born: 1995\n"
        "\n"
        "Bayern Munich signed the Portugal midfielder Joao Palhinha from Fulham on Thursday for a "
        "fee that could rise to 51 million euros, the club said.\n"
    )
    article = parse_text(text, "profile.txt")
    assert article.title == "Palhinha signs for Bayern"
    assert article.paragraphs[:4] == ["Profile", "Name: Joao Palhinha", "Nation: Portugal", "Born: 1995"]
    assert article.paragraphs[4].startswith("Bayern Munich signed")


def test_headline_shaped_like_data_is_still_the_title() -> None:
    text = (
        "Ukraine: Zelensky meets Biden\n"
        "By Ana Reyes\n"
        "\n"
        "President Volodymyr Zelensky met Joe Biden at the White House on Thursday to ask for more "
        "air defence systems before the winter.\n"
    )
    article = parse_text(text, "head.txt")
    assert article.title == "Ukraine: Zelensky meets Biden"
    assert article.paragraphs == [text.split("\n\n")[1].strip()]


def test_data_shaped_chrome_outside_the_body_still_goes() -> None:
    """A score ticker above the headline, a league-table sidebar after an advert, a footer of
    labelled link lists: shaped like data, but outside the article's body."""
    page = locations.DATA / "ingest" / "derby-page.txt"
    article = parse_text(page.read_text(encoding="utf-8"), str(page))
    assert article.title == "Derby day: Harbour City beat Riverside to go top"
    assert article.paragraphs == [
        "Harbour City went top of the table on Sunday with a 2-1 win over their neighbours "
        "Riverside in front of a record crowd at the Quayside.",
        "Kwame Osei scored twice in the first half before Riverside pulled one back through a "
        "late penalty from their captain.",
        "Teams",
        "Harbour City: Bakker; Lund, Okoro, Mensah, Sato; Ferri, Quint; Osei",
        "Riverside: Walsh; Brennan, Doyle, Kim, Murphy; Adeyemi, Costa; Novak",
        "The win leaves City a point clear of Port Vale, who play at home to Millbrook on Monday night.",
    ]


PROFILE_HTML = """<html><head><title>Palhinha signs | Example Sport</title></head><body>
<nav><a href="/">Home</a> <a href="/football">Football</a></nav>
<article><h1>Palhinha signs for Bayern</h1>
<p>Bayern Munich signed the Portugal midfielder Joao Palhinha from Fulham on Thursday for a fee
that could rise to 51 million euros, the club said in a statement.</p>
<ul><li>Name: Joao Palhinha</li><li>Born: 9 July 1995</li><li>Nation: Portugal</li></ul>
<table><tr><th>Team</th><th>P</th><th>Pts</th></tr>
<tr><td>Bayern Munich</td><td>4</td><td>12</td></tr>
<tr><td>Bayer Leverkusen</td><td>4</td><td>10</td></tr></table>
<p>He will wear the number 16 shirt and could make his debut against Wolfsburg on Sunday
afternoon in front of a full house.</p></article>
<footer>Copyright 2026 Example Sport</footer></body></html>"""


@pytest.mark.parametrize("main_text", [True, False], ids=["trafilatura", "lxml"])
def test_html_profile_and_table_rows_are_body(main_text: bool) -> None:
    """A profile fact with a date is no timestamp line; the lxml fallback keeps a data table's
    row as one line instead of dropping its number cells one by one."""
    from tui.ingest.html import extract_html

    paragraphs = extract_html(PROFILE_HTML, main_text=main_text).paragraphs
    for line in (
        "Name: Joao Palhinha",
        "Born: 9 July 1995",
        "Nation: Portugal",
        "Team | P | Pts",
        "Bayern Munich | 4 | 12",
        "Bayer Leverkusen | 4 | 10",
    ):
        assert line in paragraphs, line
    assert not any("Copyright" in p or p == "Home" for p in paragraphs)


def test_bulleted_names_and_facts() -> None:
    text = (
        "Hall of fame adds three names\n"
        "\n"
        "The club's hall of fame added three former players at a dinner on Saturday night, the "
        "first new names in three years.\n"
        "\n"
        "The new members:\n"
        "\u2022 Maria Jose Ortega\n"
        "\u2022 Kwame Mensah\n"
        "\u2022 Lars van Dijk\n"
        "\n"
        "Facts:\n"
        "- Founded: 1897\n"
        "- Ground: Estadio do Mar\n"
        "\n"
        "Each will have a plaque in the main stand from the start of next season.\n"
    )
    paragraphs = parse_text(text, "hall.txt").paragraphs
    for line in (
        "\u2022 Maria Jose Ortega",
        "\u2022 Kwame Mensah",
        "\u2022 Lars van Dijk",
        "- Founded: 1897",
        "- Ground: Estadio do Mar",
    ):
        assert line in paragraphs, line


@pytest.mark.parametrize(
    ("text", "title", "paragraphs"),
    [
        (
            "Portugal squad for the qualifiers\n\nSquad\nGoalkeepers: Diogo Costa, Rui Patricio\n"
            "Defenders: Ruben Dias, Joao Cancelo\n",
            "Portugal squad for the qualifiers",
            ["Squad", "Goalkeepers: Diogo Costa, Rui Patricio", "Defenders: Ruben Dias, Joao Cancelo"],
        ),
        (
            "Portugal squad\n\nGoalkeepers: Diogo Costa, Rui Patricio\nDefenders: Ruben Dias, Joao Cancelo\n",
            "Portugal squad",
            ["Goalkeepers: Diogo Costa, Rui Patricio", "Defenders: Ruben Dias, Joao Cancelo"],
        ),
        (
            "Results\n\nArsenal 2 Chelsea 1\nEverton 0 Liverpool 3\n",
            "Results",
            ["Arsenal 2 Chelsea 1", "Everton 0 Liverpool 3"],
        ),
    ],
    ids=["heading-then-data", "two-word-title", "one-word-title"],
)
def test_clean_file_of_data_only(text: str, title: str, paragraphs: list[str]) -> None:
    """No prose at all: the headline is the line above the blank line, however short, and
    every line of data is body (not the first one taken for the title)."""
    article = parse_text(text, "data.txt")
    assert (article.title, article.paragraphs) == (title, paragraphs)


def test_a_profile_date_is_not_the_published_date() -> None:
    text = (
        "Palhinha signs for Bayern\n"
        "\n"
        "Name: Joao Palhinha\n"
        "Born: 9 July 1995\n"
        "\n"
        "Bayern Munich signed the Portugal midfielder Joao Palhinha from Fulham on Thursday for a "
        "fee that could rise to 51 million euros, the club said.\n"
    )
    article = parse_text(text, "profile.txt")
    assert "Born: 9 July 1995" in article.paragraphs
    assert article.published is None
