"""newsboat filters made queries (issue 21): what translates, and every refusal with its reason."""

from __future__ import annotations

from datetime import date

import pytest

from tui.store.newsboat_rules import Untranslatable, ignore_article_rules, query_feed, translate_filter

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("expression", "query"),
    [
        ('title =~ "Sponsored"', "title:Sponsored"),
        ('title =~ "(?i)press release"', 'title:"press release"'),
        ('title # "ad"', "title:ad"),
        ('title = "Daily Briefing"', 'title:"Daily Briefing"'),
        ('title =~ "crypto|bitcoin"', "title:crypto OR title:bitcoin"),
        ('title !~ "crypto|bitcoin"', "-title:crypto -title:bitcoin"),
        ('content =~ "horoscope"', "body:horoscope"),
        ('feedtitle = "Tech Desk"', 'feed:"Tech Desk"'),
        ('feedtitle != "Tech Desk"', '-feed:"Tech Desk"'),
        ('rssurl = "https://example.org/rss"', 'feed:"https://example.org/rss"'),
        ('feedlink =~ "https://example.org/"', 'feed:"https://example.org/"'),
        ('tags # "sport"', "tag:sport"),
        ('unread = "yes"', "unread:yes"),
        ('unread != "yes"', "unread:no"),
        ('title =~ "port" and feedtitle = "Wire"', 'title:port feed:"Wire"'),
        ('title =~ "port" or title =~ "harbour"', "title:port OR title:harbour"),
        ('(title =~ "port")', "title:port"),
    ],
)
def test_translations(expression: str, query: str) -> None:
    assert translate_filter(expression).query == query


@pytest.mark.parametrize(
    ("expression", "why"),
    [
        ('title =~ "^Ad:.*"', "is a pattern"),
        ('title =~ "[0-9]+ deals"', "is a pattern"),
        ('author = "Jane"', "authors"),
        ('link =~ "example"', "link"),
        ('flags # "s"', "flags"),
        ('rssurl =~ "example"', "whole feed URL"),
        ("age > 30", "moves every day"),
        ('title =~ "a" and (title =~ "b" or title =~ "c")', "parentheses"),
        ('title =~ "a" and title =~ "b" or title =~ "c"', "mixed"),
        ('title =~ "a|b" and feedtitle = "x"', "alternatives"),
        ("title", "not a comparison"),
        ('title < "x"', "not a text comparison"),
        ('nonsense = "x"', "nonsense"),
    ],
)
def test_refusals_say_why(expression: str, why: str) -> None:
    with pytest.raises(Untranslatable, match=why):
        translate_filter(expression)


def test_age_translates_for_a_saved_search_as_a_fixed_date() -> None:
    found = query_feed("Recent", 'age < 7 and unread = "yes"', today=TODAY)
    assert found.query == "since:2026-11-30 unread:yes"
    assert "fixed on 2026-12-07" in found.note
    assert query_feed("Old", "age > 30", today=TODAY).query == "before:2026-11-06"
    with pytest.raises(Untranslatable):
        query_feed("  ", 'unread = "yes"')


def test_ignore_article_lines_of_a_config() -> None:
    config = "\n".join(
        [
            "# newsboat config",
            'ignore-article "*" "title =~ \\"Sponsored\\""',
            'ignore-article "https://example.org/rss" "title # \\"ad\\""',
            'ignore-article "https://example.org/rss" "author = \\"Jane\\""',
            'ignore-article "Tech" "title =~ \\"x\\""',
            'ignore-article "*"',
            'ignore-article "*" "title =~ \\"a|b\\""',
            'ignore-article "https://example.org/rss" "title =~ \\"a|b\\""',
            'ignore-mode "display"',
            "auto-reload yes",
        ]
    )
    lines = ignore_article_rules(config)
    assert [line.number for line in lines] == [2, 3, 4, 5, 6, 7, 8]
    made = {line.number: line.translated.query for line in lines if line.translated}
    assert made == {
        2: "title:Sponsored",
        3: 'feed:"https://example.org/rss" title:ad',
        7: "title:a OR title:b",
    }
    why = {line.number: line.why for line in lines if line.translated is None}
    assert "authors" in why[4] and "neither * nor" in why[5] and "FEED" in why[6] and "alternatives" in why[8]
