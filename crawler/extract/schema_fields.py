"""A schema.org Course / CourseInstance / LearningResource node -> Course fields."""

from __future__ import annotations

from typing import Any

from crawler.dates import parse_date
from crawler.extract.fields import (
    EMAIL,
    apply_field,
    set_credits,
    set_instructors,
    set_objectives,
    set_price,
    trim,
)
from crawler.extract.formats import normalize_format
from crawler.extract.structured import as_list, text_of, types_of
from crawler.items import Course

_FREE_FLAGS = {"true", "http://schema.org/true", "https://schema.org/true", "1", "yes"}


def _organization_name(value: Any) -> str | None:
    """The provider's name: an Organization's, or a Person's when a person is the provider."""
    for item in as_list(value):
        if isinstance(item, dict):
            name = text_of(item.get("name"))
            if name:
                return name
        elif isinstance(item, str) and not item.startswith(("http://", "https://", "/")):
            return text_of(item)
    return None


def _instances(node: dict) -> list[dict]:
    found = [i for i in as_list(node.get("hasCourseInstance")) if isinstance(i, dict)]
    return found + ([node] if "CourseInstance" in types_of(node) else [])


def _offers(node: dict, instances: list[dict]) -> list[dict]:
    offers = []
    for holder in [node, *instances]:
        for offer in as_list(holder.get("offers")):
            if isinstance(offer, dict):
                offers.extend(o for o in as_list(offer.get("offers")) if isinstance(o, dict))
                offers.append(offer)
    return offers


def _apply_offers(course: Course, node: dict, instances: list[dict], source: str) -> None:
    priced = []
    for offer in _offers(node, instances):
        price = text_of(offer.get("price")) or text_of(offer.get("lowPrice"))
        if price is None and isinstance(offer.get("priceSpecification"), dict):
            price = text_of(offer["priceSpecification"].get("price"))
        if price is not None:
            currency = text_of(offer.get("priceCurrency"))
            category = text_of(offer.get("category")) or ""
            priced.append((price, currency, category))
    numeric = []
    for price, currency, category in priced:
        try:
            numeric.append((float(price.replace(",", "")), price, currency, category))
        except ValueError:
            set_price(course, f"{price} {category}".strip(), source, currency, raw=False)
    if numeric:
        _, price, currency, category = min(numeric)
        raw = " ".join(p for p in (price, currency) if p)
        if "subscri" in category.lower():
            raw = f"{raw} subscription"
        set_price(course, raw, source, currency, raw=False)
    free_flag = str(text_of(node.get("isAccessibleForFree")) or "").lower()
    if free_flag in _FREE_FLAGS:
        set_price(course, "Free", source, raw=False)


def _credits(course: Course, node: dict, source: str) -> None:
    for value in as_list(node.get("numberOfCredits")):
        if isinstance(value, dict):
            amount, unit = text_of(value.get("value")), text_of(value.get("unitText")) or ""
            if amount and set_credits(course, f"{amount} {unit}", source, raw=False):
                return
            apply_field(course, "credit_amount", amount, source)
        else:
            apply_field(course, "credit_amount", value, source)


def apply_schema_node(course: Course, node: dict, source: str) -> None:
    """Set every field the node states, from ``source`` (jsonld, microdata or rdfa)."""
    instances = _instances(node)
    course.set("title", text_of(node.get("name")), source)
    course.set("description", trim(text_of(node.get("description"))), source)
    provider = node.get("provider") or node.get("publisher") or node.get("organizer")
    course.set("provider_name", _organization_name(provider), source)
    code = text_of(node.get("courseCode"))
    course.set("course_ref", code if code and len(code) <= 60 else None, source)
    modes = [m for holder in [node, *instances] for m in as_list(holder.get("courseMode"))]
    modes = [text_of(m) for m in modes if text_of(m)]
    course.set("format", normalize_format(modes) if modes else None, source)
    _apply_offers(course, node, instances, source)
    people = [
        p
        for holder in [node, *instances]
        for key in ("instructor", "performer", "author", "contributor")
        for p in as_list(holder.get(key))
        if (isinstance(p, dict) and "Person" in types_of(p))
        or (isinstance(p, str) and key == "instructor")
    ]
    if people:
        set_instructors(course, people, source)
    teaches = [text_of(t) for t in as_list(node.get("teaches")) if text_of(t)]
    if teaches:
        set_objectives(course, teaches, source)
    audience = node.get("audience")
    if isinstance(audience, dict):
        audience = (
            audience.get("audienceType") or audience.get("educationalRole") or audience.get("name")
        )
    course.set("audience", trim(text_of(audience)), source)
    course.set("release_date", parse_date(text_of(node.get("datePublished")), False), source)
    course.set("expiry_date", parse_date(text_of(node.get("expires"))), source)
    _credits(course, node, source)
    for holder in as_list(provider):
        if isinstance(holder, dict):
            email = EMAIL.search(text_of(holder.get("email")) or "")
            course.set("contact_email", email.group(0) if email else None, source)
            apply_field(course, "contact_phone", text_of(holder.get("telephone")), source)
