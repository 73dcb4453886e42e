"""Publication dates in the many shapes pages and feeds write them, normalised to ISO-8601."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_TIME = (
    r"(?:(?:\s*,\s*|\s+at\s+|\s+|T)(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?(?:\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2}))?)?"
)
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_PATTERNS = [
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + _TIME, re.IGNORECASE),
    re.compile(_WEEKDAY + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR + _TIME, re.IGNORECASE),
    re.compile(_YEAR + r"[-/.](?P<mnum>\d{1,2})[-/.]" + _DAY + _TIME, re.IGNORECASE),
    re.compile(r"(?P<mnum>\d{1,2})/" + _DAY + r"/" + _YEAR + _TIME, re.IGNORECASE),
]


def _to_iso(match: re.Match[str]) -> str | None:
    parts = match.groupdict()
    try:
        month = _MONTHS[parts["month"].lower()] if parts.get("month") else int(parts["mnum"])
        day_of = date(int(parts["year"]), month, int(parts["day"]))
    except (ValueError, KeyError):
        return None
    if parts.get("hour") is None:
        return day_of.isoformat()
    hour, minute = int(parts["hour"]), int(parts["minute"])
    ampm = (parts.get("ampm") or "").replace(".", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    tz_text = parts.get("tz")
    tzinfo = None
    if tz_text:
        if tz_text.upper() in ("Z", "UTC", "GMT"):
            tzinfo = UTC
        else:
            sign = 1 if tz_text[0] == "+" else -1
            digits = tz_text[1:].replace(":", "")
            tzinfo = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    try:
        moment = datetime(
            day_of.year,
            day_of.month,
            day_of.day,
            hour,
            minute,
            int(parts.get("second") or 0),
            tzinfo=tzinfo,
        )
    except ValueError:
        return day_of.isoformat()
    return moment.isoformat()


def normalize_date(value: str) -> str | None:
    """`value` as ISO-8601 (a date, or a datetime when it has a time); None if unparseable."""
    text = " ".join(str(value).split())
    if not text or len(text) > 80:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(text.replace("z", "Z")).isoformat()
    except ValueError:
        pass
    if re.fullmatch(r"\d{9,10}(?:\.\d+)?", text):  # Unix seconds, as some JSON exports write them
        return datetime.fromtimestamp(float(text), tz=UTC).isoformat()
    if "," in text[:5] or re.match(r"\d{1,2} [A-Za-z]{3} \d{4} \d", text):
        try:
            return parsedate_to_datetime(text).isoformat()  # RFC 822, as RSS writes dates
        except (TypeError, ValueError, IndexError):
            pass
    found = find_date(text)
    return found


def find_date(text: str, *, whole: bool = False) -> str | None:
    """The first date in `text` as ISO-8601; with `whole`, only if it is (nearly) all of it."""
    if "19" not in text and "20" not in text:
        return None  # speed only: every pattern's year opens with "19" or "20"
    return find_date_unguarded(text, whole=whole)


def find_date_unguarded(text: str, *, whole: bool = False) -> str | None:
    """`find_date` without its guard: every pattern asked (what the guard must never change)."""
    for pattern in _PATTERNS:
        match = pattern.search(text)
        if match is None:
            continue
        if whole:
            rest = (text[: match.start()] + text[match.end() :]).strip(" ,.-|:()")
            if len(rest.split()) > 3:
                continue
        iso = _to_iso(match)
        if iso is not None:
            return iso
    return None
