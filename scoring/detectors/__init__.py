"""One pure detector per criterion: (page, provider, market, today) -> Verdict."""

from __future__ import annotations

from .common import Page, Verdict
from .credit import detect_approval_body, detect_credit_valid, detect_credits_stated
from .fee import detect_fee_reasonable
from .instructor import detect_instructor_credentials
from .method import detect_instructional_method
from .outcomes import detect_outcomes
from .policy import detect_provider_contact, detect_refund_policy
from .purpose import detect_rationale

DETECTORS = {
    "rationale": detect_rationale,
    "outcomes": detect_outcomes,
    "instructor_credentials": detect_instructor_credentials,
    "instructional_method": detect_instructional_method,
    "fee_reasonable": detect_fee_reasonable,
    "refund_policy": detect_refund_policy,
    "credits_stated": detect_credits_stated,
    "approval_body": detect_approval_body,
    "provider_contact": detect_provider_contact,
    "credit_valid": detect_credit_valid,
}

__all__ = ["DETECTORS", "Page", "Verdict"]
