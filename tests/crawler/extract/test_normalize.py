"""Dates, approvals, people and formats (table-driven)."""

from __future__ import annotations

import pytest

from crawler.dates import parse_date
from crawler.extract.approvals import find_approval
from crawler.extract.formats import format_in_text, normalize_format
from crawler.extract.people import find_people, parse_person


@pytest.mark.parametrize(
    ("text", "month_end", "expected"),
    [
        ("December 31, 2027", True, "2027-12-31"),
        ("Dec. 1, 2025", True, "2025-12-01"),
        ("12/31/2027", True, "2027-12-31"),
        ("2027-12-31", True, "2027-12-31"),
        ("2026-06-24T10:00:00Z", True, "2026-06-24"),
        ("valid through 31 March 2026", True, "2026-03-31"),
        # a month alone: last day when it bounds credit, first day when it starts something
        ("Dec 2027", True, "2027-12-31"),
        ("Dec 2027", False, "2027-12-01"),
        ("Sept 2026", True, "2026-09-30"),
        ("February 2028", True, "2028-02-29"),
        ("2024-02-30", True, None),
        ("call 555-1234", True, None),
        ("", True, None),
    ],
)
def test_dates(text, month_end, expected) -> None:
    assert parse_date(text, month_end) == expected


APPROVALS = [
    (
        "This course has been approved by the American Association of Medical Assistants (AAMA) "
        "for 2 clinical CEUs. AAMA course number 1234567. "
        "Approval valid through December 31, 2027.",
        ("AAMA", "1234567", "2027-12-31", True),
    ),
    ("Approved for 1.5 AAMA CEUs in the administrative category.", ("AAMA", None, None, True)),
    (
        "This course is not approved by the AAMA. It may count as non-AAMA CEUs.",
        (None, None, None, False),
    ),
    ("This activity may count as non-AAMA CEUs.", None),
    (
        "Nurses: This activity is accredited by ANCC. Provider number P0123.",
        ("ANCC", "P0123", None, None),
    ),
    # a provider boast is not approval of this course
    (
        "We are an AAMA-approved provider. This course awards 1 contact hour.",
        ("AAMA", None, None, None),
    ),
    (
        "CEU Academy is accredited by IACET. This course is not approved by the AAMA.",
        ("IACET", None, None, None),
    ),
    ("AAMA approval has been applied for and is pending.", (None, None, None, False)),
    ("Our founder was an AAMA member for many years.", None),
]


@pytest.mark.parametrize(("text", "expected"), APPROVALS)
def test_approvals(text, expected) -> None:
    found = find_approval(text)
    if expected is None:
        assert found is None or found.aama_approved is not True
        return
    assert (found.body, found.number, found.valid_through, found.aama_approved) == expected
    assert found.evidence and found.evidence in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jeff Leek, PhD", {"name": "Jeff Leek", "credentials": ["PhD"]}),
        (
            "Jane Doe, MSN, RN, CMA (AAMA)",
            {"name": "Jane Doe", "credentials": ["MSN", "RN", "CMA (AAMA)"]},
        ),
        ("Luis Ortega, MLS(ASCP)", {"name": "Luis Ortega", "credentials": ["MLS(ASCP)"]}),
        ("Kim Lee, PA-C", {"name": "Kim Lee", "credentials": ["PA-C"]}),
        ("Dana Whitfield", {"name": "Dana Whitfield", "credentials": []}),
    ],
)
def test_parse_person(text, expected) -> None:
    assert parse_person(text) == expected


def test_people_in_a_bio_paragraph() -> None:
    text = (
        "Maria Lopez, MSN, RN, CMA (AAMA), is a nurse educator. Dr. John Smith, MD, PhD reviewed "
        "the content. Ask the Course Planner, RN, for details. Reviewed by the Education Team."
    )
    assert find_people(text) == [
        {"name": "Maria Lopez", "credentials": ["MSN", "RN", "CMA (AAMA)"]},
        {"name": "Dr. John Smith", "credentials": ["MD", "PhD"]},
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (["MOOC", "online"], "self-paced online"),
        (["distance learning", "Online"], "self-paced online"),
        (["Posted", "distance learning"], "home study"),
        ("full-time", "in person"),
        ("Live webinar", "live webinar"),
        ("Recorded webinar", "self-paced online"),
        ("On-demand video", "self-paced online"),
        ("Home study: PDF monograph", "home study"),
        ("In-person workshop", "in person"),
        ("Certificate", None),
    ],
)
def test_normalize_format(value, expected) -> None:
    assert normalize_format(value) == expected


def test_format_in_running_text_needs_an_unambiguous_phrase() -> None:
    assert format_in_text("Register online today and pay online.") is None
    assert format_in_text("This self-paced course is available any time.") == "self-paced online"
    assert format_in_text("Join the live webinar on May 3.") == "live webinar"


@pytest.mark.parametrize(
    ("title", "heading", "soft"),
    [
        ("404 | Allied CE", "", True),
        ("Page not found", "", True),
        ("Allied CE", "Error 404", True),
        ("Course 404: Venipuncture Basics", "Course 404: Venipuncture Basics", False),
        ("HIPAA 404 and You", "", False),
    ],
)
def test_soft_404_reads_404_only_as_a_status(title, heading, soft):
    from crawler.extract.pagetype import soft_404

    assert soft_404(title, heading, "A long page about a real course. " * 40) is soft
