"""Delivery format -> one of crawler.items.FORMATS."""

from __future__ import annotations

import re

from crawler.extract.text import keyword_windows

# Order matters: a recorded webinar is self-paced, not live.
_TABLE = (
    ("self-paced online", r"\b(recorded|on[- ]demand|archived|pre-?recorded) (webinar|session|"
                       r"lecture)s?\b"),
    ("live webinar", r"\blive (online|virtual|webinar|web ?cast|stream|interactive)|\bwebinar|"
                  r"\bweb ?cast|"
     r"\bvirtual (classroom|session|event|conference)|\bsynchronous\b|\blive[- ]streamed\b"),
    ("in person", r"\bin[- ]person\b|\bclassroom\b|\bon[- ]?site\b|\bface[- ]to[- ]face\b|"
     r"\bfull[- ]time\b|\bpart[- ]time\b|\bworkshop\b|\bhands[- ]on (lab|session|workshop)"),
    ("home study", r"\bhome[- ]study\b|\bcorrespondence\b|\bprint(ed)? (course|booklet|workbook|"
                r"edition)\b|"
     r"\bby mail\b|^posted$"),
    ("self-paced online", r"\bself[- ]paced\b|\bon[- ]demand\b|\bonline\b|\be-?learning\b|"
                       r"\bweb[- ]based\b|"
     r"\bmooc\b|\bdistance learning\b|\basynchronous\b|\benduring material\b|\binternet\b"),
)  # fmt: skip
_COMPILED = tuple((name, re.compile(rx, re.I)) for name, rx in _TABLE)
# In running page text only unambiguous phrases count ("register online" says nothing).
_TEXT_TABLE = (
    ("self-paced online", re.compile(r"\b(recorded|on-demand) webinar", re.I)),
    (
        "live webinar",
        re.compile(r"\blive (online )?webinar\b|\blive virtual\b|\blive[- ]stream", re.I),
    ),
    (
        "in person",
        re.compile(r"\bin[- ]person (course|class|workshop|seminar|session|training|event)", re.I),
    ),
    ("home study", re.compile(r"\bhome[- ]study\b", re.I)),
    (
        "self-paced online",
        re.compile(r"\bself[- ]paced\b|\bon[- ]demand\b|\bonline course\b", re.I),
    ),
)


def normalize_format(value: str | list | None) -> str | None:
    """A format label or courseMode value(s) -> a catalog format, or None."""
    if value is None:
        return None
    values = value if isinstance(value, list) else [value]
    text = " | ".join(str(v).strip() for v in values if v)
    for name, rx in _COMPILED:
        if any(rx.search(str(v).strip()) for v in values) or rx.search(text):
            return name
    return None


_TEXT_KEYWORDS = ("webinar", "live", "person", "home", "self", "demand", "online course")


def format_in_text(text: str) -> str | None:
    """A format named in running text by an unambiguous phrase, or None."""
    windows = keyword_windows(text or "", _TEXT_KEYWORDS, 20, 30)
    for name, rx in _TEXT_TABLE:
        if any(rx.search(window) for window in windows):
            return name
    return None
