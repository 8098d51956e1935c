"""The score card of one listing: a verdict per criterion, a 0–100 score and a band."""

from __future__ import annotations

from datetime import date
from typing import Any

from scoring.criteria import BANDS, BY_ID, CRITERIA, SCORING_VERSION, TOTAL_WEIGHT
from scoring.detectors import DETECTORS, Page, Verdict
from scoring.fees import Market

CREDIT_FOR = {"met": 1.0, "partial": 0.5, "missing": 0.0}


def band_for(score: int | None) -> str | None:
    if score is None:
        return None
    return next(letter for letter, floor in BANDS if score >= floor)


class ScoreCard:
    """Verdicts per criterion plus the score, computed once."""

    __slots__ = ("band", "course_id", "known_weight", "score", "unknown_share", "url", "verdicts")

    def __init__(self, course_id: str | None, url: str | None, verdicts: dict[str, Verdict]):
        self.course_id = course_id
        self.url = url
        self.verdicts = verdicts
        known = earned = 0.0
        for criterion, verdict in verdicts.items():
            if verdict.status != "unknown":
                weight = BY_ID[criterion].weight
                known += weight
                earned += weight * CREDIT_FOR.get(verdict.status, 0.0)
        self.known_weight = known
        # Points earned over points that could be checked: unknown counts neither way.
        self.score: int | None = round(100 * earned / known) if known else None
        self.unknown_share = round(1 - known / TOTAL_WEIGHT, 2)
        self.band = band_for(self.score)

    def statuses(self) -> dict[str, str]:
        return {c: v.status for c, v in self.verdicts.items()}

    def to_dict(self) -> dict[str, Any]:
        return {
            "course_id": self.course_id,
            "score": self.score,
            "band": self.band,
            "unknown_share": self.unknown_share,
            "scoring_version": SCORING_VERSION,
            "criteria": {c: v.to_dict() for c, v in self.verdicts.items()},
        }


def score_listing(
    listing: dict[str, Any], provider: dict[str, Any] | None, market: Market | None, today: date
) -> ScoreCard:
    """Score one stored listing (a ``courses`` row) against the checklist.

    ``provider`` is its ``providers`` row (None when the provider's site was not read),
    ``market`` the catalog's fee statistics (``scoring.fees.build_market``), ``today`` the date
    credit validity is checked against.
    """
    page = Page(listing)
    market = market if market is not None else Market()
    verdicts = {c.id: DETECTORS[c.id](page, provider, market, today) for c in CRITERIA}
    return ScoreCard(listing.get("id"), page.url, verdicts)
