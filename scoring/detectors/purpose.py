"""Criterion ``rationale``: does the page say why the course exists?"""

from __future__ import annotations

import re
from datetime import date

from .common import Page, Verdict, snippet

_COURSE = (
    r"(?:course|activity|module|program|programme|webinar|training|lesson|session|workshop"
    r"|class|series)"
)
PURPOSE_HEADING = re.compile(
    r"purpose|rationale|\bgoals?\b|\baims?\b|statement of need|needs? assessment"
    r"|why (?:take|this|it)"
    r"|practice gap",
    re.I,
)
PURPOSE_SENTENCE = re.compile(
    r"\b(?:purpose|goal|aim|intent|rationale)s? of (?:this|the|our) "
    + _COURSE
    + r"|\b(?:is|are|was|were|been) (?:specifically )?(?:designed|intended|meant|developed|created)"
    r" (?:to|for [\w\s,'-]{1,60}? to)\b"
    r"|\b(?:aims|seeks|sets out|strives) to\b"
    r"|\b" + _COURSE + r"s? (?:will |is to |can )?(?:help|helps|enable|enables|prepare|prepares"
    r"|equip|equips)\b"
    r"|\b(?:growing|urgent|critical|pressing|unmet|increasing|educational|practice|knowledge)"
    r" (?:need|gap)s?\b"
    r"|\bwhy (?:this|it) matters\b"
    r"|\b(?:our|the) (?:goal|aim|purpose|mission) (?:is|was) to\b|\bit is our (?:goal|aim) to\b",
    re.I,
)
# Why the topic matters: a need, a gap, a threat or a requirement the course answers.
NEED_SENTENCE = re.compile(
    r"\bin order to\b|\bthe need (?:for|to)\b|\b(?:bridges?|closes?|fills?|address(?:es)?) the gap"
    r"|\b(?:helps?|helping|enables?|enabling|empowers?|equips?) (?:you|participants|learners"
    r"|students|nurses|clinicians|staff|teams|organizations|healthcare)\b"
    r"|\bwill (?:help|enable|allow|empower|equip|prepare) you\b"
    r"|\b(?:require|requires|demand|demands)\b[^.]{0,50}\b(?:approach|strategy|skills?|knowledge"
    r"|training|understanding|competenc\w+)\b"
    r"|\b(?:is|are) (?:fundamental|essential|critical|crucial|vital) (?:to|for)\b"
    r"|\b(?:important|pressing|critical|global|growing|major)"
    r" (?:issue|challenge|problem|threat)s?\b"
    r"|\bthreat\b[^.]{0,60}\b(?:increas|accelerat|grow)",
    re.I,
)
PURPOSE_WORDS = (
    "purpose",
    "goal",
    "aim",
    "intent",
    "rationale",
    "designed",
    "intended",
    "meant",
    "developed",
    "created",
    "seek",
    "sets out",
    "strive",
    "help",
    "enabl",
    "prepar",
    "equip",
    "need",
    "gap",
    "matter",
    "mission",
    "in order",
    "empower",
    "allow",
    "require",
    "demand",
    "fundamental",
    "essential",
    "critical",
    "crucial",
    "vital",
    "issue",
    "challenge",
    "problem",
    "threat",
)
OVERVIEW_HEADING = re.compile(r"overview|about|description|summary|introduction|audience", re.I)
MIN_DESCRIPTION_WORDS = 10


def _beyond_title(description: str, title: str) -> str:
    """The description, or "" when it only restates the title ("Xtalks webinar: <title>")."""
    if title and title.lower() in description.lower():
        start = description.lower().index(title.lower())
        rest = description[:start] + description[start + len(title) :]
        if len(rest.split()) < 4:
            return ""
    return description


def detect_rationale(page: Page, provider: dict | None, market: object, today: date) -> Verdict:
    stated = page.get("rationale")
    if stated and len(stated.split()) >= 4:
        return Verdict("met", snippet(stated), page.source("rationale"), page.url)
    for heading, text, where in page.sections_matching(PURPOSE_HEADING):
        if len(text.split()) >= 4:
            return Verdict("met", snippet(text), where, page.url, f"under the heading {heading!r}")
    for pattern, detail in (
        (PURPOSE_SENTENCE, "a purpose sentence"),
        (NEED_SENTENCE, "states the need the course answers"),
    ):
        found = page.find(pattern, gate=PURPOSE_WORDS)
        if found:
            where, text, match = found
            return Verdict("met", snippet(text, match), where, page.url, detail)
    description = _beyond_title(page.get("description") or "", page.get("title") or "")
    if len(description.split()) >= MIN_DESCRIPTION_WORDS:
        return Verdict(
            "partial",
            snippet(description),
            "text-pattern: description",
            page.url,
            "describes the contents but does not say why the course exists",
        )
    for heading, text, where in page.sections_matching(OVERVIEW_HEADING):
        if len(text.split()) >= MIN_DESCRIPTION_WORDS:
            return Verdict("partial", snippet(text), where, page.url, f"only {heading!r}")
    audience = page.get("audience")
    if audience:
        return Verdict(
            "partial",
            snippet(audience),
            page.source("audience"),
            page.url,
            "only the audience is stated",
        )
    return Verdict("missing", detail="no purpose or description found")
