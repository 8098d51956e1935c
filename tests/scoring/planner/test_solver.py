"""The solver is exact: on random small requirements it matches a search of every subset."""

from __future__ import annotations

import itertools
import random

import pytest

from scoring.planner.solver import Item, Need, solve


def meets(chosen, items, need) -> bool:
    """The AAMA counting rules, written plainly over whole units."""
    k = len(need.categories)
    approved, others = [0] * (k + 1), [0] * (k + 1)
    for i in chosen:
        category = k if items[i].category is None else items[i].category
        if items[i].approved or need.others_cap is None:
            approved[category] += items[i].units
        else:
            others[category] += items[i].units
    if sum(approved) < need.approved_min:
        return False
    if need.others_cap is None:
        categories_met = all(approved[c] >= m for c, m in enumerate(need.categories))
        return categories_met and sum(approved) >= need.total
    from_others = [max(0, m - approved[c]) for c, m in enumerate(need.categories)]
    if any(from_others[c] > others[c] for c in range(k)) or sum(from_others) > need.others_cap:
        return False
    return sum(approved) + min(need.others_cap, sum(others)) >= need.total


def cheapest_by_search(items, need):
    best = None
    for size in range(len(items) + 1):
        for chosen in itertools.combinations(range(len(items)), size):
            if meets(chosen, items, need):
                key = sum(items[i].key for i in chosen)
                best = key if best is None else min(best, key)
    return best


def random_case(rng):
    k = rng.randint(0, 3)
    need = Need(
        categories=tuple(rng.randint(0, 3) for _ in range(k)),
        approved_min=rng.randint(0, 4),
        others_cap=rng.choice([None, 0, 1, 2, 3, 5]),
        total=rng.randint(0, 9),
    )
    items = [
        Item(rng.choice([None, *range(k)]), rng.random() < 0.5, rng.randint(1, 4),
             rng.randint(0, 20))
        for _ in range(rng.randint(0, 9))
    ]  # fmt: skip
    return need, items


@pytest.mark.parametrize("seed", range(6))
def test_solver_matches_exhaustive_search(seed):
    rng = random.Random(seed)
    for _ in range(150):
        need, items = random_case(rng)
        expected = cheapest_by_search(items, need)
        chosen = solve(items, need)
        if expected is None:
            assert chosen is None, (need, items)
            continue
        assert chosen is not None, (need, items)
        assert meets(chosen, items, need), (need, items, chosen)
        assert sum(items[i].key for i in chosen) == expected, (need, items, chosen)


def test_each_item_is_used_at_most_once():
    # One 3-unit item cannot be taken twice to reach 6.
    items = [Item(None, True, 3, 1), Item(None, True, 6, 5)]
    assert solve(items, Need((), 0, None, 6)) == [1]
    assert solve(items[:1], Need((), 0, None, 6)) is None


def test_dominance_keeps_enough_copies_of_a_size():
    # Twenty identical cheap 1-unit items and one dear 20-unit item: the need of 20 units is
    # met by all twenty cheap ones, so the reduction must not drop any of them.
    items = [Item(0, True, 1, 1) for _ in range(20)] + [Item(0, True, 20, 100)]
    assert solve(items, Need((20,), 0, None, 20)) == list(range(20))
