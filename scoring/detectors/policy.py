"""Criteria ``refund_policy`` and ``provider_contact``: page first, then the provider's site."""

from __future__ import annotations

import re
from datetime import date

from scoring.detectors.common import Page, Verdict, snippet

REFUND_TERMS = re.compile(
    r"all sales (?:are )?final|\bno refunds?\b|non-?refundable|not refundable"
    r"|(?:full|partial|\d+ ?%) refund|refunds? (?:will be |are |is |can be )?(?:available|issued"
    r"|given|granted|provided|offered|within|if|up to|minus|less|for|after|before|only)"
    r"|refund(?:ed)? (?:in full|within|minus|less)"
    r"|cancel\w* (?:up to|within|before|after|at least|more than|less than|by|no later)"
    r"|cancellations? (?:received|made|after|before|within|are|will)"
    r"|(?:will|shall|cannot|can ?not) (?:not )?be (?:reimbursed|refunded)"
    r"|free[- ]of[- ]charge cancellation|money[- ]back guarantee|deadline for (?:free[- ]of[- ]"
    r"charge )?cancellation|no[- ]questions[- ]asked",
    re.I,
)
REFUND_MENTION = re.compile(
    r"refund|cancell?ation polic|terms (?:and|&) conditions|general conditions|terms of sale",
    re.I,
)
REFUND_WORDS = (
    "refund",
    "cancel",
    "sales",
    "reimburs",
    "money",
    "final",
    "terms",
    "conditions",
    "question",
)
REFUND_HEADING = re.compile(r"refund|cancell?ation|money[- ]back|returns? polic", re.I)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.I)
PHONE = re.compile(
    r"(?:\+?1[\s.-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b|\+\d{1,3}(?:[\s.-]?\d){7,12}"
)
CONTACT_HEADING = re.compile(r"contact|questions|support|help", re.I)


def _refund_from_text(text: str, where: str, url: str | None) -> Verdict | None:
    low = text.lower()
    if not any(word in low for word in REFUND_WORDS):
        return None
    match = REFUND_TERMS.search(text)
    if match:
        return Verdict("met", snippet(text, match), where, url)
    match = REFUND_MENTION.search(text)
    if match:
        return Verdict(
            "partial", snippet(text, match), where, url, "refunds mentioned, terms not given"
        )
    return None


def detect_refund_policy(page: Page, provider: dict | None, market: object, today: date) -> Verdict:
    candidates = []
    stated = page.get("refund_policy_text")
    if stated:
        where = (
            "policy-page"
            if page.field_sources.get("refund_policy_text") == "policy-page"
            else page.source("refund_policy_text")
        )
        candidates.append((stated, where, page.get("refund_policy_url") or page.url))
    for _heading, text, where in page.sections_matching(REFUND_HEADING):
        candidates.append((text, where, page.url))
    candidates.extend((text, where, page.url) for where, text in page.texts())
    if provider and provider.get("refund_policy_text"):
        candidates.append(
            (provider["refund_policy_text"], "policy-page", provider.get("refund_policy_url"))
        )
    partial = None
    for text, where, url in candidates:
        verdict = _refund_from_text(text, where, url)
        if verdict and verdict.status == "met":
            return verdict
        partial = partial or verdict
    if partial:
        return partial
    if not provider:
        return Verdict("unknown", detail="nothing on the page; the provider's site was not read")
    if provider.get("refund_policy_url"):
        return Verdict(
            "unknown",
            found_in="policy-page",
            url=provider["refund_policy_url"],
            detail="the provider's policy page could not be read",
        )
    return Verdict("missing", detail="no refund or cancellation policy on the page or site")


def detect_provider_contact(
    page: Page, provider: dict | None, market: object, today: date
) -> Verdict:
    for name in ("contact_email", "contact_phone"):
        if page.get(name):
            return Verdict("met", str(page.get(name)), page.source(name), page.url)
    for pattern, gate in ((EMAIL, ("@",)), (PHONE, None)):
        found = page.find(pattern, gate=gate)
        if found:
            where, text, match = found
            return Verdict("met", match.group(0), where, page.url)
    provider = provider or {}
    for name in ("contact_email", "contact_phone"):
        if provider.get(name):
            return Verdict(
                "met",
                str(provider[name]),
                "provider site: " + name,
                provider.get("contact_url") or provider.get("homepage"),
            )
    if provider.get("contact_url"):
        return Verdict(
            "partial",
            provider["contact_url"],
            "provider site: contact_url",
            provider["contact_url"],
            "only a contact page or form",
        )
    for _heading, text, where in page.sections_matching(CONTACT_HEADING):
        return Verdict("partial", snippet(text), where, page.url, "only a contact page or form")
    if not provider:
        return Verdict("unknown", detail="nothing on the page; the provider's site was not read")
    return Verdict("missing", detail="no e-mail, phone or contact page found")
