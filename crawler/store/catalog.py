"""CatalogStore: the one object the crawl pipeline, the CLI and the tests write through."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from crawler.items import PageResult
from crawler.store import frontier, runs
from crawler.store.connection import open_connection, write_transaction
from crawler.store.courses import fetch_course, note_run_course, upsert_course
from crawler.store.frontier import FrontierRow
from crawler.store.migrations import migrate
from crawler.store.runs import RunSummary
from crawler.store.site_facts import attach_site_facts

PROVIDER_FACTS = (
    "name",
    "homepage",
    "demo",
    "aama_approved_provider",
    "refund_policy_text",
    "refund_policy_url",
    "refund_policy_seen",
    "contact_email",
    "contact_phone",
    "contact_url",
)
_BOOLEAN_FACTS = ("demo", "aama_approved_provider")


@dataclass(frozen=True)
class PageOutcome:
    """How many of the page's courses were new, changed or unchanged in the catalog."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def iso(moment: datetime | str) -> str:
    """ISO-8601 UTC with seconds, the one timestamp format stored (so text order = time order)."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return _utc(moment).isoformat(timespec="seconds")


class CatalogStore:
    """The catalog database and the crawl frontier behind one connection.

    Every write is one ``BEGIN IMMEDIATE`` transaction (a page's courses, links, provider facts
    and its own ``done`` mark commit together), so a ``kill -9`` at any moment loses nothing:
    ``begin_run`` resumes the run and its in-progress URLs are fetched again. Several processes
    (one per source) may share the file; WAL and the busy timeout serialize them.
    """

    def __init__(
        self,
        path: str | Path,
        clock: Callable[[], datetime] | None = None,
        busy_timeout_ms: int = 30_000,
    ) -> None:
        self.path = path
        self._clock = clock or (lambda: datetime.now(UTC))
        self._lock = threading.RLock()
        self._today: dict[int, date] = {}
        conn = open_connection(path, busy_timeout_ms)
        migrate(conn, self._lock)
        self.db = sqlite_utils.Database(conn)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> CatalogStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- helpers -----------------------------------------------------------------------------

    @property
    def _conn(self):
        return self.db.conn

    def _write(self):
        return write_transaction(self.db.conn, self._lock)

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        # Reads take the write lock too, so a thread never sees another's half-written page.
        with self._lock:
            return list(self.db.query(sql, params))

    def now(self) -> str:
        return iso(self._clock())

    def _source(self, run_id: int) -> str:
        return runs.run_row(self._conn, run_id)["source"]

    def _run_today(self, run_id: int) -> date:
        return self._today.get(run_id) or _utc(self._clock()).date()

    # --- runs --------------------------------------------------------------------------------

    def begin_run(
        self, source: str, today: date | None = None, max_attempts: int | None = None
    ) -> int:
        """Resume the latest run of ``source`` if it is running or interrupted (its in-progress
        URLs go back to pending; with ``max_attempts``, those already tried that often become
        failed), else start a new run. ``today`` decides which courses count as expired."""
        now = self.now()
        with self._write():
            run_id, resumed = runs.start_or_resume(self._conn, source, now)
            if resumed:
                frontier.requeue_in_progress(self._conn, run_id, now, max_attempts)
        self._today[run_id] = today or _utc(self._clock()).date()
        return run_id

    def finish_run(
        self,
        run_id: int,
        reason: str,
        today: date | None = None,
        providers: Sequence[str] | None = None,
    ) -> RunSummary:
        """Close the run: 'interrupted' for cancel/shutdown/closespider_*; else 'degraded' when
        it has a degrading note (``degrade``) or runs.degraded_causes finds one (every request
        failed, 0 courses, far fewer than last time) or the crawl stopped for another reason;
        else 'finished', and only then courses it did not see count a miss (runs.mark_missing).
        Active courses whose dates passed before ``today`` become expired.
        ``providers`` are the catalogs the run covered (default: its source)."""
        day = today or self._run_today(run_id)
        with self._write():
            return runs.finish(self._conn, run_id, reason, providers, day, self.now())

    def degrade(self, run_id: int, reason: str) -> None:
        """The run cannot be trusted to have seen the whole catalog (a budget or trap guard
        hit, ...): it ends 'degraded' with ``reason`` and withdraws no course."""
        with self._write():
            runs.add_note(self._conn, run_id, reason, self.now())

    def note(self, run_id: int, text: str) -> None:
        """Something worth saying about the run that does not degrade it."""
        with self._write():
            runs.add_note(self._conn, run_id, text, self.now(), degrades=False)

    def run(self, run_id: int) -> dict[str, Any]:
        with self._lock:
            return runs.run_row(self._conn, run_id)

    def run_summary(self, run_id: int) -> dict[str, Any]:
        """The crawl_runs row with its counts computed now (pages, courses, new_courses,
        changed_courses, errors; right also while the run is going or after a kill), the
        frontier states, and per provider: pages, courses, new, changed, errors."""
        with self._lock:
            return {
                **runs.run_row(self._conn, run_id),
                **runs.run_counts(self._conn, run_id),
                "frontier": frontier.state_counts(self._conn, run_id),
                "providers": runs.provider_counts(self._conn, run_id),
                "not_courses": runs.not_course_pages(self._conn, run_id),
                "causes": runs.notes(self._conn, run_id),
                "notes": runs.notes(self._conn, run_id, degrading=False),
            }

    # --- frontier ----------------------------------------------------------------------------

    def seed(self, run_id: int, source: str, urls: Iterable[tuple[str, str | None]]) -> int:
        """Add canonical (url, kind) pairs as pending unless known; return how many were new."""
        with self._write():
            return frontier.seed_urls(self._conn, run_id, source, urls, self.now())

    def pending(self, run_id: int, limit: int | None = None) -> list[FrontierRow]:
        """Pending URLs whose retry time has come, in discovery order."""
        with self._lock:
            return frontier.pending_rows(self._conn, run_id, self.now(), limit)

    def next_retry_at(self, run_id: int) -> str | None:
        """When the earliest postponed URL becomes due (to sleep until then)."""
        with self._lock:
            return frontier.next_retry_at(self._conn, run_id)

    def claim(self, run_id: int, url: str, kind: str | None = None) -> None:
        """Mark ``url`` in progress and count an attempt (adding it if the run did not know it)."""
        with self._write():
            frontier.claim_url(self._conn, run_id, url, self._source(run_id), kind, self.now())

    def is_done(self, run_id: int, url: str) -> bool:
        rows = self._query("SELECT state FROM frontier WHERE run_id = ? AND url = ?", (run_id, url))
        return bool(rows) and rows[0]["state"] == "done"

    def frontier_urls(self, run_id: int) -> set[str]:
        """Every URL the run knows, whatever its state (the page budget counts them)."""
        rows = self._query("SELECT url FROM frontier WHERE run_id = ?", (run_id,))
        return {row["url"] for row in rows}

    def run_guards(self, run_id: int) -> list[dict[str, Any]]:
        """The budgets and trap guards that refused links in the run, with why and how often."""
        return self._query(
            "SELECT guard, reason, hits, example_url, first_at FROM run_guards"
            " WHERE run_id = ? ORDER BY first_at, guard",
            (run_id,),
        )

    def done_urls(self, run_id: int) -> set[str]:
        """URLs of the run already stored (a resumed spider skips them)."""
        rows = self._query(
            "SELECT url FROM frontier WHERE run_id = ? AND state = 'done'", (run_id,)
        )
        return {row["url"] for row in rows}

    def frontier_counts(self, run_id: int) -> dict[str, int]:
        with self._lock:
            return frontier.state_counts(self._conn, run_id)

    def fail(
        self,
        run_id: int,
        url: str,
        error: str,
        retry_at: datetime | str | None = None,
        final: bool = False,
    ) -> None:
        """Log the error; the URL becomes pending again (due at ``retry_at``, at once when None)
        or, with ``final``, failed. A URL already done stays done."""
        now = self.now()
        with self._write():
            frontier.record_failure(
                self._conn,
                run_id,
                url,
                self._source(run_id),
                str(error),
                iso(retry_at) if retry_at is not None else None,
                final,
                now,
            )

    def skip(self, run_id: int, url: str, why: str) -> None:
        """Not fetched on purpose (robots.txt refuses it): reported as skipped, not failed."""
        with self._write():
            frontier.mark_skipped(self._conn, run_id, url, self._source(run_id), why, self.now())

    def log_error(self, run_id: int, source: str, url: str | None, error: str) -> None:
        """Record a problem in crawl_errors without changing the URL's frontier state."""
        with self._write():
            frontier.log_error(self._conn, run_id, source, url, str(error), self.now())

    # --- pages, courses, providers -----------------------------------------------------------

    def store_page(
        self,
        run_id: int,
        page: PageResult,
        request_url: str | None = None,
        today: date | None = None,
    ) -> PageOutcome:
        """Store what one page yielded and mark it done, all in one transaction.

        ``request_url``, when the page was reached through a redirect, is marked done too.
        Raises ValueError (storing nothing) when a course or a provider fact is malformed.
        """
        problems = [
            f"course {course.id or '?'}: {problem}"
            for course in page.courses
            for problem in course.validate()
        ]
        problems += _unknown_facts(page.provider_facts)
        if problems:
            raise ValueError(f"{page.url}: not stored: " + "; ".join(problems))
        rows = [course.to_row() for course in page.courses]
        day = today or self._run_today(run_id)
        note = f"not a course: {page.not_course_reason}" if page.not_course_reason else None
        now = self.now()
        counts = {"new": 0, "changed": 0, "unchanged": 0}
        with self._write():
            conn = self._conn
            for row in rows:
                outcome = upsert_course(conn, row, run_id, now, day)
                note_run_course(conn, run_id, row["id"], row["provider"], outcome)
                counts[outcome] += 1
            frontier.seed_urls(conn, run_id, page.source, page.links, now)
            runs.record_guards(conn, run_id, page.guards, now)
            if page.provider_facts:
                facts = page.provider_facts
                if page.kind not in ("policy", "contact"):
                    facts = _gaps_only(conn, page.source, facts)
                _upsert_provider(conn, page.source, facts, now)
            for url in {page.url, request_url or page.url}:
                frontier.mark_done(conn, run_id, url, page.source, page.kind, now, note)
        return PageOutcome(**counts)

    def upsert_provider(self, slug: str, **facts: Any) -> None:
        """Create or update a provider; facts that are None never blank a stored value."""
        problems = _unknown_facts(facts)
        if problems:
            raise ValueError(f"provider {slug}: " + "; ".join(problems))
        with self._write():
            _upsert_provider(self._conn, slug, facts, self.now())

    def remember_robots(self, netloc: str, body: bytes) -> None:
        """Keep a host's last good robots.txt, for when it cannot be fetched (RFC 9309 §2.4)."""
        with self._write():
            self._conn.execute(
                "INSERT OR REPLACE INTO robots_cache (netloc, body, fetched_at) VALUES (?, ?, ?)",
                (netloc, body, self.now()),
            )

    def cached_robots(self, netloc: str) -> tuple[bytes, str] | None:
        """(body, fetched_at) of the host's last good robots.txt, if any."""
        rows = self._query("SELECT body, fetched_at FROM robots_cache WHERE netloc = ?", [netloc])
        return (rows[0]["body"], rows[0]["fetched_at"]) if rows else None

    def attach_site_facts(self, slug: str) -> int:
        """Give the provider's site-wide refund policy and contact to listings lacking them."""
        with self._write():
            return attach_site_facts(self._conn, slug, self.now())

    def provider(self, slug: str) -> dict[str, Any] | None:
        rows = self._query("SELECT * FROM providers WHERE slug = ?", [slug])
        return rows[0] if rows else None

    def has_course_at(self, url: str) -> bool:
        """Whether a course is stored at this canonical URL."""
        return bool(self._query("SELECT 1 FROM courses WHERE url = ? LIMIT 1", [url]))

    def course(self, course_id: str) -> dict[str, Any] | None:
        """The stored row (JSON columns as text)."""
        with self._lock:
            return fetch_course(self._conn, course_id)

    def courses(self, source: str | None = None, status: str | None = None) -> list[dict[str, Any]]:
        where, params = [], []
        if source is not None:
            where.append("provider = ?")
            params.append(source)
        if status is not None:
            where.append("status = ?")
            params.append(status)
        sql = "SELECT * FROM courses" + (" WHERE " + " AND ".join(where) if where else "")
        return self._query(sql + " ORDER BY id", params)

    def history(self, course_id: str) -> list[dict[str, Any]]:
        return self._query(
            "SELECT field, old_value, new_value, changed_at, run_id FROM course_history"
            " WHERE course_id = ? ORDER BY id",
            [course_id],
        )


