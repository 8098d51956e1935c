"""Builds small catalog databases shaped like the store's and the scorer's output.

Used by the publish tests and the browser tests; dates are relative to today so the canned
queries ("new this month", "expiring soon") have something to find.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils

from crawler.items import COURSE_FIELDS, Course
from crawler.publish.catalog_table import CRITERIA

XSS_TITLE = "<script>alert('title')</script> Phlebotomy XSS check"
XSS_DESCRIPTION = "<img src=x onerror=alert('desc')> and \"><b>bold</b>"
XSS_INSTRUCTOR = "\"><img src=x onerror=alert('inst')>"
XSS_URL = "javascript:alert('url')"
FORMULA_TITLE = '=HYPERLINK("http://evil.example/","Click me")'

TODAY = date.today()
NOW = datetime.now(UTC).replace(microsecond=0)
OLD = "2025-01-15T08:00:00+00:00"


def _iso(days: int) -> str:
    return (TODAY + timedelta(days=days)).isoformat()


def _course(ref: str, title: str, **fields: Any) -> dict[str, Any]:
    provider = fields.pop("provider", "medce")
    status = fields.pop("status", "active")
    course = Course(
        id=f"{provider}:{ref}",
        provider=provider,
        provider_name=fields.pop("provider_name", "MedCE Learning"),
        url=fields.pop("url", f"https://{provider}.example/courses/{ref}"),
        title=title,
        **fields,
    )
    course.sections = {"Overview": "internal section text"}
    course.field_sources = {"title": "jsonld"}
    row = course.to_row()
    row.update(
        status=status,
        first_seen=OLD,
        last_seen=NOW.isoformat(),
        last_changed=OLD,
        missed_runs=0,
        last_run_id=1,
    )
    return row


def sample_courses() -> list[dict[str, Any]]:
    """Ten listings covering each facet value, the date queries, formula and XSS payloads."""
    common = {"credit_unit": "aama_ceu", "format": "self-paced online", "price_currency": "USD"}
    courses = [
        _course(
            "phleb-101",
            "Phlebotomy Safety Essentials",
            description="Safe venipuncture, order of draw and needle-stick prevention.",
            credits_raw="1.0 AAMA CEU (clinical)",
            credit_amount=1.0,
            contact_hours=1.0,
            aama_category="clinical",
            aama_points=1.0,
            aama_approved=True,
            approval_body="AAMA",
            approval_number="AAMA-12345",
            approval_valid_through=_iso(400),
            approval_evidence="This course is approved by the AAMA for 1.0 clinical CEU.",
            instructors=[{"name": "Ana Ruiz", "credentials": ["CMA (AAMA)", "RN"]}],
            objectives=["Describe the order of draw", "Prevent needle-stick injuries"],
            rationale="Needle-stick injuries remain common among medical assistants.",
            price_amount=0.0,
            cost_class="free",
            **common,
        ),
        _course(
            "phleb-cert",
            "Venipuncture and Phlebotomy Refresher",
            description="Refresher on phlebotomy; the certificate costs $15.",
            credit_amount=1.5,
            contact_hours=1.5,
            aama_category="clinical",
            aama_approved=True,
            approval_body="AAMA",
            price_amount=0.0,
            certificate_fee=15.0,
            cost_class="free-certificate-paid",
            **common,
        ),
        _course(
            "phleb-adv",
            "Advanced Phlebotomy Techniques",
            provider="nurseed",
            provider_name="NurseEd Online",
            description="Difficult draws, pediatric and geriatric phlebotomy.",
            credit_amount=2.0,
            contact_hours=2.0,
            aama_category="clinical",
            aama_approved=True,
            approval_body="AAMA",
            price_amount=25.0,
            cost_class="paid",
            **common,
        ),
        _course(
            "phleb-intro",
            "Phlebotomy for Beginners",
            provider="nurseed",
            provider_name="NurseEd Online",
            description="An introduction to phlebotomy, not AAMA approved.",
            credit_amount=0.1,
            credit_unit="iacet_ceu",
            contact_hours=1.0,
            approval_body="IACET",
            aama_approved=False,
            price_amount=0.0,
            cost_class="free",
            format="live webinar",
            price_currency="USD",
        ),
        _course(
            "billing",
            "Medical Billing Basics",
            description="Claims, codes and denials for the front office.",
            credit_amount=2.0,
            contact_hours=2.0,
            aama_category="administrative",
            aama_approved=True,
            approval_body="AAMA",
            price_amount=0.0,
            cost_class="free",
            **common,
        ),
        _course(
            "hipaa",
            "HIPAA Privacy Update",
            provider="nurseed",
            provider_name="NurseEd Online",
            description="What changed in HIPAA privacy rules.",
            credit_amount=3.0,
            contact_hours=3.0,
            aama_category="general",
            aama_approved=False,
            price_amount=30.0,
            cost_class="paid",
            expiry_date=_iso(10),
            **common,
        ),
        _course(
            "formula",
            FORMULA_TITLE,
            description="+SUM(1,2) looks like a formula",
            instructors=[{"name": "@cmd|' /C calc'!A0", "credentials": []}],
            price_amount=5.0,
            cost_class="paid",
            credit_amount=1.0,
            contact_hours=1.0,
            **common,
        ),
        _course(
            "xss",
            XSS_TITLE,
            url=XSS_URL,
            description=XSS_DESCRIPTION,
            instructors=[{"name": XSS_INSTRUCTOR, "credentials": ["<script>x</script>"]}],
            refund_policy_text="<script>alert('refund')</script>",
            refund_policy_url=XSS_URL,
            price_amount=0.0,
            cost_class="free",
            aama_approved=True,
            aama_category="clinical",
            credit_amount=1.0,
            contact_hours=1.0,
            **common,
        ),
        _course(
            "old",
            "Retired Phlebotomy Course",
            status="withdrawn",
            price_amount=0.0,
            cost_class="free",
            aama_approved=True,
            aama_category="clinical",
            credit_amount=1.0,
            contact_hours=1.0,
            **common,
        ),
        _course(
            "member",
            "Members-only Infection Control",
            provider_name="MedCE Learning",
            credit_amount=1.0,
            contact_hours=1.0,
            cost_class="member-free",
            aama_category="clinical",
            aama_approved=False,
            format="home study",
            expiry_date=_iso(-5),
        ),
    ]
    courses[1]["first_seen"] = NOW.isoformat()
    return courses


def score_card(course: dict[str, Any], score: int, band: str) -> dict[str, Any]:
    statuses = ("met", "partial", "missing", "unknown")
    card = {
        "course_id": course["id"],
        "scoring_version": "1",
        "scored_at": NOW.isoformat(),
        "score": score,
        "band": band,
        "unknown_share": 0.1,
        "fee_per_hour": None,
        "fee_median": 10.0,
        "fee_ratio": None,
    }
    for i, criterion in enumerate(CRITERIA):
        card[criterion] = statuses[(i + score) % 4]
    return card


def evidence_rows(card: dict[str, Any], url: str) -> list[dict[str, Any]]:
    return [
        {
            "course_id": card["course_id"],
            "criterion": criterion,
            "status": card[criterion],
            "snippet": f"Evidence for {criterion}: stated on the course page.",
            "found_in": "heading-section",
            "url": url,
            "detail": None,
        }
        for criterion in CRITERIA
    ]


def build_source_db(path: Path, courses: list[dict[str, Any]] | None = None) -> Path:
    """A live-style catalog database (WAL) with internal tables the snapshot must drop."""
    db = sqlite_utils.Database(path)
    db.enable_wal()
    courses = sample_courses() if courses is None else courses
    columns = {
        name: {"TEXT": str, "REAL": float, "INTEGER": int}[t]
        for name, (t, _) in COURSE_FIELDS.items()
    }
    columns |= {
        "status": str,
        "first_seen": str,
        "last_seen": str,
        "last_changed": str,
        "missed_runs": int,
        "last_run_id": int,
    }
    db["courses"].create(columns, pk="id")
    db["courses"].insert_all(courses)
    bands = ("A", "B", "C", "D", "E")
    cards = [score_card(c, 95 - 9 * i, bands[i % 5]) for i, c in enumerate(courses)]
    db["score_cards"].insert_all(cards, pk="course_id")
    evidence = []
    for card, course in zip(cards, courses, strict=True):
        url = "javascript:alert('evidence')" if course["id"].endswith(":xss") else course["url"]
        evidence.extend(evidence_rows(card, url))
    if evidence:
        db["score_evidence"].insert_all(evidence, pk=("course_id", "criterion"))
    db["providers"].insert_all(
        [
            {
                "slug": "medce",
                "name": "MedCE Learning",
                "homepage": "https://medce.example/",
                "aama_approved_provider": 1,
                "refund_policy_text": "Full refund within 30 days.",
                "refund_policy_url": "https://medce.example/refund-policy",
                "refund_policy_seen": OLD,
                "contact_email": "help@medce.example",
                "contact_phone": None,
                "contact_url": None,
                "demo": 1,
            },
            {
                "slug": "nurseed",
                "name": "NurseEd Online",
                "homepage": "https://nurseed.example/",
                "aama_approved_provider": 0,
                "refund_policy_text": None,
                "refund_policy_url": None,
                "refund_policy_seen": None,
                "contact_email": None,
                "contact_phone": None,
                "contact_url": None,
                "demo": 1,
            },
        ],
        pk="slug",
    )
    db["course_history"].insert(
        {
            "course_id": "medce:phleb-101",
            "field": "price_amount",
            "old_value": "10",
            "new_value": "0",
            "changed_at": OLD,
            "run_id": 1,
        }
    )
    db["crawl_runs"].insert(
        {
            "id": 1,
            "source": "medce",
            "started_at": OLD,
            "finished_at": OLD,
            "status": "finished",
            "finish_reason": "finished",
            "pages": 20,
            "courses": 10,
            "new_courses": 10,
            "changed_courses": 0,
            "errors": 0,
        },
        pk="id",
    )
    db["frontier"].insert(
        {
            "run_id": 1,
            "url": "https://medce.example/secret-admin",
            "source": "medce",
            "kind": "detail",
            "state": "done",
            "attempts": 1,
            "next_try_at": None,
            "last_error": None,
            "updated_at": OLD,
        },
        pk=("run_id", "url"),
    )
    db["crawl_errors"].insert(
        {
            "run_id": 1,
            "source": "medce",
            "url": "https://medce.example/x",
            "error": "boom",
            "at": OLD,
        }
    )
    db.close()
    return path
