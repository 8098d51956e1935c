"""Opening the catalog database and running one write transaction at a time."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def open_connection(path: str | Path, busy_timeout_ms: int = 30_000) -> sqlite3.Connection:
    """Connect in WAL mode with synchronous=NORMAL and a busy timeout.

    WAL lets Datasette and other crawl jobs read while a crawl writes (a rollback-journal
    database answered "database is locked"); synchronous=NORMAL in WAL loses no committed
    transaction on a process kill, only possibly the last ones on a power cut.
    """
    target = str(path)
    if target != ":memory:":
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    # check_same_thread=False: the pipeline may write from a worker thread; every write goes
    # through write_transaction's lock.
    conn = sqlite3.connect(target, timeout=busy_timeout_ms / 1000, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    mode = _switch_to_wal(conn, busy_timeout_ms / 1000)
    if mode.lower() not in ("wal", "memory"):
        conn.close()
        raise RuntimeError(f"{target}: could not switch to WAL journal mode (got {mode!r})")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def _switch_to_wal(conn: sqlite3.Connection, timeout_s: float) -> str:
    """PRAGMA journal_mode = WAL, retried: two processes creating the same new database at once
    get "database is locked" here at once, without the busy timeout applying."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            return conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@contextmanager
def write_transaction(conn: sqlite3.Connection, lock: threading.RLock) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error.

    IMMEDIATE takes the write lock up front, so a read-then-write transaction never fails
    half-way because another process (another source's crawl job) committed in between.
    """
    with lock:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            conn.rollback()
            raise
        conn.commit()
