"""Layer 3b: text patterns over the page's main text (credits, prices, approval, dates,
contacts, format, objectives and purpose written as running prose)."""

from __future__ import annotations

import re

from lxml import etree

from crawler.bodies import abbreviations
from crawler.dates import parse_date
from crawler.extract.fields import (
    first_email,
    first_phone,
    set_approval,
    set_credits,
    set_instructors,
    set_price,
    trim,
)
from crawler.extract.formats import format_in_text
from crawler.extract.people import find_people
from crawler.extract.sections import Block
from crawler.extract.text import (
    clean,
    in_site_chrome,
    keyword_windows,
    matches_at,
    sentences,
    visible_text,
)
from crawler.items import Course

SOURCE = "text-pattern"
_DATE_LABELS = (
    ("approval_valid_through", True, r"approv\w*(?: is| number \S+)? valid (?:through|until|thru)|"
     r"approval (?:expires|expiration(?: date)?|end date)"),
    ("expiry_date", True, r"valid for (?:ce )?credit (?:through|until|thru)|"
                 "credit (?:is )?available "
     r"(?:through|until)|expir(?:es|ation date|ation|y date)|(?:credit|course) (?:end|"
     r"termination) date|"
     r"last day to (?:earn|claim|complete)|(?:must be|can be) completed by|valid (?:through|"
     r"until)"),
    ("release_date", False, r"(?:original )?release(?:d)?(?: date)?|date of release|"
                  "published(?: on)?|"
     r"publication date|posted(?: on)?|launch(?:ed)? (?:date|on)"),
)  # fmt: skip
_DATE_RX = tuple(
    (f, end, re.compile(rf"(?:{rx})\s*(?:on|:|-|–)?\s*", re.I)) for f, end, rx in _DATE_LABELS
)
_PRICE_LINE = re.compile(
    r"\b(?:price|fee|cost|tuition|registration|enroll(?:ment)?)\b[^.\n]{0,60}?"
    r"(?:[$£€]\s?\d[\d,.]*|\d[\d,.]*\s?(?:€|£|USD|EUR|GBP)|\bfree\b|\bno charge\b)[^\n]{0,40}|"
    r"^\s*(?:free|[$£€]\s?\d[\d,.]*(?:\s*USD)?)\b[^\n]{0,50}$",
    re.I | re.M,
)
# Elements whose class holds "pric" or "cost", whose id holds "price" or itemprop="price",
# reached through their attributes: a predicate on every element costs libxml2 3x as much.
_PRICE_CLASS = etree.XPath(
    "//@class[contains(.,'pric') or contains(.,'cost')]/.. | //@id[contains(.,'price')]/.."
    " | //@itemprop[.='price']/.."
)
_ABLE_TO = re.compile(
    r"(?:will|should) be able to|(?:learners?|participants?|attendees?|you) will (?:learn to|"
    r"be able to)",
    re.I,
)
_PURPOSE = re.compile(
    r"^(?:the )?(?:purpose|goal|aim) of this (?:course|activity|program|module|lesson|webinar)\b|"
    r"^this (?:course|activity|program|module|webinar) (?:is designed to|aims to|will help|"
    r"provides)",
    re.I,
)
_COURSE_REF = re.compile(
    r"(?<!AAMA )(?<!approval )\b(?:course|activity|program|module)\s*(?:#|no\.|number|code|id)"
    r"\s*[:#]?\s*"
    r"(?P<ref>[A-Z0-9][A-Za-z0-9-]{1,30})\b",
    re.I,
)
_OFFERED_BY = re.compile(
    r"\b(?:Offered|Provided|Brought to you|Sponsored) by:?\s*(?:the )?(?P<name>[A-Z][^\n.;|]{1,80})"
)
# Every sentence _PURPOSE matches names "this <kind>", so only lines holding one are split.
_PURPOSE_KEYS = ("this course", "this activity", "this program", "this module", "this lesson",
                 "this webinar")  # fmt: skip
_PRICE_KEYS = ("price", "fee", "cost", "tuition", "registration", "enroll")
_COURSE_REF_KEYS = ("course", "activity", "program", "module")
_OFFERED_KEYS = ("offered", "provided", "brought", "sponsored")
_AUDIENCE = re.compile(
    r"\b(?:designed|intended|developed|created|appropriate) for\s+(?P<who>[^.]{5,200})|"
    r"\btarget audience\s*[:\-–]\s*(?P<who2>[^.\n]{5,200})",
    re.I,
)


_DATE_KEYWORDS = ("valid", "expir", "releas", "publi", "posted", "launch", "approv", "complet",
                  "credit", "last day", "end date", "termination")  # fmt: skip


def _dates(course: Course, text: str) -> None:
    wanted = [(f, end, rx) for f, end, rx in _DATE_RX if not course.field_is_set(f)]
    windows = keyword_windows(text, _DATE_KEYWORDS, 40, 90) if wanted else []
    for field, month_end, rx in wanted:
        for m in (m for window in windows for m in rx.finditer(window)):
            value = parse_date(m.string[m.end() : m.end() + 40], month_end)
            if value and course.set(field, value, SOURCE):
                break


