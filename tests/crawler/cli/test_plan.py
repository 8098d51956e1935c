"""`ceuscout plan`: the table, the totals, the CSV shortlist and the exit status."""

from __future__ import annotations

import csv

import sqlite_utils
from click.testing import CliRunner

from crawler.cli.plan import plan_command
from tests.support.planner import course, rows, write_catalog

ISSUE_PERSON = ["--have", "administrative=12,clinical=3,general=20", "--have-approved", "18",
                "--today", "2026-07-01", "--deadline", "2027-09-01"]  # fmt: skip


def catalog(tmp_path):
    path = write_catalog(
        tmp_path / "catalog.db",
        rows(
            course("c1", title="=HYPERLINK(1)", aama_category="clinical", aama_points=7,
                   price_amount=30),
            course("g1", title="Coding basics", aama_category="general", aama_points=18,
                   price_amount=30),
        ),
    )  # fmt: skip
    sqlite_utils.Database(path)["score_cards"].insert_all(
        [{"course_id": "p:c1", "score": 81}, {"course_id": "p:g1", "score": 64}], pk="course_id"
    )
    return path


def run(*args):
    return CliRunner().invoke(plan_command, [str(a) for a in args])


def test_plan_table_totals_and_csv(tmp_path):
    shortlist = tmp_path / "shortlist.csv"
    result = run("--db", catalog(tmp_path), *ISSUE_PERSON, "--budget", 60, "--csv", shortlist)
    assert result.exit_code == 0, result.output
    assert "Plan: 2 courses, $60.00" in result.output
    header = next(line for line in result.output.splitlines() if line.startswith("COURSE"))
    assert header.split() == [
        "COURSE", "PROVIDER", "CATEGORY", "COUNTS", "AS", "POINTS", "PRICE", "SCORE", "LINK"
    ]  # fmt: skip
    assert "Coding basics  p         general   AAMA-approved  18      30.00  64     https://" in (
        result.output
    )
    totals = {w[0]: w[1:] for w in (line.split() for line in result.output.splitlines()) if w}
    assert totals["clinical"] == ["10", "3", "7", "10", "ok"]
    assert totals["AAMA-approved"] == ["30", "18", "25", "43", "ok"]
    with shortlist.open(encoding="utf-8") as handle:
        saved = list(csv.DictReader(handle))
    assert [r["id"] for r in saved] == ["p:c1", "p:g1"]
    assert saved[0]["title"] == "'=HYPERLINK(1)"  # a formula is never handed to a spreadsheet
    assert saved[0]["score"] == "81"


def test_over_budget_exits_non_zero_and_says_by_how_much(tmp_path):
    result = run("--db", catalog(tmp_path), *ISSUE_PERSON, "--budget", 50)
    assert result.exit_code == 1
    assert "Over budget: the cheapest plan is 2 courses, $60.00." in result.output
    assert "$10.00 over your $50.00 budget" in result.output


def test_no_plan_says_what_is_missing(tmp_path):
    result = run("--db", catalog(tmp_path), *ISSUE_PERSON, "--only-free")
    assert result.exit_code == 1
    assert "no free clinical AAMA-approved courses in the catalog: 7 clinical points short" in (
        result.output
    )


def test_bad_input_is_refused_clearly(tmp_path):
    db = catalog(tmp_path)
    result = run("--db", db, "--have", "clinical=lots")
    assert result.exit_code == 1
    assert "Error: cannot read 'clinical=lots': 'lots' is not a number" in result.output
    result = run("--db", tmp_path / "none.db")
    assert "no catalog database at" in result.output
    result = run("--db", db, "--deadline", "next year")
    assert result.exit_code == 2
    assert "is not a date in YYYY-MM-DD form" in result.output


def test_help_shows_an_example():
    result = run("--help")
    assert "ceuscout plan --credential cma --have administrative=12" in result.output


def test_a_non_aama_course_is_never_shown_as_approved(tmp_path):
    path = write_catalog(
        tmp_path / "catalog.db",
        rows(course("n", credit_unit="contact_hour", credit_amount=2, aama_approved=False)),
    )
    result = run("--db", path, "--have", "administrative=10,clinical=10,general=10,any=28",
                 "--have-approved", 58, "--today", "2026-07-01")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "non-AAMA-approved (max 30)" in result.output
