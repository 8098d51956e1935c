"""How the catalog shows a course to a person: every presentation rule in one place.

Used by the Datasette templates through ``datasette/plugins/ceuscout_present.py`` (template
functions), so no rule is written twice in Jinja. Pure functions over a catalog row (a dict).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from scoring.criteria import CRITERIA

CURRENCY_SYMBOLS = {"USD": "$", "CAD": "CA$", "EUR": "€", "GBP": "£", "AUD": "A$"}

# Column names as people read them (filters, chips, headings, CSV file names).
COLUMN_LABELS = {
    "provider_name": "Provider",
    "cost_class": "Cost",
    "aama_approved": "AAMA approved",
    "aama_category": "AAMA category",
    "format": "Format",
    "counts_toward": "Counts toward",
    "band": "Score band",
    "status": "Status",
    "price_amount": "Price",
    "contact_hours": "Contact hours",
    "price_per_contact_hour": "Price per contact hour",
    "score": "Score",
    "title": "Title",
    "credit_valid_until": "Credit valid until",
    "first_seen": "First seen",
    **{f"check_{c.id}": c.name for c in CRITERIA},
}
VALUE_LABELS = {
    "cost_class": {
        "free": "Free",
        "free-certificate-paid": "Free course, paid certificate",
        "member-free": "Free for members",
        "subscription": "Subscription",
        "paid": "Paid",
        "unknown": "Price not stated",
    },
    "aama_approved": {"yes": "AAMA approved", "no": "Not AAMA approved"},
    "band": {
        "A": "A (85-100)",
        "B": "B (70-84)",
        "C": "C (55-69)",
        "D": "D (40-54)",
        "E": "E (below 40)",
    },
    "status": {"active": "Active", "expired": "Expired", "withdrawn": "Withdrawn"},
    "check": {
        "met": "Met",
        "partial": "Partly met",
        "missing": "Missing",
        "unknown": "Could not be checked",
    },
}
UNIT_WORDS = {
    "contact_hour": ("contact hour", "contact hours"),
    "aama_ceu": ("AAMA CEU", "AAMA CEUs"),
    "iacet_ceu": ("IACET CEU", "IACET CEUs"),
    "nha_credit": ("NHA credit", "NHA credits"),
    "clock_hour": ("clock hour", "clock hours"),
    "ccp_point": ("CCP point", "CCP points"),
    "college_credit": ("college credit", "college credits"),
    "ceu": ("CEU", "CEUs"),
}
EXPIRY_NEAR_DAYS = 90
AAMA_MEANING = (
    "AAMA approved: the American Association of Medical Assistants approved this course, so "
    "its credit counts in full toward keeping a CMA (AAMA) certified."
)
# The filters of the sidebar, in order; the checklist answers go under "More filters".
MAIN_FILTERS = (
    "cost_class",
    "aama_approved",
    "aama_category",
    "format",
    "counts_toward",
    "band",
    "provider_name",
)
_SNAKE = re.compile(r"^[a-z]+(_[a-z]+)+$")


def column_label(column: str) -> str:
    if column in COLUMN_LABELS:
        return COLUMN_LABELS[column]
    return column.replace("_", " ").capitalize()


def value_label(column: str, value: Any) -> str:
    """A filter value in words: 'free-certificate-paid' -> 'Free course, paid certificate'."""
    if value is None or value == "":
        return "Not stated"
    group = "check" if column.startswith("check_") else column
    words = VALUE_LABELS.get(group, {}).get(str(value))
    if words:
        return words
    text = str(value)
    return text[:1].upper() + text[1:] if _SNAKE.match(text) is None else column_label(text)


def money(amount: Any, currency: str | None) -> str:
    """'$20.00', '€15.00', '15.00 CHF'; an unknown currency is named, never dropped."""
    if amount is None:
        return ""
    value = f"{float(amount):,.2f}"
    code = (currency or "USD").upper()
    symbol = CURRENCY_SYMBOLS.get(code)
    return f"{symbol}{value}" if symbol else f"{value} {code}"


def price_words(course: dict[str, Any]) -> str:
    """The price as a person says it: 'Free', 'Free · certificate $9.99', '$20.00'..."""
    cost = course.get("cost_class")
    amount = course.get("price_amount")
    currency = course.get("price_currency")
    fee = course.get("certificate_fee")
    if cost == "free":
        return "Free"
    if cost == "free-certificate-paid":
        return f"Free · certificate {money(fee, currency)}" if fee else "Free · certificate paid"
    if cost == "member-free":
        if amount:
            return f"Members free · {money(amount, currency)} non-members"
        return "Free for members"
    if cost == "subscription":
        return f"Subscription · {money(amount, currency)}" if amount else "Subscription"
    if amount is not None and float(amount) > 0:
        return money(amount, currency)
    if amount is not None:
        return "Free"
    return "Price not stated"


def is_free(course: dict[str, Any]) -> bool:
    return course.get("cost_class") == "free"


def hours_words(hours: Any) -> str:
    if hours is None:
        return ""
    number = f"{float(hours):g}"
    return f"{number} contact hour" + ("" if float(hours) == 1 else "s")


def credit_words(course: dict[str, Any]) -> str:
    """'3 contact hours', or the stated unit with its hours once: '0.3 IACET CEUs (3 contact
    hours)'; never the same unit twice."""
    hours = course.get("contact_hours")
    amount = course.get("credit_amount")
    unit = course.get("credit_unit")
    if amount is not None and unit and unit not in ("contact_hour", "aama_ceu"):
        one, many = UNIT_WORDS.get(unit, (unit, unit))
        stated = f"{float(amount):g} {one if float(amount) == 1 else many}"
        return f"{stated} ({hours_words(hours)})" if hours is not None else stated
    if hours is not None:
        return hours_words(hours)
    if course.get("credits_raw"):
        return str(course["credits_raw"])
    return "Credits not stated"


