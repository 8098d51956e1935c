"""`ceuscout plan --credential cma --have administrative=0,clinical=0,general=0 --budget 0` on the
demo catalog, built from the demo web's truth files (the true field values of every course), so
the result does not depend on the crawl."""

from __future__ import annotations

import csv
import json
import re

import pytest
from click.testing import CliRunner

from crawler.cli.plan import plan_command
from crawler.items import CREDIT_UNITS, Course
from scoring.planner.count import Earned, check_plan
from scoring.planner.rules import Candidate
from tests.support.paths import DEMO_DIR
from tests.support.planner import RULES, TODAY, write_catalog

TRUTH = DEMO_DIR / "truth"
TRUTH_FILES = sorted(TRUTH.glob("*.json"))
pytestmark = pytest.mark.skipif(not TRUTH_FILES, reason="the demo web has not been built")
COMMAND = ["--credential", "cma", "--have", "administrative=0,clinical=0,general=0",
           "--budget", "0", "--today", TODAY.isoformat()]  # fmt: skip


def truth_courses() -> list[tuple[Course, str]]:
    found = []
    for path in TRUTH_FILES:
        site = json.loads(path.read_text(encoding="utf-8"))
        for entry in site["courses"]:
            if entry["expect_in_catalog"]:
                course = Course(
                    id=entry["id"],
                    provider=site["provider"],
                    url=site["origin"] + entry["path"],
                    **entry["fields"],
                )
                found.append((course, entry["status"]))
    return found


def free_points_on_offer(courses: list[tuple[Course, str]]) -> dict[str, float]:
    """The rules counted plainly over the truth: what the free, current courses can give."""
    offer = {"administrative": 0.0, "clinical": 0.0, "general": 0.0, "approved": 0.0, "other": 0}
    today = TODAY.isoformat()
    for course, status in courses:
        ends = [d for d in (course.expiry_date, course.approval_valid_through) if d]
        if status != "active" or course.cost_class != "free" or any(d < today for d in ends):
            continue
        if course.aama_approved and course.aama_points:
            offer["approved"] += course.aama_points
            if course.aama_category:
                offer[course.aama_category] += course.aama_points
            continue
        hours = CREDIT_UNITS.get(course.credit_unit or "")
        if hours and course.credit_amount and course.credit_amount * hours >= 1:
            offer["other"] += course.credit_amount * hours
    return offer


def test_free_plan_from_zero_is_valid_or_names_what_is_missing(tmp_path):
    courses = truth_courses()
    db = write_catalog(tmp_path / "catalog.db", [c.to_row() | {"status": s} for c, s in courses])
    shortlist = tmp_path / "plan.csv"
    result = CliRunner().invoke(plan_command, ["--db", str(db), *COMMAND, "--csv", str(shortlist)])
    offer = free_points_on_offer(courses)
    if result.exit_code == 0:
        with shortlist.open(encoding="utf-8") as handle:
            planned = list(csv.DictReader(handle))
        by_id = {c.id: (c, s) for c, s in courses}
        chosen = []
        for row in planned:
            course, status = by_id[row["id"]]
            assert (status, course.cost_class, float(row["price"])) == ("active", "free", 0)
            assert not course.expiry_date or course.expiry_date >= TODAY.isoformat()
            chosen.append(
                Candidate(course.id, course.title, course.provider, course.url, course.format,
                          course.aama_category, bool(course.aama_approved), float(row["points"]),
                          float(row["hours"]), 0.0, None, None)
            )  # fmt: skip
        cma = RULES.get("cma")
        assert check_plan(cma, Earned.parse("", 0, cma), chosen) == []
        return
    assert result.exit_code == 1
    assert "No plan" in result.output
    messages = re.findall(r"^  - (.*)$", result.output, re.M)
    expected_short = {
        name: 10 - offer[name]
        for name in ("administrative", "clinical", "general")
        if offer[name] < 10
    }
    if offer["approved"] < 30:
        expected_short["AAMA-approved"] = 30 - offer["approved"]
    total = offer["approved"] + min(offer["other"], 30)
    if total < 60:
        expected_short["total"] = 60 - total
    found_short = {}
    for message in messages:
        amount, what = re.search(r": ([\d.]+) (.+?) short$", message).groups()
        name = "total" if what in ("points", "point") else what.rsplit(" ", 1)[0]
        found_short[name] = float(amount)
        assert message.startswith(("no free ", "the free ")), message
    assert found_short == pytest.approx(expected_short)
