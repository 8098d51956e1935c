"""Course or not, from evidence: a scored model whose weights live in data/page_classifier.yml.

Every piece of evidence is a yes/no observation of the page; the verdict keeps which ones
counted and by how much, so ``ceuscout inspect`` can say "course: 0.91 because ...".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from crawler.extract.chrome import link_density
from crawler.paths import PAGE_CLASSIFIER

MIN_CARDS = 3

_ENROL = re.compile(
    r"^\s*(?:register|enrol+|sign up|add to (?:cart|basket)|buy|purchase|book|reserve|"
    r"start (?:the )?course|take (?:this|the) course|get started|claim (?:your )?seat)\b",
    re.I,
)
_SCHEDULE = re.compile(
    r"\b(?:\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)|\d{1,2}:\d{2}\b|"
    r"(?:location|venue|room|campus|classroom|session dates?|class dates?|schedule)\s*:)",
    re.I,
)
_COURSE_WORDS = re.compile(
    r"\b(?:course|class|workshop|module|webinar|seminar|training|lesson|certification review|"
    r"boot ?camp|in-service|education day|refresher|review)\b",
    re.I,
)
# A course page may print its release date ("Published Jun 1, 2025"); a post says who wrote
# it when, or how long it takes to read.
_BYLINE = re.compile(
    r"\b(?i:posted|written)(?: by [A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3})?(?: on)?\s*:?\s*"
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{4}-\d{2}-\d{2})|\b\d+ min(?:ute)?s? read\b",
)
# Headings of a site's utility pages: the organisation, its help, its shop and its policies.
_UTILITY = re.compile(
    r"^\s*(?:(?:shopping )?cart|your (?:cart|basket)|checkout|search results?|"
    r"frequently asked questions|faqs?|contact(?: us)?|(?:refund|privacy|cancellation)\b.*polic|"
    r"terms|verify|my account|dashboard|(?:\w+ )*requirements)\b",
    re.I,
)
_ABOUT = re.compile(
    r"^\s*(?:about(?: us)?|who we are|our (?:mission|story|team|history)|meet the team)\b", re.I
)


@dataclass(frozen=True)
class Verdict:
    is_course: bool
    probability: float
    contributions: tuple[tuple[str, float], ...]

    def explain(self) -> str:
        word = "course" if self.is_course else "not a course"
        parts = sorted(self.contributions, key=lambda kv: -abs(kv[1]))
        why = ", ".join(f"{name} {weight:+.1f}" for name, weight in parts) or "no evidence"
        return f"{word}: {self.probability:.2f} because {why}"


@lru_cache(maxsize=1)
def model() -> dict:
    return yaml.safe_load(PAGE_CLASSIFIER.read_text(encoding="utf-8"))


def evidence(main, main_text, heading, course, counts, listing, structured, tree) -> dict:
    """The yes/no observations the model weighs."""
    actions = [
        el.text_content()
        for el in main.xpath(".//a | .//button | .//input[@type='submit']")
        if len(el.text_content()) < 60
    ] + [el.get("value") or "" for el in main.xpath(".//input[@type='submit']")]
    published = tree.xpath(
        "//meta[@property='article:published_time' or (@property='og:type' and @content='article')]"
        " | //*[contains(@class,'byline')]"
    )
    return {
        "structured_course": structured,
        "credits": course.credit_amount is not None or bool(course.credits_raw),
        "approval": bool(course.approval_body) or course.aama_approved is True,
        "objectives": bool(course.objectives),
        "instructor": bool(course.instructors),
        "price": course.cost_class is not None,
        "schedule": bool(_SCHEDULE.search(main_text)),
        "format": bool(course.format),
        "credit_window": bool(course.expiry_date),
        "enrol_action": any(_ENROL.search(text) for text in actions),
        "course_words": bool(_COURSE_WORDS.search(heading)),
        "listing": listing,
        "repeated_cards": counts[1] >= MIN_CARDS,
        "article": bool(published) or bool(_BYLINE.search(main_text[:1500])),
        "link_dense": link_density(main, main_text) > 0.5,
        "about_page": bool(_ABOUT.search(heading)),
        "utility_page": bool(_UTILITY.search(heading)),
    }


def judge(observed: dict[str, bool]) -> Verdict:
    params = model()
    weights = params["weights"]
    contributions = tuple((name, weights[name]) for name, seen in observed.items() if seen)
    logit = params["bias"] + sum(w for _, w in contributions)
    probability = 1 / (1 + math.exp(-logit))
    return Verdict(probability >= params["threshold"], probability, contributions)
