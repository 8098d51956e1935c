"""Setting catalog columns from raw values, normalized the same way whatever layer found them.

``apply_field(course, column, value, source)`` is what the selector layer, the JSON catalog
records and the heading sections all call: a price text fills price_raw, price_amount,
price_currency, cost_class and certificate_fee; a credit text fills credits_raw, credit_amount,
credit_unit, contact_hours and the AAMA fields; and so on.
"""

from __future__ import annotations

import re
from typing import Any

from crawler.dates import parse_date
from crawler.extract.approvals import find_approval
from crawler.extract.credits import parse_credits
from crawler.extract.formats import normalize_format
from crawler.extract.people import find_people, parse_person, people_from_lines
from crawler.extract.prices import parse_price
from crawler.extract.text import clean, keyword_windows, matches_at
from crawler.items import AAMA_CATEGORIES, Course

EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")
PHONE = re.compile(
    r"(?<![\d/.-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?:\s*(?:x|ext\.?)\s*\d{1,5})?(?![\d/-])"
)
# ASCII digits only, so hints can be looked for with str.find (phone numbers are not written
# in other scripts' digits on these pages)
_PHONE_HINT = re.compile(r"[0-9]{3}[\s.-][0-9]{4}")
_DIGITS = tuple("0123456789")
MAX_TEXT = 2000


def first_email(tree, text: str) -> str | None:
    """A mailto: link's address, else the first address in ``text``."""
    mail = tree.xpath("//a[starts-with(@href,'mailto:')]/@href")
    if mail:
        return clean(mail[0][7:].split("?")[0]) or None
    for window in keyword_windows(text, ("@",), 64, 64):
        found = EMAIL.search(window)
        if found:
            return found.group(0)
    return None


def first_phone(tree, text: str) -> str | None:
    """A tel: link's visible number, else the first phone number in ``text``."""
    tel = " ".join(clean(a.text_content()) for a in tree.xpath("//a[starts-with(@href,'tel:')]"))
    for source in (tel, text):
        for hint in matches_at(_PHONE_HINT, source, _DIGITS):
            found = PHONE.search(source, max(0, hint.start() - 20), hint.end() + 16)
            if found:
                return clean(found.group(0))
    return None


_PRICE_COLUMNS = {"price", "price_raw", "price_amount", "cost", "fee", "tuition"}
_CREDIT_COLUMNS = {"credits", "credits_raw", "credit_amount", "contact_hours", "ceus"}
_APPROVAL_COLUMNS = {"approval", "approval_evidence", "accreditation"}
_DATE_COLUMNS = {"release_date": False, "expiry_date": True, "approval_valid_through": True}
_TRUE = {"true", "1", "yes", "y"}
_NUMERIC = {"credit_amount", "contact_hours", "aama_points", "certificate_fee"}
_IS_NUMBER = re.compile(r"^\s*\d[\d,]*(?:\.\d+)?\s*$")


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int | float) or bool(_IS_NUMBER.match(str(value)))


def trim(text: str | None, limit: int = MAX_TEXT) -> str | None:
    if isinstance(text, str) and len(text) > 4 * limit:
        # clean() of a prefix is a prefix of clean() of the whole: a long section's text need
        # not be cleaned past what is kept
        head = clean(text[: 2 * limit])
        if len(head) > limit:
            return head[: limit - 1].rsplit(" ", 1)[0] + "…"
    text = clean(text)
    if not text:
        return None
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _as_text(value: Any) -> str | None:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value if v not in (None, ""))
    if isinstance(value, dict):
        return clean(str(value.get("name") or value.get("value") or "")) or None
    return None if value is None else str(value)


def set_price(
    course: Course, text: Any, source: str, currency: str | None = None, raw: bool = True
) -> bool:
    """``raw=False`` when ``text`` was assembled from structured values, not written on a page."""
    info = parse_price(text, currency)
    if info is None:
        return False
    if course.field_is_set("cost_class"):  # a stronger layer priced it: only its wording is new
        same = info.cost_class == course.cost_class and info.amount == course.price_amount
        return raw and same and course.set("price_raw", info.raw, source)
    if raw:
        course.set("price_raw", info.raw, source)
    course.set("price_amount", info.amount, source)
    course.set("price_currency", info.currency, source)
    course.set("cost_class", info.cost_class, source)
    course.set("certificate_fee", info.certificate_fee, source)
    course.set("member_price", info.member_price, source)
    return True


