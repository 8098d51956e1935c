"""How earned points and a set of courses count against a credential's rules.

This is the rule check written plainly (no optimisation): the planner uses it to report totals
and to explain what is missing, and the tests use it to check every plan the solver returns.
Counting follows the AAMA rules: a category's minimum is met by approved and other-source points
in it; other-source points count up to the cap; a course with no category counts only toward the
total. Earned points are taken as counted in the categories the person states.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from scoring.planner.credentials import Credential
from scoring.planner.rules import Candidate

TOLERANCE = 1e-6


def fmt(value: float) -> str:
    return f"{round(value, 2):g}"


@dataclass(frozen=True)
class Earned:
    """Points already earned: per category (``any`` for points with no category) and approved."""

    by_category: dict[str, float] = field(default_factory=dict)
    approved: float = 0.0

    @property
    def total(self) -> float:
        return sum(self.by_category.values())

    @classmethod
    def parse(cls, text: str | None, approved: float | None, credential: Credential) -> Earned:
        """Read ``administrative=12,clinical=3,general=20`` (``any=`` for uncategorized points)."""
        allowed = (*credential.category_minimums, "any")
        by_category: dict[str, float] = {}
        for part in (text or "").split(","):
            if not part.strip():
                continue
            name, sep, number = part.partition("=")
            name = name.strip().lower()
            if not sep or name not in allowed:
                raise ValueError(
                    f"cannot read {part.strip()!r}: use name=number with name one of "
                    f"{', '.join(allowed)} for {credential.name}"
                )
            try:
                value = float(number)
            except ValueError:
                raise ValueError(
                    f"cannot read {part.strip()!r}: {number!r} is not a number"
                ) from None
            if value < 0:
                raise ValueError(f"{name} cannot be negative")
            by_category[name] = by_category.get(name, 0.0) + value
        earned = cls(by_category, float(approved or 0))
        if earned.approved < 0 or earned.approved > earned.total + TOLERANCE:
            raise ValueError(
                f"approved points ({fmt(earned.approved)}) must be between 0 and the points "
                f"earned ({fmt(earned.total)})"
            )
        return earned


@dataclass(frozen=True)
class Contribution:
    """Units from courses by category (None = no category), approved and from other sources."""

    approved: dict[str | None, float]
    others: dict[str | None, float]

    @classmethod
    def of(
        cls, courses: Iterable[Candidate], units: Callable[[Candidate], float] = lambda c: c.points
    ) -> Contribution:
        approved: dict[str | None, float] = defaultdict(float)
        others: dict[str | None, float] = defaultdict(float)
        for course in courses:
            (approved if course.approved else others)[course.category] += units(course)
        return cls(dict(approved), dict(others))


@dataclass(frozen=True)
class Requirement:
    name: str
    needed: float
    have: float
    plan: float

    @property
    def reached(self) -> float:
        return self.have + self.plan

    @property
    def short(self) -> float:
        return max(0.0, self.needed - self.reached)


@dataclass(frozen=True)
class Count:
    requirements: list[Requirement]
    others_needed_for_categories: float
    others_room: float | None  # other-source units that may still count; None: no such rule
    warnings: list[str]

    def problems(self) -> list[str]:
        found = [
            f"{r.name}: {fmt(r.reached)} of {fmt(r.needed)}"
            for r in self.requirements
            if r.short > TOLERANCE
        ]
        if self.others_room is not None and (
            self.others_needed_for_categories > self.others_room + TOLERANCE
        ):
            found.append(
                f"the categories need {fmt(self.others_needed_for_categories)} points from other "
                f"sources but only {fmt(self.others_room)} more may count"
            )
        return found


def count(credential: Credential, earned: Earned, courses: Contribution) -> Count:
    rule = credential.approved
    new_approved = sum(courses.approved.values())
    new_others = sum(courses.others.values())
    warnings: list[str] = []
    requirements = []
    others_needed = 0.0
    for category, minimum in credential.category_minimums.items():
        have = earned.by_category.get(category, 0.0)
        approved_here = courses.approved.get(category, 0.0)
        others_here = courses.others.get(category, 0.0)
        others_needed += min(others_here, max(0.0, minimum.value - have - approved_here))
        requirements.append(Requirement(category, minimum.value, have, approved_here + others_here))
    if rule is None:
        requirements.append(
            Requirement("total", credential.total.value, earned.total, new_approved + new_others)
        )
        return Count(requirements, 0.0, None, warnings)
    earned_others = earned.total - earned.approved
    cap = rule.others_cap.value
    if earned_others > cap + TOLERANCE:
        warnings.append(
            f"{fmt(earned_others)} of your points are not {rule.label}; "
            f"only {fmt(cap)} of them count"
        )
    room = max(0.0, cap - earned_others)
    requirements.append(Requirement(rule.label, rule.minimum.value, earned.approved, new_approved))
    requirements.append(
        Requirement(
            "total",
            credential.total.value,
            earned.approved + min(earned_others, cap),
            new_approved + min(new_others, room),
        )
    )
    return Count(requirements, others_needed, room, warnings)


def check_plan(credential: Credential, earned: Earned, courses: list[Candidate]) -> list[str]:
    """Every rule the earned points plus ``courses`` still break (empty when the plan is valid)."""
    ids = [c.id for c in courses]
    problems = count(credential, earned, Contribution.of(courses)).problems()
    if len(set(ids)) != len(ids):
        problems.append("a course is counted twice")
    return problems
