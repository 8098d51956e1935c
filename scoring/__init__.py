"""Pure course-quality scoring: the checklist, its detectors, fee statistics and score cards.

Nothing here imports Scrapy or reads the clock; ``today`` is always a parameter.
"""

from scoring.card import ScoreCard, score_listing
from scoring.criteria import CRITERIA, CRITERION_IDS, SCORING_VERSION
from scoring.fees import Market, build_market

__all__ = [
    "CRITERIA",
    "CRITERION_IDS",
    "SCORING_VERSION",
    "Market",
    "ScoreCard",
    "build_market",
    "score_listing",
]
