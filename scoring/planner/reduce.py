"""The planner's candidates chosen in SQL: Python sees hundreds of listings, not the catalog.

One query applies the rules of ``scoring.planner.rules`` to every listing (status, format,
provider, price, dates, credit), counts each reason a listing is left out, keeps the cheapest
listing of a course listed twice, sums the usable units per category, and keeps of each
solver class (category x approved x unit size) only the listings the solver's own reduction
would keep (``scoring.planner.solver``: the ``ceil(cap / size)`` cheapest, earliest first), plus
the earliest listing of each size, whose place sets the order in which the solver tries the
sizes (so ties between equal plans are broken as over the whole catalog). Only the kept rows
are then read and judged in Python, which must agree with SQL on every one.

The query mirrors Python's rules value for value: truthiness, the ISO date check, Python's
rounding (halves to even) for the cost key. Read-only: no table, index or temporary table is
created; the two SQL functions it registers (case folding as Python does it) live only in the
connection.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass

from crawler.items import credit_end_sql
from scoring.planner.count import Contribution
from scoring.planner.credentials import Credential, Rulebook
from scoring.planner.offers import PLAN_COLUMNS, ListingSource, read_listings
from scoring.planner.rules import (
    DUPLICATE,
    ENDS_BEFORE_DEADLINE,
    EXPIRED,
    NO_CREDIT,
    NO_FORMAL_CREDIT,
    NO_PRICE,
    NOT_FREE,
    NOT_USD,
    OTHER_FORMAT,
    PROVIDER_EXCLUDED,
    UNREADABLE_DATE,
    Candidate,
    Judge,
    Preferences,
    same_course_key,
    too_short_reason,
)
from scoring.planner.units import HOURS_SCALE, STEPS_PER_UNIT, TOLERANCE_STEPS

TOO_SMALL = "worth under a quarter unit"


@dataclass
class Selection:
    candidates: list[Candidate]  # usable candidates the solver may need, in catalog order
    available: Contribution  # planned units of every usable candidate, not only the kept ones
    considered: int  # usable candidates in all
    left_out: Counter


def _truthy(x: str) -> str:
    """SQL true exactly when Python's ``bool()`` of the value read from SQLite is true."""
    return (
        f"(CASE typeof({x}) WHEN 'null' THEN 0 WHEN 'text' THEN {x} <> '' "
        f"WHEN 'blob' THEN length({x}) > 0 ELSE {x} <> 0 END)"
    )


def _approved(x: str) -> str:
    """``plan_rules.is_approved``: 1 (the store), "1" or "yes" (the snapshot)."""
    return (
        f"(CASE typeof({x}) WHEN 'integer' THEN {x} = 1 WHEN 'real' THEN {x} = 1 "
        f"WHEN 'text' THEN {x} IN ('1', 'yes') ELSE 0 END)"
    )


def _readable_date(x: str) -> str:
    """``Judge._readable``: falsy, or an ISO date Python's ``date.fromisoformat`` accepts."""
    # date() writes YYYY-MM-DD and moves 2027-02-30 to 2027-03-02, so only a valid ISO date
    # comes back unchanged; Python has no year 0
    iso = f"({x} >= '0001' AND coalesce(date({x}, '+0 days') = {x}, 0))"
    return (
        f"(CASE typeof({x}) WHEN 'null' THEN 1 WHEN 'text' THEN {x} = '' OR {iso} "
        f"WHEN 'blob' THEN length({x}) = 0 ELSE {x} = 0 END)"
    )


def _python_round(x: str) -> str:
    """Python's ``round(x)`` to an integer (halves to even), without SQLite's math functions."""
    floor = f"(CAST({x} AS INTEGER) - ({x} < CAST({x} AS INTEGER)))"
    fraction = f"({x} - {floor})"
    return f"({floor} + ({fraction} > 0.5 OR ({fraction} = 0.5 AND {floor} % 2 <> 0)))"


