"""Criterion ``outcomes``: does the page list what the learner will be able to do?"""

from __future__ import annotations

import re
from datetime import date

from .common import Page, Verdict, snippet

OUTCOME_HEADING = re.compile(
    r"objective|outcome|you will learn|you'll learn|what you will|will be able|learn to|takeaway"
    r"|competenc|key learning|skills you|by the end|upon completion|after completing"
    r"|what you.?ll (?:learn|gain|be able)",
    re.I,
)
LEAD_IN = re.compile(
    r"(?:will|should|shall) be (?:able|comfortable|prepared|ready) to"
    r"|(?:by the end of|upon (?:successful )?completion of|after (?:completing|taking|attending"
    r"|finishing)) (?:this|the) \w+[^.:]{0,40}?\b(?:will|should|can)\b"
    r"|(?:participants|learners|attendees|you|students|nurses) will (?:learn|be able)"
    r" (?:to|how to)?"
    r"|you(?:'ll|’ll| will) learn"
    r"|learning (?:objectives|outcomes)",
    re.I,
)
LEAD_IN_WORDS = ("able", "ready", "prepared", "learn", "end of", "upon", "after", "comfortable")
# Verbs that start a measurable learning outcome ("Describe…", "Perform…").
_VERBS = """
describe identify explain list define discuss demonstrate apply recognize recognise recall
state compare contrast differentiate distinguish perform calculate interpret implement
evaluate assess analyze analyse summarize summarise use utilize outline name classify select
prepare document measure administer obtain record communicate educate counsel plan develop
create design construct solve practice practise verify choose determine examine understand
interact import explore read write build manage lead navigate leverage discover conduct
review report respond protect prevent reduce integrate formulate propose prioritize
prioritise locate collect code bill schedule maintain organize organise operate handle
distinguish estimate predict relate select translate detect screen teach instruct support
address provide take recommend monitor manage promote execute adopt articulate employ
appreciate know ask isolate arrange assemble calibrate cite clarify collaborate combine
compile complete compose compute convert correct critique deliver diagnose discriminate
dispose draw edit enumerate express facilitate find follow illustrate indicate infer inform
initiate inspect install interview judge justify label link match modify notify order place
position present process produce rank rate reconcile refer register remove repeat replace
resolve restate revise show sketch sort specify stabilize submit sterilize triage test track
transcribe update file chart greet coach escalate set plot
"""
ACTION_VERBS = frozenset(_VERBS.split())
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦]|\d+[.)]|[a-z][.)])\s*")
_SPLIT = re.compile(r"\n+|;\s*|\s+[•·▪]\s+|\s\*\s|(?<=[.:])\s+(?=\d+[.)]\s)")
_PREFIX = re.compile(r"^(?:(?:be able to|to|and|will|can|you can|you will)\s+)+", re.I)
# Each "will be able to <verb>" / "learn how to <verb>" in running prose is one outcome.
PROSE_OUTCOMES = (
    re.compile(r"\b(?:be able to|learn (?:how )?to|be prepared to)\s+(\w+)", re.I),
    re.compile(r"\b(?:you|participants|learners|students|attendees) will\s+(\w+)", re.I),
)
# A promise addressed to the learner without a list of outcomes.
PROMISE = re.compile(
    r"\b(?:you|participants|learners|students|attendees)(?:'ll|’ll| will) (?:learn|gain|discover"
    r"|understand|explore|master|be guided)\b|(?:^|[.!?]\s+)(?:Learn|Gain|Discover|Explore|Master)"
    r" (?:how|the|a|an|what|about|key|to)\b",
)
_VAGUE = re.compile(
    r"\b(?:gain insights?|learn (?:the latest|more|about)|boost|best[- ]selling"
    r"|discover the secrets|take your career)\b",
    re.I,
)


def is_action(item: str) -> bool:
    words = _PREFIX.sub("", _BULLET.sub("", item).strip()).split()
    if not words or _VAGUE.search(item):
        return False
    return is_verb(words[0])


def is_verb(word: str) -> bool:
    word = re.sub(r"[^a-z]", "", word.lower())
    stems = {word, word[:-1] if word.endswith("s") else word}
    if word.endswith("ing"):
        stems |= {word[:-3], word[:-3] + "e"}
    return bool(stems & ACTION_VERBS)


def split_items(text: str) -> list[str]:
    return [p.strip() for p in _SPLIT.split(text) if p and len(p.strip()) > 3]


def _judge(items: list[str], where: str, url: str | None, quote: str) -> Verdict:
    actions = [i for i in items if is_action(i)]
    if len(actions) >= 2:
        return Verdict("met", snippet(quote), where, url, f"{len(actions)} outcomes stated")
    if actions:
        return Verdict("partial", snippet(quote), where, url, "only one outcome stated")
    return Verdict(
        "partial",
        snippet(quote),
        where,
        url,
        "outcomes mentioned, but not as things the learner will do",
    )


def _prose_outcomes(page: Page) -> list[tuple[str, str, re.Match[str]]]:
    """Each distinct "be able to <verb>" / "you will <verb>" in the text, with an action verb."""
    found = {}
    for where, text in page.texts():
        for pattern in PROSE_OUTCOMES:
            for match in pattern.finditer(text):
                if is_verb(match.group(1)):
                    found.setdefault((where, match.start(1)), (where, text, match))
    return [found[key] for key in sorted(found)]


def detect_outcomes(page: Page, provider: dict | None, market: object, today: date) -> Verdict:
    if page.objectives:
        verdict = _judge(
            page.objectives, page.source("objectives"), page.url, "; ".join(page.objectives)
        )
        if verdict.status == "met":
            return verdict
    candidates = []
    for _heading, text, where in page.sections_matching(OUTCOME_HEADING):
        candidates.append((split_items(text), where, text))
    found = page.find(LEAD_IN, gate=LEAD_IN_WORDS)
    if found:
        where, text, match = found
        tail = text[match.end() :]
        candidates.append((split_items(tail)[:15], where, text[match.start() :]))
    best = None
    for items, where, quote in candidates:
        verdict = _judge(items, where, page.url, quote)
        if verdict.status == "met":
            return verdict
        best = best or verdict
    prose = _prose_outcomes(page)
    if len(prose) >= 2:
        where, text, match = prose[0]
        return Verdict(
            "met",
            snippet(text, match),
            where,
            page.url,
            f"{len(prose)} outcomes stated in the text",
        )
    if page.objectives:
        return _judge(
            page.objectives, page.source("objectives"), page.url, "; ".join(page.objectives)
        )
    if best:
        return best
    if prose:
        where, text, match = prose[0]
        return Verdict("partial", snippet(text, match), where, page.url, "only one outcome stated")
    found = page.find(PROMISE)
    if found:
        where, text, match = found
        return Verdict(
            "partial",
            snippet(text, match),
            where,
            page.url,
            "a promise to the learner, not a list of outcomes",
        )
    return Verdict("missing", detail="no learning outcomes found")
