"""The quality checklist as data: what each criterion asks, how much it weighs, when it is met.

The order is the order users see. Weights add up to 100 so a weight reads as "points out of 100".
The rules in words are the definitions the labeled evaluation set was decided by; the detectors
in ``scoring.detectors`` implement them.
"""

from __future__ import annotations

from dataclasses import dataclass

SCORING_VERSION = "2026.11.1"

STATUSES = ("met", "partial", "missing", "unknown")


@dataclass(frozen=True)
class Criterion:
    id: str
    name: str
    question: str
    weight: int
    met: str
    partial: str
    missing: str
    unknown: str = "Never: this is always decided from the course page."


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        id="rationale",
        name="Purpose stated",
        question="Does the page say why the course exists or what it is for?",
        weight=8,
        met="A purpose, goal, need or rationale is stated: a Purpose/Rationale/Goal heading, or a "
        "sentence such as 'The purpose of this course is…' or 'This course is designed to…'.",
        partial="Only a description of the contents or the audience, without saying why.",
        missing="No description of the course: none, fewer than ten words (a tagline), or only "
        "the title repeated.",
    ),
    Criterion(
        id="outcomes",
        name="Learning outcomes",
        question="Does the page list what you will be able to do after the course?",
        weight=12,
        met="At least two outcomes phrased as things the learner will do (describe, identify, "
        "explain, perform…), under any heading ('Objectives', 'After completing this course you "
        "will be able to…', 'What you'll learn').",
        partial="One outcome, or a promise to the learner without a list ('you will learn "
        "about…', 'Gain an understanding of…').",
        missing="No outcomes stated.",
    ),
    Criterion(
        id="instructor_credentials",
        name="Instructor credentials",
        question="Is the instructor or author named, with credentials (RN, MD, CMA (AAMA), PhD…)?",
        weight=10,
        met="A named instructor or author with a credential, degree or professional title, "
        "after the name or in a short bio.",
        partial="An instructor is named but no credentials are given.",
        missing="No instructor or author is named.",
    ),
    Criterion(
        id="instructional_method",
        name="Teaching method",
        question="Does the page say how the course is taught (self-paced, live webinar, "
        "in person, video, case studies, post-test…)?",
        weight=6,
        met="A specific method or format is stated: self-paced, on-demand, live, webinar, in "
        "person, classroom, video, home study, case studies, post-test, workshop…",
        partial="Only 'online', without saying whether it is live or self-paced.",
        missing="Nothing about how the course is delivered.",
    ),
    Criterion(
        id="fee_reasonable",
        name="Reasonable fee",
        question="Is the price per contact hour in line with comparable courses in the catalog?",
        weight=10,
        met="Free (and the certificate is free), or the price per contact hour is at most 1.5 "
        "times the median of comparable priced courses (same credit unit, same format). A free "
        "course with a paid certificate is judged on the certificate fee; a course free for "
        "members on its non-member price.",
        partial="The price is stated but more than 1.5 times the comparable median.",
        missing="No price can be found (including a 'free' course whose certificate fee is "
        "not stated).",
        unknown="A price is stated but the credits are not, or there are too few comparable "
        "priced courses to compare with.",
    ),
    Criterion(
        id="refund_policy",
        name="Refund policy",
        question="Is a refund or cancellation policy stated, on the course page or the "
        "provider's policy page?",
        weight=8,
        met="The terms are stated (a clear 'all sales final' counts), on the page or on the "
        "provider's site-wide refund/terms page.",
        partial="Refunds or cancellation are mentioned, but the terms are not given "
        "('see our terms').",
        missing="No policy on the page nor on the provider's site.",
        unknown="Nothing on the page, and the provider's policy page was not read "
        "(not crawled or unreachable).",
    ),
    Criterion(
        id="credits_stated",
        name="Credits stated",
        question="Does the page state how many CE credits you get, and of what kind?",
        weight=14,
        met="A number with its kind: '1.0 contact hour', '2 AAMA CEUs', '2.6 CEUs'.",
        partial="A number without its kind, or credit promised without a number.",
        missing="No credit is mentioned.",
    ),
    Criterion(
        id="approval_body",
        name="Approval",
        question="Does the page name who approved or accredited the credit (AAMA weighs most)?",
        weight=16,
        met="The page states approval by the AAMA (American Association of Medical Assistants).",
        partial="The page names another approving or accrediting body (IACET, ANCC, ACCME, "
        "ACPE, AMT, NHA, a state board…). Such credit may count as non-AAMA points.",
        missing="No approving body is named. Approval is never assumed from the provider.",
    ),
    Criterion(
        id="provider_contact",
        name="Provider contact",
        question="Can you find how to contact the provider?",
        weight=6,
        met="An e-mail address or phone number, on the page or the provider's site.",
        partial="Only a contact form or contact page address.",
        missing="No contact details on the page nor on the provider's site.",
        unknown="Nothing on the page, and the provider's site was not read.",
    ),
    Criterion(
        id="credit_valid",
        name="Credit still valid",
        question='Can you still earn credit (not past its "valid for credit through" date)?',
        weight=10,
        met="A credit expiry or approval 'valid through' date is stated and is today or later.",
        partial="Never used.",
        missing="The stated date has passed: the course no longer awards credit.",
        unknown="No expiry date is stated.",
    ),
)

BY_ID: dict[str, Criterion] = {c.id: c for c in CRITERIA}
CRITERION_IDS: tuple[str, ...] = tuple(BY_ID)
TOTAL_WEIGHT = sum(c.weight for c in CRITERIA)

# Score bands for facets: the lowest score each letter needs.
BANDS: tuple[tuple[str, int], ...] = (("A", 85), ("B", 70), ("C", 55), ("D", 40), ("E", 0))
