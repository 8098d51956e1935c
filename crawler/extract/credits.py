"""Credit statements -> amount, unit (a key of CREDIT_UNITS), contact hours, AAMA category.

Units: AAMA CEU = 1 contact hour; IACET CEU = 10 contact hours; NHA CE credit
= 2 hours; one college credit = 15 hours. A "CEU" whose body is not named keeps its amount with
unit "ceu" and no contact hours: guessing 1 or 10 hours would be wrong half the time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.bodies import abbreviations
from crawler.extract.text import clean, keyword_windows
from crawler.items import CREDIT_UNITS

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "half": 0.5,
}  # fmt: skip
_NUM = r"(?P<num>\d+(?:\.\d+)?|\.\d+|" + "|".join(_WORDS) + r")"
_BODY_WORDS = (
    abbreviations()
    + r"|AMA PRA Category 1|nursing|continuing education|continuing|education|CE|CME|CNE|"
    r"clinical|administrative|general|approved|accredited"
)
_UNIT = (
    r"(?P<unit>contact[ -]hours?(?:\s?\(s\))?|contact hrs?\.?|clock[ -]hours?(?:\s?\(s\))?|"
    r"CEUs?(?:\s?\(s\))?|CE units?|continuing education units?|CE credits?(?:\s?\(s\))?|"
    r"CE hours?|CME credits?|CNE hours?|credit hours?(?:\s?\(s\))?|"
    r"credits?(?:\s?\(s\))?(?!\s+card)|"
    r"CCP points?|(?:recertification )?points?(?= toward| towards| in the| \()|"
    r"college credits?|semester (?:credits?|hours?)|"
    r"units?(?= of (?:continuing|CE)))"
)
STATEMENT = re.compile(
    rf"\b{_NUM}\s*(?:\(\s*\d+(?:\.\d+)?\s*\)\s*)?(?P<body>(?:(?:{_BODY_WORDS})[\s-]+){{0,3}}){_UNIT}",
    re.I,
)
LABELLED = re.compile(
    r"(?P<unit>contact hours?|clock hours?|CEUs?|CE credits?|CE hours?|credits?|credit hours?|"
    r"AAMA CEUs?|IACET CEUs?|NHA CE credits?)\s*(?:awarded|offered)?\s*[:\-–]\s*"
    r"(?P<num>\d+(?:\.\d+)?)(?!\s*(?:/|%|\d|-\d))",
    re.I,
)
_CATEGORY = re.compile(r"\b(administrative|clinical|general)\b", re.I)
_CATEGORY_TAIL = re.compile(
    r"^\s*(?:\((?=[^)]*(?:CEU|credit|hour|point|administrative|clinical|general))[^()]{1,60}\)|"
    r"in the (?:administrative|clinical|"
    r"general)"
    r" (?:category|content area)|[-–:,]?\s*(?:administrative|clinical|general)\b)",
    re.I,
)
_BODY_IN = (
    # "CMA (AAMA)" is a credential, not the body awarding the credit
    ("aama", re.compile(r"(?<!CMA \()\bAAMA\b|American Association of Medical Assistants", re.I)),
    ("iacet", re.compile(r"\bIACET\b", re.I)),
    ("nha", re.compile(r"\bNHA\b|National Healthcareer", re.I)),
    ("amt", re.compile(r"\bAMT\b|American Medical Technologists", re.I)),
)


@dataclass
class CreditInfo:
    amount: float
    unit: str | None
    contact_hours: float | None
    aama_category: str | None
    aama_points: float | None
    raw: str


def _number(text: str) -> float:
    low = text.lower()
    return float(_WORDS[low]) if low in _WORDS else float(text)


def _unit(unit_text: str, body_text: str, context: str) -> str | None:
    u = unit_text.lower()
    body = (body_text + " " + u).lower()
    named = next((name for name, rx in _BODY_IN if rx.search(body)), None)
    in_context = next((name for name, rx in _BODY_IN if rx.search(context)), None)
    if "contact" in u or u.startswith(("ce hour", "cne hour", "credit hour")):
        return "contact_hour"
    if "clock" in u:
        return "clock_hour"
    if "college" in u or "semester" in u:
        return "college_credit"
    if "point" in u:
        return "ccp_point" if "ccp" in u or (named or in_context) == "amt" else None
    if "ceu" in u or "unit" in u:
        owner = named or in_context
        return {"aama": "aama_ceu", "iacet": "iacet_ceu"}.get(owner or "", "ceu")
    if "credit" in u:
        owner = named or in_context
        if owner == "nha":
            return "nha_credit"
        if owner == "aama":
            return "aama_ceu"
        if "ama pra" in body or "cme" in u:
            return "contact_hour"
    return None


def _info(amount: float, unit: str | None, raw: str, context: str) -> CreditInfo:
    factor = CREDIT_UNITS.get(unit) if unit else None
    hours = round(amount * factor, 2) if factor is not None else None
    category = None
    aama_points = None
    if unit == "aama_ceu":
        aama_points = amount
        found = {m.lower() for m in _CATEGORY.findall(raw)} or {
            m.lower() for m in _CATEGORY.findall(context)
        }
        category = found.pop() if len(found) == 1 else None
    return CreditInfo(amount, unit, hours, category, aama_points, raw)


_UNIT_KEYWORDS = ("contact", "clock", "ceu", "credit", "point", "hour", "unit", "cne", "cme")


def find_credits(text: str, context: str | None = None) -> list[CreditInfo]:
    """Every credit statement in ``text``; ``context`` (the sentence) names the body when the
    statement itself does not ("approved by IACET ... 0.1 CEU")."""
    return list(_statements(text, context))


def _statements(text: str, context: str | None):
    """Credit statements in order, window by window (parse_credits stops at the first)."""
    text = clean(text)
    if len(text) <= 400:
        yield from _find_in(text, context)
        return
    for window in keyword_windows(text, _UNIT_KEYWORDS, 160, 80):
        yield from _find_in(window, context)


def _find_in(text: str, context: str | None) -> list[CreditInfo]:
    """Plain ("1.5 contact hours") and labelled ("Contact hours: 1.5") statements, in order."""
    found: list[tuple[int, CreditInfo]] = []
    taken: list[tuple[int, int]] = []
    for m in STATEMENT.finditer(text):
        amount = _number(m.group("num"))
        if amount <= 0 or amount > 500:
            continue
        tail = _CATEGORY_TAIL.match(text[m.end() :])
        raw = text[m.start() : m.end() + (tail.end() if tail else 0)].strip(" ,;:-–")
        sentence = context if context is not None else _sentence_around(text, m.start(), m.end())
        unit = _unit(m.group("unit"), m.group("body") or "", sentence)
        found.append((m.start(), _info(amount, unit, raw, sentence)))
        taken.append((m.start(), m.end()))
    for m in LABELLED.finditer(text):
        amount = float(m.group("num"))
        if not 0 < amount <= 500 or any(a < m.end() and m.start() < b for a, b in taken):
            continue
        sentence = context if context is not None else _sentence_around(text, m.start(), m.end())
        unit = _unit(m.group("unit"), m.group("unit"), sentence)
        found.append((m.start(), _info(amount, unit, m.group(0).strip(), sentence)))
    return [info for _, info in sorted(found, key=lambda pair: pair[0])]


def parse_credits(text: str | float | int | None, context: str | None = None) -> CreditInfo | None:
    """The first credit statement in ``text``, or None."""
    if text is None or isinstance(text, bool):
        return None
    return next(_statements(str(text), context), None)


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1 : right + 1]
