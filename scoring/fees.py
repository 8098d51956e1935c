"""Market fee statistics: what comparable courses in the catalog cost per contact hour.

A course's fee is compared with the median price per contact hour of comparable priced courses:
the same credit unit, the same format and the same currency. When fewer than
``MIN_COMPARABLE`` such courses exist, the comparison falls back to every priced course with
the same unit and currency (any format), and says so. At most ``REASONABLE_MULTIPLE`` times
the median is reasonable. Units whose contact hours are unknown ("CEU" with no body named) are
compared per credit instead of per hour.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from crawler.items import CREDIT_UNITS

REASONABLE_MULTIPLE = 1.5
MIN_COMPARABLE = 5
PAID_CERTIFICATE = "free-certificate-paid"


@dataclass(frozen=True)
class Priced:
    """What a learner pays for a course's credit, and per what."""

    price: float
    currency: str
    per: float  # price per basis unit
    basis: str  # "contact hour" or the stated unit
    unit: str
    format: str


def _number(value: Any) -> float | None:
    try:
        return None if value in (None, "") else float(value)
    except (TypeError, ValueError):
        return None


def learner_price(row: dict[str, Any]) -> float | None:
    """The price paid to get the credit: the certificate fee when only the certificate costs."""
    price = _number(row.get("price_amount"))
    certificate = _number(row.get("certificate_fee"))
    if row.get("cost_class") == PAID_CERTIFICATE or (price == 0 and certificate):
        return certificate
    return price


def priced(row: dict[str, Any]) -> Priced | None:
    """The comparable price of a listing, or None when it has no positive price or no credits."""
    price = learner_price(row)
    if not price or price <= 0 or row.get("cost_class") == "subscription":
        return None
    unit = row.get("credit_unit") or None
    amount = _number(row.get("credit_amount"))
    hours = _number(row.get("contact_hours"))
    factor = CREDIT_UNITS.get(unit) if unit else None
    if unit and factor and amount:
        hours = amount * factor
    if hours and hours > 0 and (factor or not unit):
        per, basis, unit = price / hours, "contact hour", unit or "contact_hour"
    elif unit and amount and amount > 0:
        per, basis = price / amount, unit
    else:
        return None
    currency = (row.get("price_currency") or "USD").upper()
    return Priced(price, currency, per, basis, unit, row.get("format") or "unstated")


@dataclass(frozen=True)
class Comparison:
    median: float
    count: int
    group: str
    fallback: bool


@dataclass
class Market:
    """Medians of price per basis unit, by (unit, currency, format) and by (unit, currency)."""

    by_format: dict[tuple[str, str, str], tuple[float, int]] = field(default_factory=dict)
    by_unit: dict[tuple[str, str], tuple[float, int]] = field(default_factory=dict)
    priced_courses: int = 0

    def compare(self, item: Priced) -> Comparison | None:
        exact = self.by_format.get((item.unit, item.currency, item.format))
        if exact and exact[1] >= MIN_COMPARABLE:
            group = f"{item.unit}, {item.format}, {item.currency}"
            return Comparison(exact[0], exact[1], group, False)
        wide = self.by_unit.get((item.unit, item.currency))
        if wide and wide[1] >= MIN_COMPARABLE:
            return Comparison(wide[0], wide[1], f"{item.unit}, any format, {item.currency}", True)
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "reasonable_multiple": REASONABLE_MULTIPLE,
            "min_comparable": MIN_COMPARABLE,
            "priced_courses": self.priced_courses,
            "groups": [
                {"unit": u, "currency": c, "format": f, "median_per_unit": m, "courses": n}
                for (u, c, f), (m, n) in sorted(self.by_format.items())
            ],
        }


def build_market(rows: Iterable[dict[str, Any]]) -> Market:
    by_format: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    by_unit: dict[tuple[str, str], list[float]] = defaultdict(list)
    count = 0
    for row in rows:
        item = priced(row)
        if item is None:
            continue
        count += 1
        by_format[(item.unit, item.currency, item.format)].append(item.per)
        by_unit[(item.unit, item.currency)].append(item.per)
    return Market(
        {k: (median(v), len(v)) for k, v in by_format.items()},
        {k: (median(v), len(v)) for k, v in by_unit.items()},
        count,
    )
