"""Layer 3a: fields from headed sections ("Learning objectives", "Faculty", "Contact hours")."""

from __future__ import annotations

import re

from crawler.dates import parse_date
from crawler.extract.fields import (
    EMAIL,
    PHONE,
    set_approval,
    set_credits,
    set_instructors,
    set_objectives,
    set_price,
    trim,
)
from crawler.extract.formats import normalize_format
from crawler.extract.sections import Section
from crawler.extract.text import clean, is_blank
from crawler.items import Course

SOURCE = "heading-section"
MAX_SECTIONS = 25
_LEAD_IN = re.compile(
    r"(?:able to|will|should|learners?|participants?|you)\b[^.]{0,40}:\s*$|objectives?:?\s*$", re.I
)


def objective_items(section: Section) -> list[str]:
    items = [i for i in section.items if not _LEAD_IN.search(i)]
    return [i for i in items if 3 <= len(i) <= 400]


def _first_line_with(text: str, rx: re.Pattern) -> str | None:
    return next((line for line in text.split("\n") if rx.search(line)), None)


_MONEY_OR_FREE = re.compile(
    r"[$£€]\s?\d|\bfree\b|\bUSD\b|\bincluded with\b|\bmembers?\b|\bno (?:charge|cost|fee)\b|"
    r"\bcomplimentary\b",
    re.I,
)
_REF = re.compile(r"^[A-Z0-9][A-Za-z0-9._/-]{0,40}$")


def apply_sections(course: Course, found: list[Section], url: str) -> None:
    for section in found:
        text = section.text
        if not section.kind or is_blank(text):
            continue
        kind = section.kind
        if kind == "objectives":
            set_objectives(course, objective_items(section), SOURCE)
        elif kind == "instructors":
            set_instructors(course, text, SOURCE)
        elif kind == "refund":
            course.set("refund_policy_text", trim(text), SOURCE)
            course.set("refund_policy_url", url, SOURCE)
        elif kind in ("expiry", "release"):
            field = "expiry_date" if kind == "expiry" else "release_date"
            course.set(field, parse_date(text, month_end=kind == "expiry"), SOURCE)
        elif kind == "credits":
            set_credits(course, f"{section.heading}: {text}", SOURCE)
        elif kind == "approval":  # its credit figures are AAMA points, read in reconcile
            set_approval(course, text, SOURCE)
        elif kind in ("audience", "rationale", "description"):
            course.set(kind, trim(text), SOURCE)
        elif kind == "format":
            course.set("format", normalize_format(text[:200]), SOURCE)
        elif kind == "price":
            line = _first_line_with(text, _MONEY_OR_FREE)
            if line:
                set_price(course, line, SOURCE)
        elif kind == "course_ref":
            first = text.split("\n")[0].strip()
            course.set("course_ref", first if _REF.match(first) else None, SOURCE)
        elif kind == "contact":
            email, phone = EMAIL.search(text), PHONE.search(text)
            course.set("contact_email", email.group(0) if email else None, SOURCE)
            course.set("contact_phone", clean(phone.group(0)) if phone else None, SOURCE)


def sections_evidence(found: list[Section]) -> dict[str, str]:
    """{heading: text} of the recognised sections, kept for the scorer's evidence."""
    out: dict[str, str] = {}
    for section in found:
        text = trim(section.text)
        if section.kind and text and section.heading not in out:
            out[section.heading] = text
        if len(out) >= MAX_SECTIONS:
            break
    return out
