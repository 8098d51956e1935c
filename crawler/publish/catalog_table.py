"""The public `catalog` table: one row per course, joined with its score card.

Pure row-building (``catalog_row``) is separate from the SQLite work (``build_catalog``) so the
credential and price rules can be tested on plain dicts. Everything here runs on the snapshot
copy, never on the live crawl database.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date
from typing import Any

import sqlite_utils

from crawler.items import credit_end
from scoring.criteria import CRITERION_IDS as CRITERIA
from scoring.planner.credentials import load_credentials

# Two criterion ids (rationale, approval_body) are also course columns, so the score card's
# statuses are published under a prefix.
CHECK_COLUMNS = tuple(f"check_{criterion}" for criterion in CRITERIA)
CARD_COLUMNS = (
    "score",
    "band",
    "unknown_share",
    "fee_median",
    "fee_ratio",
    "scoring_version",
    "scored_at",
)

# Other certifying bodies accept CE on rules a listing cannot prove (relevance, accreditor
# lists), so any course stating at least one contact hour of formal credit is shown as
# "may count" for them, never as counting.
MAY_COUNT_CREDENTIALS = (
    "RMA/CMAS (AMT) may count",
    "CCMA (NHA) may count",
    "NCMA (NCCT) may count",
    "CMAC (AMCA) may count",
)
# The CMA (AAMA) numbers come from data/credentials.yml, never from here.
_CMA = load_credentials().get("cma")
AAMA_APPROVED_LABEL = _CMA.name
AAMA_NON_APPROVED_LABEL = (
    f"{_CMA.name} may count as non-AAMA points (max {_CMA.approved.others_cap.value:g})"
)
_OTHERS_MIN_HOURS = _CMA.approved.others_min_contact_hours.value

# The list view: columns in the order the table page shows them, what a course seeker filters,
# sorts and compares on. Internal store columns (sections, field_sources, missed_runs,
# last_run_id) are absent from the snapshot altogether.
CATALOG_COLUMNS = (
    "id",
    "title",
    "provider_name",
    "score",
    "band",
    "cost_class",
    "price_amount",
    "price_currency",
    "contact_hours",
    "price_per_contact_hour",
    "certificate_fee",
    "aama_approved",
    "aama_category",
    "format",
    "counts_toward",
    "credit_valid_until",
    "status",
    "unknown_share",
    *CHECK_COLUMNS,
    "first_seen",
    "url",
)
# Everything else about a course lives in `course_details`, row for row (same rowid) with
# `catalog`; search indexes it. Keeping long texts and secondary facts out of `catalog` keeps
# its rows small and its pages light: a facet over a filtered view reads every matching row,
# and the table page renders every column of every row shown.
DETAIL_COLUMNS = (
    "title",
    "provider_name",
    "provider",
    "instructors",
    "objectives",
    "description",
    "rationale",
    "audience",
    "credits_raw",
    "credit_amount",
    "credit_unit",
    "aama_points",
    "approval_body",
    "approval_number",
    "approval_valid_through",
    "approval_evidence",
    "price_raw",
    "refund_policy_text",
    "refund_policy_url",
    "release_date",
    "expiry_date",
    "contact_email",
    "contact_phone",
    "last_seen",
    "last_changed",
    "fee_median",
    "fee_ratio",
    "scoring_version",
    "scored_at",
)

NUMERIC_COLUMNS = {
    "score": int,
    "price_amount": float,
    "contact_hours": float,
    "price_per_contact_hour": float,
    "aama_points": float,
    "credit_amount": float,
    "certificate_fee": float,
    "unknown_share": float,
    "fee_median": float,
    "fee_ratio": float,
}

FTS_COLUMNS = ("title", "description", "objectives", "provider_name", "instructors")
INDEXED_COLUMNS = (
    "provider_name",
    "cost_class",
    "aama_approved",
    "aama_category",
    "format",
    "band",
    "status",
    "score",
    "price_amount",
    "contact_hours",
    "price_per_contact_hour",
    "credit_valid_until",
    "first_seen",
    "counts_toward",
    *CHECK_COLUMNS,
)


def _json_list(raw: Any) -> list:
    if isinstance(raw, list):
        return raw
    if not raw:
        return []
    try:
        value = json.loads(raw)
    except (TypeError, ValueError):
        return [str(raw)]
    return value if isinstance(value, list) else [value]


def instructors_text(raw: Any) -> str | None:
    """'Ana Ruiz (RN, BSN); Li Chen' from the stored JSON list of instructors."""
    names = []
    for person in _json_list(raw):
        if isinstance(person, dict):
            name = str(person.get("name") or "").strip()
            creds = [str(c) for c in person.get("credentials") or [] if c]
            if name:
                names.append(f"{name} ({', '.join(creds)})" if creds else name)
        elif person:
            names.append(str(person))
    return "; ".join(names) or None


def objectives_text(raw: Any) -> str | None:
    items = [str(item).strip() for item in _json_list(raw) if str(item).strip()]
    return "\n".join(f"• {item}" for item in items) or None


def price_per_contact_hour(row: dict[str, Any]) -> float | None:
    """Registration price divided by contact hours; free courses cost 0 an hour."""
    hours = row.get("contact_hours")
    if not hours or hours <= 0:
        return None
    if row.get("cost_class") == "free":
        return 0.0
    price = row.get("price_amount")
    if price is None:
        return None
    return round(price / hours, 2)


def credit_valid_until(row: dict[str, Any]) -> str | None:
    return credit_end(row)


def counts_toward(row: dict[str, Any], today: str) -> list[str]:
    """Credentials the course counts (or may count) toward, honestly labelled.

    Only an AAMA-approved course is shown as counting for the CMA (AAMA). A course that states
    formal credit of at least one contact hour "may count" as non-AAMA points and for the
    other bodies. Withdrawn, expired or past-validity courses count toward nothing.
    """
    if row.get("status") not in (None, "active"):
        return []
    valid_until = credit_valid_until(row)
    if valid_until and valid_until < today:
        return []
    hours = row.get("contact_hours") or 0
    formal_credit = row.get("credit_amount") is not None and hours >= _OTHERS_MIN_HOURS
    labels = []
    if row.get("aama_approved"):
        labels.append(AAMA_APPROVED_LABEL)
    elif formal_credit:
        labels.append(AAMA_NON_APPROVED_LABEL)
    if formal_credit:
        labels.extend(MAY_COUNT_CREDENTIALS)
    return labels


def catalog_row(course: dict[str, Any], card: dict[str, Any] | None, today: str) -> dict:
    """One public row (catalog and course_details columns) from a stored course and its card."""
    card = card or {}
    row = {name: course.get(name) for name in CATALOG_COLUMNS + DETAIL_COLUMNS}
    row.update({name: card.get(name) for name in CARD_COLUMNS})
    row.update({f"check_{c}": card.get(c) for c in CRITERIA})
    row["instructors"] = instructors_text(course.get("instructors"))
    row["objectives"] = objectives_text(course.get("objectives"))
    approved = course.get("aama_approved")
    row["aama_approved"] = None if approved is None else ("yes" if approved else "no")
    row["price_per_contact_hour"] = price_per_contact_hour(course)
    row["credit_valid_until"] = credit_valid_until(course)
    row["counts_toward"] = "; ".join(counts_toward(course, today)) or None
    return row


def _typed(columns: tuple[str, ...]) -> dict[str, type]:
    return {name: NUMERIC_COLUMNS.get(name, str) for name in columns}


def _table_names(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}


def _dict_rows(conn: sqlite3.Connection, sql: str) -> Iterator[dict[str, Any]]:
    cursor = conn.execute(sql)
    names = [d[0] for d in cursor.description]
    for values in cursor:
        yield dict(zip(names, values, strict=True))


def build_catalog(db: sqlite_utils.Database, today: str | None = None) -> int:
    """Create `catalog` and `course_details` (searchable, indexed) in ``db``; return the count."""
    today = today or date.today().isoformat()
    conn = db.conn
    cards: dict[str, dict[str, Any]] = {}
    if "score_cards" in _table_names(conn):
        cards = {c["course_id"]: c for c in _dict_rows(conn, "select * from score_cards")}
    catalog, details = db["catalog"], db["course_details"]
    catalog.create(_typed(CATALOG_COLUMNS), pk="id", not_null={"title"})
    details.create({"id": str, **_typed(DETAIL_COLUMNS)}, pk="id")
    text_insert = (
        f"insert into course_details (rowid, id, {', '.join(DETAIL_COLUMNS)}) values "
        f"((select rowid from catalog where id = ?), ?, {', '.join('?' for _ in DETAIL_COLUMNS)})"
    )
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        catalog.insert_all(
            ({n: r[n] for n in CATALOG_COLUMNS} for r in batch), batch_size=len(batch) or 1
        )
        conn.executemany(
            text_insert, [(r["id"], r["id"], *(r[n] for n in DETAIL_COLUMNS)) for r in batch]
        )
        batch.clear()

    for course in _dict_rows(conn, "select * from courses order by id"):
        batch.append(catalog_row(course, cards.get(course["id"]), today))
        if len(batch) >= 1000:
            flush()
    flush()
    details.enable_fts(list(FTS_COLUMNS), create_triggers=True, tokenize="porter")
    for column in INDEXED_COLUMNS:
        catalog.create_index([column], if_not_exists=True)
    # The default sort (best score first) and the commonest filter (free + AAMA-approved).
    catalog.create_index(["score", "id"], if_not_exists=True)
    catalog.create_index(["cost_class", "aama_approved"], if_not_exists=True)
    return catalog.count
