"""Turn real published course records (``../shared/realworld``) into stored-listing rows.

Each converter maps one record to the fields the crawler would store for it, without guessing:
a field the record does not carry stays empty, and record fields without a catalog column are
kept as headed sections (the way the page would show them). The records themselves stay in
the shared folder (licences); label files only name them.
"""

from __future__ import annotations

import csv
import html
import json
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from crawler.paths import REALWORLD_DIR as DEFAULT_ROOT

_TAG = re.compile(r"<[^>]+>")
_MONEY = re.compile(r"\$\s?([\d,]+(?:\.\d+)?)")


def text_of(markup: str | None) -> str:
    if not markup:
        return ""
    text = re.sub(r"</(?:p|li|h\d|div)>|<br\s*/?>", "\n", markup, flags=re.I)
    return html.unescape(_TAG.sub("", text)).replace("\xa0", " ").strip()


def html_sections(markup: str | None) -> dict[str, str]:
    """{heading: text} of an HTML body, split on its <h1>–<h6> headings."""
    parts = re.split(r"<h[1-6][^>]*>(.*?)</h[1-6]>", markup or "", flags=re.I | re.S)
    sections = {}
    for heading, body in zip(parts[1::2], parts[2::2], strict=True):
        name, text = text_of(heading), text_of(body)
        if name and text:
            sections[name] = text
    return sections


def credits_of(raw: str | None) -> tuple[float | None, str | None]:
    """(amount, unit) of a credit statement such as "2.6 CEUs" or a bare "7.2"."""
    match = re.match(r"\s*(\d+(?:\.\d+)?)", raw or "")
    amount = float(match[1]) if match else None
    return amount, ("ceu" if amount and "CEU" in (raw or "") else None)


def money(text: str | None) -> float | None:
    match = _MONEY.search(text or "")
    return float(match[1].replace(",", "")) if match else None


def markdown_sections(markdown: str) -> dict[str, str]:
    """Split a markdown description into {heading: text}, as the page would show it."""
    sections: dict[str, str] = {}
    heading = None
    for line in markdown.splitlines():
        match = re.match(r"\s*#{1,6}\s+(.+)", line)
        if match:
            heading = match[1].strip()
            sections[heading] = ""
        elif heading:
            sections[heading] += line + "\n"
    return {k: v.strip() for k, v in sections.items() if v.strip()}


def _listing(provider: str, ref: str, url: str | None, **fields: Any) -> dict[str, Any]:
    sources = {
        k: "json-api"
        for k, v in fields.items()
        if v not in (None, "", [], {}) and k not in ("sections", "description")
    }
    row = {"id": f"{provider}:{ref}", "provider": provider, "url": url, **fields}
    for name in ("instructors", "objectives", "sections"):
        if name in row:
            row[name] = json.dumps(row[name]) if row[name] else None
    row["field_sources"] = json.dumps(sources)
    return row


@lru_cache(maxsize=32)
def _load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=8)
def _load_csv(path: Path, skip: int = 0) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        for _ in range(skip):
            handle.readline()
        return list(csv.DictReader(handle))


def _format(stated: str | None) -> str | None:
    """The catalog format for an unambiguous delivery word; "Online" alone stays unnormalized."""
    return "in person" if (stated or "").lower() in ("in person", "on campus") else None


def sib_course(root: Path, ref: str) -> dict[str, Any]:
    record = _load_json(root / "TeSS/test/fixtures/files/ingestion/sib_course.json")
    instance = record["hasCourseInstance"][0]
    offer = instance["offers"][0]
    modes = " ".join(instance.get("courseMode", []))
    return _listing(
        "sib",
        ref,
        instance["url"],
        title=record["name"],
        description=record["description"],
        instructors=[{"name": p["name"]} for p in instance.get("instructor", [])],
        format="in person" if "onsite" in modes else None,
        price_amount=float(offer["price"]),
        price_currency=offer["priceCurrency"],
        price_raw=f"{offer['price']} {offer['priceCurrency']}",
        cost_class="paid",
        sections=markdown_sections(record["description"]),
    )


