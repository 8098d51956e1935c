"""Score cards in the catalog: ``score_cards`` (one row per course, one column per criterion,
for facets) and ``score_evidence`` (one row per course and criterion, for the course page).

Re-scoring reads only stored rows, never the web. A full re-score replaces both tables in one
transaction, so a reader sees either the old cards or the new ones, never a half-written mix.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import sqlite_utils

from scoring.batches import Scored, default_workers, scored_batches
from scoring.criteria import CRITERION_IDS, SCORING_VERSION
from scoring.fees import Market, build_market

BATCH = 2000
# Below this many courses one process is fast enough (a second or two) and nothing is forked.
PARALLEL_FROM = 20_000
CARD_COLUMNS = (
    ("course_id", "TEXT PRIMARY KEY REFERENCES courses(id)"),
    ("scoring_version", "TEXT"),
    ("scored_at", "TEXT"),
    ("score", "INTEGER"),
    ("band", "TEXT"),
    ("unknown_share", "REAL"),
    *((c, "TEXT") for c in CRITERION_IDS),
    ("fee_per_hour", "REAL"),
    ("fee_median", "REAL"),
    ("fee_ratio", "REAL"),
)
EVIDENCE_COLUMNS = ("course_id", "criterion", "status", "snippet", "found_in", "url", "detail")
_BAND = [name for name, _ in CARD_COLUMNS].index("band")
_MARKET_COLUMNS = (
    "price_amount",
    "price_currency",
    "cost_class",
    "certificate_fee",
    "credit_unit",
    "credit_amount",
    "contact_hours",
    "format",
)


def open_db(db: str | Path | sqlite_utils.Database) -> sqlite_utils.Database:
    if isinstance(db, sqlite_utils.Database):
        return db
    path = Path(db)
    if not path.exists():
        raise FileNotFoundError(f"no catalog at {path}: crawl first (ceuscout crawl) or pass --db")
    return sqlite_utils.Database(path)


def ensure_tables(db: sqlite_utils.Database, replace: bool = False) -> None:
    """Create the score tables; drop them first when ``replace`` or when their columns changed."""
    wanted = [name for name, _ in CARD_COLUMNS]
    cards, evidence = db["score_cards"], db["score_evidence"]
    if replace or (cards.exists() and list(cards.columns_dict) != wanted):
        db.conn.execute("DROP TABLE IF EXISTS score_cards")
    if replace or (evidence.exists() and list(evidence.columns_dict) != list(EVIDENCE_COLUMNS)):
        db.conn.execute("DROP TABLE IF EXISTS score_evidence")
    columns = ", ".join(f"[{name}] {kind}" for name, kind in CARD_COLUMNS)
    db.conn.execute(f"CREATE TABLE IF NOT EXISTS score_cards ({columns})")
    db.conn.execute(
        "CREATE TABLE IF NOT EXISTS score_evidence (course_id TEXT REFERENCES courses(id), "
        "criterion TEXT, status TEXT, snippet TEXT, found_in TEXT, url TEXT, detail TEXT, "
        "PRIMARY KEY (course_id, criterion)) WITHOUT ROWID"
    )


def ensure_indexes(db: sqlite_utils.Database) -> None:
    """Indexes for Datasette facets and filters (built after a bulk load: faster than during)."""
    for column in ("score", "band", *CRITERION_IDS):
        db.conn.execute(
            f"CREATE INDEX IF NOT EXISTS idx_score_cards_{column} ON score_cards([{column}])"
        )
    db.conn.execute(
        "CREATE INDEX IF NOT EXISTS idx_score_evidence_status ON score_evidence(criterion, status)"
    )


def _rows(db: sqlite_utils.Database, sql: str, params: Iterable[Any] = ()) -> Iterator[dict]:
    cursor = db.conn.execute(sql, tuple(params))
    names = [d[0] for d in cursor.description]
    for values in cursor:
        yield dict(zip(names, values, strict=True))


def load_providers(db: sqlite_utils.Database) -> dict[str, dict[str, Any]]:
    if not db["providers"].exists():
        return {}
    return {row["slug"]: row for row in _rows(db, "SELECT * FROM providers")}


def load_market(db: sqlite_utils.Database) -> Market:
    """Fee statistics over every stored course (computed before any course is scored)."""
    if not db["courses"].exists():
        return build_market([])
    available = set(db["courses"].columns_dict)
    columns = ", ".join(c for c in _MARKET_COLUMNS if c in available)
    return build_market(_rows(db, f"SELECT {columns} FROM courses"))


def _batches(db: sqlite_utils.Database, sql: str, params: Iterable[Any] = ()) -> Iterator[list]:
    batch: list[dict[str, Any]] = []
    for row in _rows(db, sql, params):
        batch.append(row)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _write(db: sqlite_utils.Database, scored: list[Scored], stats: Counter) -> None:
    marks = ", ".join("?" * len(CARD_COLUMNS))
    cards = [card for card, _ in scored]
    db.conn.executemany(f"INSERT OR REPLACE INTO score_cards VALUES ({marks})", cards)
    db.conn.executemany(
        "INSERT OR REPLACE INTO score_evidence VALUES (?, ?, ?, ?, ?, ?, ?)",
        [row for _, rows in scored for row in rows],
    )
    stats["scored"] += len(cards)
    stats.update(f"band {card[_BAND]}" for card in cards)


def score_catalog(
    db: str | Path | sqlite_utils.Database, today: date, workers: int | None = None
) -> dict[str, Any]:
    """Re-score every stored course: fee statistics first, then all cards, in one transaction.

    ``workers``: processes that score in parallel (default: up to 4, one per CPU, for catalogs
    of ``PARALLEL_FROM`` courses or more); the tables written are the same for any number.
    """
    started = time.perf_counter()
    db = open_db(db)
    if not db["courses"].exists():
        raise ValueError("the catalog has no courses table: crawl first")
    market = load_market(db)
    providers = load_providers(db)
    stats: Counter = Counter()
    # One transaction: readers keep seeing the previous cards until the new ones are complete.
    # The tables are rebuilt and indexed after the bulk load, which is faster than indexing rows
    # one by one.
    with db.conn:
        ensure_tables(db, replace=True)
        if workers is None:
            workers = default_workers() if db["courses"].count >= PARALLEL_FROM else 1
        batches = _batches(db, "SELECT * FROM courses ORDER BY id")
        for scored in scored_batches(batches, providers, market, today, workers):
            _write(db, scored, stats)
        ensure_indexes(db)
    return {
        "scored": stats["scored"],
        "bands": {k.split()[1]: v for k, v in sorted(stats.items()) if k.startswith("band ")},
        "priced_courses": market.priced_courses,
        "scoring_version": SCORING_VERSION,
        "seconds": round(time.perf_counter() - started, 2),
    }
