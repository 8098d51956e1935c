"""JSON catalog records (course_from_record) and site-wide policy pages (extract_site_facts)."""

from __future__ import annotations

import json

import pytest

from crawler.extract import course_from_record, extract_site_facts
from tests.support.paths import FIXTURES, REALWORLD_DIR

FIXTURES = FIXTURES / "sitewide"
REALWORLD = REALWORLD_DIR


def test_record_values_are_normalized_like_page_values() -> None:
    record = {
        "slug": "hipaa-101",
        "name": "HIPAA 101",
        "pricing": {"display": "FREE-Add a Verified Certificate for $49 USD"},
        "credit": "approved for 1.5 AAMA CEUs in the administrative category",
        "mode": "On-demand video",
        "faculty": [{"name": "Jane Doe", "honorificSuffix": "MSN, RN"}],
        "goals": ["Define PHI", "Apply minimum necessary"],
        "expires": "12/31/2027",
        "approved": "yes",
    }
    fields = {
        "title": "name",
        "price": "pricing.display",
        "credits": "credit",
        "format": "mode",
        "instructors": "faculty",
        "objectives": "goals",
        "expiry_date": "expires",
        "aama_approved": "approved",
        "description": "missing.key",
    }
    config = {"name": "CareerCE Learning", "course_ref": r"/c/([\w-]+)"}
    course = course_from_record(
        record, fields, "https://careerce.example/c/hipaa-101#top", "careerce", config
    )
    assert course.id == "careerce:hipaa-101"
    assert course.url == "https://careerce.example/c/hipaa-101"
    assert (course.title, course.provider_name) == ("HIPAA 101", "CareerCE Learning")
    assert (course.price_amount, course.cost_class, course.certificate_fee) == (
        0.0,
        "free-certificate-paid",
        49.0,
    )
    assert (course.credit_amount, course.credit_unit, course.aama_category) == (
        1.5,
        "aama_ceu",
        "administrative",
    )
    assert course.format == "self-paced online"
    assert course.instructors == [{"name": "Jane Doe", "credentials": ["MSN", "RN"]}]
    assert course.objectives == ["Define PHI", "Apply minimum necessary"]
    assert course.expiry_date == "2027-12-31"
    assert course.aama_approved is True
    assert course.description is None
    assert course.field_sources["title"] == "json-api"
    assert course.field_sources["provider_name"] == "source-config"
    assert course.validate() == []


def test_numeric_record_values() -> None:
    record = {
        "Title": "Leading Teams",
        "Price": "2950.0",
        "Continuing_Ed_Credits": "2.0",
        "currency": "USD",
    }
    fields = {"title": "Title", "price_amount": "Price", "credit_amount": "Continuing_Ed_Credits"}
    course = course_from_record(record, fields, "https://exec.example/leading-teams", "exec", None)
    assert (course.price_amount, course.cost_class) == (2950.0, "paid")
    assert (course.credit_amount, course.credit_unit, course.contact_hours) == (2.0, None, None)


def test_realworld_mit_professional_education_records() -> None:
    path = REALWORLD / "mit-learn" / "test_json" / "prolearn_mitpe_courses.json"
    if not path.is_file():
        pytest.skip("realworld material absent")
    documents = json.loads(path.read_text())["data"]["searchAPISearch"]["documents"]
    fields = {
        "title": "title",
        "price": "field_price",
        "credits": "field_non_degree_credits",
        "format": "format_name",
        "provider_name": "department",
    }
    courses = [
        course_from_record(d, fields, "https://professional.mit.edu" + d["url"], "mitpe", None)
        for d in documents
    ]
    by_title = {c.title: c for c in courses}
    innovation = by_title["Innovation: Beyond the Buzzword"]
    assert (innovation.price_amount, innovation.price_currency, innovation.cost_class) == (
        3200.0,
        "USD",
        "paid",
    )
    assert (innovation.credit_amount, innovation.credit_unit, innovation.contact_hours) == (
        2.0,
        "ceu",
        None,
    )
    assert innovation.format == "in person"
    assert innovation.provider_name == "MIT Professional Education"
    spanish = by_title["Programa en Alta Dirección: Chief Product Officer (Spanish)"]
    assert (spanish.price_amount, spanish.credit_amount, spanish.credit_unit) == (
        20000.0,
        40.5,
        None,
    )
    assert all(c.validate() == [] for c in courses)


def test_site_facts_from_a_terms_page() -> None:
    html = (FIXTURES / "refund_policy.html").read_bytes()
    facts = extract_site_facts(html, "https://careerce.example/terms")
    assert facts["refund_policy_text"].startswith(
        "Course purchases may be refunded in full within 30 days"
    )
    assert "refund minus a $5 processing fee" in facts["refund_policy_text"]
    assert "password" not in facts["refund_policy_text"]
    assert facts["contact_email"] == "help@careerce.example"
    assert facts["contact_phone"] == "(312) 555-0148"


def test_site_facts_from_unheaded_policy_paragraphs() -> None:
    html = (
        "<html><body><main><h1>Help</h1><p>Welcome to our help pages.</p>"
        "<p>All sales are final; we do not issue refunds for completed courses.</p>"
        "<p>Write to us at office@provider.example.</p></main></body></html>"
    )
    facts = extract_site_facts(html, "https://provider.example/help")
    assert facts == {
        "refund_policy_text": "All sales are final; we do not issue refunds for completed courses.",
        "contact_email": "office@provider.example",
    }


def test_site_facts_keys_absent_when_not_found() -> None:
    assert extract_site_facts("<html><body><p>Hello</p></body></html>", "https://x.example/") == {}
    assert extract_site_facts(b"", "https://x.example/") == {}
