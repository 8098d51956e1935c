"""Score one listing that may not be stored yet, as ``ceuscout inspect`` shows it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from scoring.card import score_listing
from scoring.store import load_market, load_providers, open_db


def score_single(
    listing: dict[str, Any], provider_slug: str, db_path: str | Path | None, today: date
) -> dict[str, Any]:
    """The score card (``ScoreCard.to_dict()``) of one ``courses``-shaped row.

    With a catalog at ``db_path`` the provider's stored row (refund policy, contact) and the
    catalog's fee statistics are used; without one the provider's site counts as not read and
    the fee cannot be compared (``unknown``).
    """
    provider = market = None
    if db_path is not None:
        db = open_db(db_path)
        provider = load_providers(db).get(provider_slug)
        market = load_market(db)
    return score_listing(listing, provider, market, today).to_dict()
