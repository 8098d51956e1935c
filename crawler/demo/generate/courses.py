"""One demo course: its true field values, from which a site renders its page and the truth file.

A site module builds ``DemoCourse`` objects (choosing how it words credits, approvals and
prices), blanks what its pages do not state, renders the pages from what is left, and
``DemoCourse.truth()`` records exactly those values in the catalog's column names.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from crawler.demo.generate.topics import AUDIENCES, INSTRUCTORS, RATIONALES, TOPICS, Topic
from crawler.items import CREDIT_UNITS

RELEASE_DATES = tuple(
    f"{y}-{m:02d}-{d:02d}" for y in (2025, 2026) for m in (1, 3, 4, 6, 8, 9) for d in (1, 15)
)
EXPIRY_DATES = ("2027-06-30", "2027-09-30", "2027-12-31", "2028-03-31", "2028-06-30", "2028-12-31")
AAMA_BODY = "AAMA"


@dataclass
class Credit:
    amount: float
    unit: str  # a key of CREDIT_UNITS
    raw: str  # the statement exactly as the page shows it

    @property
    def contact_hours(self) -> float | None:
        factor = CREDIT_UNITS[self.unit]
        return None if factor is None else round(self.amount * factor, 2)


@dataclass
class Approval:
    body: str
    evidence: str  # the sentence as the page shows it
    number: str | None = None
    valid_through: str | None = None


@dataclass
class Price:
    raw: str
    cost_class: str
    amount: float | None
    currency: str | None = "USD"
    certificate_fee: float | None = None


@dataclass
class DemoCourse:
    topic: Topic
    path: str
    ref: str  # the id's ref, as crawler.urls.course_id derives it from the path
    title: str
    provider_name: str
    description: str | None
    rationale: str | None
    audience: str | None
    objectives: list[str]
    instructors: list[tuple[str, tuple[str, ...]]]
    format: str | None
    credit: Credit | None
    approval: Approval | None
    price: Price | None
    release_date: str | None
    expiry_date: str | None
    course_ref: str | None = None
    category_stated: bool = True  # the page names the AAMA category
    refund_policy_url: str | None = None
    status: str = "active"
    expect_in_catalog: bool = True
    extra: dict = field(default_factory=dict)  # site-specific rendering hints

    @property
    def aama_approved(self) -> bool:
        return self.approval is not None and self.approval.body == AAMA_BODY

    @property
    def category(self) -> str:
        return self.topic.category

    def truth(self, slug: str) -> dict:
        credit, approval, price = self.credit, self.approval, self.price
        aama = self.aama_approved
        fields = {
            "title": self.title,
            "provider_name": self.provider_name,
            "course_ref": self.course_ref,
            "description": self.description,
            "credits_raw": credit.raw if credit else None,
            "credit_amount": credit.amount if credit else None,
            "credit_unit": credit.unit if credit else None,
            "contact_hours": credit.contact_hours if credit else None,
            "aama_category": self.category if aama and self.category_stated else None,
            "aama_points": credit.contact_hours if aama and credit else None,
            "aama_approved": aama,
            "approval_body": approval.body if approval else None,
            "approval_number": approval.number if approval else None,
            "approval_valid_through": approval.valid_through if approval else None,
            "approval_evidence": approval.evidence if approval else None,
            "format": self.format,
            "instructors": [{"name": n, "credentials": list(c)} for n, c in self.instructors],
            "objectives": list(self.objectives),
            "rationale": self.rationale,
            "audience": self.audience,
            "price_amount": price.amount if price else None,
            "price_currency": price.currency if price else None,
            "price_raw": price.raw if price else None,
            "cost_class": price.cost_class if price else None,
            "certificate_fee": price.certificate_fee if price else None,
            "refund_policy_url": self.refund_policy_url,
            "release_date": self.release_date,
            "expiry_date": self.expiry_date,
        }
        return {
            "id": f"{slug}:{self.ref}",
            "path": self.path,
            "expect_in_catalog": self.expect_in_catalog,
            "status": self.status,
            "fields": fields,
        }


def pick_topics(rng: random.Random, count: int, include: tuple[str, ...] = ()) -> list[Topic]:
    """``count`` distinct topics, always including the titles in ``include``, in catalog order."""
    forced = [t for t in TOPICS if t.title in include]
    rest = [t for t in TOPICS if t.title not in include]
    chosen = forced + rng.sample(rest, count - len(forced))
    return sorted(
        chosen, key=lambda t: (("administrative", "clinical", "general").index(t.category), t.title)
    )


def pick_instructors(
    rng: random.Random, category: str, count: int = 1
) -> list[tuple[str, tuple[str, ...]]]:
    """``count`` instructors who teach ``category`` (a phlebotomy course gets no lawyer)."""
    able = [(name, creds) for name, creds, cats in INSTRUCTORS if category[0] in cats]
    return rng.sample(able, count)


def pick_audience(rng: random.Random) -> str:
    return rng.choice(AUDIENCES)


def rationale(rng: random.Random, topic: Topic) -> str:
    return rng.choice(RATIONALES[topic.category]).format(focus=topic.summary)


DESCRIPTION_OPENERS = (
    "This course covers {summary}.",
    "A practical review of {summary}.",
    "Get up to date on {summary} in this focused continuing education activity.",
    "This activity reviews {summary}, with case examples drawn from real medical offices.",
)


def description(rng: random.Random, topic: Topic, closing: str) -> str:
    opener = rng.choice(DESCRIPTION_OPENERS).format(summary=topic.summary)
    return f"{opener} {closing}".strip()


def slugify(text: str) -> str:
    out = "".join(ch.lower() if ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in out.split("-") if part)


def number(amount: float) -> str:
    """1.0 -> "1", 1.5 -> "1.5" (how most sites print credit amounts)."""
    return f"{amount:g}"


def plural(amount: float, word: str) -> str:
    return word if amount == 1 else word + "s"


def aama_ceus(amount: float) -> str:
    """1.5 -> "1.5 AAMA CEUs", the phrase most sites use."""
    return f"{number(amount)} AAMA {plural(amount, 'CEU')}"


def contact_hours(amount: float, spec: str = "g") -> str:
    """1.5 -> "1.5 contact hours"; ``spec`` ".1f" writes 1.0 as "1.0 contact hour"."""
    return f"{amount:{spec}} contact {plural(amount, 'hour')}"


def aama_credit(amount: float, category: str) -> Credit:
    """AAMA CEUs worded "2 AAMA CEUs (clinical)"."""
    return Credit(amount, "aama_ceu", f"{aama_ceus(amount)} ({category})")


def contact_hour_credit(amount: float) -> Credit:
    return Credit(amount, "contact_hour", contact_hours(amount))


def ceu_credit(amount: float) -> Credit:
    """CEUs that name no accreditor."""
    return Credit(amount, "ceu", f"{number(amount)} {plural(amount, 'CEU')}")


def aama_evidence(rng: random.Random, amount: float, category: str, valid: str) -> Approval:
    number_ = str(rng.randint(150000, 189999))
    forms = (
        f"Approved by the American Association of Medical Assistants (AAMA) for {number(amount)} "
        f"{category} {plural(amount, 'CEU')}, course #{number_}, valid through {valid}.",
        f"This course is approved for {aama_ceus(amount)} in the {category} category. "
        f"AAMA course #{number_}, valid through {valid}.",
        f"AAMA approved: {number(amount)} {category} {plural(amount, 'CEU')} "
        f"(AAMA #{number_}), approval valid through {valid}.",
    )
    return Approval(AAMA_BODY, rng.choice(forms), number_, valid)


def iacet_evidence(provider: str, amount: float) -> Approval:
    return Approval(
        "IACET",
        f"{provider} is accredited by the International Accreditors for Continuing Education and "
        f"Training (IACET) and offers {number(amount)} IACET CEU for this program.",
    )


def ancc_evidence(provider: str) -> Approval:
    return Approval(
        "ANCC",
        f"{provider} is accredited as a provider of nursing continuing professional development "
        "by the American Nurses Credentialing Center's Commission on Accreditation (ANCC).",
    )


def nha_evidence(amount: float) -> Approval:
    return Approval(
        "NHA",
        f"This course is approved by the National Healthcareer Association (NHA) for "
        f"{number(amount)} CE {plural(amount, 'credit')}.",
    )


def base_fields(
    rng: random.Random, topic: Topic, provider_name: str, closing: str, teachers: int = 1
) -> dict:
    """The DemoCourse fields every site words the same way (title, text, people, dates)."""
    return {
        "topic": topic,
        "title": topic.title,
        "provider_name": provider_name,
        "description": description(rng, topic, closing),
        "rationale": rationale(rng, topic),
        "audience": pick_audience(rng),
        "objectives": list(topic.objectives),
        "instructors": pick_instructors(rng, topic.category, teachers),
        "release_date": rng.choice(RELEASE_DATES),
        "expiry_date": rng.choice(EXPIRY_DATES),
    }
