"""Catalog schema as an ordered list of migrations, each applied once and recorded in
``_migrations``. Append new migrations at the end; never edit or reorder applied ones."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from crawler.items import COURSE_FIELDS
from crawler.store.connection import write_transaction

# Columns the store maintains on each course, next to the extracted COURSE_FIELDS.
STORE_COLUMNS: dict[str, str] = {
    "status": "TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'expired', 'withdrawn'))",
    "first_seen": "TEXT",
    "last_seen": "TEXT",
    "last_changed": "TEXT",
    "missed_runs": "INTEGER NOT NULL DEFAULT 0",
    "last_run_id": "INTEGER",
}


def _course_column_defs() -> list[str]:
    defs = [
        f'"{name}" {sqltype}' + (" PRIMARY KEY" if name == "id" else "")
        for name, (sqltype, _description) in COURSE_FIELDS.items()
    ]
    return defs + [f'"{name}" {definition}' for name, definition in STORE_COLUMNS.items()]


def _m001_base_tables(conn: sqlite3.Connection) -> None:
    conn.execute(f"CREATE TABLE courses ({', '.join(_course_column_defs())})")
    conn.execute(
        """CREATE TABLE course_history (
            id INTEGER PRIMARY KEY,
            course_id TEXT NOT NULL,
            field TEXT NOT NULL,
            old_value,
            new_value,
            changed_at TEXT NOT NULL,
            run_id INTEGER)"""
    )
    conn.execute(
        """CREATE TABLE providers (
            slug TEXT PRIMARY KEY,
            name TEXT,
            homepage TEXT,
            demo INTEGER,
            aama_approved_provider INTEGER,
            refund_policy_text TEXT,
            refund_policy_url TEXT,
            refund_policy_seen TEXT,
            contact_email TEXT,
            contact_phone TEXT,
            contact_url TEXT)"""
    )
    conn.execute(
        """CREATE TABLE crawl_runs (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL
                CHECK (status IN ('running', 'finished', 'failed', 'interrupted')),
            finish_reason TEXT,
            pages INTEGER NOT NULL DEFAULT 0,
            courses INTEGER NOT NULL DEFAULT 0,
            new_courses INTEGER NOT NULL DEFAULT 0,
            changed_courses INTEGER NOT NULL DEFAULT 0,
            errors INTEGER NOT NULL DEFAULT 0)"""
    )
    conn.execute(
        """CREATE TABLE crawl_errors (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL,
            source TEXT,
            url TEXT,
            error TEXT,
            at TEXT NOT NULL)"""
    )
    conn.execute(
        """CREATE TABLE frontier (
            run_id INTEGER NOT NULL,
            url TEXT NOT NULL,
            source TEXT,
            kind TEXT,
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'in_progress', 'done', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_try_at TEXT,
            last_error TEXT,
            updated_at TEXT,
            PRIMARY KEY (run_id, url))"""
    )


def _m002_run_courses_and_indexes(conn: sqlite3.Connection) -> None:
    # Which courses each run saw and whether they were new or changed: run counts survive a
    # kill because this row is written in the same transaction as the course.
    conn.execute(
        """CREATE TABLE run_courses (
            run_id INTEGER NOT NULL,
            course_id TEXT NOT NULL,
            provider TEXT,
            outcome TEXT NOT NULL CHECK (outcome IN ('new', 'changed', 'unchanged')),
            PRIMARY KEY (run_id, course_id))"""
    )
    conn.execute("CREATE INDEX idx_frontier_run_state ON frontier (run_id, state)")
    conn.execute("CREATE INDEX idx_courses_provider ON courses (provider)")
    conn.execute("CREATE INDEX idx_courses_status ON courses (status)")
    conn.execute("CREATE INDEX idx_courses_last_run ON courses (last_run_id)")
    conn.execute("CREATE INDEX idx_course_history_course ON course_history (course_id)")
    conn.execute("CREATE INDEX idx_crawl_errors_run ON crawl_errors (run_id)")
    conn.execute("CREATE INDEX idx_crawl_runs_source ON crawl_runs (source, id)")


Migration = tuple[str, Callable[[sqlite3.Connection], None]]


def _m003_robots_cache(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE robots_cache (
            netloc TEXT PRIMARY KEY,
            body BLOB NOT NULL,
            fetched_at TEXT NOT NULL)"""
    )