def mitpe_course(root: Path, ref: str) -> dict[str, Any]:
    path = root / "mit-learn/test_json/prolearn_mitpe_courses.json"
    docs = _load_json(path)["data"]["searchAPISearch"]["documents"]
    doc = next(d for d in docs if d["nid"] == ref)
    credits = doc.get("field_non_degree_credits") or None
    amount, unit = credits_of(credits)
    sections = {
        "Format": doc.get("format_name"),
        "Duration": doc.get("field_duration"),
        **html_sections(doc.get("body")),
    }
    return _listing(
        "mitpe",
        ref,
        "https://professional.mit.edu" + doc["url"],
        title=doc["title"],
        description=text_of(doc.get("body")),
        credits_raw=credits,
        credit_amount=amount,
        credit_unit=unit,
        format=_format(doc.get("format_name")),
        price_amount=money(doc.get("field_price")),
        price_raw=doc.get("field_price"),
        price_currency="USD",
        cost_class="paid" if money(doc.get("field_price")) else None,
        sections={k: v for k, v in sections.items() if v},
    )


def mitpe_resource(root: Path, ref: str) -> dict[str, Any]:
    records = []
    for path in sorted((root / "mit-learn/test_json/mitpe").glob("*.json")):
        records.extend(_load_json(path))
    doc = next(d for d in records if d["node_id"] == ref)
    names = [
        n for n in (doc.get("lead_instructors") or doc.get("instructors") or "").split("|") if n
    ]
    sections = {
        "Format": doc.get("learning_format"),
        "Duration": doc.get("duration"),
        "Continuing Ed Credits": doc.get("continuing_ed_credits"),
        "Certificate": doc.get("course_certificate"),
    }
    amount, unit = credits_of(doc.get("continuing_ed_credits"))
    return _listing(
        "mitpe",
        ref,
        "https://professional.mit.edu" + doc["url"],
        title=doc["title"],
        description=text_of(doc.get("description")),
        format=_format(doc.get("learning_format")),
        instructors=[{"name": n} for n in names],
        price_amount=money(doc.get("price")),
        price_raw=doc.get("price"),
        price_currency="USD",
        cost_class="paid" if money(doc.get("price")) else None,
        credits_raw=doc.get("continuing_ed_credits") or None,
        credit_amount=amount,
        credit_unit=unit,
        sections={k: v for k, v in sections.items() if v},
    )


def xpro(root: Path, ref: str) -> dict[str, Any]:
    records = _load_json(root / "mit-learn/test_json/xpro_courses.json") + _load_json(
        root / "mit-learn/test_json/xpro_programs.json"
    )
    doc = next(d for d in records if d["readable_id"] == ref)
    runs = doc.get("courseruns") or []
    people = doc.get("instructors") or (runs[0].get("instructors") if runs else []) or []
    price = doc.get("current_price") or (runs[0].get("current_price") if runs else None)
    sections = {
        "Format": doc.get("format"),
        "Duration": doc.get("duration"),
        "Time commitment": doc.get("time_commitment"),
        "Credits": doc.get("credits"),
    }
    return _listing(
        "xpro",
        ref,
        doc["url"],
        title=doc["title"],
        description=text_of(doc.get("description")),
        instructors=[{"name": p["name"]} for p in people if p.get("name")],
        price_amount=float(price) if price else None,
        price_currency="USD",
        price_raw=f"${price:,.2f}" if price else None,
        cost_class="paid" if price else None,
        credits_raw=doc.get("credits"),
        credit_amount=float(doc["credits"]) if doc.get("credits") else None,
        sections={k: v for k, v in sections.items() if v},
    )


def sloan(root: Path, ref: str) -> dict[str, Any]:
    base = root / "mit-learn/test_json"
    course = next(c for c in _load_json(base / "test_sloan_courses.json") if c["Course_Id"] == ref)
    runs = [r for r in _load_json(base / "test_sloan_runs.json") if r["Course_Id"] == ref]
    run = runs[0] if runs else {}
    delivery = run.get("Delivery") or ""
    sections = {
        "Delivery": delivery,
        "Format": run.get("Format"),
        "Duration": run.get("Duration"),
        "Time commitment": run.get("Time_Commitment"),
        "Location": run.get("Location"),
        "Continuing Ed Credits": run.get("Continuing_Ed_Credits"),
    }
    price = float(run["Price"]) if run.get("Price") else None
    return _listing(
        "sloan",
        ref,
        course["URL"],
        title=course["Title"],
        description=course["Description"],
        instructors=[
            {"name": n.strip()} for n in (run.get("Faculty_Name") or "").split(",") if n.strip()
        ],
        format=_format(delivery),
        price_amount=price,
        price_currency="USD",
        price_raw=run.get("Price"),
        cost_class="paid" if price else None,
        credits_raw=run.get("Continuing_Ed_Credits"),
        credit_amount=float(run["Continuing_Ed_Credits"])
        if run.get("Continuing_Ed_Credits")
        else None,
        sections={k: v for k, v in sections.items() if v},
    )


