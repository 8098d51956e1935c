"""Credit statements -> amount, unit, contact hours, AAMA category and points (table-driven)."""

from __future__ import annotations

import csv
import json

import pytest

from crawler.extract.credits import parse_credits
from crawler.items import CREDIT_UNITS
from tests.support.paths import REALWORLD_DIR

REALWORLD = REALWORLD_DIR

# text, amount, unit, contact hours, AAMA category, AAMA points, raw statement
CASES = [
    ("1.0 contact hour", 1.0, "contact_hour", 1.0, None, None, "1.0 contact hour"),
    ("3.0 ANCC Contact Hour(s)", 3.0, "contact_hour", 3.0, None, None, "3.0 ANCC Contact Hour(s)"),
    ("2 AAMA CEUs (clinical)", 2.0, "aama_ceu", 2.0, "clinical", 2.0, "2 AAMA CEUs (clinical)"),
    (
        "This course is approved for 1.5 AAMA CEUs in the administrative category.",
        1.5, "aama_ceu", 1.5, "administrative", 1.5,
        "1.5 AAMA CEUs in the administrative category",
    ),
    ("0.1 IACET CEU", 0.1, "iacet_ceu", 1.0, None, None, "0.1 IACET CEU"),
    (
        "This activity is approved by IACET and awards 0.2 CEUs.",
        0.2, "iacet_ceu", 2.0, None, None, "0.2 CEUs",
    ),
    ("1 NHA CE credit", 1.0, "nha_credit", 2.0, None, None, "1 NHA CE credit"),
    ("2 clock hours", 2.0, "clock_hour", 2.0, None, None, "2 clock hours"),
    ("2.6 CEUs", 2.6, "ceu", None, None, None, "2.6 CEUs"),
    ("2.0 CEUs", 2.0, "ceu", None, None, None, "2.0 CEUs"),
    ("1 college credit", 1.0, "college_credit", 15.0, None, None, "1 college credit"),
    ("one contact hour", 1.0, "contact_hour", 1.0, None, None, "one contact hour"),
    ("Contact hours: 1.5", 1.5, "contact_hour", 1.5, None, None, "Contact hours: 1.5"),
    ("2 CCP points", 2.0, "ccp_point", 2.0, None, None, "2 CCP points"),
    (
        "1.25 AMA PRA Category 1 Credits™",
        1.25, "contact_hour", 1.25, None, None, "1.25 AMA PRA Category 1 Credits",
    ),
    # two categories named: the category is not guessed
    (
        "Approved for 2 AAMA CEUs: 1 clinical, 1 general",
        2.0, "aama_ceu", 2.0, None, 2.0, "2 AAMA CEUs",
    ),
    # a generic "credit" keeps its amount; its unit is unknown
    ("Credits: 2", 2.0, None, None, None, None, "Credits: 2"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "amount", "unit", "hours", "category", "points", "raw"), CASES)
def test_credit_statement(text, amount, unit, hours, category, points, raw) -> None:
    info = parse_credits(text)
    assert info is not None
    assert (info.amount, info.unit, info.contact_hours) == (amount, unit, hours)
    assert (info.aama_category, info.aama_points, info.raw) == (category, points, raw)
    assert info.unit is None or info.unit in CREDIT_UNITS


@pytest.mark.parametrize(
    "text",
    [
        "The course takes 2 hours.",
        "40.5",
        "CE credits: 12/31/2027",
        "Save 20% on 3 courses",
        "",
        None,
    ],
)
def test_not_a_credit_statement(text) -> None:
    assert parse_credits(text) is None


@pytest.mark.xfail(strict=True, reason="hours of credit written before the body are not read")
def test_hours_of_credit_phrase() -> None:
    assert parse_credits("Earn 1.5 hrs of AAMA credit").unit == "aama_ceu"


@pytest.mark.xfail(strict=True, reason="a split AAMA category list is not summed per category")
def test_split_categories() -> None:
    assert parse_credits("1 clinical and 1 general AAMA CEU").amount == 2.0


def test_realworld_nursingce_contact_hours() -> None:
    path = REALWORLD / "Course-Scrape" / "courses.csv"
    if not path.is_file():
        pytest.skip("realworld material absent")
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        info = parse_credits(row["contact hours"])
        assert info.unit == "contact_hour" and info.raw == row["contact hours"]
        assert info.contact_hours == float(row["contact hours"].split()[0])


def test_realworld_mit_professional_education_ceus() -> None:
    folder = REALWORLD / "mit-learn" / "test_json"
    if not folder.is_dir():
        pytest.skip("realworld material absent")
    statements = set()
    for path in folder.rglob("*.json"):
        text = path.read_text(encoding="utf-8")
        if "field_non_degree_credits" in text:
            statements |= set(_values(json.loads(text), "field_non_degree_credits"))
    ceus = [s for s in statements if "CEU" in s]
    assert ceus, "expected CEU statements in the MIT Professional Education records"
    for statement in ceus:
        info = parse_credits(statement)
        assert info.unit == "ceu" and info.contact_hours is None, statement


def _values(data, key):
    if isinstance(data, dict):
        for k, v in data.items():
            if k == key and isinstance(v, str):
                yield v
            else:
                yield from _values(v, key)
    elif isinstance(data, list):
        for item in data:
            yield from _values(item, key)
