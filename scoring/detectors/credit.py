"""Criteria ``credits_stated``, ``approval_body`` and ``credit_valid``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from crawler.bodies import abbreviations, any_body, approving_bodies
from crawler.dates import parse_date
from crawler.items import CREDIT_END_FIELDS, credit_end
from scoring.detectors.common import Page, Verdict, snippet

_NUMBER = r"(?<![\w.])(\d{1,3}(?:\.\d{1,2})?)\s*"
CREDIT_KIND = (
    rf"(?:(?:{abbreviations()}|CDR|nursing)\s+)?"
    r"(?:contact[- ]hours?(?:\(s\))?|CEUs?\b|CE units?|CE credits?|CE hours?|CMEs?\b"
    r"|CME credits?|credit hours?|CCP points?|clock hours?|AMA PRA Category 1 Credits?(?:™)?"
    r"|CPE credits?|CPE hours?|CPEs?\b|PDUs?\b|ECTS(?: credits?)?|continuing education (?:units?"
    r"|credits?|hours?)|recertification points?|CE\b)"
)
CREDIT_WITH_KIND = re.compile(_NUMBER + r"\(?" + CREDIT_KIND, re.I)
CREDIT_BARE = re.compile(_NUMBER + r"(?:credits?|points?)\b", re.I)
CREDIT_NO_NUMBER = re.compile(
    r"\b(?:CE|CEU|CME|CPE|continuing education)\s+(?:credits?|hours?|units?)\b"
    r"|\bCEUs?\b|\bPDUs?\b|\bcontact hours?\b"
    r"|\bcredit (?:is |will be )?(?:available|awarded|offered)",
    re.I,
)
CREDIT_HEADING = re.compile(r"credit|contact hours?|\bCEUs?\b|\bCE\b|accreditation", re.I)

BODIES = any_body(exclude=("AAMA",)) + r"|state board"
AAMA = next(body.regex for body in approving_bodies() if body.name == "AAMA")
_NEGATED = re.compile(r"\b(?:not|never|no longer|isn'?t|is not)\b[^.]{0,25}$", re.I)
AAMA_APPROVAL = re.compile(
    r"(?:approved|accredited|granted|awarded)\b[^.]{0,60}?\bby\s+(?:the\s+)?(?:" + AAMA + r")\b"
    r"|\b(?:" + AAMA + r")[- ](?:approved|accredited)\b"
    r"|\b(?:" + AAMA + r")\s+(?:has\s+)?(?:approved|granted)\b"
    r"|\d\s*(?:AAMA CEUs?|AAMA (?:recertification )?points?)",
    re.I,
)
OTHER_APPROVAL = re.compile(
    r"(?i:approved|accredited|recognized|endorsed|certified|provided|awarded|granted)\b[^.]{0,80}?"
    r"\b(?:by|through|from)\s+(?:the\s+)?(" + BODIES + r")\b"
    r"|\b(" + BODIES + r")[- ](?i:approved|accredited)\b"
    r"|\b(" + BODIES + r")\s+(?:has\s+)?(?i:approved|accredited|granted)\b"
    r"|\b(" + BODIES + r")\s+(?:Accredited|Approved)\s+Provider"
    r"|\d\s*\(?(" + abbreviations(exclude=("AAMA",)) + r")\b",
)
# Cheap gate before the approval regexes: any body's abbreviation or name, or a generic word.
BODY_WORDS = (
    *sorted({n.lower() for b in approving_bodies() for n in (b.abbreviation, b.full_name) if n}),
    "accreditation",
    "board of",
    "state board",
)
EXPIRY_WORDS = (
    "valid",
    "expir",
    "credit through",
    "credit until",
    "credit thru",
    "credit till",
    "credit to",
)
VAGUE_APPROVAL = re.compile(r"\b(?:approved|accredited)\b", re.I)

_DATE = (
    r"(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}"
    r"|\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}|[A-Z][a-z]{2,8}\.?,? \d{4}|\d{1,2}/\d{4})"
)
EXPIRY_SENTENCE = re.compile(
    r"(?:valid|eligible|available|offered) for (?:CE |CEU |continuing education )?credit"
    r" (?:through|until|thru|till|to)\s*:?\s*"
    + _DATE
    + r"|(?:expir(?:es|ation date|ation)|credit expires|valid through|valid until|valid thru"
    r"|expiry date|end date for credit|approval expires)\s*(?:on|:)?\s*" + _DATE,
    re.I,
)


def detect_credits_stated(
    page: Page, provider: dict | None, market: object, today: date
) -> Verdict:
    amount, unit, raw = page.get("credit_amount"), page.get("credit_unit"), page.get("credits_raw")
    if amount and unit:
        return Verdict("met", raw or f"{amount:g} {unit}", page.source("credit_amount"), page.url)
    if raw:
        match = CREDIT_WITH_KIND.search(raw)
        if match:
            return Verdict("met", raw, page.source("credits_raw"), page.url)
    found = page.find(CREDIT_WITH_KIND)
    if found:
        where, text, match = found
        return Verdict("met", snippet(text, match), where, page.url)
    if amount or (raw and re.search(r"\d", raw)):
        return Verdict(
            "partial",
            raw or f"{amount:g}",
            page.source("credit_amount"),
            page.url,
            "a number of credits without their kind",
        )
    for heading, text, where in page.sections_matching(CREDIT_HEADING):
        if re.search(r"\d", text):
            return Verdict(
                "partial",
                snippet(text),
                where,
                page.url,
                f"a number under {heading!r} without the kind of credit",
            )
    for pattern, detail in (
        (CREDIT_BARE, "a number of credits without their kind"),
        (CREDIT_NO_NUMBER, "credit mentioned without a number"),
    ):
        found = page.find(pattern)
        if found:
            where, text, match = found
            return Verdict("partial", snippet(text, match), where, page.url, detail)
    return Verdict("missing", detail="no CE credit stated")


def _claim_texts(page: Page) -> Iterator[tuple[str, str]]:
    """(text, where) to search for approval claims: approval and credit fields, then the page."""
    for name in ("approval_evidence", "credits_raw"):
        if page.get(name):
            yield page.get(name), page.source(name)
    if page.mentions(BODY_WORDS):
        yield from ((text, where) for where, text in page.texts())


def _first_claim(page: Page, pattern: re.Pattern[str]) -> tuple[str, str, re.Match] | None:
    """The first claim matching ``pattern`` that is not negated ("not approved by the AAMA")."""
    for text, where in _claim_texts(page):
        for match in pattern.finditer(text):
            if not _NEGATED.search(text[max(0, match.start() - 40) : match.start()]):
                return text, where, match
    return None


NON_AAMA = "not the AAMA: may count as non-AAMA points"


def detect_approval_body(page: Page, provider: dict | None, market: object, today: date) -> Verdict:
    body = page.get("approval_body") or ""
    evidence = page.get("approval_evidence") or body
    where = page.source("approval_body")
    if page.get("aama_approved") or re.search(AAMA, body) or page.get("credit_unit") == "aama_ceu":
        return Verdict("met", snippet(evidence or "AAMA"), where, page.url, "AAMA approval stated")
    found = _first_claim(page, AAMA_APPROVAL)
    if found:
        text, where, match = found
        return Verdict("met", snippet(text, match), where, page.url, "AAMA approval stated")
    if body:
        return Verdict(
            "partial", snippet(evidence), where, page.url, f"approved by {body}, {NON_AAMA}"
        )
    found = _first_claim(page, OTHER_APPROVAL)
    if found:
        text, where, match = found
        return Verdict(
            "partial", snippet(text, match), where, page.url, f"another body named, {NON_AAMA}"
        )
    detail = "no approving body named"
    if page.find(VAGUE_APPROVAL):
        detail += " (the page says 'approved' or 'accredited' without saying by whom)"
    if provider and provider.get("aama_approved_provider"):
        detail += "; the provider is an AAMA-approved provider, but this course does not say so"
    return Verdict("missing", detail=detail)


def detect_credit_valid(page: Page, provider: dict | None, market: object, today: date) -> Verdict:
    stated = {name: parse_date(page.get(name)) for name in CREDIT_END_FIELDS}
    end = credit_end(stated)
    candidates = []
    if end:
        # on a tie the approval statement is the better evidence
        name = next(name for name in reversed(CREDIT_END_FIELDS) if stated[name] == end)
        candidates.append((end, str(page.get(name)), page.source(name), page.url))
    else:
        found = page.find(EXPIRY_SENTENCE, gate=EXPIRY_WORDS)
        if found:
            where, text, match = found
            parsed = parse_date(next(g for g in match.groups() if g))
            if parsed:
                candidates.append((parsed, snippet(text, match), where, page.url))
    if not candidates:
        return Verdict("unknown", detail="no 'valid for credit through' date stated")
    until, quote, where, url = candidates[0]
    if until >= today.isoformat():
        return Verdict("met", quote, where, url, f"credit valid through {until}")
    return Verdict(
        "missing",
        quote,
        where,
        url,
        f"credit expired on {until} (checked on {today.isoformat()})",
    )
