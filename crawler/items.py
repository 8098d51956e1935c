"""The one item schema: a course listing as the catalog stores it.

Every field is nullable and never guessed. ``COURSE_FIELDS`` maps each catalog column to its
SQLite type and a plain-words description; the store, the Datasette metadata and the tests all
read it from here. Extraction produces a ``Course`` plus ``field_sources`` (field -> where the
value came from: jsonld, microdata, selector, heading-section, text-pattern...).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields
from typing import Any

COST_CLASSES = ("free", "free-certificate-paid", "member-free", "subscription", "paid", "unknown")
FORMATS = ("self-paced online", "live webinar", "in person", "home study")
AAMA_CATEGORIES = ("administrative", "clinical", "general")
STATUSES = ("active", "expired", "withdrawn")
# How a stated credit converts to contact hours: AAMA CEU = 1 contact hour of
# 50 min; IACET CEU = 10 contact hours; NHA credit = 2 hours (to re-verify); one college credit
# = 15 AAMA points.
CREDIT_UNITS = {
    "contact_hour": 1.0,
    "aama_ceu": 1.0,
    "iacet_ceu": 10.0,
    "nha_credit": 2.0,
    "clock_hour": 1.0,
    "ccp_point": 1.0,
    "college_credit": 15.0,
    "ceu": None,  # "CEU" with no body named: amount kept, hours not guessed
}

# column -> (sqlite type, description shown to users)
COURSE_FIELDS: dict[str, tuple[str, str]] = {
    "id": ("TEXT", "Stable id: provider slug, a colon, and the provider's course reference"),
    "provider": ("TEXT", "Provider slug (see the providers table)"),
    "provider_name": ("TEXT", "Provider name as the site states it"),
    "url": ("TEXT", "Canonical address of the course page"),
    "title": ("TEXT", "Course title"),
    "description": ("TEXT", "Course description as the provider wrote it"),
    "course_ref": ("TEXT", "The provider's own course code or SKU, when stated"),
    "credits_raw": ("TEXT", "Credit statement exactly as written on the page"),
    "credit_amount": ("REAL", "Number of credits as stated, in the stated unit"),
    "credit_unit": ("TEXT", "Stated credit unit: " + ", ".join(CREDIT_UNITS)),
    "contact_hours": (
        "REAL",
        "Credits converted to contact hours (50-60 min each); empty if unsure",
    ),
    "aama_category": ("TEXT", "AAMA CEU category: administrative, clinical or general"),
    "aama_points": ("REAL", "AAMA recertification points the course states"),
    "aama_approved": ("INTEGER", "1 if the page states AAMA approval of this course, else 0"),
    "approval_body": (
        "TEXT",
        "Approving or accrediting body named (AAMA, IACET, ANCC, ACCME, ...)",
    ),
    "approval_number": ("TEXT", "Approval or course number the accreditor assigned"),
    "approval_valid_through": ("TEXT", "Date (YYYY-MM-DD) the approval is valid through"),
    "approval_evidence": ("TEXT", "The sentence that states the approval"),
    "format": ("TEXT", "Delivery: " + ", ".join(FORMATS)),
    "instructors": ("TEXT", 'JSON list of {"name": ..., "credentials": [...]}'),
    "objectives": ("TEXT", "JSON list of the learning objectives"),
    "rationale": ("TEXT", "Why the course exists: purpose, need or rationale as stated"),
    "audience": ("TEXT", "Target audience as stated"),
    "price_amount": ("REAL", "Registration price; 0 when free"),
    "price_currency": ("TEXT", "ISO currency of the price"),
    "price_raw": ("TEXT", "Price text exactly as written"),
    "cost_class": ("TEXT", "Cost class: " + ", ".join(COST_CLASSES)),
    "certificate_fee": ("REAL", "Fee for the certificate when the course itself is free"),
    "member_price": ("REAL", "Members' price when it differs; price_amount is the non-member one"),
    "refund_policy_text": ("TEXT", "Refund or cancellation policy (course page or site-wide)"),
    "refund_policy_url": ("TEXT", "Where the refund policy was found"),
    "release_date": ("TEXT", "Release or publication date (YYYY-MM-DD)"),
    "expiry_date": ("TEXT", "Last date the course awards credit (YYYY-MM-DD)"),
    "contact_email": ("TEXT", "Provider contact e-mail found on the page or site"),
    "contact_phone": ("TEXT", "Provider contact phone found on the page or site"),
    "sections": ("TEXT", "JSON object: page text by heading, kept for scoring evidence"),
    "field_sources": ("TEXT", "JSON object: for each field, where its value came from"),
}

# A course awards credit until the earlier of these two dates (ISO text, so they sort as text).
CREDIT_END_FIELDS = ("expiry_date", "approval_valid_through")


def credit_end(row: Any) -> str | None:
    """The last day a course awards credit: the earlier of its expiry date and its approval's
    valid-through date (``row``: a mapping or a ``Course``), or None when neither is stated."""
    get = row.get if hasattr(row, "get") else lambda name: getattr(row, name, None)
    dates = [d for d in (get(name) for name in CREDIT_END_FIELDS) if isinstance(d, str) and d]
    return min(dates) if dates else None


def credit_end_sql(expiry: str = "expiry_date", approval_end: str = "approval_valid_through"):
    """``credit_end`` as an SQL expression over two columns (empty or non-text values ignored)."""
    a, b = (
        f"(CASE WHEN typeof({x}) = 'text' AND {x} <> '' THEN {x} END)"
        for x in (expiry, approval_end)
    )
    return f"(CASE WHEN {b} < {a} THEN {b} ELSE coalesce({a}, {b}) END)"


LIST_FIELDS = ("instructors", "objectives")
DICT_FIELDS = ("sections", "field_sources")
REQUIRED = ("id", "provider", "url", "title")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# lone UTF-16 surrogates (a JSON "\\ud83d" escape alone) cannot be encoded for SQLite; NULs cut
# text short in many readers
_UNSTORABLE = re.compile("[\ud800-\udfff\x00]")


def storable(value: Any) -> Any:
    """``value`` with lone surrogates replaced by U+FFFD and NULs removed from every string in it
    (lists and dicts included)."""
    if isinstance(value, str):
        return _UNSTORABLE.sub(lambda m: "" if m.group() == "\x00" else "\ufffd", value)
    if isinstance(value, list):
        return [storable(v) for v in value]
    if isinstance(value, dict):
        return {storable(k): storable(v) for k, v in value.items()}
    return value


@dataclass
class Course:
    id: str | None = None
    provider: str | None = None
    provider_name: str | None = None
    url: str | None = None
    title: str | None = None
    description: str | None = None
    course_ref: str | None = None
    credits_raw: str | None = None
    credit_amount: float | None = None
    credit_unit: str | None = None
    contact_hours: float | None = None
    aama_category: str | None = None
    aama_points: float | None = None
    aama_approved: bool | None = None
    approval_body: str | None = None
    approval_number: str | None = None
    approval_valid_through: str | None = None
    approval_evidence: str | None = None
    format: str | None = None
    instructors: list[dict[str, Any]] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    rationale: str | None = None
    audience: str | None = None
    price_amount: float | None = None
    price_currency: str | None = None
    price_raw: str | None = None
    cost_class: str | None = None
    certificate_fee: float | None = None
    member_price: float | None = None
    refund_policy_text: str | None = None
    refund_policy_url: str | None = None
    release_date: str | None = None
    expiry_date: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    sections: dict[str, str] = field(default_factory=dict)
    field_sources: dict[str, str] = field(default_factory=dict)

    def set(self, name: str, value: Any, source: str) -> bool:
        """Set ``name`` from ``source`` unless an earlier (stronger) layer already did."""
        if value in (None, "", [], {}) or self.field_is_set(name):
            return False
        setattr(self, name, storable(value))
        self.field_sources[name] = source
        return True

    def field_is_set(self, name: str) -> bool:
        return getattr(self, name) not in (None, "", [], {})

    def validate(self) -> list[str]:
        """Problems that make this item unfit to store (empty list when it is fine)."""
        problems = [f"missing {name}" for name in REQUIRED if not self.field_is_set(name)]
        checks = {
            "cost_class": COST_CLASSES,
            "format": FORMATS,
            "aama_category": AAMA_CATEGORIES,
            "credit_unit": tuple(CREDIT_UNITS),
        }
        for name, allowed in checks.items():
            value = getattr(self, name)
            if value is not None and value not in allowed:
                problems.append(f"{name}={value!r} not one of {allowed}")
        for name in ("approval_valid_through", "release_date", "expiry_date"):
            value = getattr(self, name)
            if value is not None and not _DATE.match(value):
                problems.append(f"{name}={value!r} is not YYYY-MM-DD")
        for name in (
            "price_amount",
            "member_price",
            "credit_amount",
            "contact_hours",
            "aama_points",
        ):
            value = getattr(self, name)
            if value is not None and value < 0:
                problems.append(f"{name} is negative")
        if self.url and not self.url.startswith(("http://", "https://")):
            problems.append(f"url {self.url!r} is not http(s)")
        return problems

    def to_row(self) -> dict[str, Any]:
        """The catalog row: lists and dicts as JSON text, booleans as 0/1, None kept."""
        row = {f.name: getattr(self, f.name) for f in fields(self)}  # shallow: asdict deep-copies
        for name in LIST_FIELDS + DICT_FIELDS:
            row[name] = (
                json.dumps(row[name], ensure_ascii=False, sort_keys=True) if row[name] else None
            )
        if row["aama_approved"] is not None:
            row["aama_approved"] = int(row["aama_approved"])
        # values assigned without set() (derived ones) pass the same filter on their way to SQLite
        return {name: storable(value) for name, value in row.items()}


@dataclass
class PageResult:
    """What one fetched page yielded, stored in one transaction with its frontier row.

    ``courses`` are the listings found on the page (usually 0 or 1; a JSON catalog page may hold
    many); ``links`` are canonical URLs discovered for the frontier, as (url, kind) pairs.
    ``not_course_reason`` says why a page that looked like a detail page is not a course
    (soft 404, login wall, no title ...).
    """

    source: str
    url: str
    kind: str
    courses: list[Course] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    status: int = 200
    not_course_reason: str | None = None
    provider_facts: dict[str, Any] = field(default_factory=dict)
    depth: int = 0
    # (guard, reason, url) for each discovered link a budget or trap guard refused.
    guards: list[tuple[str, str, str]] = field(default_factory=list)