def _m004_degraded_runs_and_skipped_pages(conn: sqlite3.Connection) -> None:
    # SQLite cannot change a CHECK constraint in place: both tables are rebuilt with the new
    # states (a run may end 'degraded'; a page robots.txt refuses is 'skipped', not 'failed'),
    # and run_notes carries why a run is degraded, written by the crawl and by its guards.
    conn.execute(
        """CREATE TABLE crawl_runs_new (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL CHECK (
                status IN ('running', 'finished', 'degraded', 'failed', 'interrupted')),
            finish_reason TEXT,
            pages INTEGER NOT NULL DEFAULT 0,
            courses INTEGER NOT NULL DEFAULT 0,
            new_courses INTEGER NOT NULL DEFAULT 0,
            changed_courses INTEGER NOT NULL DEFAULT 0,
            errors INTEGER NOT NULL DEFAULT 0)"""
    )
    conn.execute("INSERT INTO crawl_runs_new SELECT * FROM crawl_runs")
    conn.execute("DROP TABLE crawl_runs")
    conn.execute("ALTER TABLE crawl_runs_new RENAME TO crawl_runs")
    conn.execute("CREATE INDEX idx_crawl_runs_source ON crawl_runs (source, id)")
    conn.execute(
        """CREATE TABLE frontier_new (
            run_id INTEGER NOT NULL,
            url TEXT NOT NULL,
            source TEXT,
            kind TEXT,
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'in_progress', 'done', 'failed', 'skipped')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_try_at TEXT,
            last_error TEXT,
            updated_at TEXT,
            PRIMARY KEY (run_id, url))"""
    )
    conn.execute("INSERT INTO frontier_new SELECT * FROM frontier")
    conn.execute("DROP TABLE frontier")
    conn.execute("ALTER TABLE frontier_new RENAME TO frontier")
    conn.execute("CREATE INDEX idx_frontier_run_state ON frontier (run_id, state)")
    conn.execute(
        """CREATE TABLE run_notes (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL,
            note TEXT NOT NULL,
            degrades INTEGER NOT NULL DEFAULT 1,
            at TEXT NOT NULL)"""
    )
    conn.execute("CREATE INDEX idx_run_notes_run ON run_notes (run_id)")


def _m005_run_guards(conn: sqlite3.Connection) -> None:
    # Why a budget or trap guard refused links in a run: one row per guard and reason.
    conn.execute(
        """CREATE TABLE run_guards (
            run_id INTEGER NOT NULL,
            guard TEXT NOT NULL,
            reason TEXT NOT NULL,
            hits INTEGER NOT NULL DEFAULT 0,
            example_url TEXT,
            first_at TEXT NOT NULL,
            PRIMARY KEY (run_id, guard, reason))"""
    )


MIGRATIONS: list[Migration] = [
    ("001_base_tables", _m001_base_tables),
    ("002_run_courses_and_indexes", _m002_run_courses_and_indexes),
    ("003_robots_cache", _m003_robots_cache),
    ("004_degraded_runs_and_skipped_pages", _m004_degraded_runs_and_skipped_pages),
    ("005_run_guards", _m005_run_guards),
]


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'"
    ).fetchone()
    if not exists:
        return []
    return [name for (name,) in conn.execute("SELECT name FROM _migrations ORDER BY id")]


def migrate(
    conn: sqlite3.Connection,
    lock: threading.RLock | None = None,
    migrations: Sequence[Migration] = MIGRATIONS,
) -> list[str]:
    """Apply the migrations not yet recorded, each in its own transaction; return their names.

    The applied list is re-read inside each write lock, so two processes opening the same new
    database at once apply every migration exactly once.
    """
    lock = lock or threading.RLock()
    applied_now: list[str] = []
    with write_transaction(conn, lock):
        conn.execute(
            """CREATE TABLE IF NOT EXISTS _migrations (
                id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at TEXT NOT NULL)"""
        )
    for name, apply in migrations:
        with write_transaction(conn, lock):
            if name in applied_migrations(conn):
                continue
            apply(conn)
            conn.execute(
                "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)",
                (name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            applied_now.append(name)
    with write_transaction(conn, lock):
        add_missing_course_columns(conn)
    return applied_now


def add_missing_course_columns(conn: sqlite3.Connection) -> list[str]:
    """Add columns that COURSE_FIELDS gained since the table was created (items.py is the
    schema's single source, so a new field needs no hand-written migration)."""
    present = {row[1] for row in conn.execute("PRAGMA table_info(courses)")}
    added = []
    for name, (sqltype, _description) in COURSE_FIELDS.items():
        if name not in present:
            conn.execute(f'ALTER TABLE courses ADD COLUMN "{name}" {sqltype}')
            added.append(name)
    return added
