"""Criterion ``rationale``: does the page say why the course exists?"""

from __future__ import annotations

import re
from datetime import date

from scoring.detectors.common import Page, Verdict, snippet

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
    # "designed for nurses to…" states a purpose; "designed for people who would like to…"
    # only the audience
    r" (?:to|for (?:(?!who\b)[\w\s,'-]){1,60}? to)\b"
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
    r"|\bwill (?:help|enable|allow|empower|equip|prepare)(?: and \w+)? you\b"
    r"|\b(?:are|is|be|feel|become) (?:\w+ )?(?:empowered|equipped|prepared) to\b"
    r"|\b(?:require|requires|demand|demands)\b[^.]{0,50}\b(?:approach|strategy|skills?|knowledge"
    r"|training|understanding|competenc\w+)\b"
    r"|\b(?:is|are) (?:fundamental|essential|critical|crucial|vital) (?:to|for)\b"
    r"|\b(?:important|pressing|critical|global|growing|major)"
    r" (?:issue|challenge|problem|threat)s?\b"
    r"|\bthreat\b[^.]{0,60}\b(?:increas|accelerat|grow)",
    re.I,
)
# Why the topic matters, said the way real course descriptions say it: its role or weight,
# the problem or demand it answers, the change that makes it urgent.
WHY_IT_MATTERS = re.compile(
    r"\bplays? (?:an? |the )?(?:\w+ )?(?:essential|key|important|central|critical|crucial|vital"
    r"|major|significant|pivotal) role"
    r"|\b(?:is|are|has become|have become|remains?) (?:a |an |the )?(?:\w+ )?(?:central|essential"
    r"|key|crucial|vital|critical|indispensable|valuable|fundamental|integral) (?:part|skill"
    r"|component|tool|element|aspect|factor|competenc\w+)s?\b"
    r"|\b(?:is|are|be|become|becoming) (?:so |very |increasingly |ever more |more |particularly "
    r"|especially |extremely )?(?:important|essential|crucial|critical|vital|indispensable"
    r"|ubiquitous|prevalent)\b(?! to note| that you| for you to)"
    r"|\b(?:one of )?the (?:biggest|greatest|largest|main|major|leading|most (?:important"
    r"|pressing|common|serious)) (?:[\w-]+ ){0,3}?(?:challenge|problem|threat|cause|concern|issue"
    r"|barrier)s?\b"
    r"|\b(?:employers|companies|organi[sz]ations|businesses|industry|industries|hospitals|clinics)"
    r"\b[^.]{0,40}?\b(?:need|seek|seeking|searching for|looking for|demand|require)s?\b"
    r"|\bin (?:high |great |growing |increasing )?demand\b|\b(?:is|are) not enough\b"
    r"|\b(?:struggle|struggles|struggling) (?:to|with)\b"
    r"|\b(?:is|are) (?:rapidly |fundamentally |quickly )?(?:transforming|reshaping|disrupting"
    r"|revolutioni[sz]ing)\b|\bpoised to (?:transform|disrupt|reshape|revolutioni[sz]e)\b"
    r"|\b(?:have|has|had) (?:a |an )?(?:\w+ )?(?:powerful|profound|significant|major|huge"
    r"|substantial|lasting|dramatic) (?:impact|effect|influence)"
    r"|\b(?:gives?|giving|provides?|providing|offers?) (?:you |participants |learners |students )?"
    r"(?:with )?(?:the |a |strong )?(?:necessary |essential |practical )?(?:tools|foundations?"
    r"|prerequisites|toolbox|toolkit)\b"
    r"|\b(?:will|can|to) (?:allow|prepare|equip|enable|empower|help) (?:participants|learners"
    r"|students|professionals|attendees)\b"
    r"|\bso (?:that )?(?:you|participants|learners|students|they) (?:can|will be able)\b"
    r"|\baim(?:s|ed)? at \w+ing\b"
    r"|\bgives? you (?:the |a |an )?(?:[\w-]+ ){1,3}(?:to|for|you need)\b"
    r"|\b(?:are you|if you are|if you're) (?:looking|seeking|hoping|trying) to\b"
    r"|\bwhy (?:learn|study|take|this|it)\b"
    r"|\b(?:errors?|mistakes?|problems?|complications?|injur(?:y|ies)|infections?|deaths?)\b"
    r"[^.]{0,30}\b(?:remain|are|is) (?:still )?(?:common|frequent|widespread|rising|increasing)\b"
    r"|\bhas become (?:a |the )?(?:standard|norm|tool of choice|go-to)\b"
    r"|\b(?:meet|meets|satisf(?:y|ies)|fulfil+s?) (?:the |your )?(?:[\w-]+ ){0,3}?"
    r"(?:requirements?|standards?)\b",
    re.I,
)
# The same purpose and need phrasing in Spanish and Portuguese, the other languages of the
# real-world catalogs.
PURPOSE_ES_PT = re.compile(
    r"\b(?:el|la|los|las|o|a|os|as|nuestro|nuestra|nosso|nossa) (?:objetivos?|propósitos?"
    r"|finalidad|finalidade|metas?) (?:de|do|da|del|deste|desta)\b"
    r"|\b(?:tiene|tienen|tem|têm) (?:como|por) (?:objetivo|finalidad|finalidade|propósito|meta)"
    r"|\b(?:te|le|les|lhe|lhes|os|nos) (?:permitirá|permitirán|permite|permiten|ayudará|ayudarán"
    r"|ajudará|ajudarão|preparará|capacitará)\b"
    r"|\bpara que\b"
    r"|\bnecesidad(?:es)?\b|\bnecessidades?\b"
    r"|(?<!\bno )(?<!\bnão )\b(?:necesitan?|precisam|necessitam) (?:de )?(?:\w+ )?(?:líderes"
    r"|expertos|profesionales|profissionais|especialistas|personas|pessoas)\b"
    r"|\b(?:es|son|é|são|resulta) (?:\w+ )?(?:fundamental(?:es)?|esencial(?:es)?|essencia(?:l|is)"
    r"|imprescindible|crucial|vital|clave)\b"
    r"|\b(?:diseñad|desenhad|cread|criad|desarrollad|desenvolvid|pensad)[oa]s? para\b"
    r"|\b(?:dificultad(?:es)?|dificuldades?|desafíos?|desafios?|retos?)\b"
    r"|\b(?:tienen?|têm|tem) una? (?:\w+ )?(?:importancia|influencia|impacto|importância"
    r"|influência)\b|\ben respuesta a\b|\bem resposta a\b",
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


# Importance and need vocabulary. Two or more of these words in sentences about the world
# rather than about the course ("Demand for coders is growing; errors are a costly problem")
# state why the topic matters even when no single phrase above matches.
WHY_CUE = re.compile(
    r"\b(?:importan(?:t|ce)|significan(?:t|ce)|essential|indispensable|crucial|critical|vital"
    r"|fundamental|imperative|increasingly|growing|demand|needs?|needed|problems?|challenges?"
    r"|risks?|gaps?|threats?|advantage|impact|success|successful|valuable|relevan(?:t|ce)"
    r"|importancia|relevancia|necesidad(?:es)?|retos?|desaf[ií]os?|problemas?|esencial(?:es)?"
    r"|imprescindible|ventaja)\b",
    re.I,
)
ABOUT_THE_COURSE = re.compile(
    r"\b(?:this|the|our) (?:course|program|programme|module|class|webinar|training|series|mooc)\b"
    r"|\b(?:you|participants|learners|students|we)(?:'ll|’ll| will)\b"
    r"|\b(?:covers?|discuss(?:es)?|explores?|examines?|introduces?|topics?|definen?)\b",
    re.I,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s*")
MIN_WHY_CUES = 2


def why_sentences(text: str) -> tuple[list[str], set[str]]:
    """Sentences about the world (not the course) with importance or need words, and the words."""
    found, words = [], set()
    for sentence in _SENTENCE.split(text):
        cues = {m.group(0).lower().rstrip("s") for m in WHY_CUE.finditer(sentence)}
        if cues and not ABOUT_THE_COURSE.search(sentence):
            found.append(sentence)
            words |= cues
    return found, words


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
    for pattern, gate, detail in (
        (PURPOSE_SENTENCE, PURPOSE_WORDS, "a purpose sentence"),
        (NEED_SENTENCE, PURPOSE_WORDS, "states the need the course answers"),
        (WHY_IT_MATTERS, None, "says why the topic matters"),
        (PURPOSE_ES_PT, None, "a purpose or need stated in Spanish or Portuguese"),
    ):
        found = page.find(pattern, gate=gate)
        if found:
            where, text, match = found
            return Verdict("met", snippet(text, match), where, page.url, detail)
    description = _beyond_title(page.get("description") or "", page.get("title") or "")
    sentences, cues = why_sentences(description)
    if len(cues) >= MIN_WHY_CUES:
        return Verdict(
            "met",
            snippet(" ".join(sentences)),
            "text-pattern: description",
            page.url,
            f"says why the topic matters ({', '.join(sorted(cues))})",
        )
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