def _course_key() -> str:
    """``plan_rules.same_course_key`` of a listing; plain SQL for printable ASCII text."""
    # For printable ASCII, casefold() is lower() and the only whitespace is the space, so the
    # title needs no normalising unless it has a double, leading or trailing space.
    plain = (
        "typeof(title) = 'text' AND title <> '' AND typeof(provider) IN ('text', 'null') "
        "AND NOT coalesce(provider, '') || title GLOB '*[^ -~]*' "
        "AND NOT title GLOB '*  *' AND NOT title GLOB ' *' AND NOT title GLOB '* '"
    )
    provider = "coalesce(provider, '')"
    return (
        f"CASE WHEN {plain} THEN length({provider}) || ':' || lower({provider}) || '|' "
        "|| lower(title) ELSE ceuscout_same_course(provider, title, id) END"
    )


def _register_functions(conn: sqlite3.Connection) -> None:
    conn.create_function("ceuscout_fold", 1, lambda v: str(v or "").casefold(), deterministic=True)
    conn.create_function(
        "ceuscout_same_course",
        3,
        lambda provider, title, id_: same_course_key(str(provider or ""), str(title or id_)),
        deterministic=True,
    )


class _Query:
    """The SQL text and its parameters for one request."""

    def __init__(self, source: ListingSource, credential: Credential, rulebook: Rulebook,
                 prefs: Preferences, caps: tuple[int, int]):  # fmt: skip
        self.source = source
        self.credential = credential
        self.rule = credential.approved
        self.prefs = prefs
        self.params: dict[str, object] = {
            "today": prefs.today.isoformat(),
            "valid_until": prefs.valid_until.isoformat(),
            "member": prefs.member,
            "unit_hours": credential.unit_contact_hours.value,
            "steps": STEPS_PER_UNIT,
            "tolerance": TOLERANCE_STEPS,
            "scale": HOURS_SCALE,
            "categories": json.dumps(list(credential.category_minimums)),
            "all_approved": self.rule is None,
            "a_max": caps[0],
            "n_max": caps[1],
            "duplicate": DUPLICATE,
            "too_small": TOO_SMALL,
        }
        self.conversions = rulebook.contact_hours_per_unit

    def add(self, name: str, value: object) -> str:
        self.params[name] = value
        return f":{name}"

    def col(self, name: str) -> str:
        return self.source.expr(name)

    def cost(self) -> str:
        """``plan_rules.course_cost``."""
        cost_class = self.col("cost_class")
        return (
            f"CASE WHEN {cost_class} = 'free' THEN 0.0 "
            f"WHEN {cost_class} = 'free-certificate-paid' THEN {self.col('certificate_fee')} "
            f"WHEN {cost_class} = 'member-free' AND :member THEN 0.0 "
            f"ELSE {self.col('price_amount')} END"
        )

    def hours(self) -> str:
        """``plan_rules.course_hours``."""
        unit, amount = self.col("credit_unit"), self.col("credit_amount")
        if not self.conversions:
            return self.col("contact_hours")
        whens = " ".join(
            f"WHEN {self.add(f'unit_{i}', name)} THEN {self.add(f'per_unit_{i}', n.value)}"
            for i, (name, n) in enumerate(self.conversions.items())
        )
        # NULL when the unit has no conversion or no amount is stated
        return f"coalesce({amount} * (CASE {unit} {whens} END), {self.col('contact_hours')})"

    def points(self) -> str:
        """``plan_rules.course_points`` over the columns of the ``listing`` stage."""
        whens = []
        if self.stated() != "NULL":
            whens.append("WHEN stated IS NOT NULL AND approved THEN CAST(stated AS REAL)")
        if self.credential.native_unit:
            native = self.add("native_unit", self.credential.native_unit)
            whens.append(
                f"WHEN credit_unit = {native} AND credit_amount IS NOT NULL "
                "THEN CAST(credit_amount AS REAL)"
            )
        converted = "hours / :unit_hours"
        return f"CASE {' '.join(whens)} ELSE {converted} END" if whens else converted

    def stated(self) -> str:
        """The column of points stated for this credential (Python reads only PLAN_COLUMNS)."""
        field = self.credential.native_points_field
        return self.col(field) if field in PLAN_COLUMNS else "NULL"

    def reason(self) -> str:
        """``Judge.__call__``: the first reason a listing is left out, NULL when it counts."""
        prefs = self.prefs
        whens = ["WHEN status IS NOT NULL AND status <> 'active' THEN 'status ' || status"]
        if prefs.formats:
            formats = self.add("formats", json.dumps(list(prefs.formats)))
            whens.append(
                f"WHEN format IS NULL OR format NOT IN (SELECT value FROM json_each({formats})) "
                f"THEN {self.add('other_format', OTHER_FORMAT)}"
            )
        if prefs.exclude_providers:
            names = self.add(
                "excluded", json.dumps([p.casefold() for p in prefs.exclude_providers])
            )
            excluded = f"(SELECT value FROM json_each({names}))"
            whens.append(
                f"WHEN ceuscout_fold(provider) IN {excluded} "
                f"OR ceuscout_fold(provider_name) IN {excluded} "
                f"THEN {self.add('provider_excluded', PROVIDER_EXCLUDED)}"
            )
        whens += [
            f"WHEN cost IS NULL THEN {self.add('no_price', NO_PRICE)}",
            "WHEN cost > 0 AND currency IS NOT NULL AND currency <> 'USD' "
            f"THEN {self.add('not_usd', NOT_USD)}",
        ]
        if prefs.free_only:
            whens.append(f"WHEN cost > 0 THEN {self.add('not_free', NOT_FREE)}")
        whens += [
            f"WHEN NOT {_readable_date('expiry')} OR NOT {_readable_date('approval_end')} "
            f"THEN {self.add('unreadable', UNREADABLE_DATE)}",
            f"WHEN credit_end < :today THEN {self.add('expired', EXPIRED)}",
            f"WHEN credit_end < :valid_until THEN {self.add('ends', ENDS_BEFORE_DEADLINE)}",
            f"WHEN points IS NULL OR points <= 0 THEN {self.add('no_credit', NO_CREDIT)}",
        ]
        rule = self.rule
        if rule is not None and rule.others_need_formal_credit:
            formal = f"{_truthy('credit_amount')} AND {_truthy('credit_unit')}"
            whens.append(
                f"WHEN NOT approved AND NOT ({formal}) "
                f"THEN {self.add('no_formal', NO_FORMAL_CREDIT)}"
            )
        if rule is not None and rule.others_min_contact_hours is not None:
            minimum = self.add("min_hours", rule.others_min_contact_hours.value)
            whens.append(
                f"WHEN NOT approved AND (hours IS NULL OR hours < {minimum}) "
                f"THEN {self.add('too_short', too_short_reason(rule))}"
            )
        return f"CASE {' '.join(whens)} END"

    def sql(self) -> str:
        col = self.col
        # the earlier of the two dates; used only once both are known to be readable, when a
        credit_end = credit_end_sql("expiry", "approval_end")
        key = f"{_python_round('(cost * 100)')} * :scale + {_python_round('(hours * 100)')}"
        return f"""
WITH listing AS (
  SELECT c.rowid AS pos, {col("status")} AS status, {col("format")} AS format,
    {col("provider")} AS provider, {col("provider_name")} AS provider_name,
    {col("title")} AS title, {col("id")} AS id, {col("price_currency")} AS currency,
    {col("credit_amount")} AS credit_amount, {col("credit_unit")} AS credit_unit,
    {col("aama_category")} AS category, {col("expiry_date")} AS expiry,
    {col("approval_valid_through")} AS approval_end,
    {"1" if self.rule is None else _approved(col("aama_approved"))} AS approved,
    {self.cost()} AS cost, {self.hours()} AS hours, {self.stated()} AS stated
  FROM {self.source.from_sql}
),
measured AS (
  SELECT *, {self.points()} AS points, {credit_end} AS credit_end FROM listing
),
judged AS MATERIALIZED (
  SELECT pos, provider, title, id, cost, hours, points, approved, category,
    {self.reason()} AS reason
  FROM measured
),
eligible AS MATERIALIZED (
  SELECT pos, cost, points, approved,
    coalesce(hours, points * :unit_hours) AS hours,
    CASE WHEN category IN (SELECT value FROM json_each(:categories)) THEN category END
      AS category,
    CAST(points * :steps + :tolerance AS INTEGER) AS units,
    {_course_key()} AS course_key
  FROM judged WHERE reason IS NULL
),
listed_twice AS MATERIALIZED (
  SELECT course_key FROM eligible GROUP BY course_key HAVING count(*) > 1
),
deduped AS MATERIALIZED (
  SELECT pos, cost, approved, hours, category, units, 1 AS copy, pos AS first
  FROM eligible WHERE course_key NOT IN listed_twice
  UNION ALL
  SELECT pos, cost, approved, hours, category, units,
    ROW_NUMBER() OVER course AS copy,
    MIN(pos) OVER (course ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS first
  FROM eligible WHERE course_key IN listed_twice
  WINDOW course AS (PARTITION BY course_key ORDER BY cost, points DESC, hours, pos)
),
usable AS NOT MATERIALIZED (SELECT * FROM deduped WHERE copy = 1 AND units > 0),
classed AS (
  SELECT pos, first, category, klass, cap, MIN(units, cap) AS size, cost, hours
  FROM (
    SELECT *, approved OR :all_approved AS klass,
      CASE WHEN approved OR :all_approved THEN :a_max ELSE :n_max END AS cap
    FROM usable
  )
  WHERE cap > 0
),
ranked AS (
  SELECT pos, first, cap, size,
    ROW_NUMBER() OVER (PARTITION BY category, klass, size ORDER BY {key}, first) AS rank
  FROM classed
)
SELECT 'left out' AS kind, reason AS label, NULL AS approved, count(*) AS amount, NULL AS n
  FROM judged WHERE reason IS NOT NULL GROUP BY reason
UNION ALL SELECT 'left out', :duplicate, NULL, count(*), NULL FROM deduped WHERE copy > 1
UNION ALL SELECT 'left out', :too_small, NULL, count(*), NULL
  FROM deduped WHERE copy = 1 AND units <= 0
UNION ALL SELECT 'units', category, approved, sum(units), count(*)
  FROM usable GROUP BY category, approved
UNION ALL SELECT 'keep', NULL, NULL, pos, first FROM ranked WHERE rank <= (cap + size - 1) / size
-- the first listing of each size too: its place sets the order the solver tries sizes in
UNION ALL SELECT 'keep', NULL, NULL, pos, min(first) FROM classed GROUP BY category, klass, size
"""


