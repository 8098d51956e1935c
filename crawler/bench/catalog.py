"""Benchmark the published catalog at scale: `python -m crawler.bench.catalog`.

Builds a catalog of N listings (100,000 by default) by resampling real records: Udemy and edX
course lists, CE webinars (cpe-library) and MIT Sloan executive-education courses from
``../shared/realworld/``, plus the demo web's course truth files. Resampled rows get a new id
and deterministic credit, approval, category and score-card values, since the real records
carry no AAMA data. The catalog is published as a snapshot and timed in process: the table
page with all facets, a full-text search, a filtered table, and a filtered CSV export of
exactly 10,000 rows (one in ten rows is "administrative"). Prints JSON with p50/p95 in ms.
"""

from __future__ import annotations

import asyncio
import csv
import json
import os
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import sqlite_utils

from crawler.items import COURSE_FIELDS, FORMATS
from crawler.paths import DEMO_DIR
from crawler.paths import REALWORLD_DIR as REALWORLD
from crawler.publish.catalog_table import CRITERIA
from crawler.publish.serve import make_datasette
from crawler.publish.snapshot import publish

TYPES = {"TEXT": str, "REAL": float, "INTEGER": int}


def _udemy(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8-sig") as handle:
        next(handle)  # a stray title row precedes the header
        for row in csv.DictReader(handle):
            price = float(row["price"]) if row["price"].replace(".", "").isdigit() else 0.0
            yield {
                "title": row["course_title"],
                "url": row["url"],
                "provider_name": "Udemy",
                "description": f"{row['subject']} course, {row['level']}.",
                "price_amount": price,
                "hours": float(row["content_duration"] or 0) or None,
            }


def _edx(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            free = row["price"].upper().startswith("FREE")
            yield {
                "title": row["title"],
                "url": row["course_url"],
                "provider_name": row["institution"] or "edX",
                "description": row["course_description"] or row["summary"],
                "instructors": [
                    {"name": n, "credentials": []} for n in row["instructors"].split("-") if n
                ],
                "price_amount": 0.0 if free else 49.0,
                "hours": None,
            }


def _webinars(path: Path) -> Iterator[dict[str, Any]]:
    for row in json.loads(path.read_text(encoding="utf-8"))["webinars"]:
        minutes = row.get("duration_min")
        yield {
            "title": row["title"],
            "url": row["url"],
            "provider_name": row.get("provider") or "cpe-library",
            "description": row.get("description"),
            "price_amount": 0.0,
            "hours": round(minutes / 60, 2) if isinstance(minutes, int | float) else None,
        }


def _sloan(path: Path) -> Iterator[dict[str, Any]]:
    for row in json.loads(path.read_text(encoding="utf-8")):
        yield {
            "title": row["Title"],
            "url": row["URL"],
            "provider_name": "MIT Sloan Executive Education",
            "description": row.get("Description"),
            "price_amount": 3500.0,
            "hours": 14.0,
        }


def _demo_truth(folder: Path) -> Iterator[dict[str, Any]]:
    for path in sorted(folder.glob("*.json")):
        site = json.loads(path.read_text(encoding="utf-8"))
        for course in site["courses"]:
            fields = course["fields"]
            if course.get("expect_in_catalog") and fields.get("title"):
                url = site["origin"].rstrip("/") + course["path"]
                yield {**fields, "url": url, "hours": fields.get("contact_hours")}


def seed_records(realworld: Path = REALWORLD) -> dict[str, list[dict[str, Any]]]:
    """Real records by source; sources whose files are absent are left out."""
    sources = {
        "udemy": (_udemy, realworld / "OnlineEducation" / "udemy_courses.csv"),
        "edx": (_edx, realworld / "edx_cources_data_analysis" / "edx_courses.csv"),
        "cpe-library": (_webinars, realworld / "cpe-library" / "webinars.json"),
        "mit-sloan": (_sloan, realworld / "mit-learn" / "test_json" / "test_sloan_courses.json"),
        "demo": (_demo_truth, DEMO_DIR / "truth"),
    }
    seeds = {}
    for name, (reader, path) in sources.items():
        if path.exists():
            seeds[name] = [r for r in reader(path) if r.get("title") and r.get("url")]
    return seeds


def synthetic_row(seed: dict[str, Any], source: str, i: int, rng: random.Random) -> dict:
    """A catalog row from a real record; AAMA and credit fields are drawn, not real."""
    hours = seed.get("hours") or rng.choice((0.5, 1.0, 1.0, 1.5, 2.0, 3.0, None))
    price = seed.get("price_amount")
    category = (
        "administrative"
        if i % 10 == 0
        else "clinical"
        if i % 10 < 5
        else "general"
        if i % 10 < 8
        else None
    )
    row = {name: seed.get(name) for name in COURSE_FIELDS if name in seed}
    row.update(
        id=f"{source}:{i}",
        provider=source,
        provider_name=seed["provider_name"],
        url=f"{seed['url'].split('#')[0]}#{i}",
        title=seed["title"],
        description=seed.get("description"),
        instructors=json.dumps(seed.get("instructors") or []),
        objectives=json.dumps(seed.get("objectives") or []),
        contact_hours=hours,
        credit_amount=hours,
        credit_unit="contact_hour" if hours else None,
        aama_category=category,
        aama_approved=int(rng.random() < 0.3),
        format=seed.get("format") or rng.choice(FORMATS),
        price_amount=price,
        price_currency="USD",
        cost_class=rng.choice(("free", "free-certificate-paid")) if price == 0 else "paid",
        status="active" if rng.random() < 0.95 else "withdrawn",
        first_seen=f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}T00:00:00+00:00",
        last_seen="2026-11-20T00:00:00+00:00",
        last_changed="2026-11-01T00:00:00+00:00",
    )
    return row


def synthetic_card(course_id: str, rng: random.Random) -> dict[str, Any]:
    statuses = rng.choices(("met", "partial", "missing", "unknown"), (5, 2, 2, 1), k=len(CRITERIA))
    score = rng.randint(10, 100)
    band = (
        "A"
        if score >= 85
        else "B"
        if score >= 70
        else "C"
        if score >= 55
        else ("D" if score >= 40 else "E")
    )
    return {
        "course_id": course_id,
        "score": score,
        "band": band,
        "unknown_share": 0.1,
        "scoring_version": "bench",
        **dict(zip(CRITERIA, statuses, strict=True)),
    }


def build_bench_db(path: Path, rows: int, seed: int = 7) -> dict[str, int]:
    """A live-style catalog of ``rows`` resampled listings; returns seed counts by source."""
    seeds = seed_records()
    if not seeds:
        raise click.ClickException(f"no seed records found under {REALWORLD}")
    pool = [(name, record) for name, records in seeds.items() for record in records]
    rng = random.Random(seed)
    db = sqlite_utils.Database(path)
    db.enable_wal()
    columns = {name: TYPES[t] for name, (t, _) in COURSE_FIELDS.items()}
    columns |= {"status": str, "first_seen": str, "last_seen": str, "last_changed": str}
    db["courses"].create(columns, pk="id")
    courses, cards = [], []
    for i in range(rows):
        source, record = pool[rng.randrange(len(pool))]
        course = synthetic_row(record, source, i, rng)
        courses.append(course)
        cards.append(synthetic_card(course["id"], rng))
    with db.conn:
        db["courses"].insert_all(courses, batch_size=2000)
        db["score_cards"].insert_all(cards, pk="course_id", batch_size=2000)
    db.close()
    return {name: len(records) for name, records in seeds.items()}


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(p95, 1),
        "runs": len(ordered),
    }


