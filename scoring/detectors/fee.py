"""Criterion ``fee_reasonable``: free, or priced in line with comparable courses."""

from __future__ import annotations

import re
from datetime import date

from scoring.detectors.common import Page, Verdict
from scoring.fees import PAID_CERTIFICATE, REASONABLE_MULTIPLE, Market, learner_price, priced

_FREE = re.compile(r"^\s*(?:free|\$?0(?:\.00)?|no (?:cost|charge))\b", re.I)


def _money(amount: float, currency: str) -> str:
    return f"${amount:,.2f}" if currency == "USD" else f"{amount:,.2f} {currency}"


def detect_fee_reasonable(
    page: Page, provider: dict | None, market: Market, today: date
) -> Verdict:
    row = page.row
    cost_class = page.get("cost_class")
    raw = page.get("price_raw")
    where = page.source("price_amount")
    price = learner_price(row)
    if cost_class == PAID_CERTIFICATE and price is None:
        return Verdict(
            "missing",
            raw,
            where,
            page.url,
            "the course is free but the certificate fee is not stated",
        )
    if price is None and raw and _FREE.search(raw) and cost_class not in ("subscription",):
        price = 0.0
    if price is None:
        if cost_class == "free":
            price = 0.0
        else:
            return Verdict("missing", detail="no price found")
    if price == 0:
        detail = "free for members" if cost_class == "member-free" else "free"
        return Verdict("met", raw or "free", where, page.url, detail, {"fee_per_hour": 0.0})
    if cost_class == "subscription":
        return Verdict(
            "unknown",
            raw,
            where,
            page.url,
            "a subscription price covers many courses; not compared per course",
        )
    item = priced(row)
    if item is None:
        return Verdict(
            "unknown",
            raw,
            where,
            page.url,
            "a price is stated but no credits to compare it per hour",
        )
    paid = _money(item.price, item.currency)
    if cost_class == PAID_CERTIFICATE:
        paid = f"{paid} for the certificate (the course itself is free)"
    comparison = market.compare(item) if market else None
    if comparison is None:
        return Verdict(
            "unknown",
            raw,
            where,
            page.url,
            f"{paid} = {_money(item.per, item.currency)} per {item.basis}; too few "
            "comparable priced courses in the catalog to compare",
            {"fee_per_hour": round(item.per, 2)},
        )
    ratio = item.per / comparison.median
    numbers = {
        "fee_per_hour": round(item.per, 2),
        "fee_median": round(comparison.median, 2),
        "fee_ratio": round(ratio, 2),
    }
    detail = (
        f"{paid} = {_money(item.per, item.currency)} per {item.basis}; median of "
        f"{comparison.count} comparable courses ({comparison.group}) is "
        f"{_money(comparison.median, item.currency)}; ratio {ratio:.2f} "
        f"(reasonable up to {REASONABLE_MULTIPLE:g})"
    )
    if comparison.fallback:
        detail += "; too few courses in the same format, compared with all formats"
    status = "met" if ratio <= REASONABLE_MULTIPLE else "partial"
    return Verdict(status, raw or paid, where, page.url, detail, numbers)
