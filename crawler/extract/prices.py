"""Price text -> amount, currency, cost class and certificate fee.

price-parser reads each money token; the guards around it fix its known mistakes on course
pages: "FREE" read as currency "FR", a range "$99 – $149" read as 99 alone, "$1,299/month"
losing its period, and discounts ("Save $20", "12.5% off") read as prices.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from price_parser import Price

from crawler.extract.text import clean

_SYMBOLS = {
    "$": "USD", "US$": "USD", "USD": "USD", "C$": "CAD", "CA$": "CAD", "CAD": "CAD",
    "A$": "AUD", "AU$": "AUD", "AUD": "AUD", "NZ$": "NZD", "£": "GBP", "GBP": "GBP",
    "€": "EUR", "EUR": "EUR", "₹": "INR", "INR": "INR",
}  # fmt: skip
_CURRENCY = r"(?:US\$|CA\$|AU\$|NZ\$|C\$|A\$|\$|£|€|₹|USD|CAD|AUD|GBP|EUR|INR)"
_NUMBER = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?(?!\d)"
)
MONEY = re.compile(
    rf"(?P<pre>{_CURRENCY})\s?(?P<num>{_NUMBER})(?!\s?%)|(?P<num2>{_NUMBER})\s?(?P<post>USD|CAD|AUD|GBP|EUR|dollars|€|£)(?!\w)"
)
_BARE_NUMBER = re.compile(rf"^\s*(?:{_NUMBER})\s*$")
_RANGE_JOIN = re.compile(r"^\s*(?:–|—|-|to)\s*$")
_DISCOUNT_BEFORE = re.compile(
    r"(save|saving|discount(ed)? by|reduced by|get|coupon)\s*(up to\s*)?$", re.I
)
_DISCOUNT_AFTER = re.compile(r"^\s*(off|discount|savings?)\b", re.I)
_PERIOD_AFTER = re.compile(
    r"^\s*(?:/|per|a|an|each)\s*(month|mo|year|yr|annum|annually|monthly)\b|^\s*(monthly|annually)\b",
    re.I,
)
_CERTIFICATE_BEFORE = re.compile(r"certificat\w*\b[^.$£€]{0,40}$", re.I)
_CERTIFICATE_AFTER = re.compile(
    r"^\s*(?:for (?:the |a )?|per )?(?:verified |optional )?certificat", re.I
)
# a member word followed by its own amount labels that amount, not the one before it
_OWN_AMOUNT = r"(?!\s*(?:price|rate|pay|fee)?\s*[:\-–]?\s*(?:[A-Z]{0,2}\$|£|€|₹|\d))"
_MEMBER_AFTER = re.compile(
    rf"^\s*\(?\s*(?:for\s+)?(?:aama\s+|association\s+)?members?\b{_OWN_AMOUNT}", re.I
)
_MEMBER_BEFORE = re.compile(r"\bmembers?\s*(?:price|rate|pay|fee)?\s*[:\-–]?\s*$", re.I)
# the label right beside the amount, not the next label ("Members: $20, Non-members: $35")
_NONMEMBER_AFTER = re.compile(
    rf"^\s*\(?\s*(?:for\s+|to\s+)?(?:non-?\s?members?|general public|everyone else)\b{_OWN_AMOUNT}",
    re.I,
)
_NONMEMBER_BEFORE = re.compile(
    r"(?:\bnon-?\s?members?|\bgeneral public|\bstandard)\s*(?:price|rate|pay|fee)?\s*[:\-–]?\s*$",
    re.I,
)
_FREE = re.compile(
    r"\bfree\b|\bno (?:cost|charge|fee)\b|\bcomplimentary\b|\bat no charge\b|\bwithout charge\b",
    re.I,
)
_NOT_FREE = re.compile(r"\bfree (?:shipping|trial|preview|sample|account|registration)\b", re.I)
_MEMBER_FREE = re.compile(
    r"\bfree (?:for|to) (?:\w+\s){0,2}members\b|\bmembers?\s*(?:price|rate)?\s*[:\-–]?\s*free\b|"
    r"\bfree (?:with|as part of) (?:your |a )?(?:\w+\s)?membership\b|\bmember benefit\b",
    re.I,
)
_SUBSCRIPTION = re.compile(
    r"\bincluded (?:with|in) (?:your |an |the |a )?(?:\w+[- ]){0,2}(?:access|subscription|"
    r"membership|"
    r"pass|plan)\b|\bsubscri(?:be|ption)\b|\ball[- ]access\b|\bunlimited (?:ce|ceus|access|"
    r"courses)\b",
    re.I,
)


@dataclass
class PriceInfo:
    amount: float | None
    currency: str | None
    cost_class: str
    certificate_fee: float | None
    raw: str
    is_range: bool = False
    member_price: float | None = None


@dataclass
class _Token:
    amount: float
    currency: str | None
    start: int
    end: int
    role: str = "price"  # price, certificate, member, nonmember, discount


def _tokens(text: str) -> list[_Token]:
    out = []
    for m in MONEY.finditer(text):
        symbol = m.group("pre") or m.group("post")
        number = m.group("num") or m.group("num2")
        parsed = Price.fromstring(f"{symbol if m.group('pre') else ''}{number}")
        amount = float(parsed.amount) if parsed.amount is not None else None
        if amount is None:
            continue
        currency = _SYMBOLS.get(symbol, "USD" if symbol == "dollars" else None)
        token = _Token(amount, currency, m.start(), m.end())
        before, after = text[max(0, m.start() - 60) : m.start()], text[m.end() : m.end() + 40]
        if _DISCOUNT_BEFORE.search(before) or _DISCOUNT_AFTER.match(after):
            token.role = "discount"
        elif _CERTIFICATE_BEFORE.search(before) or _CERTIFICATE_AFTER.match(after):
            token.role = "certificate"
        elif _NONMEMBER_AFTER.match(after) or _NONMEMBER_BEFORE.search(before):
            token.role = "nonmember"
        elif _MEMBER_AFTER.match(after) or _MEMBER_BEFORE.search(before):
            token.role = "member"
        out.append(token)
    return out


def parse_price(text: str | float | int | None, currency: str | None = None) -> PriceInfo | None:
    """Read one price statement. ``currency`` is the default for a bare number (records)."""
    if text is None or isinstance(text, bool):
        return None
    raw = clean(str(text))
    if not raw:
        return None
    if _BARE_NUMBER.match(raw):
        amount = float(raw.replace(",", ""))
        return PriceInfo(amount, currency, "free" if amount == 0 else "paid", None, raw)
    tokens = _tokens(raw)
    prices = [t for t in tokens if t.role in ("price", "nonmember")]
    members = [t for t in tokens if t.role == "member"]
    certificate = next((t.amount for t in tokens if t.role == "certificate"), None)
    is_range = any(_RANGE_JOIN.match(raw[a.end : b.start]) for a, b in itertools.pairwise(prices))
    nonmember = [t for t in prices if t.role == "nonmember"]
    chosen = min(nonmember or prices, key=lambda t: t.amount) if prices else None
    says_free = bool(_FREE.search(raw)) and not _NOT_FREE.search(raw)
    money_currency = chosen.currency if chosen else next((t.currency for t in tokens), None)

    if _MEMBER_FREE.search(raw) or any(t.amount == 0 for t in members):
        amount = chosen.amount if chosen else None
        return PriceInfo(
            amount, money_currency or currency, "member-free", certificate, raw, is_range
        )
    if _SUBSCRIPTION.search(raw) or (
        chosen and _PERIOD_AFTER.match(raw[chosen.end : chosen.end + 20])
    ):
        # A plan's price ("$99/year") is not this course's price.
        return PriceInfo(None, None, "subscription", certificate, raw, is_range)
    if says_free or (chosen is not None and chosen.amount == 0):
        if certificate:
            return PriceInfo(0.0, money_currency, "free-certificate-paid", certificate, raw)
        return PriceInfo(0.0, money_currency, "free", None, raw)
    if chosen is None:
        if members:
            low = min(members, key=lambda t: t.amount)
            return PriceInfo(low.amount, low.currency, "paid", certificate, raw)
        return None
    member = min((t.amount for t in members), default=None)
    return PriceInfo(
        chosen.amount,
        chosen.currency,
        "paid",
        certificate,
        raw,
        is_range,
        member if member is not None and member != chosen.amount else None,
    )


def certificate_fee_in(text: str) -> float | None:
    """A certificate fee stated anywhere in ``text`` ("certificate $9.99")."""
    return next((t.amount for t in _tokens(text) if t.role == "certificate"), None)
