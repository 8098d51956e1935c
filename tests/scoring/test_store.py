"""Score cards in the catalog: tables, re-scoring without re-crawling, determinism."""

from __future__ import annotations

from datetime import date

import pytest
import sqlite_utils
from click.testing import CliRunner

from crawler.cli.score import score
from scoring import CRITERION_IDS
from scoring.store import score_catalog
from tests.scoring.test_detectors import listing

TODAY = date(2026, 11, 25)
# A paid, one-contact-hour, self-paced listing: the demo provider's usual course.
PAID_HOUR_ONLINE = {
    "price_currency": "USD",
    "cost_class": "paid",
    "credit_amount": 1,
    "credit_unit": "contact_hour",
    "contact_hours": 1,
    "format": "self-paced online",
}


def make_catalog(path):
    db = sqlite_utils.Database(path)
    rows = [
        listing(
            id=f"demo:{i}",
            provider="demo",
            url=f"https://demo.example/c/{i}",
            title=f"Course {i}",
            price_amount=10.0 + i,
            **PAID_HOUR_ONLINE,
            description="The purpose of this course is to help medical assistants.",
            objectives=["Describe X", "Identify Y"],
            expiry_date="2027-01-01",
        )
        for i in range(8)
    ]
    rows.append(
        listing(
            id="other:free",
            provider="other",
            url="https://other.example/free",
            price_amount=0,
            cost_class="free",
        )
    )
    db["courses"].insert_all(rows, pk="id")
    db["providers"].insert_all(
        [
            {
                "slug": "demo",
                "name": "Demo",
                "refund_policy_text": "All sales final.",
                "refund_policy_url": "https://demo.example/terms",
                "contact_email": "ce@demo.example",
                "contact_phone": None,
                "contact_url": None,
            }
        ],
        pk="slug",
    )
    return db


def dump(db):
    return (
        list(db.query("select * from score_cards order by course_id")),
        list(db.query("select * from score_evidence order by course_id, criterion")),
    )


def test_score_catalog_writes_one_card_and_ten_evidence_rows_per_course(tmp_path):
    db = make_catalog(tmp_path / "catalog.db")
    stats = score_catalog(db, TODAY)
    assert stats["scored"] == 9 and stats["priced_courses"] == 8
    assert db["score_cards"].count == 9
    assert db["score_evidence"].count == 9 * len(CRITERION_IDS)
    assert set(CRITERION_IDS) <= set(db["score_cards"].columns_dict)
    card = db["score_cards"].get("demo:0")
    assert card["refund_policy"] == "met" and card["fee_reasonable"] == "met"
    assert card["fee_median"] == pytest.approx(13.5) and card["scored_at"] == "2026-11-25"
    other = db["score_cards"].get("other:free")
    assert other["refund_policy"] == "unknown"  # no providers row: its site was not read


def test_rescoring_is_deterministic_and_idempotent(tmp_path):
    db = make_catalog(tmp_path / "catalog.db")
    score_catalog(db, TODAY)
    first = dump(db)
    score_catalog(tmp_path / "catalog.db", TODAY)
    assert dump(sqlite_utils.Database(tmp_path / "catalog.db")) == first


def test_rescoring_follows_the_stored_data_without_recrawling(tmp_path):
    db = make_catalog(tmp_path / "catalog.db")
    score_catalog(db, TODAY)
    db["courses"].update("demo:0", {"expiry_date": "2025-01-01"})
    score_catalog(db, TODAY)
    assert db["score_cards"].get("demo:0")["credit_valid"] == "missing"


def test_cli_scores_and_reports(tmp_path):
    make_catalog(tmp_path / "catalog.db")
    result = CliRunner().invoke(
        score, ["--db", str(tmp_path / "catalog.db"), "--today", "2026-11-25"]
    )
    assert result.exit_code == 0, result.output
    assert "scored 9 courses" in result.output


def test_cli_missing_database_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(score, ["--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0
    assert "no catalog at" in result.output


def test_cli_help_has_an_example():
    result = CliRunner().invoke(score, ["--help"])
    assert "Examples:" in result.output and "ceuscout score --evaluate" in result.output


def test_score_single_uses_the_stored_provider_and_market(tmp_path):
    from scoring.inspect import score_single

    make_catalog(tmp_path / "catalog.db")
    row = listing(id="demo:new", provider="demo", price_amount=200.0, **PAID_HOUR_ONLINE)
    card = score_single(row, "demo", tmp_path / "catalog.db", TODAY)
    assert card["criteria"]["refund_policy"]["status"] == "met"
    assert card["criteria"]["fee_reasonable"]["status"] == "partial"
    alone = score_single(row, "demo", None, TODAY)
    assert alone["criteria"]["refund_policy"]["status"] == "unknown"
    assert alone["criteria"]["fee_reasonable"]["status"] == "unknown"


def test_score_tables_are_indexed_for_facets(tmp_path):
    db = make_catalog(tmp_path / "catalog.db")
    score_catalog(db, TODAY)
    indexed = {tuple(index.columns) for index in db["score_cards"].indexes}
    assert {("score",), ("band",)} | {(c,) for c in CRITERION_IDS} <= indexed


def test_parallel_scoring_writes_the_same_tables_as_serial(tmp_path, monkeypatch):
    import scoring.store

    monkeypatch.setattr(scoring.store, "BATCH", 3)  # several batches from a small catalog
    db = make_catalog(tmp_path / "catalog.db")
    score_catalog(db, TODAY, workers=1)
    serial = dump(db)
    stats = score_catalog(db, TODAY, workers=2)
    assert dump(db) == serial
    assert stats["scored"] == 9 and sum(stats["bands"].values()) == 9
