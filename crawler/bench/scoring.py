"""Time ``score_catalog`` on N synthetic stored listings.

    python -m crawler.bench.scoring 100000        # workers chosen by score_catalog
    python -m crawler.bench.scoring 100000 1      # one process

The listings are built from a few realistic templates with varied prices, credits, formats and
texts (deterministic seed), written with sqlite-utils into a temporary WAL database.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import sqlite_utils

from crawler.items import FORMATS, Course
from scoring.store import score_catalog

DESCRIPTIONS = (
    "The purpose of this course is to help medical assistants {topic} safely and accurately.",
    "An overview of {topic} for the medical office, with examples and a post-test.",
    "Clinics report a growing need to {topic}; this webinar is designed to close that gap.",
    "Learn the latest about how to {topic}.",
)
TOPICS = (
    "draw blood",
    "protect patient privacy",
    "measure vital signs",
    "code claims",
    "prevent infections",
    "document allergies",
    "schedule patients",
)
UNITS = (("contact_hour", 1.0), ("aama_ceu", 1.0), ("iacet_ceu", 10.0), ("ceu", None))


def synthetic_course(i: int, rng: random.Random) -> dict:
    topic = rng.choice(TOPICS)
    unit, factor = rng.choice(UNITS)
    amount = rng.choice((0.5, 1, 1.5, 2, 3)) if unit != "iacet_ceu" else rng.choice((0.1, 0.2))
    free = rng.random() < 0.2
    course = Course(
        id=f"p{i % 50}:{i}",
        provider=f"p{i % 50}",
        url=f"https://p{i % 50}.example/c/{i}",
        title=f"Course {i}: {topic}",
        description=rng.choice(DESCRIPTIONS).format(topic=topic),
        credits_raw=f"{amount} {unit}",
        credit_amount=amount,
        credit_unit=unit,
        contact_hours=amount * factor if factor else None,
        format=rng.choice(FORMATS),
        price_amount=0.0 if free else float(rng.randint(5, 120)),
        price_currency="USD",
        cost_class="free" if free else "paid",
        aama_approved=rng.random() < 0.3,
        objectives=[f"Describe how to {topic}", f"Identify errors when you {topic}"][: i % 3],
        instructors=[{"name": "Jane Doe", "credentials": ["RN"] if i % 2 else []}],
        sections={"Faculty": "Jane Doe, CMA (AAMA)", "Refunds": "All sales final."}
        if i % 4 == 0
        else {"About": f"A course about how to {topic}."},
        expiry_date=rng.choice((None, "2025-12-31", "2027-12-31")),
    )
    return course.to_row()


def build(path: Path, n: int, seed: int = 7) -> sqlite_utils.Database:
    db = sqlite_utils.Database(path)
    db.enable_wal()
    rng = random.Random(seed)
    db["courses"].insert_all((synthetic_course(i, rng) for i in range(n)), pk="id", batch_size=5000)
    db["providers"].insert_all(
        (
            {
                "slug": f"p{k}",
                "name": f"Provider {k}",
                "contact_email": f"ce@p{k}.example" if k % 2 else None,
            }
            for k in range(50)
        ),
        pk="slug",
    )
    return db


def main(argv: list[str]) -> None:
    n = int(argv[0]) if argv else 100_000
    workers = int(argv[1]) if len(argv) > 1 else None
    with tempfile.TemporaryDirectory() as tmp:
        db = build(Path(tmp) / "bench.db", n)
        started = time.perf_counter()
        stats = score_catalog(db, date(2026, 11, 25), workers=workers)
        seconds = time.perf_counter() - started
    print(
        f"scored {stats['scored']} listings in {seconds:.1f} s "
        f"({1e6 * seconds / max(n, 1):.0f} µs per listing)"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
