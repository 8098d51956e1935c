"""Attach a provider's site-wide facts (refund policy, contact) to its listings.

A provider states its refund policy once, on a site-wide page; every listing inherits it, with
the page's URL, unless the listing states its own. Values inherited earlier follow the provider
page when it changes; a listing's own statement is never replaced.
"""

from __future__ import annotations

import sqlite3

INHERITED = {
    "refund_policy_text": "policy-page",
    "refund_policy_url": "policy-page",
    "contact_email": "policy-page",
    "contact_phone": "policy-page",
}


def attach_site_facts(conn: sqlite3.Connection, provider: str, now: str) -> int:
    """Fill listings of ``provider`` from its provider row; returns how many rows changed."""
    changed = 0
    for column, source in INHERITED.items():
        cursor = conn.execute(
            f"""
            UPDATE courses SET
              {column} = (SELECT {column} FROM providers WHERE slug = :provider),
              field_sources = json_set(coalesce(field_sources, '{{}}'), '$.{column}', :source),
              last_changed = :now
            WHERE provider = :provider
              AND (SELECT {column} FROM providers WHERE slug = :provider) IS NOT NULL
              AND ({column} IS NULL
                   OR (json_extract(field_sources, '$.{column}') = :source
                       AND {column} IS NOT (SELECT {column} FROM providers WHERE slug = :provider)))
            """,
            {"provider": provider, "source": source, "now": now},
        )
        changed += cursor.rowcount
    return changed
