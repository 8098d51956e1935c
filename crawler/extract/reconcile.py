"""Last pass over a page's fields: fill what one layer found and another explains.

- a structured Person with a bare name takes the credentials the page writes after that name;
- an AAMA-approved course stated in contact hours takes its AAMA points and category from the
  approval sentence ("approved ... for 3 administrative CEUs");
- a free course whose page also sells a certificate is free-certificate-paid.
"""

from __future__ import annotations

from crawler.extract.credits import parse_credits
from crawler.extract.people import find_people
from crawler.extract.prices import certificate_fee_in
from crawler.extract.text import keyword_windows
from crawler.items import Course

SOURCE = "text-pattern"


def add_credentials(course: Course, text: str) -> None:
    if not course.instructors or all(p.get("credentials") for p in course.instructors):
        return
    written = {p["name"].casefold(): p["credentials"] for p in find_people(text)}
    course.instructors = [
        p if p.get("credentials") else {**p, "credentials": written.get(p["name"].casefold(), [])}
        for p in course.instructors
    ]


def aama_points_from_approval(course: Course) -> None:
    if course.aama_approved is not True or course.aama_points is not None:
        return
    stated = parse_credits(course.approval_evidence or "", context="AAMA")
    if stated and stated.unit == "aama_ceu":
        course.set("aama_points", stated.aama_points, SOURCE)
        course.set("aama_category", stated.aama_category, SOURCE)


def certificate_fee(course: Course, text: str) -> None:
    if course.cost_class != "free":
        return
    windows = keyword_windows(text, ("certificat",), 80, 60)
    fee = next(filter(None, map(certificate_fee_in, windows)), None)
    if fee:
        course.cost_class = "free-certificate-paid"
        course.certificate_fee = fee
        course.field_sources["cost_class"] = SOURCE
        course.field_sources["certificate_fee"] = SOURCE


def reconcile(course: Course, main_text: str) -> None:
    add_credentials(course, main_text)
    aama_points_from_approval(course)
    certificate_fee(course, main_text)
