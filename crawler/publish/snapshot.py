"""A consistent, public-only snapshot of the catalog database.

The live database is being written by crawls (WAL). Serving it immutably can show a torn view
(100 of 150 committed rows were seen), so publishing copies it with ``VACUUM INTO`` (one read
transaction, hence one consistent state), reshapes the copy for the public, and renames it over
the previous snapshot atomically: a reader sees the old file or the new one, never a half.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import sqlite_utils

from crawler.publish.catalog_table import CHECK_COLUMNS, build_catalog
from crawler.store.catalog import PROVIDER_FACTS

# Public tables and the columns the public may see. Anything else in the live database
# (frontier, crawl errors, raw page sections, field sources, internal counters) is dropped.
PUBLIC_COLUMNS: dict[str, tuple[str, ...]] = {
    "providers": ("slug", *(fact for fact in PROVIDER_FACTS if fact != "demo")),
    "score_evidence": ("course_id", "criterion", "status", "snippet", "found_in", "url", "detail"),
    "course_history": ("course_id", "field", "old_value", "new_value", "changed_at"),
    "crawl_runs": (
        "id",
        "source",
        "started_at",
        "finished_at",
        "status",
        "pages",
        "courses",
        "new_courses",
        "changed_courses",
    ),
}


class PublishError(Exception):
    """The source database cannot be published (missing, not a catalog)."""


def _keep_public_columns(db: sqlite_utils.Database, table: str, allowed: tuple[str, ...]) -> None:
    present = set(db[table].columns_dict)
    drop = present - set(allowed)
    if drop:
        db[table].transform(drop=drop)


def _reshape(db: sqlite_utils.Database, today: str, published_at: str) -> dict[str, int]:
    count = build_catalog(db, today=today)
    virtual_first = sorted(
        db.table_names(), key=lambda t: not db[t].schema.startswith("CREATE VIRTUAL")
    )
    for table in virtual_first:
        if table.startswith(("catalog", "course_details")) or table not in db.table_names():
            continue
        if table in PUBLIC_COLUMNS:
            _keep_public_columns(db, table, PUBLIC_COLUMNS[table])
        else:
            db[table].drop()
    for view in db.view_names():
        db[view].drop()
    if "score_evidence" in db.table_names():
        db.execute("delete from score_evidence where course_id not in (select id from catalog)")
        db["score_evidence"].create_index(["course_id"], if_not_exists=True)
    if "course_history" in db.table_names():
        db["course_history"].create_index(["course_id"], if_not_exists=True)
    criteria_present = [
        c
        for c in CHECK_COLUMNS
        if db.execute(f"select 1 from catalog where [{c}] is not null limit 1").fetchone()
    ]
    db["publication"].insert(
        {
            "published_at": published_at,
            "courses": count,
            "providers": db["providers"].count if "providers" in db.table_names() else 0,
            "scored_criteria": len(criteria_present),
        }
    )
    return {"courses": count}


def publish(source_db: str | Path, out_db: str | Path, today: str | None = None) -> dict:
    """Write the public snapshot of ``source_db`` to ``out_db`` atomically; return a summary.

    Safe while a crawl writes ``source_db``: the copy is one read transaction.
    """
    source, out = Path(source_db), Path(out_db)
    if not source.is_file():
        raise PublishError(f"no catalog database at {source}")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(source, timeout=30)
    try:
        if not conn.execute(
            "select 1 from sqlite_master where type='table' and name='courses'"
        ).fetchone():
            raise PublishError(f"{source} has no courses table: is it a CEU Scout catalog?")
        conn.execute("VACUUM INTO ?", (str(tmp),))
    finally:
        conn.close()
    published_at = datetime.now(UTC).replace(microsecond=0).isoformat()
    try:
        db = sqlite_utils.Database(tmp)
        db.execute("PRAGMA journal_mode=DELETE")
        summary = _reshape(db, today or date.today().isoformat(), published_at)
        db.conn.commit()
        db.execute("VACUUM")
        db.close()
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return {**summary, "published_at": published_at, "path": str(out)}