def credits_line(course: dict[str, Any]) -> str:
    """'3 contact hours · AAMA CEU · clinical': hours, AAMA approval, AAMA category."""
    parts = []
    hours = course.get("contact_hours")
    parts.append(hours_words(hours) if hours is not None else "Credits not stated")
    if course.get("aama_approved") == "yes":
        parts.append("AAMA CEU")
    if course.get("aama_category"):
        parts.append(str(course["aama_category"]))
    return " · ".join(parts)


def per_hour_words(course: dict[str, Any]) -> str:
    """'$6.67 per contact hour', with the price's currency."""
    value = course.get("price_per_contact_hour")
    if value is None:
        return ""
    if float(value) == 0:
        return f"{money(0, course.get('price_currency'))} per contact hour (free)"
    return f"{money(value, course.get('price_currency'))} per contact hour"


def date_words(value: Any) -> str:
    """'2026-12-04T08:00:00+00:00' -> 'Dec 4, 2026'; text that is no date is kept."""
    if not value:
        return ""
    try:
        day = date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{day:%b} {day.day}, {day.year}"


def expiry_words(course: dict[str, Any], today: date | None = None) -> str:
    """'Credit ends Jan 10, 2027' when that is within 90 days (or passed), else ''."""
    until = course.get("credit_valid_until")
    if not until:
        return ""
    try:
        day = date.fromisoformat(str(until)[:10])
    except ValueError:
        return ""
    today = today or date.today()
    if day < today:
        return f"Credit ended {date_words(day.isoformat())}"
    if day - today <= timedelta(days=EXPIRY_NEAR_DAYS):
        return f"Credit ends {date_words(day.isoformat())}"
    return ""


def checked_points(course: dict[str, Any]) -> tuple[int, int]:
    """(points that could be checked, all points): unknown answers are left out of the score."""
    total = sum(c.weight for c in CRITERIA)
    checked = sum(
        c.weight for c in CRITERIA if course.get(f"check_{c.id}") not in (None, "unknown")
    )
    if not any(course.get(f"check_{c.id}") for c in CRITERIA):
        share = course.get("unknown_share")
        if share is None:
            return 0, total
        checked = round(total * (1 - float(share)))
    return checked, total


def score_words(course: dict[str, Any]) -> str:
    """'Score 82 · band B', kept short for the badge."""
    score = course.get("score")
    if score is None:
        return "Not scored"
    band = course.get("band")
    return f"Score {score}" + (f" · band {band}" if band else "")


def checked_words(course: dict[str, Any]) -> str:
    """'66 of 100 checklist points could be checked (34% unknown)'."""
    checked, total = checked_points(course)
    unknown = total - checked
    text = f"{checked} of {total} checklist points could be checked"
    if unknown:
        text += f" ({round(100 * unknown / total)}% unknown)"
    return text


def card(course: dict[str, Any], today: date | None = None) -> dict[str, Any]:
    """Everything a result card shows, in words."""
    badges = []
    if is_free(course):
        badges.append(("free", "Free"))
    if course.get("aama_approved") == "yes":
        badges.append(("aama", "AAMA approved"))
    if course.get("status") in ("expired", "withdrawn"):
        badges.append(("inactive", value_label("status", course["status"])))
    return {
        "price": price_words(course),
        "credits": credits_line(course),
        "format": value_label("format", course.get("format")) if course.get("format") else "",
        "expiry": expiry_words(course, today),
        "badges": badges,
        "score": score_words(course),
        "band": course.get("band") or "none",
        "checked": checked_words(course),
    }


