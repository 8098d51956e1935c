"""Small catalogs for the planner tests, written with sqlite-utils from Course rows."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import sqlite_utils

from crawler.items import Course
from scoring.planner.count import Earned, check_plan
from scoring.planner.credentials import load_credentials
from scoring.planner.plan import Plan, plan_from_connection
from scoring.planner.rules import Preferences

TODAY = dt.date(2026, 7, 1)
RULES = load_credentials()


def course(ref: str, **fields) -> Course:
    """An active, AAMA-approved 1-point paid course unless the fields say otherwise."""
    values = {
        "id": f"p:{ref}",
        "provider": "p",
        "url": f"https://p.example/{ref}",
        "title": f"Course {ref}",
        "credit_amount": 1.0,
        "credit_unit": "aama_ceu",
        "aama_points": 1.0,
        "aama_approved": True,
        "format": "self-paced online",
        "cost_class": "paid",
        "price_amount": 10.0,
        "price_currency": "USD",
    }
    values.update(fields)
    if values["credit_unit"] != "aama_ceu" and "aama_points" not in fields:
        values["aama_points"] = None
    return Course(**values)


def rows(*courses: Course, status: str = "active") -> list[dict]:
    return [c.to_row() | {"status": status} for c in courses]


def write_catalog(path: Path, row_list: list[dict], table: str = "courses") -> Path:
    sqlite_utils.Database(path)[table].insert_all(row_list, pk="id")
    return path


def prefs(**overrides) -> Preferences:
    return Preferences(**({"today": TODAY} | overrides))


def plan_on(tmp_path: Path, row_list: list[dict], credential: str = "cma", have: str = "",
            approved: float | None = None, **preferences) -> Plan:  # fmt: skip
    """Write the rows as a catalog, then plan over it exactly as the CLI does."""
    path = write_catalog(tmp_path / "catalog.db", row_list)
    conn = sqlite3.connect(path)
    try:
        return plan_from_connection(conn, credential, have, approved, prefs(**preferences), RULES)
    finally:
        conn.close()


def assert_valid(plan: Plan, have: str = "", approved: float | None = None) -> None:
    """The plan meets every rule of its credential (checked by plain counting, not the solver)."""
    earned = Earned.parse(have, approved, plan.credential)
    assert check_plan(plan.credential, earned, plan.courses) == []
