"""Price statements -> amount, currency, cost class, certificate fee (table-driven)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from crawler.extract.prices import parse_price
from tests.support.paths import REALWORLD_DIR

REALWORLD = REALWORLD_DIR

# text, amount, currency, cost class, certificate fee
CASES = [
    # Course-Scrape/courses.csv (nursingce.com) and mit-learn prices
    ("$25", 25.0, "USD", "paid", None),
    ("$11", 11.0, "USD", "paid", None),
    ("$3,500", 3500.0, "USD", "paid", None),
    ("$20,000", 20000.0, "USD", "paid", None),
    ("$1870", 1870.0, "USD", "paid", None),
    # edX: free course, paid verified certificate
    ("FREE-Add a Verified Certificate for $49 USD", 0.0, "USD", "free-certificate-paid", 49.0),
    ("FREE-Add a Verified Certificate for $199 USD", 0.0, "USD", "free-certificate-paid", 199.0),
    ("free, certificate $9.99", 0.0, "USD", "free-certificate-paid", 9.99),
    ("Free CE, certificate fee $15", 0.0, "USD", "free-certificate-paid", 15.0),
    # free: no currency invented ("FREE" must not become currency "FR")
    ("FREE", 0.0, None, "free", None),
    ("Free", 0.0, None, "free", None),
    ("No cost to attend", 0.0, None, "free", None),
    ("$0.00", 0.0, "USD", "free", None),
    # member pricing
    ("free for members, $29 non-members", 29.0, "USD", "member-free", None),
    ("Members: Free | Non-members: $35", 35.0, "USD", "member-free", None),
    ("Free for AAMA members", None, None, "member-free", None),
    ("$19 members / $29 non-members", 29.0, "USD", "paid", None),
    # subscriptions keep their period; a plan's price is not the course's price
    ("Included with All-Access", None, None, "subscription", None),
    ("$99/year", None, None, "subscription", None),
    ("$1,299/month", None, None, "subscription", None),
    ("$12.99 per month", None, None, "subscription", None),
    # other currencies and formats
    ("£395", 395.0, "GBP", "paid", None),
    ("€1.299,00", 1299.0, "EUR", "paid", None),
    ("Price: $45.00 USD", 45.0, "USD", "paid", None),
    ("$49.99 (Save $20!)", 49.99, "USD", "paid", None),
    ("2950.0", 2950.0, None, "paid", None),
    ("0", 0.0, None, "free", None),
]


@pytest.mark.parametrize(("text", "amount", "currency", "cost_class", "certificate"), CASES)
def test_price(text, amount, currency, cost_class, certificate) -> None:
    info = parse_price(text)
    assert info is not None
    assert (info.amount, info.currency, info.cost_class, info.certificate_fee) == (
        amount,
        currency,
        cost_class,
        certificate,
    )
    assert info.raw == text


def test_range_keeps_the_lowest_and_says_range() -> None:
    info = parse_price("$99 – $149")
    assert (info.amount, info.cost_class, info.is_range, info.raw) == (
        99.0,
        "paid",
        True,
        "$99 – $149",
    )


@pytest.mark.parametrize("text", ["12.5%", "Save $20", "20% off", "", "Register now", None])
def test_not_a_price(text) -> None:
    assert parse_price(text) is None


def test_bare_number_takes_the_default_currency() -> None:
    info = parse_price("75.00", currency="USD")
    assert (info.amount, info.currency, info.cost_class) == (75.0, "USD", "paid")


@pytest.mark.xfail(strict=True, reason="spelled-out amounts are not read")
def test_spelled_out_amount() -> None:
    assert parse_price("twenty-five dollars").amount == 25.0


@pytest.mark.xfail(
    strict=True, reason="a member price with no non-member price is taken as the price"
)
def test_member_only_price_is_not_the_public_price() -> None:
    assert parse_price("$19 for members").amount is None


def _rows(path: Path, skip_first_line: bool = False) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        if skip_first_line:
            handle.readline()
        return list(csv.DictReader(handle))


def test_realworld_nursingce_prices_are_paid_usd() -> None:
    path = REALWORLD / "Course-Scrape" / "courses.csv"
    if not path.is_file():
        pytest.skip("realworld material absent")
    for row in _rows(path):
        info = parse_price(row["cost"])
        assert info.cost_class == "paid" and info.currency == "USD"
        assert info.amount == float(row["cost"].lstrip("$"))


def test_realworld_edx_prices_are_free_with_paid_certificate() -> None:
    path = REALWORLD / "edx_cources_data_analysis" / "edx_courses.csv"
    if not path.is_file():
        pytest.skip("realworld material absent")
    rows = [r for r in _rows(path) if r["price"].startswith("FREE-Add")]
    assert len(rows) > 900
    for row in rows:
        info = parse_price(row["price"])
        assert info.cost_class == "free-certificate-paid", row["price"]
        assert info.amount == 0.0 and info.certificate_fee and info.certificate_fee > 0


@pytest.mark.parametrize(
    ("text", "price", "member"),
    [
        ("Members: $20, Non-members: $35", 35.0, 20.0),
        ("$35 non-members, $20 AAMA members", 35.0, 20.0),
        ("$25 (members $15)", 25.0, 15.0),
        ("Non-member: $40; Member: $25", 40.0, 25.0),
        ("1.299,00 €", 1299.0, None),
    ],
)
def test_price_is_the_non_member_price_and_member_price_is_kept(text, price, member) -> None:
    info = parse_price(text)
    assert (info.amount, info.member_price) == (price, member)