def filters_slug(args: list[tuple[str, str]], today: date | None = None) -> str:
    """A CSV file name naming the filters: ceuscout-free-aama-clinical-2026-12-04.csv."""
    short = {
        ("cost_class", "free"): "free",
        ("aama_approved", "yes"): "aama",
        ("aama_approved", "no"): "not-aama",
    }
    words = []
    for key, value in args:
        if key.startswith("_") and key != "_search":
            continue
        column = key.split("__")[0]
        word = short.get((column, value)) or value
        if key == "_search":
            word = value
        elif "__" in key:
            word = f"{column_label(column)}-{key.split('__')[1]}-{value}"
        word = re.sub(r"[^a-z0-9]+", "-", word.lower()).strip("-")
        if word and word not in words:
            words.append(word)
    stamp = (today or date.today()).isoformat()
    name = "-".join(["ceuscout", *words, stamp])
    if len(name) > 120:
        name = name[:108].rstrip("-") + "-" + stamp
    return name + ".csv"


def credential_options(values: list[tuple[Any, int]]) -> list[dict[str, Any]]:
    """The 'counts toward' facet per credential, from the counts of its "; "-joined values.

    Each course's list is one facet value, so per-credential counts are exact sums. Each
    credential comes with the URL filters that select it: the approved CMA (AAMA) label is a
    prefix of the non-AAMA one, so it needs a second filter excluding that.
    """
    counts: dict[str, int] = {}
    for value, count in values:
        for credential in str(value or "").split("; "):
            if credential:
                counts[credential] = counts.get(credential, 0) + count
    options = []
    for credential, count in counts.items():
        longer = [other for other in counts if other != credential and other.startswith(credential)]
        if longer:
            args = [("counts_toward__startswith", credential)]
            args += [("counts_toward__notlike", other + "%") for other in longer]
        else:
            args = [("counts_toward__contains", credential)]
        options.append({"label": credential, "count": count, "args": args})
    options.sort(key=lambda option: -option["count"])
    return options


def points_words(course: dict[str, Any]) -> str:
    """'Score 73: 66 of 90 checkable points; 10 of 100 points (10%) could not be checked'."""
    score = course.get("score")
    checked, total = checked_points(course)
    if score is None:
        return "Not scored yet"
    earned = round(float(score) * checked / 100)
    text = f"Score {score}: {earned} of {checked} checkable points"
    unknown = total - checked
    if unknown:
        text += (
            f"; {unknown} of {total} points ({round(100 * unknown / total)}%) could not be checked"
        )
    else:
        text += "; every point could be checked"
    return text


# The canned queries' parameters as a form asks for them.
PARAMETER_LABELS = {
    "category": "AAMA category (administrative, clinical or general; empty for all)",
    "budget": "Budget in US dollars",
    "min_hours": "Minimum contact hours",
    "min_score": "Minimum score (0-100)",
    "days": "Within how many days",
}


def cell_words(column: str, value: Any, row: dict[str, Any]) -> str:
    """One value of a canned query's result in words (prices with currency, dates as dates)."""
    if value is None or value == "":
        return ""
    if column in ("price_amount", "certificate_fee"):
        return money(value, row.get("price_currency"))
    if column == "price_per_contact_hour":
        return per_hour_words(row)
    if column == "contact_hours":
        return hours_words(value)
    if column in ("first_seen", "last_seen", "credit_valid_until", "expiry_date", "release_date"):
        return date_words(value)
    if column in ("cost_class", "aama_approved", "band", "status") or column.startswith("check_"):
        return value_label(column, value)
    if column in ("format", "aama_category"):
        return value_label(column, value)
    return str(value)


FOUND_IN_WORDS = {
    "jsonld": "the page's structured data (JSON-LD)",
    "microdata": "the page's structured data (microdata)",
    "rdfa": "the page's structured data (RDFa)",
    "json-api": "the provider's course data feed",
    "selector": "the page's course details",
    "heading-section": "a headed section of the page",
    "policy-page": "the provider's policy page",
    "text-pattern": "a phrase in the page text",
}


def found_in_words(found_in: Any) -> str:
    """Where evidence was found, in words: 'heading-section' -> 'a headed section of the page'."""
    if not found_in:
        return ""
    return FOUND_IN_WORDS.get(str(found_in), str(found_in).replace("_", " ").replace("-", " "))
