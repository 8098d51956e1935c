"""The score card: 0–100 from the weights, unknown handled honestly, bands, the dict shape."""

from __future__ import annotations

from datetime import date

from scoring import CRITERION_IDS, SCORING_VERSION, score_listing
from scoring.card import ScoreCard, band_for
from scoring.criteria import BANDS, BY_ID, CRITERIA, TOTAL_WEIGHT
from scoring.detectors import Verdict
from scoring.fees import MIN_COMPARABLE, REASONABLE_MULTIPLE
from tests.scoring.test_detectors import listing
from tests.support.paths import ROOT

TODAY = date(2026, 11, 25)


def card(statuses: dict[str, str]) -> ScoreCard:
    return ScoreCard("x:1", None, {c: Verdict(statuses.get(c, "missing")) for c in CRITERION_IDS})


def test_checklist_is_complete_data():
    assert [c.id for c in CRITERIA] == list(CRITERION_IDS)
    assert TOTAL_WEIGHT == 100
    assert all(c.question.endswith("?") and c.met and c.partial and c.missing for c in CRITERIA)
    assert max(CRITERIA, key=lambda c: c.weight).id == "approval_body"


def test_all_met_scores_100_and_all_missing_scores_0():
    assert card(dict.fromkeys(CRITERION_IDS, "met")).score == 100
    assert card({}).score == 0


def test_partial_counts_half():
    only = card({"credits_stated": "partial", "outcomes": "met"})
    expected = round(100 * (BY_ID["credits_stated"].weight / 2 + BY_ID["outcomes"].weight) / 100)
    assert only.score == expected


def test_unknown_is_left_out_not_counted_as_missing():
    statuses = dict.fromkeys(CRITERION_IDS, "met")
    statuses["credit_valid"] = "unknown"
    statuses["refund_policy"] = "unknown"
    scored = card(statuses)
    assert scored.score == 100
    unknown = BY_ID["credit_valid"].weight + BY_ID["refund_policy"].weight
    assert scored.unknown_share == round(unknown / TOTAL_WEIGHT, 2)


def test_everything_unknown_has_no_score():
    scored = card(dict.fromkeys(CRITERION_IDS, "unknown"))
    assert scored.score is None and scored.band is None and scored.unknown_share == 1.0


def test_bands():
    assert [band_for(s) for s in (100, 85, 84, 70, 55, 40, 39, 0)] == list("AABBCDEE")


def test_to_dict_shape_for_inspect():
    result = score_listing(
        listing(description="The purpose of this course is to help."), None, None, TODAY
    ).to_dict()
    assert set(result) >= {"score", "band", "unknown_share", "scoring_version", "criteria"}
    assert result["scoring_version"] == SCORING_VERSION
    assert list(result["criteria"]) == list(CRITERION_IDS)
    assert result["criteria"]["rationale"]["status"] == "met"
    assert set(result["criteria"]["rationale"]) >= {
        "status",
        "snippet",
        "found_in",
        "url",
        "detail",
    }


def test_scoring_is_pure_given_today():
    row = listing(expiry_date="2026-12-01")
    assert (
        score_listing(row, None, None, date(2026, 11, 30)).verdicts["credit_valid"].status == "met"
    )
    assert (
        score_listing(row, None, None, date(2026, 12, 2)).verdicts["credit_valid"].status
        == "missing"
    )


def test_bad_json_columns_do_not_crash():
    row = listing()
    row.update(objectives="not json", instructors="[1, 2", sections="{}")
    assert score_listing(row, None, None, TODAY).verdicts["outcomes"].status == "missing"


def test_readme_section_matches_the_checklist():
    text = (ROOT / "README.md").read_text()
    for criterion in CRITERIA:
        row = f"| {criterion.name} (`{criterion.id}`) | {criterion.question} | {criterion.weight} |"
        assert row in text, row
    assert f"{REASONABLE_MULTIPLE:g} times the median" in text
    assert f"fewer than {MIN_COMPARABLE} such courses" in text
    assert all(f"**{band}** {floor}" in text for band, floor in BANDS if floor)
