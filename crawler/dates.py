"""Dates as written on course pages -> YYYY-MM-DD.

A date with only a month ("Dec 2027") means the last day of that month when it bounds credit
(expiry, valid through) and the first day when it starts something (release): a course "valid
through Dec 2027" still awards credit on December 31.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_PATTERNS = (
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(r"\b(?P<mnum>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})\b"),
    re.compile(rf"\b{_MONTH},?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(r"\b(?P<mnum>\d{1,2})/(?P<year>\d{4})\b"),
)


def _build(groups: dict, month_end: bool) -> str | None:
    month = groups.get("mnum")
    month = int(month) if month else _MONTHS.get(groups["month"].lower().rstrip("."))
    year = int(groups["year"])
    if not month or not 1 <= month <= 12 or not 1900 <= year <= 2200:
        return None
    day = groups.get("day")
    if day is None:
        day = calendar.monthrange(year, month)[1] if month_end else 1
    try:
        return date(year, month, int(day)).isoformat()
    except ValueError:
        return None


def find_dates(text: str, month_end: bool = True) -> list[tuple[int, str]]:
    """(position, YYYY-MM-DD) for every date in ``text``, in order of position."""
    found: dict[int, str] = {}
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text or ""):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            value = _build(m.groupdict(), month_end)
            if value:
                found[m.start()] = value
                taken.append((m.start(), m.end()))
    return sorted(found.items())


def parse_date(text: str | None, month_end: bool = True) -> str | None:
    """The first date in ``text`` as YYYY-MM-DD, or None."""
    if not text:
        return None
    dates = find_dates(str(text)[:400], month_end)
    return dates[0][1] if dates else None
