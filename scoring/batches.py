"""Score stored rows batch by batch, in worker processes when the catalog is large.

Scoring is pure CPU work on rows already read from the catalog, so batches can be scored in
parallel and written by one process in their original order: the result is identical to a serial
run (``workers=1``). Workers are forked, so they inherit the code and receive the fee statistics
and provider rows once, when they start.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from scoring.card import ScoreCard, score_listing
from scoring.criteria import CRITERION_IDS, SCORING_VERSION
from scoring.fees import Market

FEE_NUMBERS = ("fee_per_hour", "fee_median", "fee_ratio")
MAX_WORKERS = 4
# One (card row, evidence rows) pair per listing, in the column order of the score tables.
Scored = tuple[tuple, list[tuple]]


def card_row(card: ScoreCard, scored_at: str) -> tuple:
    numbers = card.verdicts["fee_reasonable"].numbers
    return (
        card.course_id,
        SCORING_VERSION,
        scored_at,
        card.score,
        card.band,
        card.unknown_share,
        *(card.verdicts[c].status for c in CRITERION_IDS),
        *(numbers.get(n) for n in FEE_NUMBERS),
    )


def evidence_rows(card: ScoreCard) -> list[tuple]:
    return [
        (card.course_id, criterion, v.status, v.snippet, v.found_in, v.url, v.detail)
        for criterion, v in card.verdicts.items()
    ]


def score_batch(
    rows: list[dict[str, Any]],
    providers: dict[str, dict[str, Any]],
    market: Market,
    today: date,
) -> list[Scored]:
    scored_at = today.isoformat()
    out = []
    for row in rows:
        card = score_listing(row, providers.get(row.get("provider")), market, today)
        out.append((card_row(card, scored_at), evidence_rows(card)))
    return out


_WORKER: dict[str, Any] = {}


def _start_worker(providers: dict, market: Market, today: date) -> None:
    _WORKER.update(providers=providers, market=market, today=today)


def _score_in_worker(rows: list[dict[str, Any]]) -> list[Scored]:
    return score_batch(rows, _WORKER["providers"], _WORKER["market"], _WORKER["today"])


def default_workers() -> int:
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


def scored_batches(
    batches: Iterable[list[dict[str, Any]]],
    providers: dict[str, dict[str, Any]],
    market: Market,
    today: date,
    workers: int = 1,
) -> Iterator[list[Scored]]:
    """The scored rows of each batch, in input order."""
    if workers <= 1:
        for rows in batches:
            yield score_batch(rows, providers, market, today)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, _start_worker, (providers, market, today)) as pool:
        window: list[list[dict[str, Any]]] = []
        for rows in batches:
            window.append(rows)
            # A bounded window keeps memory flat: only a few batches are in flight at once.
            if len(window) == 2 * workers:
                yield from pool.map(_score_in_worker, window)
                window = []
        if window:
            yield from pool.map(_score_in_worker, window)
