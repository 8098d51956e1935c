"""Instructors: names with their credential suffixes ("Jane Doe, MSN, RN, CMA (AAMA)")."""

from __future__ import annotations

import re

from crawler.extract.text import clean

# Longest first so "CMA (AAMA)" wins over "CMA" and "PA-C" over "PA".
_CREDENTIAL_TEXT = """CMA (AAMA)|MLS(ASCP)|MLS (ASCP)|MT(ASCP)|MT (ASCP)|MLT(ASCP)|PA-C|
    FNP-BC|FNP-C|AGNP-C|ANP-BC|NP-C|RN-BC|OTR/L|EMT-P|CMA|RMA|CCMA|NCMA|CMAC|CMAS|CPT|CPhT|CPC|CPCO|CCS|CCS-P|CHES|
    MCHES|RHIA|RHIT|CPHQ|CPHIMS|CIC|CHC|CDCES|CDE|CCRN|CEN|CNE|CNS|CRNP|APRN|RN|LPN|LVN|BSN|MSN|DNP|
    NP|FNP|MD|DO|PA|PharmD|RPh|PhD|EdD|PsyD|DrPH|MPH|MHA|MBA|MEd|M.Ed.|MSEd|MS|MA|BS|BA|BSc|MSc|
    RD|RDN|LD|LDN|PT|DPT|OT|OTR|RRT|EMT|NREMT|MSW|LCSW|LPC|DC|DDS|DMD|RDH|ATC|CSCS|MLS|MLT|MT|CLS|
    CPT-A|NRCMA|FACP|FAAFP|FACC|FAAN|FACHE|CPHRM|CCHP|CCM|CNA|CHTS|RMA (AMT)|CMAA|CBCS|CET|CPhT|
    BCPS|MSHI|MHSA|JD|MAEd|EdS"""
CREDENTIALS = sorted(
    {c.strip() for c in _CREDENTIAL_TEXT.replace("\n", "").split("|")}, key=len, reverse=True
)
# Besides the known list, any short all-capitals token (optionally "-X" or "(BODY)") reads as a
# credential when it sits in a comma list after a name: CPMA, AE-C, CCMA (NHA), PBT (ASCP).
_SHAPE = r"[A-Z][A-Z0-9]{1,6}(?:-[A-Z]{1,3})?(?:\s?\([A-Z]{2,6}\))?"
_CRED = _SHAPE + "|" + "|".join(re.escape(c) for c in CREDENTIALS)
CREDENTIAL = re.compile(rf"(?<![\w-])(?:{_CRED})(?![\w-])")
_KNOWN = re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(c) for c in CREDENTIALS)})(?![\w-])")
_NAME_WORD = r"(?:[A-Z][a-z]+|[A-Z](?=['’]))(?:['’-]?[A-Z][a-z]+)*"  # Ann, O'Brien, McKay
_NAME = rf"(?:Dr\.[ ]+)?{_NAME_WORD}(?:[ ]+[A-Z]\.)?(?:[ ]+{_NAME_WORD}){{1,2}}"  # one line
# A name followed by at least one recognised credential, comma separated.
NAME_WITH_CREDENTIALS = re.compile(
    rf"(?P<name>{_NAME}),\s*(?P<creds>(?:{_CRED})(?:\s*,\s*(?:{_CRED}))*)(?![\w-])"
)
# Cheap pre-check: ", XY" (a comma, then a capitalised token) precedes every credential list.
_CREDENTIAL_HINT = re.compile(r",\s?[A-Z][A-Za-z]*[A-Z(]")
_JUST_A_NAME = re.compile(rf"^{_NAME}$")
_NOT_NAMES = re.compile(
    r"\b(Course|Learning|Objectives?|Credits?|Hours?|Faculty|Planner|Instructor|Author|Presenter|"
    r"Committee|Contact|Accreditation|Disclosure|Medical|Assistant|Association|Center|Education|"
    r"University|College|Department|Register|Module|Program)\b"
)


def credentials_in(text: str, known_only: bool = False) -> list[str]:
    """Credentials in a comma list; ``known_only`` for free text such as a job title."""
    rx = _KNOWN if known_only else CREDENTIAL
    return list(dict.fromkeys(m.group(0) for m in rx.finditer(text or "")))


def parse_person(text: str, suffix: str | None = None, title: str | None = None) -> dict | None:
    """One person from "Name, CRED, CRED" (or a bare name). ``suffix`` is a credential list
    (schema.org honorificSuffix); ``title`` is free text (jobTitle) where only known
    credentials count."""
    text = clean(text)
    if not text:
        return None
    name, _, rest = text.partition(",")
    name = clean(name)
    if not name or len(name) > 60 or any(ch.isdigit() for ch in name):
        return None
    creds = (
        credentials_in(rest)
        + credentials_in(suffix or "")
        + credentials_in(title or "", known_only=True)
    )
    return {"name": name, "credentials": list(dict.fromkeys(creds))}


def find_people(text: str) -> list[dict]:
    """Every "Name, CRED[, CRED...]" in running text (bios, faculty lists)."""
    people: dict[str, dict] = {}
    text = text or ""
    spans: list[list[int]] = []
    for hint in _CREDENTIAL_HINT.finditer(text):
        start, end = max(0, hint.start() - 70), hint.end() + 90
        if spans and start <= spans[-1][1]:
            spans[-1][1] = end
        else:
            spans.append([start, end])
    for m in (m for a, b in spans for m in NAME_WITH_CREDENTIALS.finditer(text, a, b)):
        name = clean(m.group("name"))
        if _NOT_NAMES.search(name) or name in people:
            continue
        people[name] = {"name": name, "credentials": credentials_in(m.group("creds"))}
    return list(people.values())


def people_from_lines(lines: list[str]) -> list[dict]:
    """People in an instructors section: credentialled names, else short lines that are names."""
    found = find_people("\n".join(lines))
    if found:
        return found
    out = []
    for line in lines:
        line = clean(line)
        if _JUST_A_NAME.match(line) and not _NOT_NAMES.search(line):
            out.append({"name": line, "credentials": []})
    return out[:10]
