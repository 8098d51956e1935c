"""Writing course rows: insert new listings, merge re-crawled ones, keep their history.

All functions run inside the caller's transaction and never commit.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from functools import lru_cache
from typing import Any

from crawler.store.merge import HISTORY_FIELDS, merge_course, status_for


def fetch_course(conn: sqlite3.Connection, course_id: str) -> dict[str, Any] | None:
    cursor = conn.execute("SELECT * FROM courses WHERE id = ?", (course_id,))
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cursor.description], row, strict=True))


def record_history(
    conn: sqlite3.Connection,
    course_id: str,
    changes: list[tuple[str, Any, Any]],
    now: str,
    run_id: int | None,
) -> None:
    conn.executemany(
        "INSERT INTO course_history (course_id, field, old_value, new_value, changed_at, run_id)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [(course_id, name, old, new, now, run_id) for name, old, new in changes],
    )


@lru_cache(maxsize=64)
def _insert_sql(columns: tuple[str, ...]) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO courses ({names}) VALUES ({', '.join('?' for _ in columns)})"


@lru_cache(maxsize=256)
def _update_sql(columns: tuple[str, ...]) -> str:
    assignments = ", ".join(f'"{c}" = ?' for c in columns)
    return f"UPDATE courses SET {assignments} WHERE id = ?"


def upsert_course(
    conn: sqlite3.Connection, row: dict[str, Any], run_id: int, now: str, today: date
) -> str:
    """Store one extracted row; return 'new', 'changed' or 'unchanged'."""
    stored = fetch_course(conn, row["id"])
    if stored is None:
        values = {
            **row,
            "status": status_for(row, today),
            "first_seen": now,
            "last_seen": now,
            "last_changed": now,
            "missed_runs": 0,
            "last_run_id": run_id,
        }
        columns = tuple(values)
        conn.execute(_insert_sql(columns), [values[c] for c in columns])
        return "new"

    merge = merge_course(stored, row)
    updates = dict(merge.updates)
    status = status_for({**stored, **updates}, today)
    if status != stored["status"]:
        updates["status"] = status
    changed = [name for name in HISTORY_FIELDS if name in updates]
    record_history(
        conn, row["id"], [(name, stored[name], updates[name]) for name in changed], now, run_id
    )
    outcome = "changed" if merge.changed or "status" in updates else "unchanged"
    if outcome == "changed":
        updates["last_changed"] = now
    if stored["missed_runs"]:
        updates["missed_runs"] = 0
    updates["last_seen"] = now
    updates["last_run_id"] = run_id
    columns = tuple(updates)
    conn.execute(_update_sql(columns), [*(updates[c] for c in columns), row["id"]])
    return outcome


def note_run_course(
    conn: sqlite3.Connection, run_id: int, course_id: str, provider: str | None, outcome: str
) -> None:
    """Remember the course was seen in the run; 'new' stays new, 'changed' beats 'unchanged'."""
    conn.execute(
        """INSERT INTO run_courses (run_id, course_id, provider, outcome) VALUES (?, ?, ?, ?)
        ON CONFLICT (run_id, course_id) DO UPDATE SET outcome = CASE
            WHEN run_courses.outcome = 'new' THEN 'new'
            WHEN excluded.outcome = 'changed' THEN 'changed'
            ELSE run_courses.outcome END""",
        (run_id, course_id, provider, outcome),
    )