def set_credits(
    course: Course, text: Any, source: str, context: str | None = None, raw: bool = True
) -> bool:
    info = parse_credits(text, context)
    if info is None:
        return False
    if course.field_is_set("credit_amount"):  # a stronger layer stated it: add wording, category
        if (info.amount, info.unit) != (course.credit_amount, course.credit_unit):
            return False
        if raw:
            course.set("credits_raw", info.raw, source)
        course.set("aama_category", info.aama_category, source)
        return True
    if raw:
        course.set("credits_raw", info.raw, source)
    course.set("credit_amount", info.amount, source)
    course.set("credit_unit", info.unit, source)
    course.set("contact_hours", info.contact_hours, source)
    course.set("aama_points", info.aama_points, source)
    course.set("aama_category", info.aama_category, source)
    return True


def set_approval(course: Course, text: str, source: str) -> bool:
    found = find_approval(text)
    if found is None:
        return False
    course.set("aama_approved", found.aama_approved, source)
    if found.body is None:
        return False
    course.set("approval_body", found.body, source)
    course.set("approval_number", found.number, source)
    course.set("approval_valid_through", found.valid_through, source)
    course.set("approval_evidence", trim(found.evidence, 600), source)
    return True


def set_instructors(course: Course, value: Any, source: str) -> bool:
    if isinstance(value, str):
        people = find_people(value) or people_from_lines(re.split(r"\n|;|\band\b", value))
    else:
        people = []
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and "credentials" in item:
                person = item
            elif isinstance(item, dict):
                person = parse_person(
                    str(item.get("name", "")),
                    _text(item.get("honorificSuffix")),
                    _text(item.get("jobTitle")),
                )
            else:
                person = parse_person(str(item))
            if person:
                people.append(person)
    unique = {p["name"].casefold(): p for p in reversed(people)}  # first mention wins
    return course.set("instructors", list(reversed(unique.values())), source)


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if isinstance(v, str))
    return value if isinstance(value, str) else None


def set_objectives(course: Course, value: Any, source: str) -> bool:
    items = value if isinstance(value, list) else re.split(r"\n|;\s+|•", str(value or ""))
    objectives = [trim(str(i), 400) for i in items if clean(str(i))]
    return course.set("objectives", [o for o in objectives if o], source)


def apply_field(course: Course, column: str, value: Any, source: str) -> bool:
    """Set ``column`` (a catalog column or a plain alias such as "price") from a raw value."""
    if value is None or value == "" or value == []:
        return False
    if column in _NUMERIC and _is_number(value):
        return course.set(column, float(str(value).replace(",", "")), source)
    if column in _PRICE_COLUMNS:
        return set_price(
            course, value if isinstance(value, int | float) else _as_text(value), source
        )
    if column in _CREDIT_COLUMNS:
        if set_credits(course, _as_text(value), source):
            return True
        return _is_number(value) and course.set("credit_amount", float(str(value)), source)
    if column in _APPROVAL_COLUMNS or column == "approval_body":
        text = _as_text(value) or ""
        return set_approval(course, text, source) or (
            column == "approval_body" and course.set("approval_body", clean(text), source)
        )
    if column == "aama_approved":
        flag = value if isinstance(value, bool) else str(value).strip().lower() in _TRUE
        return course.set("aama_approved", flag, source)
    if column in _DATE_COLUMNS:
        return course.set(column, parse_date(_as_text(value), _DATE_COLUMNS[column]), source)
    if column == "instructors":
        return set_instructors(course, value, source)
    if column == "objectives":
        return set_objectives(course, value, source)
    if column == "format":
        return course.set("format", normalize_format(value), source)
    if column == "aama_category":
        category = clean(_as_text(value)).lower()
        return course.set(
            "aama_category", category if category in AAMA_CATEGORIES else None, source
        )
    if column == "contact_email":
        found = EMAIL.search(_as_text(value) or "")
        return course.set("contact_email", found.group(0) if found else None, source)
    if column == "contact_phone":
        found = PHONE.search(_as_text(value) or "")
        return course.set("contact_phone", clean(found.group(0)) if found else None, source)
    if column in ("credit_unit", "aama_points", "price_currency", "cost_class", "certificate_fee"):
        return course.set(column, value, source)
    if column in {"sections", "field_sources", "id", "provider", "url"}:
        return False
    if column in Course.__dataclass_fields__:
        return course.set(column, trim(_as_text(value)), source)
    return False