def select_reduced(
    conn: sqlite3.Connection,
    credential: Credential,
    rulebook: Rulebook,
    prefs: Preferences,
    caps: tuple[int, int],
) -> Selection:
    """The usable candidates the solver could pick given its class caps, with the totals.

    ``caps`` are ``plan_solver.class_caps`` of the need ((0, 0) when nothing is needed).
    """
    query = _Query(ListingSource(conn), credential, rulebook, prefs, caps)
    _register_functions(conn)
    own_transaction = not conn.in_transaction
    if own_transaction:  # the kept rows are read back from the same state of a live store
        conn.execute("BEGIN")
    try:
        return _select(conn, query, Judge(credential, rulebook, prefs))
    finally:
        if own_transaction:
            conn.execute("ROLLBACK")  # nothing was written


def _select(conn: sqlite3.Connection, query: _Query, judge: Judge) -> Selection:
    left_out: Counter = Counter()
    units: dict[bool, dict[str | None, float]] = {
        True: defaultdict(float),
        False: defaultdict(float),
    }
    considered = 0
    first_of: dict[int, int] = {}
    for kind, label, approved, amount, n in conn.execute(query.sql(), query.params):
        if kind == "left out":
            left_out[label] += amount
        elif kind == "units":
            units[bool(approved)][label] += amount / STEPS_PER_UNIT
            considered += n
        else:
            first_of[amount] = n
    positions = sorted(first_of)
    rows = read_listings(conn, positions)
    if len(rows) != len(positions):
        raise RuntimeError("planner bug: kept listings were not read back")
    by_first = []
    for pos, row in zip(positions, rows, strict=True):
        found = judge(row)
        if isinstance(found, str):
            raise RuntimeError(f"planner bug: SQL kept {row['id']!r} but it is left out: {found}")
        by_first.append((first_of[pos], found))
    by_first.sort(key=lambda pair: pair[0])
    available = Contribution(dict(units[True]), dict(units[False]))
    return Selection([c for _, c in by_first], available, considered, +left_out)
