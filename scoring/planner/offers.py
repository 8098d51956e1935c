"""Read the listings the planner needs from a catalog database.

Works on the crawler's store (table ``courses`` plus ``score_cards``) and on the published
snapshot (table ``catalog``, whose credit and date details sit row for row in
``course_details``); the score comes from the table when it has one, else from ``score_cards``.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from typing import Any

PLAN_COLUMNS = (
    "id",
    "provider",
    "provider_name",
    "url",
    "title",
    "credit_amount",
    "credit_unit",
    "contact_hours",
    "aama_category",
    "aama_points",
    "aama_approved",
    "approval_valid_through",
    "format",
    "price_amount",
    "price_currency",
    "cost_class",
    "certificate_fee",
    "expiry_date",
    "status",
)


class CatalogError(ValueError):
    """The database has no table the planner can read."""


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info([{table}])")]


def catalog_table(conn: sqlite3.Connection) -> str:
    for table in ("catalog", "courses"):
        if _columns(conn, table):
            return table
    raise CatalogError("the database has neither a `catalog` nor a `courses` table")


_ACTIVE = "(c.status IS NULL OR c.status = 'active')"


def inactive_counts(conn: sqlite3.Connection) -> Counter:
    """Listings left unread because they are expired or withdrawn, as planner reasons."""
    table = catalog_table(conn)
    if "status" not in _columns(conn, table):
        return Counter()
    sql = f"SELECT c.status, count(*) FROM [{table}] c WHERE NOT {_ACTIVE} GROUP BY c.status"
    return Counter({f"status {status}": n for status, n in conn.execute(sql)})


class ListingSource:
    """Where each planner column is read from: the listing table, its details, its score card.

    ``expr(name)`` is the SQL for a column (NULL when no table has it), ``from_sql`` the FROM
    clause with its joins; the listing table's alias is ``c``.
    """

    def __init__(self, conn: sqlite3.Connection):
        self.table = catalog_table(conn)
        present = set(_columns(conn, self.table))
        if "id" not in present:
            raise CatalogError(f"table `{self.table}` has no `id` column")
        # (alias, columns) in order of preference; the snapshot keeps credit details apart
        self.sources = [("c", present)]
        join = ""
        details = set(_columns(conn, "course_details")) if self.table == "catalog" else set()
        if "id" in details:
            self.sources.append(("d", details))
            join += " LEFT JOIN course_details d ON d.id = c.id"
        if "score" not in present | details and _columns(conn, "score_cards"):
            self.sources.append(("s", {"score"}))
            join += " LEFT JOIN score_cards s ON s.course_id = c.id"
        self.from_sql = f"[{self.table}] c{join}"
        self.has_status = "status" in present

    def expr(self, name: str) -> str:
        alias = next((alias for alias, names in self.sources if name in names), None)
        return f"{alias}.[{name}]" if alias else "NULL"


def read_listings(
    conn: sqlite3.Connection, rowids: list[int] | None = None
) -> list[dict[str, Any]]:
    """Active listings (all, or those with these rowids) as dicts of the planner's columns.

    Missing columns read as None; rows come in table order. Expired and withdrawn listings can
    never count, so they are not loaded; ``inactive_counts`` reports them.
    """
    source = ListingSource(conn)
    select = ", ".join(f"{source.expr(name)} AS [{name}]" for name in (*PLAN_COLUMNS, "score"))
    where = [_ACTIVE] if source.has_status else []
    params: tuple = ()
    if rowids is not None:
        where.append("c.rowid IN (SELECT value FROM json_each(?))")
        params = (json.dumps(rowids),)
    condition = f" WHERE {' AND '.join(where)}" if where else ""
    sql = f"SELECT {select} FROM {source.from_sql}{condition} ORDER BY c.rowid"
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]
