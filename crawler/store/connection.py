"""Opening the catalog database and running one write transaction at a time."""

from __future__ import annotations

import sqlite3
import threading
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
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode.lower() not in ("wal", "memory"):
        conn.close()
        raise RuntimeError(f"{target}: could not switch to WAL journal mode (got {mode!r})")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


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
