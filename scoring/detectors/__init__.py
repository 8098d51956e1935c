"""One pure detector per criterion: (page, provider, market, today) -> Verdict."""

from __future__ import annotations

from scoring.detectors.common import Page, Verdict
from scoring.detectors.credit import (
    detect_approval_body,
    detect_credit_valid,
    detect_credits_stated,
)
from scoring.detectors.fee import detect_fee_reasonable
from scoring.detectors.instructor import detect_instructor_credentials
from scoring.detectors.method import detect_instructional_method
from scoring.detectors.outcomes import detect_outcomes
from scoring.detectors.policy import detect_provider_contact, detect_refund_policy
from scoring.detectors.purpose import detect_rationale

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