def _unknown_facts(facts: dict[str, Any]) -> list[str]:
    unknown = sorted(set(facts) - set(PROVIDER_FACTS))
    if not unknown:
        return []
    return [f"unknown provider fact(s) {', '.join(unknown)} (known: {', '.join(PROVIDER_FACTS)})"]


def _gaps_only(conn, slug: str, facts: dict[str, Any]) -> dict[str, Any]:
    """Facts of a discovered page, minus those the provider already has from another page: a
    page the sources entry names always wins, and the first policy/contact page found stays."""
    row = conn.execute(
        "SELECT refund_policy_url, contact_url FROM providers WHERE slug = ?", (slug,)
    ).fetchone()
    if row is None:
        return facts
    kept = dict(facts)
    for prefix, stored, own in (
        ("refund_policy_", row[0], facts.get("refund_policy_url")),
        ("contact_", row[1], facts.get("contact_url")),
    ):
        if stored and stored != own:
            kept = {k: v for k, v in kept.items() if not k.startswith(prefix)}
    return kept


def _upsert_provider(conn, slug: str, facts: dict[str, Any], now: str) -> None:
    values = {name: value for name, value in facts.items() if value not in (None, "")}
    for name in _BOOLEAN_FACTS:
        if name in values:
            values[name] = int(bool(values[name]))
    if values.get("refund_policy_text") and "refund_policy_seen" not in values:
        values["refund_policy_seen"] = now
    conn.execute("INSERT OR IGNORE INTO providers (slug) VALUES (?)", (slug,))
    if values:
        assignments = ", ".join(f'"{name}" = ?' for name in values)
        conn.execute(f"UPDATE providers SET {assignments} WHERE slug = ?", [*values.values(), slug])
