"""The durable crawl frontier: one row per (run, URL) with its state.

Write functions run inside the caller's transaction and never commit.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

STATES = ("pending", "in_progress", "done", "failed", "skipped")


@dataclass(frozen=True)
class FrontierRow:
    url: str
    kind: str | None
    attempts: int


def seed_urls(
    conn: sqlite3.Connection,
    run_id: int,
    source: str,
    links: Iterable[tuple[str, str | None]],
    now: str,
) -> int:
    """Add URLs as pending unless the run already knows them; return how many were new."""
    before = conn.total_changes
    conn.executemany(
        "INSERT OR IGNORE INTO frontier (run_id, url, source, kind, state, attempts, updated_at)"
        " VALUES (?, ?, ?, ?, 'pending', 0, ?)",
        [(run_id, url, source, kind, now) for url, kind in links],
    )
    return conn.total_changes - before


def pending_rows(
    conn: sqlite3.Connection, run_id: int, now: str, limit: int | None = None
) -> list[FrontierRow]:
    """Pending rows whose retry time has come, oldest first."""
    rows = conn.execute(
        """SELECT url, kind, attempts FROM frontier
        WHERE run_id = ? AND state = 'pending' AND (next_try_at IS NULL OR next_try_at <= ?)
        ORDER BY next_try_at IS NOT NULL, next_try_at, rowid LIMIT ?""",
        (run_id, now, -1 if limit is None else limit),
    )
    return [FrontierRow(url, kind, attempts) for url, kind, attempts in rows]


def next_retry_at(conn: sqlite3.Connection, run_id: int) -> str | None:
    """When the earliest postponed pending row becomes due (None when nothing waits)."""
    return conn.execute(
        "SELECT MIN(next_try_at) FROM frontier WHERE run_id = ? AND state = 'pending'",
        (run_id,),
    ).fetchone()[0]


def claim_url(
    conn: sqlite3.Connection, run_id: int, url: str, source: str, kind: str | None, now: str
) -> None:
    conn.execute(
        """INSERT INTO frontier (run_id, url, source, kind, state, attempts, updated_at)
        VALUES (?, ?, ?, ?, 'in_progress', 1, ?)
        ON CONFLICT (run_id, url) DO UPDATE SET state = 'in_progress',
            attempts = frontier.attempts + 1, next_try_at = NULL,
            updated_at = excluded.updated_at""",
        (run_id, url, source, kind, now),
    )


def mark_done(
    conn: sqlite3.Connection,
    run_id: int,
    url: str,
    source: str,
    kind: str | None,
    now: str,
    note: str | None = None,
) -> None:
    conn.execute(
        """INSERT INTO frontier (run_id, url, source, kind, state, attempts, last_error, updated_at)
        VALUES (?, ?, ?, ?, 'done', 1, ?, ?)
        ON CONFLICT (run_id, url) DO UPDATE SET state = 'done', next_try_at = NULL,
            last_error = excluded.last_error, updated_at = excluded.updated_at""",
        (run_id, url, source, kind, note, now),
    )


def record_failure(
    conn: sqlite3.Connection,
    run_id: int,
    url: str,
    source: str,
    error: str,
    retry_at: str | None,
    final: bool,
    now: str,
) -> None:
    """Pending again (due at ``retry_at``) or failed for good; a done URL stays done."""
    state = "failed" if final else "pending"
    conn.execute(
        """INSERT INTO frontier
            (run_id, url, source, state, attempts, next_try_at, last_error, updated_at)
        VALUES (?, ?, ?, ?, 1, ?, ?, ?)
        ON CONFLICT (run_id, url) DO UPDATE SET
            state = CASE WHEN frontier.state = 'done' THEN 'done' ELSE excluded.state END,
            next_try_at = CASE WHEN frontier.state = 'done' THEN frontier.next_try_at
                ELSE excluded.next_try_at END,
            last_error = excluded.last_error, updated_at = excluded.updated_at""",
        (run_id, url, source, state, None if final else retry_at, error, now),
    )
    log_error(conn, run_id, source, url, error, now)


def mark_skipped(
    conn: sqlite3.Connection, run_id: int, url: str, source: str, why: str, now: str
) -> None:
    """Not fetched on purpose (robots.txt refuses it): neither done nor a failure."""
    conn.execute(
        """INSERT INTO frontier (run_id, url, source, state, attempts, last_error, updated_at)
        VALUES (?, ?, ?, 'skipped', 0, ?, ?)
        ON CONFLICT (run_id, url) DO UPDATE SET state = 'skipped', next_try_at = NULL,
            last_error = excluded.last_error, updated_at = excluded.updated_at""",
        (run_id, url, source, why, now),
    )


def log_error(
    conn: sqlite3.Connection, run_id: int, source: str, url: str | None, error: str, now: str
) -> None:
    conn.execute(
        "INSERT INTO crawl_errors (run_id, source, url, error, at) VALUES (?, ?, ?, ?, ?)",
        (run_id, source, url, error, now),
    )


def requeue_in_progress(
    conn: sqlite3.Connection, run_id: int, now: str, max_attempts: int | None = None
) -> tuple[int, int]:
    """After a crash: in-progress rows go back to pending, or to failed once they have been
    tried ``max_attempts`` times (a page that kills the crawler must not do so forever).
    Returns (requeued, given_up)."""
    given_up = 0
    if max_attempts is not None:
        given_up = conn.execute(
            """UPDATE frontier SET state = 'failed', updated_at = ?,
                last_error = 'gave up: interrupted on each of ' || attempts || ' attempts'
            WHERE run_id = ? AND state = 'in_progress' AND attempts >= ?""",
            (now, run_id, max_attempts),
        ).rowcount
    requeued = conn.execute(
        "UPDATE frontier SET state = 'pending', updated_at = ?"
        " WHERE run_id = ? AND state = 'in_progress'",
        (now, run_id),
    ).rowcount
    return requeued, given_up


def state_counts(conn: sqlite3.Connection, run_id: int) -> dict[str, int]:
    counts = dict.fromkeys(STATES, 0)
    counts.update(
        conn.execute(
            "SELECT state, COUNT(*) FROM frontier WHERE run_id = ? GROUP BY state", (run_id,)
        ).fetchall()
    )
    return counts
