"""Crawl runs: start or resume, finish with counts, and mark courses that disappeared.

Write functions run inside the caller's transaction and never commit.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from crawler.items import credit_end_sql
from crawler.store.courses import record_history

RESUMABLE = ("running", "interrupted")
# Scrapy close reasons after which the run can be continued where it stopped.
INTERRUPT_REASONS = ("cancelled", "shutdown", "interrupted")
# A course missing from this many consecutive finished runs is marked withdrawn.
WITHDRAW_AFTER_MISSES = 2
# A run that finds fewer than this share of its last finished run's courses is degraded: a
# site redesign or a broken selector, not a catalog that shrank by half overnight.
FEWER_COURSES_SHARE = 0.5
# A run closed in one of these states is done for good: finishing it again changes nothing.
ENDED = ("finished", "degraded")


@dataclass(frozen=True)
class RunSummary:
    run_id: int
    source: str
    status: str
    reason: str | None
    pages: int
    courses: int
    new_courses: int
    changed_courses: int
    errors: int
    missed: int = 0
    withdrawn: int = 0
    expired: int = 0
    causes: tuple[str, ...] = ()


def run_row(conn: sqlite3.Connection, run_id: int) -> dict[str, Any]:
    cursor = conn.execute("SELECT * FROM crawl_runs WHERE id = ?", (run_id,))
    row = cursor.fetchone()
    if row is None:
        raise KeyError(f"no crawl run with id {run_id}")
    return dict(zip([d[0] for d in cursor.description], row, strict=True))


def status_for_reason(reason: str) -> str:
    if reason == "finished":
        return "finished"
    if reason in INTERRUPT_REASONS or reason.startswith("closespider_"):
        return "interrupted"
    return "failed"


def start_or_resume(conn: sqlite3.Connection, source: str, now: str) -> tuple[int, bool]:
    """The latest run of ``source`` if it is running or interrupted, else a new one.
    Returns (run_id, resumed)."""
    latest = conn.execute(
        "SELECT id, status FROM crawl_runs WHERE source = ? ORDER BY id DESC LIMIT 1", (source,)
    ).fetchone()
    if latest and latest[1] in RESUMABLE:
        conn.execute(
            "UPDATE crawl_runs SET status = 'running', finished_at = NULL, finish_reason = NULL"
            " WHERE id = ?",
            (latest[0],),
        )
        return latest[0], True
    cursor = conn.execute(
        "INSERT INTO crawl_runs (source, started_at, status) VALUES (?, ?, 'running')",
        (source, now),
    )
    return cursor.lastrowid, False


def add_note(
    conn: sqlite3.Connection, run_id: int, note: str, now: str, degrades: bool = True
) -> None:
    """Say something about a run; a degrading note makes it end 'degraded' (said once)."""
    exists = conn.execute(
        "SELECT 1 FROM run_notes WHERE run_id = ? AND note = ?", (run_id, note)
    ).fetchone()
    if not exists:
        conn.execute(
            "INSERT INTO run_notes (run_id, note, degrades, at) VALUES (?, ?, ?, ?)",
            (run_id, note, int(degrades), now),
        )


def notes(conn: sqlite3.Connection, run_id: int, degrading: bool = True) -> list[str]:
    return [
        note
        for (note,) in conn.execute(
            "SELECT note FROM run_notes WHERE run_id = ? AND degrades = ? ORDER BY id",
            (run_id, int(degrading)),
        )
    ]


def degraded_causes(conn: sqlite3.Connection, run_id: int, source: str) -> list[str]:
    """Why a run that ran to its end still cannot be trusted to have seen the catalog."""
    states = dict(
        conn.execute(
            "SELECT state, COUNT(*) FROM frontier WHERE run_id = ? GROUP BY state", (run_id,)
        ).fetchall()
    )
    done, failed = states.get("done", 0), states.get("failed", 0)
    if failed and not done:
        (example,) = conn.execute(
            "SELECT last_error FROM frontier WHERE run_id = ? AND state = 'failed'"
            " ORDER BY rowid LIMIT 1",
            (run_id,),
        ).fetchone()
        return [f"every request failed ({failed}), e.g. {example}"]
    courses = _count(conn, "SELECT COUNT(*) FROM run_courses WHERE run_id = ?", run_id)
    if not courses:
        return ["0 courses found"]
    last = conn.execute(
        "SELECT courses FROM crawl_runs WHERE source = ? AND id < ? AND status = 'finished'"
        " ORDER BY id DESC LIMIT 1",
        (source, run_id),
    ).fetchone()
    if last and courses < last[0] * FEWER_COURSES_SHARE:
        return [f"{courses} courses, last finished run had {last[0]}"]
    return []


# A budget cut the crawl short, so the run may have missed courses; a trap guard only refused
# links that led nowhere new (sort orders, endless calendars), which is the crawl working.
BUDGET_GUARDS = ("page-budget", "depth")


def guard_notes(conn: sqlite3.Connection, run_id: int) -> list[tuple[str, bool]]:
    """One note per guard that fired, and whether it makes the run degraded."""
    rows = conn.execute(
        "SELECT guard, reason, hits, example_url FROM run_guards WHERE run_id = ?", (run_id,)
    ).fetchall()
    rows.sort(key=lambda r: (r[0] not in BUDGET_GUARDS, -r[2]))
    return [
        (f"{guard}: {reason} ({hits} links refused, e.g. {example})", guard in BUDGET_GUARDS)
        for guard, reason, hits, example in rows
    ]


def _count(conn: sqlite3.Connection, sql: str, *params: Any) -> int:
    return conn.execute(sql, params).fetchone()[0]


def run_counts(conn: sqlite3.Connection, run_id: int) -> dict[str, int]:
    return {
        "pages": _count(
            conn, "SELECT COUNT(*) FROM frontier WHERE run_id = ? AND state = 'done'", run_id
        ),
        "courses": _count(conn, "SELECT COUNT(*) FROM run_courses WHERE run_id = ?", run_id),
        "new_courses": _count(
            conn,
            "SELECT COUNT(*) FROM run_courses WHERE run_id = ? AND outcome = 'new'",
            run_id,
        ),
        "changed_courses": _count(
            conn,
            "SELECT COUNT(*) FROM run_courses WHERE run_id = ? AND outcome = 'changed'",
            run_id,
        ),
        "errors": _count(conn, "SELECT COUNT(*) FROM crawl_errors WHERE run_id = ?", run_id),
    }


def not_course_pages(conn: sqlite3.Connection, run_id: int) -> int:
    """Pages fetched and judged not a course (soft 404, login wall...): done, noted why."""
    return _count(
        conn,
        "SELECT COUNT(*) FROM frontier WHERE run_id = ? AND state = 'done'"
        " AND last_error LIKE 'not a course:%'",
        run_id,
    )


def mark_missing(
    conn: sqlite3.Connection, run_id: int, providers: Sequence[str], now: str
) -> tuple[int, int]:
    """After a finished run: courses of ``providers`` it did not see get one more miss, and
    are withdrawn (never deleted) after WITHDRAW_AFTER_MISSES misses in a row.

    Not counted as a miss: a course whose page failed to load in this run (we could not tell),
    and every course of a provider of which the run saw no course at all (an outage or a broken
    extraction, not a catalog that vanished). Returns (missed, withdrawn).
    """
    missed = withdrawn = 0
    for provider in providers:
        seen = _count(
            conn,
            "SELECT COUNT(*) FROM run_courses WHERE run_id = ? AND provider = ?",
            run_id,
            provider,
        )
        if not seen:
            continue
        rows = conn.execute(
            """SELECT id, status, missed_runs FROM courses
            WHERE provider = ? AND status != 'withdrawn' AND last_run_id IS NOT ?
            AND NOT EXISTS (SELECT 1 FROM frontier f WHERE f.run_id = ? AND f.url = courses.url
                            AND f.state = 'failed')""",
            (provider, run_id, run_id),
        ).fetchall()
        for course_id, status, misses in rows:
            misses += 1
            missed += 1
            if misses >= WITHDRAW_AFTER_MISSES:
                conn.execute(
                    "UPDATE courses SET missed_runs = ?, status = 'withdrawn', last_changed = ?"
                    " WHERE id = ?",
                    (misses, now, course_id),
                )
                record_history(conn, course_id, [("status", status, "withdrawn")], now, run_id)
                withdrawn += 1
            else:
                conn.execute("UPDATE courses SET missed_runs = ? WHERE id = ?", (misses, course_id))
    return missed, withdrawn


def expire_passed(
    conn: sqlite3.Connection, run_id: int, providers: Sequence[str], today: date, now: str
) -> int:
    """Active courses whose expiry or approval date has passed become expired, also those the
    run did not re-crawl (their page failed, or the run stopped early)."""
    day = today.isoformat()
    marks = ", ".join("?" for _ in providers)
    ids = [
        course_id
        for (course_id,) in conn.execute(
            f"""SELECT id FROM courses WHERE provider IN ({marks}) AND status = 'active'
            AND {credit_end_sql()} < ?""",
            (*providers, day),
        )
    ]
    for course_id in ids:
        conn.execute(
            "UPDATE courses SET status = 'expired', last_changed = ? WHERE id = ?",
            (now, course_id),
        )
        record_history(conn, course_id, [("status", "active", "expired")], now, run_id)
    return len(ids)


def finish(
    conn: sqlite3.Connection,
    run_id: int,
    reason: str,
    providers: Sequence[str] | None,
    today: date,
    now: str,
) -> RunSummary:
    run = run_row(conn, run_id)
    if run["status"] in ENDED:
        # Finishing twice (a redelivered job) must not count the misses twice.
        return _summary(conn, run, missed=0, withdrawn=0, expired=0)
    status = status_for_reason(reason)
    if status == "failed":
        add_note(conn, run_id, f"the crawl stopped: {reason}", now)
    if status in ("finished", "failed"):
        for cause in degraded_causes(conn, run_id, run["source"]):
            add_note(conn, run_id, cause, now)
        for note, degrades in guard_notes(conn, run_id):
            add_note(conn, run_id, note, now, degrades=degrades)
        status = "degraded" if notes(conn, run_id) else "finished"
    providers = providers or [run["source"]]
    missed = withdrawn = 0
    if status == "finished":
        missed, withdrawn = mark_missing(conn, run_id, providers, now)
    expired = expire_passed(conn, run_id, providers, today, now)
    counts = run_counts(conn, run_id)
    conn.execute(
        """UPDATE crawl_runs SET status = ?, finish_reason = ?, finished_at = ?, pages = ?,
            courses = ?, new_courses = ?, changed_courses = ?, errors = ? WHERE id = ?""",
        (status, reason, now, *counts.values(), run_id),
    )
    return _summary(
        conn, run_row(conn, run_id), missed=missed, withdrawn=withdrawn, expired=expired
    )


def _summary(
    conn: sqlite3.Connection, run: dict[str, Any], missed: int, withdrawn: int, expired: int
) -> RunSummary:
    return RunSummary(
        run_id=run["id"],
        source=run["source"],
        status=run["status"],
        reason=run["finish_reason"],
        pages=run["pages"],
        courses=run["courses"],
        new_courses=run["new_courses"],
        changed_courses=run["changed_courses"],
        errors=run["errors"],
        missed=missed,
        withdrawn=withdrawn,
        expired=expired,
        causes=tuple(notes(conn, run["id"])),
    )


def provider_counts(conn: sqlite3.Connection, run_id: int) -> dict[str, dict[str, int]]:
    """Per provider: pages done, courses seen, new, changed, errors (live while running)."""
    per: dict[str, dict[str, int]] = {}

    def bucket(provider: str) -> dict[str, int]:
        return per.setdefault(
            provider, {"pages": 0, "courses": 0, "new": 0, "changed": 0, "errors": 0}
        )

    for provider, pages in conn.execute(
        "SELECT source, COUNT(*) FROM frontier WHERE run_id = ? AND state = 'done' GROUP BY source",
        (run_id,),
    ):
        bucket(provider)["pages"] = pages
    for provider, courses, new, changed in conn.execute(
        """SELECT provider, COUNT(*), SUM(outcome = 'new'), SUM(outcome = 'changed')
        FROM run_courses WHERE run_id = ? GROUP BY provider""",
        (run_id,),
    ):
        bucket(provider).update(courses=courses, new=new, changed=changed)
    for provider, errors in conn.execute(
        "SELECT source, COUNT(*) FROM crawl_errors WHERE run_id = ? GROUP BY source", (run_id,)
    ):
        bucket(provider)["errors"] = errors
    return per


def record_guards(
    conn: sqlite3.Connection, run_id: int, guards: Sequence[tuple[str, str, str]], now: str
) -> None:
    """Count each (guard, reason, url) refusal on the run, keeping the first URL as example."""
    conn.executemany(
        """INSERT INTO run_guards (run_id, guard, reason, hits, example_url, first_at)
        VALUES (?, ?, ?, 1, ?, ?)
        ON CONFLICT (run_id, guard, reason) DO UPDATE SET hits = run_guards.hits + 1""",
        [(run_id, guard, reason, url, now) for guard, reason, url in guards],
    )
