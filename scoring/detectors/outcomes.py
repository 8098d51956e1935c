"""Criterion ``outcomes``: does the page list what the learner will be able to do?"""

from __future__ import annotations

import re
from datetime import date

from scoring.detectors.common import Page, Verdict, snippet

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
interact import read write build manage lead navigate leverage conduct
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
structure model simulate visualize visualise program debug deploy configure optimize optimise
troubleshoot negotiate train tune adapt customize automate query map diagram draft forecast
quantify graph synthesize synthesise categorize categorise characterize characterise appraise
hypothesize argue defend delegate motivate persuade coordinate supervise mentor advocate
"""
# The same outcome verbs as Spanish and Portuguese infinitives (accents dropped, as in is_verb).
_VERBS_ES_PT = """
identificar describir descrever explicar analizar analisar aplicar reconocer reconhecer
comprender compreender diferenciar distinguir evaluar avaliar utilizar usar desarrollar
desenvolver disenar projetar implementar calcular interpretar relacionar comparar medir resolver
elaborar construir crear criar gestionar gerenciar planificar planejar comunicar manejar
controlar realizar demostrar demonstrar definir clasificar classificar estimar integrar producir
produzir programar aplicar seleccionar selecionar prevenir detectar diagnosticar ejecutar executar
"""
ACTION_VERBS = frozenset(_VERBS.split()) | frozenset(_VERBS_ES_PT.split())
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦]|\d+[.)]|[a-z][.)])\s*")
_SPLIT = re.compile(r"\n+|;\s*|\s+[•·▪]\s+|\s\*\s|(?<=[.:])\s+(?=\d+[.)]\s)")
_PREFIX = re.compile(r"^(?:(?:be able to|to|and|will|can|you can|you will)\s+)+", re.I)
# Each "will be able to <verb>" / "learn how to <verb>" in running prose is one outcome.
_LEARNER = r"(?:you|participants|learners|students|attendees)"
PROSE_OUTCOMES = (
    re.compile(r"\b(?:be able to|learn (?:how )?to|be prepared to)\s+(\w+)", re.I),
    re.compile(
        r"\b" + _LEARNER + r" will\s+(?:also\s+|then\s+|furthermore\s+|further\s+|first\s+)?(\w+)",
        re.I,
    ),
    re.compile(
        r"\b(?:teach|show)(?:es)? (?:you|participants|learners|students) (?:how )?to\s+(\w+)", re.I
    ),
    re.compile(r"\b(?:participants|learners|students|attendees) can\s+(\w+)", re.I),
    # Spanish / Portuguese: "aprenderás a", "serás capaz de", "podrás", "te permitirá".
    re.compile(
        r"\b(?:aprend(?:e|a|er|erás|erá|erán|erão) a|capa(?:z|ces) de|podr(?:ás|á|án)"
        r"|poder(?:ás|á|ão)|(?:te|le|les|lhe|lhes) (?:permitirá|ayudará|ajudará) a?)\s*(\w+)",
        re.I,
    ),
)
# A sentence that starts with an action verb ("Implement the key skills… Adopt techniques…"):
# an outcome list flattened into prose.
IMPERATIVE = re.compile(r"(?:^|(?<=[.!?:])\s*)([A-Z][a-z]+)\b(?! (?:is|are|was|were)\b)")
# A list of abilities after one lead: "learn to X, recognise Y, and manage Z" is three outcomes.
_LIST_LEAD = re.compile(
    r"\blearn\s+(?!about\b|more\b|what\b|how\b|why\b|when\b|which\b|who\b|whether\b|from\b"
    r"|the latest\b)\w+",
    re.I,
)
_NEXT_IN_LIST = re.compile(
    r",\s*(?:and\s+|or\s+|y\s+|e\s+|as well as\s+|así como\s+|assim como\s+)?"
    r"(?:to\s+|a\s+|how to\s+)?(\w+)"
)
# Bullets anywhere in the text: "•" wherever it stands, "-", "*" or "1." at the start of a line.
_BULLETED = re.compile(r"\s*[•▪◦]\s*|\n\s*(?:[-*]|\d+[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?\n]")
# A promise addressed to the learner without a list of outcomes.
PROMISE = re.compile(
    r"\b(?:you|participants|learners|students|attendees)(?:'ll|’ll| will) (?:learn|gain|discover"
    r"|understand|explore|master|be guided)\b|(?:^|[.!?]\s+)(?:Learn|Gain|Discover|Explore|Master)"
    r" (?!more\b)\w+"
    r"|\b(?i:you|participants|learners|students|attendees)\b[^.]{0,60}? will (?:also )?"
    r"(?:learn|gain|discover)\b"
    r"|\b(?i:you|participants|learners|students|attendees) (?:gain|develop|acquire|build)"
    r" (?:a |an )?(?:[\w-]+ )?(?i:understanding|knowledge|insights?|appreciation|awareness)\b"
    r"|\b(?:we|you)(?:'ll|’ll| will) (?:explore|examine|learn)\b"
    r"|\b(?:aprender(?:ás|á|án|ão)|vai aprender|vas a aprender|conocer(?:ás|á)|descubrir(?:ás|á)"
    r"|obtendr(?:ás|á)|adquirir(?:ás|á)|entender(?:ás|á)|sabr(?:ás|á)|saiba como)\b"
    r"|(?:^|[.!?]\s+)(?:Aprende|Aprenda|Conoce|Conheça|Descubre|Descubra)\b"
    # Spanish second-person future ("revisarás", "conocerás"): a promise to the learner
    r"|\b\w{3,}(?:arás|erás|irás)\b"
    r"|\b(?i:leave|come away|walk away) (?:\w+ ){0,2}(?:with|armed with)\b"
    r"|\bgive you (?:a |an )?(?:[\w-]+ ){0,2}understanding\b",
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
    """Each distinct outcome stated in prose: "be able to <verb>", "you will <verb>", and each
    further action listed after such a lead or after "learn <something>"."""
    found = {}
    for where, text in page.texts():
        for pattern in PROSE_OUTCOMES:
            for match in pattern.finditer(text):
                if is_verb(match.group(1)):
                    found.setdefault((where, match.start(1)), (where, text, match))
                for item in _listed_after(text, match.end()):
                    found.setdefault((where, item.start(1)), (where, text, item))
        imperatives = [
            m
            for m in IMPERATIVE.finditer(text)
            if is_verb(m.group(1)) and not m.group(1).endswith(("s", "ing", "ed"))
        ]
        if len(imperatives) >= 2:
            for match in imperatives:
                found.setdefault((where, match.start(1)), (where, text, match))
        for match in _LIST_LEAD.finditer(text):
            listed = _listed_after(text, match.end())
            if listed:
                found.setdefault((where, match.start()), (where, text, match))
            for item in listed:
                found.setdefault((where, item.start(1)), (where, text, item))
    return [found[key] for key in sorted(found)]


def _listed_after(text: str, start: int) -> list[re.Match[str]]:
    """The actions listed after a lead, comma by comma, to the end of its sentence."""
    end = _SENTENCE_END.search(text, start)
    sentence_end = end.start() if end else len(text)
    return [
        match
        for match in _NEXT_IN_LIST.finditer(text, start, sentence_end)
        if is_verb(match.group(1)) and not match.group(1).lower().endswith("ing")
    ]


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
    description = page.get("description") or ""
    bulleted = _BULLETED.split(description)[1:]
    if len(bulleted) >= 2:
        candidates.append((bulleted, "text-pattern: description", description))
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