def nursingce(root: Path, ref: str) -> dict[str, Any]:
    row = next(r for r in _load_csv(root / "Course-Scrape/courses.csv") if r["title"] == ref)
    credits = row["contact hours"]
    amount = re.match(r"[\d.]+", credits)
    hours = float(amount[0]) if amount and "Contact Hour" in credits else None
    return _listing(
        "nursingce",
        re.sub(r"\W+", "-", ref.lower()).strip("-"),
        None,
        title=row["title"],
        description=row["description"],
        credits_raw=credits,
        credit_amount=float(amount[0]) if amount else None,
        credit_unit="contact_hour" if hours else None,
        contact_hours=hours,
        price_amount=money(row["cost"]),
        price_raw=row["cost"],
        price_currency="USD",
        cost_class="paid" if money(row["cost"]) else None,
    )


def cpe_webinar(root: Path, ref: str) -> dict[str, Any]:
    records = _load_json(root / "cpe-library/webinars.json")
    items = next(v for v in records.values() if isinstance(v, list))
    doc = next(d for d in items if d["id"] == ref)
    duration = doc.get("duration_min")
    sections = {
        "Format": doc.get("format"),
        "Duration": f"{duration} minutes" if isinstance(duration, int) else None,
        "Certificate": doc.get("certificate_process"),
        "Date": doc.get("live_date"),
    }
    return _listing(
        re.sub(r"\W+", "-", doc["provider"].lower()),
        ref,
        doc["url"],
        title=doc["title"],
        description=doc.get("description"),
        sections={k: v for k, v in sections.items() if v},
    )


def edx(root: Path, ref: str) -> dict[str, Any]:
    path = root / "edx_cources_data_analysis/edx_courses.csv"
    row = next(r for r in _load_csv(path) if r["course_url"] == ref)
    price = row["price"]
    certificate = money(price)
    free = price.upper().startswith("FREE")
    return _listing(
        "edx",
        ref.rstrip("/").rsplit("/", 1)[-1],
        ref,
        title=row["title"],
        description=" ".join(p for p in (row["summary"], row["course_description"]) if p),
        instructors=[{"name": n.strip()} for n in row["instructors"].split("-") if n.strip()],
        price_amount=0.0 if free else certificate,
        price_raw=price,
        price_currency="USD",
        cost_class="free-certificate-paid" if free and certificate else ("free" if free else None),
        certificate_fee=certificate if free else None,
        sections={
            k: v
            for k, v in {
                "Course type": row["course_type"],
                "Syllabus": row["course_syllabus"],
                "Effort": row["course_effort"],
                "Length": row["course_length"],
            }.items()
            if v
        },
    )


CONVERTERS: dict[str, Callable[[Path, str], dict[str, Any]]] = {
    "sib": sib_course,
    "mitpe": mitpe_course,
    "mitpe-resource": mitpe_resource,
    "xpro": xpro,
    "sloan": sloan,
    "nursingce": nursingce,
    "cpe-library": cpe_webinar,
    "edx": edx,
}


def convert(kind: str, ref: str, root: Path = DEFAULT_ROOT) -> dict[str, Any]:
    """The listing for record ``ref`` of ``kind`` (a key of ``CONVERTERS``)."""
    if kind not in CONVERTERS:
        raise ValueError(f"unknown real-world record kind {kind!r}; one of {sorted(CONVERTERS)}")
    try:
        return CONVERTERS[kind](root, ref)
    except StopIteration:
        raise LookupError(f"no {kind} record {ref!r} under {root}") from None
