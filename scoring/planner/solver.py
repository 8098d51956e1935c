"""Exact minimum-cost cover of a recertification requirement (dynamic programming, no greed).

The requirement, in whole planner units: a minimum per category, a minimum of approved units, a
cap on units from other sources, and a total. Items are courses: a category (or none), approved
or not, units, and a cost key (smaller is better; the planner packs cost then hours into it).

Method. Items fall into classes (category x approved). Inside a class only the amount of units
matters, so a 0/1 knapsack per class gives ``f(P)``: the cheapest way to get at least ``P`` units
from that class. The classes are then combined category by category over the state
(approved units so far, capped at what is needed; other-source units counted, at most the cap).
A category's own minimum is met by its approved plus counted other units. Both stages are exact,
so the result is optimal; ties on the key are broken arbitrarily.

Before the knapsack each class keeps, per unit size, only the ``ceil(cap / size)`` cheapest items
(cheapest key, then earliest index): no optimal plan uses more of them, so dropping the rest
changes nothing. Sizes are tried in the order each first appears, so a caller that drops items
beforehand (scoring.planner.reduce, in SQL) keeps the first item of each size to get the same plan.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

INF = 1 << 60


@dataclass(frozen=True)
class Need:
    categories: tuple[int, ...]
    approved_min: int
    others_cap: int | None  # None: no approved/other distinction, every unit counts as approved
    total: int


class Item(NamedTuple):
    category: int | None
    approved: bool
    units: int
    key: int


def _reduce(items: list[Item], indexes: list[int], cap: int) -> list[int]:
    if cap <= 0:
        return []
    by_size: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i in indexes:
        units, key = items[i].units, items[i].key
        if units > 0:
            by_size[units if units < cap else cap].append((key, i))
    kept = []
    for size, group in by_size.items():
        group.sort()
        kept.extend(i for _, i in group[: math.ceil(cap / size)])
    return kept


class _ClassKnapsack:
    """Cheapest way to reach at least P units (P = 0..cap) from one class of items."""

    def __init__(self, items: list[Item], indexes: list[int], cap: int):
        self.indexes = _reduce(items, indexes, cap)
        self.units = [min(items[i].units, cap) for i in self.indexes]
        best = np.full(cap + 1, INF, dtype=np.int64)
        best[0] = 0
        reach = np.arange(cap + 1)
        self.takes = []
        for i, units in zip(self.indexes, self.units, strict=True):
            candidate = best[np.maximum(reach - units, 0)] + items[i].key
            take = candidate < best
            best = np.where(take, candidate, best)
            self.takes.append(take)
        self.best = np.minimum(best, INF)

    def chosen(self, amount: int) -> list[int]:
        picked = []
        for j in range(len(self.indexes) - 1, -1, -1):
            if amount <= 0:
                break
            if self.takes[j][amount]:
                picked.append(self.indexes[j])
                amount = max(0, amount - self.units[j])
        return picked


def _shift_others(table: np.ndarray, n: int) -> np.ndarray:
    out = np.full(table.shape, INF, dtype=np.int64)
    out[:, n:] = table[:, : table.shape[1] - n]
    return out


def _shift_approved(table: np.ndarray, a: int) -> np.ndarray:
    out = np.empty_like(table)
    out[:a] = table[0]
    out[a:] = table[: table.shape[0] - a]
    return out


def _add_category(
    state: np.ndarray, approved: np.ndarray, others: np.ndarray, minimum: int
) -> np.ndarray:
    """Combine a category's two classes into the state, meeting the category's minimum."""
    n_max = state.shape[1] - 1
    # with_others[t]: best over other-source amounts n >= t added to the counted axis
    with_others: list[np.ndarray] = [None] * (minimum + 1)
    current = np.full(state.shape, INF, dtype=np.int64)
    for n in range(n_max, -1, -1):
        if others[n] < INF:
            current = np.minimum(current, _shift_others(state, n) + others[n])
        if n <= minimum:
            with_others[n] = current
    for t in range(min(minimum, n_max) + 1, minimum + 1):
        with_others[t] = np.full(state.shape, INF, dtype=np.int64)
    result = np.full(state.shape, INF, dtype=np.int64)
    for a in range(state.shape[0]):
        if approved[a] < INF:
            table = with_others[max(0, minimum - a)]
            result = np.minimum(result, _shift_approved(table, a) + approved[a])
    return np.minimum(result, INF)


def _split(
    before: np.ndarray,
    approved: np.ndarray,
    others: np.ndarray,
    minimum: int,
    target: tuple[int, int],
    value: int,
) -> tuple[int, int]:
    """The (approved, other) amounts a category contributed to reach ``target`` at ``value``."""
    a_target, n_target = target
    ns = np.arange(n_target + 1)
    for a in range(before.shape[0]):
        if approved[a] >= INF:
            continue
        totals = before[max(0, a_target - a), n_target - ns] + others[: n_target + 1] + approved[a]
        hits = np.nonzero((totals == value) & (ns >= minimum - a))[0]
        if hits.size:
            return a, int(hits[0])
    raise AssertionError("dynamic programme table is inconsistent")


def class_caps(need: Need) -> tuple[int, int]:
    """Units beyond which more change nothing: (approved class, other-source class)."""
    # a category can need more than the total still missing, when earned points already cover
    # the total but not that category
    a_max = max(need.total, need.approved_min, sum(need.categories))
    n_max = 0 if need.others_cap is None else min(need.others_cap, a_max)
    return a_max, n_max


def solve(items: list[Item], need: Need) -> list[int] | None:
    """Indexes of the cheapest item set meeting ``need``, or None when no set meets it."""
    a_max, n_max = class_caps(need)
    minimums = [*need.categories, 0]  # the last category holds uncategorized items
    groups: dict[tuple[int, bool], list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        category = len(need.categories) if item.category is None else item.category
        groups[(category, item.approved or need.others_cap is None)].append(i)
    tables = {
        (c, approved): _ClassKnapsack(items, groups[(c, approved)], a_max if approved else n_max)
        for c in range(len(minimums))
        for approved in (True, False)
    }
    state = np.full((a_max + 1, n_max + 1), INF, dtype=np.int64)
    state[0, 0] = 0
    history = [state]
    for c, minimum in enumerate(minimums):
        state = _add_category(state, tables[(c, True)].best, tables[(c, False)].best, minimum)
        history.append(state)
    a_axis = np.arange(a_max + 1)[:, None]
    n_axis = np.arange(n_max + 1)[None, :]
    allowed = (a_axis >= need.approved_min) & (a_axis + n_axis >= need.total)
    final = np.where(allowed, state, INF)
    best = int(np.argmin(final))
    if final.flat[best] >= INF:
        return None
    target = divmod(best, n_max + 1)
    chosen: list[int] = []
    for c in range(len(minimums) - 1, -1, -1):
        approved_table, others_table = tables[(c, True)], tables[(c, False)]
        value = int(history[c + 1][target])
        a, n = _split(
            history[c], approved_table.best, others_table.best, minimums[c], target, value
        )
        chosen += approved_table.chosen(a) + others_table.chosen(n)
        target = (max(0, target[0] - a), target[1] - n)
    return sorted(chosen)