async def _time(datasette, path: str, runs: int, check=None) -> dict[str, float]:
    samples = []
    response = await datasette.client.get(path)  # warm-up, not counted
    for _ in range(runs):
        start = time.perf_counter()
        response = await datasette.client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise click.ClickException(f"{path} answered {response.status_code}")
    if check:
        check(response)
    return {"path": path, **_percentiles(samples)}


def _csv_rows(expected: int):
    def check(response):
        count = sum(1 for _ in csv.reader(response.text.splitlines())) - 1
        if count != expected:
            raise click.ClickException(f"CSV export had {count} rows, expected {expected}")

    return check


async def run_timings(snapshot: Path, runs: int, csv_runs: int, rows: int) -> dict[str, Any]:
    datasette = make_datasette(snapshot)
    return {
        "table_with_facets": await _time(datasette, "/catalog/catalog", runs),
        "search": await _time(datasette, "/catalog/catalog?_search=management", runs),
        "filtered_table": await _time(
            datasette, "/catalog/catalog?cost_class=free&aama_approved=yes", runs
        ),
        # 40% of all rows match: the slowest kind of filter for facets
        "broad_filter": await _time(datasette, "/catalog/catalog?aama_category=clinical", runs),
        "csv_10000_rows": await _time(
            datasette,
            "/catalog/catalog.csv?aama_category=administrative&_stream=1",
            csv_runs,
            check=_csv_rows(rows // 10),
        ),
    }


def run_catalog_bench(rows: int, runs: int, csv_runs: int, workdir: Path | None) -> dict:
    """Build a catalog of ``rows`` listings, publish it, and time its pages (see the CLI)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = workdir or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        live, snapshot = folder / "bench-live.db", folder / "bench-catalog.db"
        for stale in (live, snapshot):
            stale.unlink(missing_ok=True)
        start = time.perf_counter()
        seeds = build_bench_db(live, rows)
        built = time.perf_counter()
        publish(live, snapshot)
        published = time.perf_counter()
        load_before = os.getloadavg()[0]
        timings = asyncio.run(run_timings(snapshot, runs, csv_runs, rows))
        load_after = os.getloadavg()[0]
    return {
        "rows": rows,
        "resampled_from": seeds,
        "build_s": round(built - start, 1),
        "publish_s": round(published - built, 1),
        "load_average_1min": [round(load_before, 2), round(load_after, 2)],
        "cpus": os.cpu_count(),
        **timings,
    }
