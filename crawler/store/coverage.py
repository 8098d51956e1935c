"""Field coverage per provider: how many stored listings carry each field.

The quickest check that a provider's extraction still works: a column that drops to 0% after a
site redesign shows up here before anyone misses it in the catalog.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from crawler.items import COURSE_FIELDS

# Fields every listing has by construction, and bookkeeping: not worth a column.
SKIPPED = {"id", "provider", "url", "sections", "field_sources"}
FIELDS = [name for name in COURSE_FIELDS if name not in SKIPPED]


def coverage(db_path: Path) -> dict[str, dict]:
    """provider -> {"listings": n, field: share of listings with a value} (active and expired)."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        filled = ", ".join(
            f"avg(CASE WHEN [{f}] IS NULL OR [{f}] IN ('', '[]', '{{}}') THEN 0.0 ELSE 1.0 END)"
            for f in FIELDS
        )
        rows = conn.execute(
            f"SELECT provider, count(*), {filled} FROM courses "
            "WHERE status != 'withdrawn' GROUP BY provider ORDER BY provider"
        ).fetchall()
    finally:
        conn.close()
    return {
        provider: {"listings": count, **dict(zip(FIELDS, shares, strict=True))}
        for provider, count, *shares in rows
    }


def coverage_table(report: dict[str, dict]) -> str:
    """Fields as rows, providers as columns, shares as whole percents."""
    providers = list(report)
    width = max([8, *map(len, providers)]) + 2
    lines = [f"{'field':<24}" + "".join(f"{p:>{width}}" for p in providers)]
    lines.append(
        f"{'listings':<24}" + "".join(f"{report[p]['listings']:>{width}}" for p in providers)
    )
    for field in FIELDS:
        cells = "".join(f"{round(100 * report[p][field]):>{width - 1}}%" for p in providers)
        lines.append(f"{field:<24}{cells}")
    return "\n".join(lines)
