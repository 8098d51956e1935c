"""The planner's whole units and cost keys, shared by the solver's items and the SQL reduction.

Units are counted in quarters of the credential's unit: a course worth 1.3 points plans as 1.25,
so a plan may hold slightly more than it shows as needed, never less.
"""

from __future__ import annotations

import math

STEPS_PER_UNIT = 4
HOURS_SCALE = 10**8  # cost in cents first, then hundredths of an hour, in one integer key
TOLERANCE_STEPS = 1e-6


def steps_up(value: float) -> int:
    return math.ceil(max(0.0, value) * STEPS_PER_UNIT - TOLERANCE_STEPS)


def steps_down(value: float) -> int:
    return math.floor(value * STEPS_PER_UNIT + TOLERANCE_STEPS)


def cost_key(cost: float, hours: float) -> int:
    """Cheaper first, then fewer hours (the solver minimises the sum of these keys)."""
    return round(cost * 100) * HOURS_SCALE + round(hours * 100)
