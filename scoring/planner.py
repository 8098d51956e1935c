"""The recertification planner: the cheapest catalog courses that complete a credential's rules.

``plan_courses`` takes catalog rows, a credential, what the person already earned and their
preferences, and returns a ``Plan``: the courses (lowest total cost, then fewest hours, found
exactly by ``scoring.plan_solver``), the totals per requirement, and plain messages when no plan
exists (what is missing and by how much) or when the cheapest plan is over budget.

Units are counted in quarters of the credential's unit: a course worth 1.3 points plans as 1.25,
so a plan may hold slightly more than it shows as needed, never less.
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from scoring.credentials import Credential, Rulebook, load_credentials
from scoring.plan_catalog import inactive_counts, read_listings
from scoring.plan_count import Contribution, Count, Earned, count, fmt
from scoring.plan_rules import Candidate, Preferences, select_candidates
from scoring.plan_solver import Item, Need, solve

STEPS_PER_UNIT = 4
HOURS_SCALE = 10**8  # cost in cents first, then hundredths of an hour, in one integer key
TOLERANCE_STEPS = 1e-6


@dataclass
class Plan:
    credential: Credential
    status: str  # complete (nothing needed), ok, over-budget, infeasible
    courses: list[Candidate]
    count: Count
    messages: list[str] = field(default_factory=list)
    left_out: Counter = field(default_factory=Counter)
    considered: int = 0

    @property
    def ok(self) -> bool:
        return self.status in ("complete", "ok")

    @property
    def total_cost(self) -> float:
        return round(sum(c.cost for c in self.courses), 2)

    @property
    def total_hours(self) -> float:
        return round(sum(c.hours for c in self.courses), 2)


def _steps_up(value: float) -> int:
    return math.ceil(max(0.0, value) * STEPS_PER_UNIT - TOLERANCE_STEPS)


def _steps_down(value: float) -> int:
    return math.floor(value * STEPS_PER_UNIT + TOLERANCE_STEPS)


def _need(credential: Credential, start: Count) -> Need:
    """What is still needed after the earned points, in planner steps."""
    by_name = {r.name: r for r in start.requirements}
    categories = tuple(_steps_up(by_name[c].short) for c in credential.category_minimums)
    rule = credential.approved
    approved_min = _steps_up(by_name[rule.label].short) if rule else 0
    others_cap = _steps_down(start.others_room) if rule else None
    return Need(categories, approved_min, others_cap, _steps_up(by_name["total"].short))


def _item(course: Candidate, categories: dict[str, int]) -> Item:
    key = round(course.cost * 100) * HOURS_SCALE + round(course.hours * 100)
    return Item(categories.get(course.category), course.approved, _steps_down(course.points), key)


def _shortfall_messages(
    credential: Credential, earned: Earned, usable: list[Candidate], prefs: Preferences
) -> list[str]:
    """Why even every usable course together cannot complete the rules, with amounts."""
    available = Contribution.of(usable, lambda c: _steps_down(c.points) / STEPS_PER_UNIT)
    result = count(credential, earned, available)
    label = credential.approved.label if credential.approved else None
    unit = credential.unit.split()[-1]
    qual = f"{prefs.describe()} " if prefs.describe() else ""
    where = "in the catalog"
    if prefs.exclude_providers:
        where += f" (excluding {', '.join(prefs.exclude_providers)})"
    messages = []
    for req in result.requirements:
        if req.short <= TOLERANCE_STEPS:
            continue
        is_total = req.name == "total"
        kind = "" if is_total else f"{req.name} "
        if req.name in credential.category_minimums and label:
            none_approved = available.approved.get(req.name, 0.0) == 0
            kind += f"{label} " if none_approved else ""
            offered = req.plan if not none_approved else 0
        else:
            offered = req.plan
        if offered == 0:
            subject = f"no {qual}{kind}courses {where}"
        else:
            cap = ""
            if is_total and result.others_room is not None:
                cap = f" (at most {fmt(result.others_room)} from non-{label} courses)"
            subject = (
                f"the {qual}{kind}courses {where} give {fmt(req.plan)}{cap} of the "
                f"{fmt(req.needed - req.have)} {kind}{unit}s still needed"
            )
        plural = "" if fmt(req.short) == "1" else "s"
        what = unit if is_total else f"{req.name} {unit}"
        messages.append(f"{subject}: {fmt(req.short)} {what}{plural} short")
    if not messages:
        messages = result.problems() or ["no combination of the usable courses meets every rule"]
    return messages


def plan_courses(
    rows: list[dict[str, Any]],
    credential: Credential,
    earned: Earned,
    prefs: Preferences,
    rulebook: Rulebook,
) -> Plan:
    start = count(credential, earned, Contribution({}, {}))
    candidates, left_out = select_candidates(rows, credential, rulebook, prefs)
    usable = [c for c in candidates if _steps_down(c.points) > 0]
    left_out["worth under a quarter unit"] += len(candidates) - len(usable)
    left_out = +left_out
    messages = list(start.warnings)
    if not start.problems():
        return Plan(credential, "complete", [], start, messages, left_out, len(usable))
    need = _need(credential, start)
    categories = {name: i for i, name in enumerate(credential.category_minimums)}
    chosen = solve([_item(c, categories) for c in usable], need)
    if chosen is None:
        messages += _shortfall_messages(credential, earned, usable, prefs)
        return Plan(credential, "infeasible", [], start, messages, left_out, len(usable))
    courses = sorted((usable[i] for i in chosen), key=lambda c: (c.category or "~", c.cost, c.id))
    result = count(credential, earned, Contribution.of(courses))
    if result.problems():  # the solver and the plain count disagree: never show such a plan
        raise RuntimeError(f"planner bug, plan breaks: {'; '.join(result.problems())}")
    plan = Plan(credential, "ok", courses, result, messages, left_out, len(usable))
    if prefs.budget is not None and plan.total_cost > prefs.budget + 0.005:
        plan.status = "over-budget"
        plan.messages.append(
            f"the cheapest plan that completes {credential.name} costs ${plan.total_cost:,.2f}, "
            f"${plan.total_cost - prefs.budget:,.2f} over your ${prefs.budget:,.2f} budget"
        )
    return plan


def plan_from_connection(
    conn: sqlite3.Connection,
    credential_key: str,
    earned_text: str | None,
    earned_approved: float | None,
    prefs: Preferences,
    rulebook: Rulebook | None = None,
) -> Plan:
    """Read the catalog from ``conn`` and plan; ValueError for bad input (the message says why)."""
    rulebook = rulebook or load_credentials()
    credential = rulebook.get(credential_key)
    earned = Earned.parse(earned_text, earned_approved, credential)
    plan = plan_courses(read_listings(conn), credential, earned, prefs, rulebook)
    plan.left_out.update(inactive_counts(conn))
    if earned_approved is None and credential.approved and earned.total > 0:
        plan.messages.insert(
            0, f"assuming none of your points are {credential.approved.label} (say how many are)"
        )
    return plan
