"""Schema migrations: applied once, idempotent, and old databases are upgraded in place."""

import sqlite3

from crawler.items import COURSE_FIELDS
from crawler.store import CatalogStore
from crawler.store.connection import open_connection
from crawler.store.migrations import MIGRATIONS, applied_migrations, migrate
from tests.support.store import TODAY, make_course, make_page, open_store


def schema(conn: sqlite3.Connection) -> list[tuple]:
    return conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()


def test_new_database_is_wal_with_every_migration_and_index(tmp_path):
    with open_store(tmp_path) as store:
        conn = store.db.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert applied_migrations(conn) == [name for name, _ in MIGRATIONS]
        tables = set(store.db.table_names())
        assert {"courses", "course_history", "providers", "crawl_runs", "crawl_errors"} <= tables
        assert {"frontier", "run_courses", "_migrations"} <= tables
        columns = set(store.db["courses"].columns_dict)
        assert (
            set(COURSE_FIELDS) | {"status", "first_seen", "missed_runs", "last_run_id"} <= columns
        )
        plan = conn.execute(
            "EXPLAIN QUERY PLAN SELECT url FROM frontier WHERE run_id = 1 AND state = 'pending'"
        ).fetchall()
        assert "idx_frontier_run_state" in str(plan)
        indexed = {i.columns[0] for i in store.db["courses"].indexes}
        assert {"provider", "status"} <= indexed


def test_migrating_twice_changes_nothing(tmp_path):
    path = tmp_path / "catalog.db"
    CatalogStore(path).close()
    conn = open_connection(path)
    before = schema(conn), applied_migrations(conn)
    assert migrate(conn) == []
    assert (schema(conn), applied_migrations(conn)) == before
    conn.close()


def test_old_version_database_is_upgraded_keeping_its_rows(tmp_path):
    path = tmp_path / "catalog.db"
    conn = open_connection(path)
    assert migrate(conn, migrations=MIGRATIONS[:1]) == ["001_base_tables"]
    conn.execute("ALTER TABLE courses DROP COLUMN audience")  # a field items.py added later
    conn.execute(
        "INSERT INTO courses (id, provider, url, title) VALUES ('demo:1', 'demo', 'u', 'T')"
    )
    conn.commit()
    conn.close()

    with CatalogStore(path) as store:
        assert applied_migrations(store.db.conn) == [name for name, _ in MIGRATIONS]
        assert "audience" in store.db["courses"].columns_dict
        assert store.course("demo:1")["title"] == "T"
        run_id = store.begin_run("demo", today=TODAY)
        store.store_page(run_id, make_page(make_course("1", audience="CMAs")))
        assert store.course("demo:1")["audience"] == "CMAs"
        assert store.finish_run(run_id, "finished", TODAY).courses == 1
