"""Criterion ``instructor_credentials``: is an instructor named, with credentials?"""

from __future__ import annotations

import re
from datetime import date

from scoring.detectors.common import Page, Verdict, snippet

# Abbreviations that are only credentials when written after a name ("Jane Doe, RN, MSN").
SUFFIX_CREDENTIALS = (
    r"RN|LPN|LVN|BSN|MSN|DNP|APRN|NP|FNP(?:-BC|-C)?|CNM|CRNA|CNS|CCRN|MD|DO|PA-C|PA|PharmD|RPh"
    r"|CPhT|PhD|Ph\.D\.|EdD|DrPH|MPH|MHA|MBA|MSc|MS|MA|MEd|BSc|BS|BA|M\.D\.|R\.N\."
    r"|CMA(?: \(AAMA\))?|RMA(?: \(AMT\))?|CCMA|NCMA|CMAC|CMAS|CPC|CCS|RHIA|RHIT|CPT|CEHRS|CBCS"
    r"|CMAA|DPT|PT|OTR/L|OTR|RDN|RD|LCSW|LPC|CHES|CIC|CDCES|CDE|FACP|FAAN|FACEP|FAAFP|MSW|JD"
    r"|DDS|DMD|DPM|RRT|MLS|BCPS|CEN|CNE|CPHQ|CHC|CPCO"
)
CREDENTIAL_AFTER_NAME = re.compile(
    r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]*){0,3},\s*(?:" + SUFFIX_CREDENTIALS + r")(?![\w-])"
)
# In running text a credential must follow a first and last name, and not be a state before a
# ZIP code ("Silver Spring, MD 20910"); place sections are not searched at all.
NAME_WITH_CREDENTIAL = re.compile(
    r"\b[A-Z][a-z'’-]+(?: [A-Z]\.)?(?: [A-Z][\w'’-]+){1,2},\s*(?:"
    + SUFFIX_CREDENTIALS
    + r")(?![\w-])(?!\s*\d{5})"
)
PLACE_HEADING = re.compile(r"location|address|venue|where|contact|directions", re.I)
# Credentials that are unambiguous anywhere in a bio paragraph: abbreviations keep their case
# ("md" inside a word is no MD), phrases may be written in any case.
BIO_ABBREVIATIONS = re.compile(
    r"\b(?:RN|BSN|MSN|DNP|APRN|FNP|MD|PharmD|PhD|EdD|DrPH|MPH|CCMA|NCMA|CMAC|RHIA|RHIT)\b"
    r"|\bCMA \(AAMA\)|\bRMA \(AMT\)|\bPh\.D\.|\bM\.D\.|\bDr\.? [A-Z]"
)
BIO_PHRASES = re.compile(
    r"\b(?:registered|licensed practical|licensed vocational) nurse"
    r"|\bnurse (?:practitioner|educator)"
    r"|\b(?:certified|registered) medical assistant|\bphysician\b|\bpharmacist\b|\bpodiatrist\b"
    r"|\bboard[- ]certified\b|\bprofessor\b|\bdoctorate\b|\bmaster(?:'s|’s)? degree\b"
    r"|\bcertified (?:coder|professional coder|phlebotomy technician|nursing)",
    re.I,
)
FACULTY_HEADING = re.compile(
    r"faculty|instructor|author|presenter|speaker|planner|teacher|trainer|educator|meet your"
    r"|taught by|about the (?:author|instructor|presenter|speaker)|lecturer|expert",
    re.I,
)
NAMED_IN_TEXT = re.compile(
    r"\b(?i:instructor|presented by|taught by|written by|authored by|author|presenter|speaker"
    r"|faculty|lecturer|led by|hosted by|moderated by)s?\s*:?\s+"
    # an optional role before the name: "led by serial entrepreneurs Bill Aulet"
    r"(?:[a-z-]+ ){0,3}(?:Dr\.? )?[A-Z][a-z]+(?: [A-Z][\w'’.-]+){1,3}"
)
TITLED_NAME = re.compile(
    r"\b(?:Professor|Prof\.|Dr\.?)(?: of the Practice| of [A-Z][a-z]+)?\s+[A-Z][a-z]+(?: [A-Z]\.)?"
    r" [A-Z][\w'’-]+"
)


# An academic or professional title written before a name, as Spanish- and Portuguese-language
# catalogs do ("Psic.", "Lic.", "Ing.", "Mtra.", "Dra.") and English ones with "Dr."/"Prof.".
TITLE_BEFORE_NAME = re.compile(
    r"^\s*(?:Dr|Dra|Prof|Profa|Professor|Psic|Lic|Licda?|Ing|Mtr[oa]|Arq|Enf|Q\.?F\.?B)\.?\s+[A-ZÁÉÍÓÚÑ]"
)


def _bio_credential(text: str) -> re.Match[str] | None:
    return BIO_ABBREVIATIONS.search(text) or BIO_PHRASES.search(text)


def _credentials_of(person: dict) -> list[str]:
    creds = person.get("credentials") or []
    if isinstance(creds, str):
        creds = [c.strip() for c in creds.split(",") if c.strip()]
    return [str(c) for c in creds if str(c).strip()]


def detect_instructor_credentials(
    page: Page, provider: dict | None, market: object, today: date
) -> Verdict:
    named = [p for p in page.instructors if str(p.get("name") or "").strip()]
    for person in named:
        creds = _credentials_of(person)
        name = str(person["name"]).strip()
        if creds:
            return Verdict(
                "met", f"{name}, {', '.join(creds)}", page.source("instructors"), page.url
            )
        match = (
            CREDENTIAL_AFTER_NAME.search(name)
            or TITLE_BEFORE_NAME.search(name)
            or _bio_credential(person.get("bio") or "")
        )
        if match:
            return Verdict("met", snippet(name), page.source("instructors"), page.url)
    faculty_named = None
    for heading, text, where in page.sections_matching(FACULTY_HEADING):
        match = CREDENTIAL_AFTER_NAME.search(text) or _bio_credential(text)
        if match:
            return Verdict(
                "met", snippet(text, match), where, page.url, f"credential found under {heading!r}"
            )
        if re.search(r"[A-Z][a-z]+ [A-Z]", text):
            faculty_named = faculty_named or (text, where)
    found = page.find(NAMED_IN_TEXT)
    if found:
        where, text, match = found
        window = text[match.start() : match.end() + 120]
        if NAME_WITH_CREDENTIAL.search(window) or _bio_credential(window):
            return Verdict("met", snippet(text, match), where, page.url)
    for pattern, detail in (
        (NAME_WITH_CREDENTIAL, "credential after a name"),
        (TITLED_NAME, "a named professor or doctor"),
    ):
        found_titled = page.find(pattern, skip=PLACE_HEADING)
        if found_titled:
            where, text, match = found_titled
            return Verdict("met", snippet(text, match), where, page.url, detail)
    if named:
        names = ", ".join(str(p["name"]).strip() for p in named)
        return Verdict(
            "partial",
            snippet(names),
            page.source("instructors"),
            page.url,
            "instructor named without credentials",
        )
    if faculty_named:
        text, where = faculty_named
        return Verdict(
            "partial", snippet(text), where, page.url, "instructor named without credentials"
        )
    if found:
        where, text, match = found
        return Verdict(
            "partial", snippet(text, match), where, page.url, "instructor named without credentials"
        )
    return Verdict("missing", detail="no instructor or author named")
