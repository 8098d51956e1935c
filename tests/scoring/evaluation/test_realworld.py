"""Real published records converted to stored listings (skipped when the folder is absent)."""

from __future__ import annotations

import json

import pytest

from scoring.evaluation.realworld import convert, credits_of, markdown_sections, money
from tests.support.paths import REALWORLD_DIR

REALWORLD = REALWORLD_DIR
needs_folder = pytest.mark.skipif(not REALWORLD.is_dir(), reason="../shared/realworld is absent")


def test_parsers():
    assert money("$3,500") == 3500.0 and money("FREE-Add a Verified Certificate for $49 USD") == 49
    assert credits_of("2.6 CEUs") == (2.6, "ceu") and credits_of("7.2") == (7.2, None)
    assert markdown_sections("# A\none\n# B\ntwo\n") == {"A": "one", "B": "two"}


@needs_folder
def test_mit_professional_education_price_and_ceus():
    row = convert("mitpe", "548", REALWORLD)
    assert (row["price_amount"], row["credit_amount"], row["credit_unit"]) == (3500.0, 2.6, "ceu")
    assert row["format"] == "in person"
    assert "Participant Takeaways" in json.loads(row["sections"])


@needs_folder
def test_edx_free_course_with_paid_certificate():
    row = convert("edx", "https://www.edx.org/course/human-anatomy", REALWORLD)
    assert row["cost_class"] == "free-certificate-paid"
    assert (row["price_amount"], row["certificate_fee"]) == (0.0, 139.0)


@needs_folder
def test_sib_course_keeps_its_headed_sections():
    row = convert("sib", "first-steps-with-r", REALWORLD)
    assert "Learning objectives" in json.loads(row["sections"])
    assert (row["price_amount"], row["price_currency"]) == (120.0, "CHF")


@needs_folder
def test_nursingce_contact_hours():
    row = convert("nursingce", "Arthritis Nursing CE Course", REALWORLD)
    assert (row["price_amount"], row["contact_hours"], row["credit_unit"]) == (
        28.0,
        6.0,
        "contact_hour",
    )


@needs_folder
def test_unknown_record_is_a_clear_error():
    with pytest.raises(LookupError, match="no sloan record"):
        convert("sloan", "nope", REALWORLD)
    with pytest.raises(ValueError, match="unknown real-world record kind"):
        convert("udemy", "x", REALWORLD)