def _price_elements(tree) -> list:
    """Elements styled as a price, outside site chrome (plan prices sit in sidebars)."""
    return [el for el in _PRICE_CLASS(tree) if not in_site_chrome(el)][:5]


def _price(course: Course, tree, text: str) -> None:
    for el in _price_elements(tree):
        candidate = clean(el.text_content())
        if candidate and len(candidate) <= 120 and set_price(course, candidate, SOURCE):
            break
    if not course.field_is_set("cost_class"):
        for m in matches_at(_PRICE_LINE, text, _PRICE_KEYS, line_starts=True):
            if set_price(course, m.group(0), SOURCE):
                break


def objectives_after_lead_in(block_list: list[Block]) -> list[str]:
    """List items after "you will be able to:", else the clauses of that sentence."""
    joined = " ".join(b.text for b in block_list).lower()
    if "able to" not in joined and "learn to" not in joined:
        return []
    for index, block in enumerate(block_list):
        low = block.text.lower()
        if block.kind != "text" or ("able to" not in low and "learn to" not in low):
            continue
        m = _ABLE_TO.search(block.text)
        if not m:
            continue
        items = []
        for following in block_list[index + 1 :]:
            if following.kind != "text" or following.tag != "li":
                break
            items.append(following.text)
        if items:
            return items
        rest = block.text[m.end() :].strip(" :")
        parts = [p.strip(" .") for p in re.split(r";|\s*\u2022\s*|,? and (?=[a-z]+ )", rest)]
        return [p for p in parts if len(p) > 3][:12]
    return []


_APPROVAL_CONTEXT = re.compile(rf"approv|accredit|valid|\b(?:{abbreviations()})\b", re.I)


def _course_ref(text: str) -> str | None:
    """ "Course #: CC-1055", but not an accreditor's number in an approval sentence."""
    for m in matches_at(_COURSE_REF, text, _COURSE_REF_KEYS):
        ref = m.group("ref")
        sentence_start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start()))
        if any(c.isdigit() for c in ref) and not _APPROVAL_CONTEXT.search(
            text[sentence_start + 1 : m.start()]
        ):
            return ref
    return None


def _credits_open(course: Course) -> bool:
    """Could a text statement still add anything? Once the amount and its wording are set, only
    an AAMA CEU statement brings a new field (its category)."""
    if not (course.field_is_set("credit_amount") and course.field_is_set("credits_raw")):
        return True
    return course.credit_unit == "aama_ceu" and not course.field_is_set("aama_category")


_APPROVAL_FIELDS = ("aama_approved", "approval_body", "approval_number",
                    "approval_valid_through", "approval_evidence")  # fmt: skip


def _offered_by(text: str) -> str | None:
    offered = next(matches_at(_OFFERED_BY, text, _OFFERED_KEYS), None)
    return clean(offered.group("name")) if offered else None


def _rationale(text: str) -> str | None:
    lines = sentences("\n".join(keyword_windows(text, _PURPOSE_KEYS, whole_lines=True)))
    return trim(next((s for s in lines if _PURPOSE.search(s)), None))


def _audience(text: str) -> str | None:
    windows = keyword_windows(text, (" for ", "audience"), 30, 220)
    audience = next((m for w in windows for m in [_AUDIENCE.search(w)] if m), None)
    return trim(audience.group("who") or audience.group("who2")) if audience else None


def apply_text_patterns(course: Course, tree, main_text: str, block_list) -> None:
    """Each pattern runs only while a field it fills is still open: a stronger layer's value is
    kept anyway, and scanning a long page for it costs milliseconds."""
    is_set = course.field_is_set
    if _credits_open(course):
        set_credits(course, main_text, SOURCE)
    if not (is_set("cost_class") and is_set("price_raw")):
        _price(course, tree, main_text)
    if not all(map(is_set, _APPROVAL_FIELDS)):
        set_approval(course, main_text, SOURCE)
    _dates(course, main_text)
    if not is_set("format"):
        course.set("format", format_in_text(main_text), SOURCE)
    if not is_set("objectives"):
        course.set("objectives", objectives_after_lead_in(block_list), SOURCE)
    if not is_set("instructors"):
        people = find_people(main_text)
        if people:
            set_instructors(course, people, SOURCE)
    if not is_set("course_ref"):
        course.set("course_ref", _course_ref(main_text), SOURCE)
    if not is_set("provider_name"):
        course.set("provider_name", _offered_by(main_text), SOURCE)
    if not is_set("rationale"):
        course.set("rationale", _rationale(main_text), SOURCE)
    if not is_set("audience"):
        course.set("audience", _audience(main_text), SOURCE)
    if not (is_set("contact_email") and is_set("contact_phone")):
        full_text = visible_text(tree)
        if not is_set("contact_email"):
            course.set("contact_email", first_email(tree, full_text), SOURCE)
        if not is_set("contact_phone"):
            course.set("contact_phone", first_phone(tree, full_text), SOURCE)
