"""Which catalog listings count toward a credential, at what cost and for how many units.

A listing becomes a ``Candidate`` (its units for the credential, its category, whether it is
approved, its cost to this person) or is left out with a short reason that the planner counts
and reports. Costs: ``free`` is 0; ``free-certificate-paid`` costs its certificate fee;
``member-free`` costs the non-member price unless the person says they are a member;
``subscription``, ``paid`` and ``unknown`` cost the stated price (a subscription is counted per
course, which can only overstate the cost); no stated price means the course is left out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from crawler.items import credit_end
from scoring.planner.credentials import ApprovalRule, Credential, Rulebook

# Why a listing is left out (scoring.planner.reduce writes the same words from SQL).
OTHER_FORMAT = "other format"
PROVIDER_EXCLUDED = "provider excluded"
NO_PRICE = "price not stated"
NOT_USD = "price not in USD"
NOT_FREE = "not free"
UNREADABLE_DATE = "unreadable expiry date"
EXPIRED = "expired"
ENDS_BEFORE_DEADLINE = "credit ends before the deadline"
NO_CREDIT = "credit not stated in a convertible unit"
NO_FORMAL_CREDIT = "no formal credit stated"
DUPLICATE = "same course listed twice"


@dataclass(frozen=True)
class Preferences:
    today: dt.date
    deadline: dt.date | None = None
    budget: float | None = None
    formats: tuple[str, ...] = ()
    only_free: bool = False
    exclude_providers: tuple[str, ...] = ()
    member: bool = False

    @property
    def free_only(self) -> bool:
        """Only courses costing nothing can be used (asked for, or a budget of $0)."""
        return self.only_free or self.budget == 0

    @property
    def valid_until(self) -> dt.date:
        """Credit must still be awarded on this day to count."""
        return max(self.deadline or self.today, self.today)

    def describe(self) -> str:
        """The filters in words, for messages ("free self-paced online")."""
        words = []
        if self.free_only:
            words.append("free")
        if self.formats:
            words.append(" or ".join(self.formats))
        return " ".join(words)


@dataclass(slots=True)
class Candidate:
    id: str
    title: str
    provider: str
    url: str | None
    format: str | None
    category: str | None
    approved: bool
    points: float
    hours: float
    cost: float
    score: int | None
    credit_ends: str | None


def is_approved(row: dict[str, Any]) -> bool:
    """The store writes 0/1, the published snapshot "yes"/"no"."""
    return row.get("aama_approved") in (1, True, "1", "yes")


def course_cost(row: dict[str, Any], member: bool) -> float | None:
    cost_class, price = row.get("cost_class"), row.get("price_amount")
    if cost_class == "free":
        return 0.0
    if cost_class == "free-certificate-paid":
        return row.get("certificate_fee")
    if cost_class == "member-free" and member:
        return 0.0
    return price


def course_hours(row: dict[str, Any], rulebook: Rulebook) -> float | None:
    """Contact hours from the stated credit (the page's statement wins), else the stored hours."""
    unit, amount = row.get("credit_unit"), row.get("credit_amount")
    conversion = rulebook.contact_hours_per_unit.get(unit)
    if conversion is not None and amount is not None:
        return amount * conversion.value
    return row.get("contact_hours")


def course_points(row: dict[str, Any], credential: Credential, hours: float | None) -> float | None:
    """Units of ``credential`` the course gives: stated points, then native unit, then hours."""
    field = credential.native_points_field
    if field and row.get(field) is not None and (credential.approved is None or is_approved(row)):
        return float(row[field])
    native = credential.native_unit
    if native and row.get("credit_unit") == native and row.get("credit_amount") is not None:
        return float(row["credit_amount"])
    if hours is None:
        return None
    return hours / credential.unit_contact_hours.value


def too_short_reason(rule: ApprovalRule) -> str:
    """The reason for a non-approved course under the rule's minimum contact hours."""
    return f"under {rule.others_min_contact_hours.value:g} contact hour for non-{rule.label}"


def _is_iso_date(text: str) -> bool:
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


class Judge:
    """Decides one listing at a time; everything that depends only on the request is set once."""

    def __init__(self, credential: Credential, rulebook: Rulebook, prefs: Preferences):
        self.credential = credential
        self.rulebook = rulebook
        self.prefs = prefs
        self.today = prefs.today.isoformat()
        self.valid_until = prefs.valid_until.isoformat()
        self.formats = set(prefs.formats)
        self.excluded = {p.casefold() for p in prefs.exclude_providers}
        self.categories = set(credential.category_minimums)
        self.free_only = prefs.free_only
        self.member = prefs.member
        self.seen_dates: set[str] = set()

    def _readable(self, text: Any) -> bool:
        if not text or text in self.seen_dates:
            return True
        if isinstance(text, str) and _is_iso_date(text):
            self.seen_dates.add(text)
            return True
        return False

    def _date_reason(self, row: dict[str, Any]) -> tuple[str | None, str | None]:
        expiry, approval_end = row.get("expiry_date"), row.get("approval_valid_through")
        if not self._readable(expiry) or not self._readable(approval_end):
            return UNREADABLE_DATE, None
        end = credit_end(row)
        if not end:
            return None, None
        if end < self.today:
            return EXPIRED, end
        if end < self.valid_until:
            return ENDS_BEFORE_DEADLINE, end
        return None, end

    def _filter_reason(self, row: dict[str, Any], cost: float | None) -> str | None:
        status = row.get("status")
        if status is not None and status != "active":
            return f"status {status}"
        if self.formats and row.get("format") not in self.formats:
            return OTHER_FORMAT
        if self.excluded and (
            str(row.get("provider") or "").casefold() in self.excluded
            or str(row.get("provider_name") or "").casefold() in self.excluded
        ):
            return PROVIDER_EXCLUDED
        if cost is None:
            return NO_PRICE
        if cost > 0 and row.get("price_currency") not in (None, "USD"):
            return NOT_USD
        if self.free_only and cost > 0:
            return NOT_FREE
        return None

    def _credit_reason(
        self, row: dict[str, Any], hours: float | None, points: float | None
    ) -> str | None:
        if points is None or points <= 0:
            return NO_CREDIT
        rule = self.credential.approved
        if rule is None or is_approved(row):
            return None
        if rule.others_need_formal_credit and not (
            row.get("credit_amount") and row.get("credit_unit")
        ):
            return NO_FORMAL_CREDIT
        minimum = rule.others_min_contact_hours
        if minimum is not None and (hours is None or hours < minimum.value):
            return too_short_reason(rule)
        return None

    def __call__(self, row: dict[str, Any]) -> Candidate | str:
        cost = course_cost(row, self.member)
        reason = self._filter_reason(row, cost)
        if reason:
            return reason
        reason, credit_ends = self._date_reason(row)
        if reason:
            return reason
        credential = self.credential
        hours = course_hours(row, self.rulebook)
        points = course_points(row, credential, hours)
        reason = self._credit_reason(row, hours, points)
        if reason:
            return reason
        category = row.get("aama_category")
        return Candidate(
            id=str(row.get("id")),
            title=str(row.get("title") or row.get("id")),
            provider=str(row.get("provider") or ""),
            url=row.get("url"),
            format=row.get("format"),
            category=category if category in self.categories else None,
            approved=credential.approved is None or is_approved(row),
            points=points,
            hours=hours if hours is not None else points * credential.unit_contact_hours.value,
            cost=float(cost),
            score=row.get("score"),
            credit_ends=credit_ends,
        )


def _same_title(title: str) -> str:
    """Titles compared without case and runs of spaces (the split is skipped when not needed)."""
    folded = title.casefold()
    if "  " in folded or folded != folded.strip() or "\t" in folded or "\n" in folded:
        return " ".join(folded.split())
    return folded


def same_course_key(provider: str, title: str) -> str:
    """Listings with equal keys are one course: same provider and title, ignoring case and spaces.

    The provider's length leads the key, so no provider and title pair can run into another.
    """
    folded = provider.casefold()
    return f"{len(folded)}:{folded}|{_same_title(title)}"


def select_candidates(
    rows: Iterable[dict[str, Any]], credential: Credential, rulebook: Rulebook, prefs: Preferences
) -> tuple[list[Candidate], Counter]:
    """Eligible candidates, one per course, and how many listings fell out for each reason.

    A course listed twice counts once: the same course is recognised by provider and title, and
    its cheapest listing is kept.
    """
    judge = Judge(credential, rulebook, prefs)
    best: dict[str, Candidate] = {}
    left_out: Counter = Counter()
    for row in rows:
        found = judge(row)
        if isinstance(found, str):
            left_out[found] += 1
            continue
        key = same_course_key(found.provider, found.title)
        kept = best.get(key)
        if kept is None:
            best[key] = found
            continue
        left_out[DUPLICATE] += 1
        if (found.cost, -found.points, found.hours) < (kept.cost, -kept.points, kept.hours):
            best[key] = found
    return list(best.values()), left_out
