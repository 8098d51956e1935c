"""Criterion ``instructional_method``: does the page say how the course is taught?"""

from __future__ import annotations

import re
from datetime import date

from scoring.detectors.common import Page, Verdict, snippet

SPECIFIC = re.compile(
    r"self[- ]paced|on[- ]demand|\basynchronous|\bsynchronous|\blive[- ](?:webinar|online|session"
    r"|event|virtual|stream|class|course|broadcast|training|workshop|lecture|presentation"
    r"|interactive)|\(live\)|webinar|webcast|in[- ]person|classroom|face[- ]to[- ]face|on[- ]?site"
    r"|\bvideos?\b|home[- ]study|case stud(?:y|ies)|post[- ]?test|pre[- ]?test|workshop|lectures?\b"
    r"|hands[- ]on|simulation|virtual (?:classroom|event|session|instructor)|instructor[- ]led"
    r"|\bzoom\b|podcast|printed|correspondence|blended|hybrid",
    re.I,
)
GENERIC = re.compile(
    r"\bonline\b|\bvirtual\b|\be-?learning\b|\bweb[- ]based\b|distance learning", re.I
)
METHOD_WORDS = (
    "self",
    "demand",
    "synchronous",
    "live",
    "webinar",
    "webcast",
    "person",
    "classroom",
    "face",
    "site",
    "video",
    "home",
    "case stud",
    "test",
    "workshop",
    "lecture",
    "hands",
    "simulation",
    "virtual",
    "instructor",
    "zoom",
    "podcast",
    "print",
    "correspondence",
    "blended",
    "hybrid",
)
METHOD_HEADING = re.compile(
    r"format|delivery|method|how (?:it|you|the course)|course type|mode"
    r"|learning experience",
    re.I,
)
_BARE_LIVE = re.compile(r"\blive\b|\brecorded\b", re.I)


def detect_instructional_method(
    page: Page, provider: dict | None, market: object, today: date
) -> Verdict:
    stated = page.get("format")
    if stated:
        return Verdict("met", stated, page.source("format"), page.url)
    generic = None
    for heading, text, where in page.sections_matching(METHOD_HEADING):
        match = SPECIFIC.search(text) or _BARE_LIVE.search(text)
        if match:
            return Verdict("met", snippet(text), where, page.url, f"stated under {heading!r}")
        match = GENERIC.search(text)
        if match:
            generic = generic or (snippet(text), where)
    title = page.get("title") or ""
    match = SPECIFIC.search(title)
    if match:
        return Verdict("met", title, "text-pattern: title", page.url)
    found = page.find(SPECIFIC, gate=METHOD_WORDS)
    if found:
        where, text, match = found
        return Verdict("met", snippet(text, match), where, page.url, f"mentions {match.group(0)!r}")
    if not generic:
        found = page.find(GENERIC)
        if found:
            where, text, match = found
            generic = (snippet(text, match), where)
        elif GENERIC.search(title):
            generic = (title, "text-pattern: title")
    if generic:
        return Verdict(
            "partial",
            generic[0],
            generic[1],
            page.url,
            "only 'online': not whether live or self-paced",
        )
    return Verdict("missing", detail="no teaching method or format stated")
