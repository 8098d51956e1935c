"""The course classifier: weights as data, a verdict that explains itself, and its figures on
the development pages and the demo web (tests.support.classify_eval prints them)."""

from __future__ import annotations

import pytest

from crawler.extract import classify
from tests.support.classify_eval import demo_cases, dev_cases, measure


def test_every_evidence_has_a_weight() -> None:
    weights = classify.model()["weights"]
    observed = dict.fromkeys(weights, False)
    assert classify.judge(observed).contributions == ()
    assert set(weights) >= {"listing", "article", "credits", "enrol_action", "schedule"}


def test_the_verdict_names_what_counted() -> None:
    observed = dict.fromkeys(classify.model()["weights"], False)
    observed |= {"credits": True, "schedule": True, "course_words": True}
    verdict = classify.judge(observed)
    assert verdict.is_course
    assert verdict.explain().startswith("course: 0.73 because credits +2.0, schedule +1.0")


def test_an_article_about_ce_is_not_a_course() -> None:
    observed = dict.fromkeys(classify.model()["weights"], False)
    observed |= {"article": True, "credits": True, "approval": True, "objectives": True}
    assert not classify.judge(observed).is_course


@pytest.mark.parametrize("cases", [dev_cases, demo_cases], ids=["dev set", "demo web"])
def test_no_non_course_is_taken_and_no_course_missed(cases) -> None:
    figures = measure(cases())
    assert figures["pages"] >= 27
    assert (figures["false_courses"], figures["missed_courses"]) == (0, 0)


def test_the_dev_set_has_enough_of_each_kind() -> None:
    truths = [truth for *_, truth in dev_cases()]
    assert truths.count(True) >= 10 and truths.count(False) >= 15
