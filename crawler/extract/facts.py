"""extract_site_facts: a provider's site-wide refund / terms / contact page -> provider facts."""

from __future__ import annotations

import re

from crawler.extract.fields import first_email, first_phone, trim
from crawler.extract.sections import blocks, sections
from crawler.extract.text import clean, main_element, node_text, parse_html

_POLICY_HEADING = re.compile(r"refund|cancel+ation|returns?\b|money[- ]back", re.I)
# An unheaded paragraph counts only when it states terms, not when it links to them
# ("Read our refund policy").
_POLICY_TEXT = re.compile(
    r"non-?refundable|all sales (?:are )?final|\bno refunds?\b|"
    r"\b(?:refund|cancel)\w*\b[^.]{0,120}\b(?:\d+ (?:business )?days?|within|full|partial|%|fee|"
    r"notice|credit|before|after|minus)\b",
    re.I,
)
MAX_POLICY = 2000


def _policy_text(main) -> str | None:
    block_list = blocks(main)
    found = sections(block_list)
    headed = [s for s in found if _POLICY_HEADING.search(s.heading) and clean(s.text)]
    if headed:
        return trim("\n".join(s.text for s in headed[:3]), MAX_POLICY)
    paragraphs = [b.text for b in block_list if b.kind == "text" and _POLICY_TEXT.search(b.text)]
    return trim("\n".join(paragraphs[:6]), MAX_POLICY) if paragraphs else None


def extract_site_facts(html: str | bytes, url: str) -> dict:
    """refund_policy_text, contact_email, contact_phone; a key is absent when not found."""
    tree = parse_html(html)
    facts: dict[str, str] = {}
    policy = _policy_text(main_element(tree))
    if policy:
        facts["refund_policy_text"] = policy
    full_text = node_text(tree)
    for key, value in (
        ("contact_email", first_email(tree, full_text)),
        ("contact_phone", first_phone(tree, full_text)),
    ):
        if value:
            facts[key] = value
    return facts
