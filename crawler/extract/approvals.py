"""Approval and accreditation statements: body, number, valid-through date, evidence.

``aama_approved`` is True only when a sentence states AAMA approval of this course; a provider
name, an "approved provider" boast about another body, or "not approved by the AAMA" / "may count
as non-AAMA" never make it True.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.bodies import abbreviations, approving_bodies
from crawler.dates import find_dates
from crawler.extract.text import clean, keyword_windows, sentences

_BODY_RX = tuple((body.name, re.compile(body.regex)) for body in approving_bodies())
_APPROVAL_VERB = re.compile(
    r"\bapprov\w*|\baccredit\w*|\brecogni[sz]ed\b|\bgranted\b|\bawarded\b|\bcertified\b|"
    r"\bdesignates?\b|\bprovider (?:number|#|no)|\bis an? (?:approved|accredited) provider",
    re.I,
)
_NEGATED = re.compile(
    r"\bnot (?:been |yet )?(?:be(?:en)? )?(?:approv|accredit|eligible)|\bnon-?\s?AAMA\b|"
    r"\bno (?:AAMA )?"
    r"(?:approval|accreditation)\b|\bnot an? (?:AAMA[- ])?(?:approved|accredited)|"
    r"\bisn[’']t (?:approv|accredit)|"
    r"\bpending\b|\bnot (?:been |yet )?submitted\b|\bcontact hours only\b|\bhas applied\b|"
    r"\bapplied for\b|\bnot (?:AAMA[- ])?approved\b",
    re.I,
)
_AAMA_COURSE_APPROVAL = re.compile(
    r"approved (?:by|through) (?:the )?(?:AAMA|American Association of Medical Assistants)|"
    r"approved for [\d.]+ (?:AAMA )?(?:CEUs?|continuing education units?)|AAMA[- ]approved|"
    r"(?:AAMA|American Association of Medical Assistants) (?:has )?(?:approved|granted)|"
    r"approved [\w\s]{0,30}AAMA CEU|AAMA (?:approval|course) (?:number|#|no)|"
    r"granted [\d.]+ AAMA CEU",
    re.I,
)
_PROVIDER_ONLY = re.compile(
    r"\b(?:we are|is) an? (?:AAMA[- ])?approved (?:ceu |ce )?provider\b", re.I
)
_NUMBER = re.compile(
    rf"\b(?:approval|course|activity|program|provider|{abbreviations()}|CE|UAN|universal activity)"
    r"\s*(?:approval\s*)?(?:#|no\.?|number|ID|code)\s*(?:is\s*)?[:\-]?\s*(?P<num>[A-Z0-9][A-Z0-9-]{2,30})\b",
    re.I,
)
_VALID = re.compile(
    r"\b(?:valid|expires?|expiration|through|until|thru|approved through|ends?)\b", re.I
)


# Cheap pre-check before the regex: every approval verb contains one of these.
_VERB_KEYS = (
    "approv",
    "accredit",
    "recogni",
    "granted",
    "awarded",
    "certified",
    "designat",
    "provider",
)


@dataclass
class Approval:
    body: str | None
    number: str | None
    valid_through: str | None
    evidence: str
    aama_approved: bool | None


def _bodies(sentence: str) -> list[str]:
    return [name for name, rx in _BODY_RX if rx.search(sentence)]


def _valid_through(sentence: str) -> str | None:
    for position, value in find_dates(sentence):
        if _VALID.search(sentence[max(0, position - 40) : position]):
            return value
    return None


def _number(sentence: str) -> str | None:
    m = _NUMBER.search(sentence)
    return m.group("num") if m and any(ch.isdigit() for ch in m.group("num")) else None


def find_approval(text: str) -> Approval | None:
    """The strongest approval statement in ``text``: an AAMA course approval, else the first
    statement naming a body with an approval word, else an explicit AAMA negation."""
    negation = None
    candidates = []
    text = "\n".join(keyword_windows(text or "", _VERB_KEYS, whole_lines=True))
    all_sentences = [clean(s) for s in sentences(text)]
    for index, sentence in enumerate(all_sentences):
        low = sentence.lower()
        if len(sentence) > 600 or not any(k in low for k in _VERB_KEYS):
            continue
        if not _APPROVAL_VERB.search(sentence):
            continue
        bodies = _bodies(sentence)
        if _NEGATED.search(sentence):
            if "AAMA" in bodies and negation is None:
                negation = Approval(None, None, None, sentence, False)
            continue
        if bodies:
            following = " ".join(all_sentences[index + 1 : index + 3])
            candidates.append((sentence, bodies, following))
    aama = [
        _approval("AAMA", sentence, following, True)
        for sentence, bodies, following in candidates
        if "AAMA" in bodies
        and _AAMA_COURSE_APPROVAL.search(sentence)
        and not _PROVIDER_ONLY.search(sentence)
    ]
    if aama:  # the fullest statement: the one that also names the number and the date
        return max(aama, key=_fullness)
    for sentence, bodies, following in candidates:
        body = next((b for b in bodies if b != "AAMA"), bodies[0])
        return _approval(body, sentence, following, None)
    return negation


def _fullness(approval: Approval) -> int:
    """How much the approval sentence itself states (number and date count double)."""
    own = 2 * (_number(approval.evidence) is not None) + 2 * (
        _valid_through(approval.evidence) is not None
    )
    return own + (approval.number is not None) + (approval.valid_through is not None)


def _approval(body: str, sentence: str, following: str, aama: bool | None) -> Approval:
    # The next sentence often carries the number and date ("AAMA course #1234, valid through").
    related = bool(re.search(rf"approv|{re.escape(body)}", following, re.I))
    numbered = related or bool(re.search(r"#|\bprovider (?:number|no)", following, re.I))
    number = _number(sentence) or (_number(following) if numbered else None)
    valid = _valid_through(sentence) or (_valid_through(following) if related else None)
    return Approval(body, number, valid, sentence, aama)
