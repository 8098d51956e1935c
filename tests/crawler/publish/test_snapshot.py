"""`ceuscout publish`: the public snapshot is consistent, public-only and atomically replaced."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
import sqlite_utils
from click.testing import CliRunner

from crawler.cli.publish import publish_command
from crawler.publish.catalog_table import (
    AAMA_APPROVED_LABEL,
    AAMA_NON_APPROVED_LABEL,
    CATALOG_COLUMNS,
    counts_toward,
    price_per_contact_hour,
)
from crawler.publish.snapshot import PublishError, publish
from tests.support.publish import build_source_db, sample_courses

TODAY = "2026-06-01"


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory):
    folder = tmp_path_factory.mktemp("snapshot")
    build_source_db(folder / "live.db")
    publish(folder / "live.db", folder / "public" / "catalog.db")
    return sqlite_utils.Database(folder / "public" / "catalog.db")


def test_snapshot_keeps_only_public_tables_and_columns(snapshot):
    tables = set(snapshot.table_names())
    assert {
        "catalog",
        "course_details",
        "providers",
        "score_evidence",
        "course_history",
        "crawl_runs",
    } <= tables
    assert not tables & {"courses", "score_cards", "frontier", "crawl_errors"}
    catalog_columns = set(snapshot["catalog"].columns_dict)
    assert catalog_columns == set(CATALOG_COLUMNS)
    assert "description" not in catalog_columns  # long texts are in course_details
    assert not catalog_columns & {"sections", "field_sources", "missed_runs", "last_run_id"}
    assert "finish_reason" not in snapshot["crawl_runs"].columns_dict
    assert "demo" not in snapshot["providers"].columns_dict


def test_snapshot_is_not_wal_and_has_search_and_indexes(snapshot):
    assert snapshot.execute("pragma journal_mode").fetchone()[0] == "delete"
    assert snapshot["course_details"].detect_fts() == "course_details_fts"
    # search indexes course_details, whose rowids are the catalog's: this is how Datasette joins
    hits = snapshot.execute(
        "select id from catalog where rowid in "
        "(select rowid from course_details_fts where course_details_fts match 'venipuncture')"
    ).fetchall()
    assert sorted(h[0] for h in hits) == ["medce:phleb-101", "medce:phleb-cert"]
    assert (
        snapshot.execute(
            "select count(*) from catalog join course_details using (id) "
            "where catalog.rowid = course_details.rowid"
        ).fetchone()[0]
        == 10
    )
    indexed = {tuple(i.columns) for i in snapshot["catalog"].indexes}
    for column in (
        "cost_class",
        "aama_approved",
        "band",
        "score",
        "price_per_contact_hour",
        "check_refund_policy",
    ):
        assert (column,) in indexed


def test_catalog_rows_are_readable(snapshot):
    row = snapshot["catalog"].get("medce:phleb-101")
    assert row["aama_approved"] == "yes"
    texts = snapshot["course_details"].get("medce:phleb-101")
    assert texts["instructors"] == "Ana Ruiz (CMA (AAMA), RN)"
    assert texts["objectives"].splitlines() == [
        "• Describe the order of draw",
        "• Prevent needle-stick injuries",
    ]
    assert row["score"] == 95 and row["band"] == "A"
    assert row["check_rationale"] in ("met", "partial", "missing", "unknown")
    # the course's rationale text is not overwritten by the criterion status of the same id
    assert texts["rationale"].startswith("Needle-stick")
    assert row["counts_toward"].split("; ")[0] == AAMA_APPROVED_LABEL
    assert snapshot["catalog"].get("medce:old")["counts_toward"] is None


def test_counts_toward_is_honest():
    approved = {"aama_approved": 1, "credit_amount": 1.0, "contact_hours": 1.0, "status": "active"}
    other = {**approved, "aama_approved": 0}
    short = {**other, "contact_hours": 0.5}
    expired = {**approved, "expiry_date": "2026-01-01"}
    withdrawn = {**approved, "status": "withdrawn"}
    assert counts_toward(approved, TODAY)[0] == AAMA_APPROVED_LABEL
    assert counts_toward(other, TODAY)[0] == AAMA_NON_APPROVED_LABEL
    assert all("may count" in label for label in counts_toward(other, TODAY))
    assert counts_toward(short, TODAY) == []
    assert counts_toward(expired, TODAY) == []
    assert counts_toward(withdrawn, TODAY) == []


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({"price_amount": 30.0, "contact_hours": 3.0, "cost_class": "paid"}, 10.0),
        ({"price_amount": None, "contact_hours": 2.0, "cost_class": "free"}, 0.0),
        ({"price_amount": 30.0, "contact_hours": None, "cost_class": "paid"}, None),
        ({"price_amount": None, "contact_hours": 2.0, "cost_class": "unknown"}, None),
    ],
)
def test_price_per_contact_hour(row, expected):
    assert price_per_contact_hour(row) == expected


def test_publish_replaces_snapshot_atomically(tmp_path):
    build_source_db(tmp_path / "live.db")
    out = tmp_path / "catalog.db"
    publish(tmp_path / "live.db", out)
    reader = sqlite3.connect(out)
    assert reader.execute("select count(*) from catalog").fetchone()[0] == 10
    with sqlite_utils.Database(tmp_path / "live.db") as live:
        live["courses"].delete("medce:billing")
    publish(tmp_path / "live.db", out)
    # an open reader keeps its consistent old file; a new one sees the new snapshot whole
    assert reader.execute("select count(*) from catalog").fetchone()[0] == 10
    assert sqlite3.connect(out).execute("select count(*) from catalog").fetchone()[0] == 9
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_publish_while_a_crawl_writes_sees_whole_transactions(tmp_path):
    """Every snapshot holds a multiple of the batch size: never half a committed batch."""
    build_source_db(tmp_path / "live.db", courses=[])
    template = sample_courses()[0]
    batch = 50
    stop = threading.Event()

    def crawl():
        conn = sqlite3.connect(tmp_path / "live.db", timeout=30)
        columns = list(template)
        sql = (
            f"insert into courses ({', '.join(columns)}) values ({', '.join('?' for _ in columns)})"
        )
        n = 0
        while not stop.is_set() and n < 3000:
            with conn:
                for _ in range(batch):
                    row = {**template, "id": f"medce:c{n}", "url": f"https://m.example/{n}"}
                    conn.execute(sql, [row[c] for c in columns])
                    n += 1
            time.sleep(0.001)
        conn.close()

    writer = threading.Thread(target=crawl)
    writer.start()
    counts = []
    try:
        for i in range(5):
            summary = publish(tmp_path / "live.db", tmp_path / f"snap{i}.db")
            counts.append(summary["courses"])
    finally:
        stop.set()
        writer.join()
    assert all(count % batch == 0 for count in counts), counts
    assert counts == sorted(counts) and counts[-1] > 0


def test_publish_refuses_what_is_not_a_catalog(tmp_path):
    with pytest.raises(PublishError, match="no catalog database"):
        publish(tmp_path / "missing.db", tmp_path / "out.db")
    sqlite_utils.Database(tmp_path / "other.db")["t"].insert({"a": 1})
    with pytest.raises(PublishError, match="no courses table"):
        publish(tmp_path / "other.db", tmp_path / "out.db")
    assert not (tmp_path / "out.db").exists()


def test_publish_command(tmp_path):
    build_source_db(tmp_path / "live.db")
    out = tmp_path / "public" / "catalog.db"
    result = CliRunner().invoke(
        publish_command, ["--db", str(tmp_path / "live.db"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Published 10 courses" in result.output
    missing = CliRunner().invoke(publish_command, ["--db", str(tmp_path / "nope.db")])
    assert missing.exit_code != 0
    assert "no catalog database" in missing.output
