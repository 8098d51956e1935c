"""The recertification planner: the cheapest catalog courses that complete a credential's rules.

``plan_from_connection`` reads a catalog database and returns a ``Plan``: the courses (lowest
total cost, then fewest hours, found exactly by ``scoring.planner.solver``), the totals per
requirement, and plain messages when no plan exists (what is missing and by how much) or when
the cheapest plan is over budget. SQL (``scoring.planner.reduce``) hands it only the listings the
solver could use; ``plan_courses`` plans over plain rows in Python, the reference the SQL
reduction is tested against.

Units are counted in quarters of the credential's unit (``scoring.planner.units``).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from scoring.planner.count import Contribution, Count, Earned, count, fmt
from scoring.planner.credentials import Credential, Rulebook, load_credentials
from scoring.planner.offers import inactive_counts, read_listings
from scoring.planner.reduce import TOO_SMALL, select_reduced
from scoring.planner.rules import Candidate, Preferences, select_candidates
from scoring.planner.solver import Item, Need, class_caps, solve
from scoring.planner.units import STEPS_PER_UNIT, TOLERANCE_STEPS, cost_key, steps_down, steps_up


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


def _need(credential: Credential, start: Count) -> Need:
    """What is still needed after the earned points, in planner steps."""
    by_name = {r.name: r for r in start.requirements}
    categories = tuple(steps_up(by_name[c].short) for c in credential.category_minimums)
    rule = credential.approved
    approved_min = steps_up(by_name[rule.label].short) if rule else 0
    others_cap = steps_down(start.others_room) if rule else None
    return Need(categories, approved_min, others_cap, steps_up(by_name["total"].short))


def _item(course: Candidate, categories: dict[str, int]) -> Item:
    key = cost_key(course.cost, course.hours)
    return Item(categories.get(course.category), course.approved, steps_down(course.points), key)


def _planned_units(course: Candidate) -> float:
    return steps_down(course.points) / STEPS_PER_UNIT


def _shortfall_messages(
    credential: Credential, earned: Earned, available: Contribution, prefs: Preferences
) -> list[str]:
    """Why even every usable course together cannot complete the rules, with amounts."""
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


def _start(credential: Credential, earned: Earned) -> tuple[Count, Need | None]:
    """The count of the earned points alone, and what is still needed (None: nothing)."""
    start = count(credential, earned, Contribution({}, {}))
    return start, (_need(credential, start) if start.problems() else None)


def solver_caps(credential: Credential, earned: Earned) -> tuple[int, int]:
    """``plan_solver.class_caps`` for this person ((0, 0) when nothing is needed)."""
    _, need = _start(credential, earned)
    return class_caps(need) if need is not None else (0, 0)


def _plan(
    usable: list[Candidate],
    available: Contribution,
    considered: int,
    left_out: Counter,
    credential: Credential,
    earned: Earned,
    prefs: Preferences,
) -> Plan:
    """Plan over ``usable`` (every candidate the solver may pick, in catalog order)."""
    start, need = _start(credential, earned)
    left_out = +left_out
    messages = list(start.warnings)
    if need is None:
        return Plan(credential, "complete", [], start, messages, left_out, considered)
    categories = {name: i for i, name in enumerate(credential.category_minimums)}
    chosen = solve([_item(c, categories) for c in usable], need)
    if chosen is None:
        messages += _shortfall_messages(credential, earned, available, prefs)
        return Plan(credential, "infeasible", [], start, messages, left_out, considered)
    courses = sorted((usable[i] for i in chosen), key=lambda c: (c.category or "~", c.cost, c.id))
    result = count(credential, earned, Contribution.of(courses))
    if result.problems():  # the solver and the plain count disagree: never show such a plan
        raise RuntimeError(f"planner bug, plan breaks: {'; '.join(result.problems())}")
    plan = Plan(credential, "ok", courses, result, messages, left_out, considered)
    if prefs.budget is not None and plan.total_cost > prefs.budget + 0.005:
        plan.status = "over-budget"
        plan.messages.append(
            f"the cheapest plan that completes {credential.name} costs ${plan.total_cost:,.2f}, "
            f"${plan.total_cost - prefs.budget:,.2f} over your ${prefs.budget:,.2f} budget"
        )
    return plan


def plan_courses(
    rows: list[dict[str, Any]],
    credential: Credential,
    earned: Earned,
    prefs: Preferences,
    rulebook: Rulebook,
) -> Plan:
    """Plan over catalog rows judged one by one in Python (no SQL reduction)."""
    candidates, left_out = select_candidates(rows, credential, rulebook, prefs)
    usable = [c for c in candidates if steps_down(c.points) > 0]
    left_out[TOO_SMALL] += len(candidates) - len(usable)
    available = Contribution.of(usable, _planned_units)
    return _plan(usable, available, len(usable), left_out, credential, earned, prefs)


def plan_from_connection(
    conn: sqlite3.Connection,
    credential_key: str,
    earned_text: str | None,
    earned_approved: float | None,
    prefs: Preferences,
    rulebook: Rulebook | None = None,
    reduce_in_sql: bool = True,
) -> Plan:
    """Read the catalog from ``conn`` and plan; ValueError for bad input (the message says why).

    Only reads: works on a read-only or immutable database. ``reduce_in_sql=False`` reads every
    listing into Python instead (slower; the same plan).
    """
    rulebook = rulebook or load_credentials()
    credential = rulebook.get(credential_key)
    earned = Earned.parse(earned_text, earned_approved, credential)
    if reduce_in_sql:
        found = select_reduced(conn, credential, rulebook, prefs, solver_caps(credential, earned))
        plan = _plan(found.candidates, found.available, found.considered, found.left_out,
                     credential, earned, prefs)  # fmt: skip
    else:
        plan = plan_courses(read_listings(conn), credential, earned, prefs, rulebook)
        plan.left_out.update(inactive_counts(conn))
    if earned_approved is None and credential.approved and earned.total > 0:
        plan.messages.insert(
            0, f"assuming none of your points are {credential.approved.label} (say how many are)"
        )
    return plan
