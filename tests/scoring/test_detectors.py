"""Each detector on positive, negative and tricky listings."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from crawler.items import Course
from scoring.detectors import DETECTORS, Page
from scoring.fees import build_market

TODAY = date(2026, 11, 25)


def listing(**fields: Any) -> dict[str, Any]:
    """A ``courses`` row (JSON text columns) built the way the crawler stores one."""
    fields.setdefault("id", "demo:course-1")
    fields.setdefault("provider", "demo")
    fields.setdefault("url", "https://demo.example/courses/1")
    fields.setdefault("title", "A course")
    return Course(**fields).to_row()


PROVIDER_FULL = {
    "slug": "demo",
    "refund_policy_text": "All sales are final.",
    "refund_policy_url": "https://demo.example/terms",
    "contact_email": "ce@demo.example",
    "contact_phone": None,
    "contact_url": None,
}
PROVIDER_EMPTY = {"slug": "demo", "refund_policy_text": None, "refund_policy_url": None}


def verdict(criterion, row, provider=None, market=None):
    return DETECTORS[criterion](Page(row), provider, market or build_market([]), TODAY)


CASES = [
    # rationale
    ("rationale", {"description": "The purpose of this course is to help MAs chart."}, "met"),
    ("rationale", {"sections": {"Statement of need": "Half of clinics report errors."}}, "met"),
    ("rationale", {"description": "Medication errors are a growing problem in clinics."}, "met"),
    (
        "rationale",
        {
            "description": "Covers HIPAA rules, PHI examples and breach reporting steps "
            "for the front desk."
        },
        "partial",
    ),
    ("rationale", {"title": "Fire Safety", "description": "Webinar: Fire Safety"}, "missing"),
    ("rationale", {"description": "Join 50,000 happy learners!"}, "missing"),
    ("rationale", {}, "missing"),
    # outcomes
    ("outcomes", {"objectives": ["Describe HIPAA", "Identify PHI"]}, "met"),
    (
        "outcomes",
        {
            "sections": {
                "After completing this course you will be able to": "- Select the order of draw\n"
                "- Demonstrate site selection"
            }
        },
        "met",
    ),
    (
        "outcomes",
        {
            "description": "Upon completion of this course, participants will be able "
            "to: 1. Perform a glucose test; 2. Record QC results."
        },
        "met",
    ),
    ("outcomes", {"sections": {"Key takeaways": "• Identifying gaps\n• Comparing orders"}}, "met"),
    ("outcomes", {"objectives": ["Learn the latest in diabetes care!"]}, "partial"),
    ("outcomes", {"objectives": ["Describe HIPAA"]}, "partial"),
    ("outcomes", {"sections": {"Objectives": "- Cardiac anatomy\n- Blood flow"}}, "partial"),
    ("outcomes", {"description": "Certificate available upon completion."}, "missing"),
    ("outcomes", {"description": "A course about charting."}, "missing"),
    # instructor_credentials
    (
        "instructor_credentials",
        {"instructors": [{"name": "Ann Lee", "credentials": ["RN"]}]},
        "met",
    ),
    ("instructor_credentials", {"instructors": [{"name": "Ann Lee, CMA (AAMA)"}]}, "met"),
    (
        "instructor_credentials",
        {
            "sections": {
                "About the author": "Maria Lopez has worked as a "
                "certified medical assistant for 12 years."
            }
        },
        "met",
    ),
    (
        "instructor_credentials",
        {"description": "Taught by MIT Professor of the Practice Bill Aulet."},
        "met",
    ),
    ("instructor_credentials", {"instructors": [{"name": "Tom Reyes"}]}, "partial"),
    ("instructor_credentials", {"description": "Presented by Kevin Doyle of our team."}, "partial"),
    (
        "instructor_credentials",
        {"sections": {"Location": "Silver Spring, MD 20910", "Where": "Cambridge, MA"}},
        "missing",
    ),
    ("instructor_credentials", {"description": "Review skills for CCMAs and RMAs."}, "missing"),
    # instructional_method
    ("instructional_method", {"format": "live webinar"}, "met"),
    ("instructional_method", {"description": "Includes video lessons and a post-test."}, "met"),
    ("instructional_method", {"sections": {"Format": "live"}}, "met"),
    ("instructional_method", {"description": "An online course on ethics."}, "partial"),
    ("instructional_method", {"description": "Patients who live with diabetes."}, "missing"),
    # refund_policy
    ("refund_policy", {"sections": {"Refunds": "Full refund within 30 days."}}, "met"),
    ("refund_policy", {"sections": {"Registration": "The $100 fee is non-refundable."}}, "met"),
    (
        "refund_policy",
        {"sections": {"Registration": "Please read our terms and conditions."}},
        "partial",
    ),
    # credits_stated
    (
        "credits_stated",
        {"credit_amount": 1.0, "credit_unit": "contact_hour", "credits_raw": "1.0 contact hour"},
        "met",
    ),
    ("credits_stated", {"description": "Earn 3.0 ANCC Contact Hour(s)."}, "met"),
    ("credits_stated", {"credits_raw": "1.5", "credit_amount": 1.5}, "partial"),
    ("credits_stated", {"description": "CE credit is available after the quiz."}, "partial"),
    ("credits_stated", {"sections": {"Duration": "60 minutes"}}, "missing"),
    # approval_body
    ("approval_body", {"aama_approved": True}, "met"),
    (
        "approval_body",
        {
            "sections": {
                "Approval": "Granted prior approval by the American "
                "Association of Medical Assistants."
            }
        },
        "met",
    ),
    ("approval_body", {"credits_raw": "2 AAMA CEUs"}, "met"),
    ("approval_body", {"sections": {"Accreditation": "Accredited by the ANCC."}}, "partial"),
    ("approval_body", {"credits_raw": "3.0 ANCC Contact Hour(s)"}, "partial"),
    (
        "approval_body",
        {"sections": {"Approval": "This course is not approved by the AAMA."}},
        "missing",
    ),
    (
        "approval_body",
        {"sections": {"Credits": "This course is approved for 2 CE credits."}},
        "missing",
    ),
    # credit_valid
    ("credit_valid", {"expiry_date": "2027-01-31"}, "met"),
    ("credit_valid", {"expiry_date": "2025-01-31"}, "missing"),
    ("credit_valid", {"sections": {"Credit": "Valid for credit through March 31, 2027."}}, "met"),
    ("credit_valid", {"sections": {"Credit": "Credit expires: 10/31/2024"}}, "missing"),
    ("credit_valid", {"approval_valid_through": "2026-11-25"}, "met"),
    ("credit_valid", {}, "unknown"),
]


@pytest.mark.parametrize(
    ("criterion", "fields", "expected"),
    CASES,
    ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(CASES)],
)
def test_detector(criterion, fields, expected):
    result = verdict(criterion, listing(**fields), PROVIDER_EMPTY)
    assert result.status == expected, result


def test_evidence_names_where_and_url():
    row = listing(sections={"Learning objectives": "- Describe X\n- Identify Y"})
    result = verdict("outcomes", row)
    assert result.found_in == "heading-section: Learning objectives"
    assert result.url == "https://demo.example/courses/1"
    assert "Describe X" in result.snippet


@pytest.mark.parametrize(
    ("provider", "expected", "found_in"),
    [
        (PROVIDER_FULL, "met", "policy-page"),
        (PROVIDER_EMPTY, "missing", None),
        (None, "unknown", None),
        (
            {"slug": "demo", "refund_policy_url": "https://demo.example/refunds"},
            "unknown",
            "policy-page",
        ),
    ],
)
def test_refund_policy_falls_back_to_the_provider_page(provider, expected, found_in):
    result = verdict("refund_policy", listing(description="A course."), provider)
    assert (result.status, result.found_in) == (expected, found_in)


@pytest.mark.parametrize(
    ("fields", "provider", "expected"),
    [
        ({"contact_email": "a@b.example"}, None, "met"),
        ({"description": "Call 555-301-7788 with questions."}, None, "met"),
        ({}, PROVIDER_FULL, "met"),
        ({}, {"slug": "demo", "contact_url": "https://demo.example/contact"}, "partial"),
        ({}, PROVIDER_EMPTY, "missing"),
        ({}, None, "unknown"),
    ],
)
def test_provider_contact(fields, provider, expected):
    assert verdict("provider_contact", listing(**fields), provider).status == expected


def _priced(i, price, hours=1.0, fmt="self-paced online", **extra):
    return listing(
        id=f"demo:{i}",
        price_amount=price,
        price_currency="USD",
        cost_class="paid",
        credit_amount=hours,
        credit_unit="contact_hour",
        contact_hours=hours,
        format=fmt,
        **extra,
    )


MARKET_ROWS = [_priced(i, price) for i, price in enumerate((10, 12, 15, 15, 18, 20))]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (_priced(90, 20), "met"),  # $20/h vs median $15/h: ratio 1.33
        (_priced(91, 23), "partial"),  # ratio 1.53, above 1.5
        (listing(price_amount=0, cost_class="free", price_raw="Free"), "met"),
        (listing(price_amount=0, cost_class="free-certificate-paid"), "missing"),
        (listing(), "missing"),
        (listing(price_amount=30, cost_class="paid"), "unknown"),  # no credits to compare
        (listing(price_amount=99, cost_class="subscription"), "unknown"),
        (_priced(92, 500, fmt="in person"), "partial"),  # falls back to all formats
    ],
)
def test_fee_reasonable(row, expected):
    market = build_market(MARKET_ROWS)
    result = verdict("fee_reasonable", row, market=market)
    assert result.status == expected, result.detail


def test_fee_shows_its_numbers():
    market = build_market(MARKET_ROWS)
    result = verdict("fee_reasonable", _priced(93, 30, hours=2), market=market)
    assert result.numbers == {"fee_per_hour": 15.0, "fee_median": 15.0, "fee_ratio": 1.0}
    assert "$15.00 per contact hour" in result.detail and "median of 6" in result.detail


def test_free_course_with_paid_certificate_is_judged_on_the_certificate():
    market = build_market(MARKET_ROWS)
    row = listing(
        price_amount=0,
        cost_class="free-certificate-paid",
        certificate_fee=60,
        credit_amount=1,
        credit_unit="contact_hour",
        contact_hours=1,
        format="self-paced online",
        price_currency="USD",
    )
    result = verdict("fee_reasonable", row, market=market)
    assert result.status == "partial"
    assert "certificate" in result.detail


# The generic phrasing rules added for real course descriptions: positive, negative, tricky.
GENERIC_CASES = [
    # rationale: why the topic matters
    ("rationale", "Data visualization plays an essential role in health care analytics.", "met"),
    ("rationale", "Employers are searching for professionals who can read claims data.", "met"),
    ("rationale", "Sepsis is one of the leading causes of death in hospital patients.", "met"),
    ("rationale", "Medication errors remain common in ambulatory care settings.", "met"),
    ("rationale", "Robotics is poised to transform how clinics schedule their staff.", "met"),
    ("rationale", "The material helps you meet your state CE requirements for renewal.", "met"),
    ("rationale", "It is important to note that the course has six modules and a quiz.", "partial"),
    (
        "rationale",
        "Covers the role of the front desk in scheduling and patient check-in.",
        "partial",
    ),
    # rationale: Spanish and Portuguese
    ("rationale", "Este curso te permitirá manejar el estrés en el trabajo diario.", "met"),
    ("rationale", "Las empresas necesitan profesionales que dominen la facturación médica.", "met"),
    ("rationale", "Profissionais podem encontrar dificuldades em transmitir suas ideias.", "met"),
    (
        "rationale",
        "No se necesita experiencia previa para tomar este curso de facturación.",
        "partial",
    ),
    # outcomes: a list of abilities after one lead, comma by comma
    (
        "outcomes",
        "Learn strategies to support patients, recognise warning signs, and respond calmly.",
        "met",
    ),
    ("outcomes", "You will learn how to triage calls, document symptoms, and escalate.", "met"),
    (
        "outcomes",
        "You will develop a critical mindset by learning to weigh and interpret claims.",
        "partial",
    ),
    ("outcomes", "You will learn about billing, coding, and scheduling in the office.", "partial"),
    ("outcomes", "Learn what viruses are made of and understand how they spread.", "partial"),
    # outcomes: Spanish and Portuguese
    (
        "outcomes",
        "Al terminar serás capaz de identificar riesgos y podrás aplicar el protocolo.",
        "met",
    ),
    ("outcomes", "Aprenda as chaves para criar uma fábrica inteligente.", "partial"),
    ("outcomes", "En este curso aprenderás cómo controlar el estrés laboral.", "partial"),
    ("outcomes", "Participants in this program will learn what it takes to lead.", "partial"),
    # outcomes: a flattened list of imperative sentences, bullets with no heading, list leads
    ("outcomes", "Implement triage rules. Adopt a call script. Document every call.", "met"),
    ("outcomes", "Take it on your phone, tablet or computer.", "missing"),
    ("outcomes", "Overview of the program.• Identificar riesgos\n• Aplicar el protocolo", "met"),
    ("outcomes", "Step by step you will learn how to plan, scope, schedule and manage.", "met"),
    ("outcomes", "We'll teach you how to read indicators, and how to measure their impact.", "met"),
    (
        "outcomes",
        "You will learn from your peers about problems, and how to apply the principles.",
        "partial",
    ),
    ("outcomes", "En este curso revisarás los conceptos de la gestión del agua.", "partial"),
    ("outcomes", "You'll leave this course armed with the knowledge you need.", "partial"),
    # rationale: purpose phrasing in running prose
    ("rationale", "Participants are empowered to take action on sustainability at work.", "met"),
    ("rationale", "Are you looking to take your billing skills to the next level today?", "met"),
    ("rationale", "This course gives you the tools to code claims without denials.", "met"),
    ("rationale", "Completa los módulos para que tus competencias te ayuden en el trabajo.", "met"),
    (
        "rationale",
        "This course is designed for people who would like to know more about stars.",
        "partial",
    ),
    # rationale: importance and need words in sentences about the world, not the course
    (
        "rationale",
        "Denied claims are a growing cost for clinics. Coding accuracy is critical to revenue.",
        "met",
    ),
    (
        "rationale",
        "This course covers risk factors, common problems and the challenges of triage.",
        "partial",
    ),
    (
        "rationale",
        "A review of vital signs, ECG basics and phlebotomy skills for the MA.",
        "partial",
    ),
]


@pytest.mark.parametrize(
    ("criterion", "description", "expected"),
    GENERIC_CASES,
    ids=[f"{c}-generic-{i}" for i, (c, _, _) in enumerate(GENERIC_CASES)],
)
def test_generic_phrasing(criterion, description, expected):
    result = verdict(criterion, listing(description=description), PROVIDER_EMPTY)
    assert result.status == expected, result


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Psic. José Jesús Karam", "met"),
        ("Dra. Ana María López", "met"),
        ("Prof. Ivan Gaskell", "met"),
        ("Ingrid Lopez", "partial"),
        ("Drew Carter", "partial"),
        ("Lic Orice Williams", "met"),
    ],
)
def test_title_before_the_name_is_a_credential(name, expected):
    result = verdict("instructor_credentials", listing(instructors=[{"name": name}]))
    assert result.status == expected, result


def test_a_role_before_a_name_still_names_the_instructor():
    row = listing(description="Led by serial entrepreneurs Bill Aulet and Paul Cheek, this week.")
    assert verdict("instructor_credentials", row).status == "partial"
    row = listing(description="Led by MIT experts, you will define innovation spaces.")
    assert verdict("instructor_credentials", row).status == "missing"
