"""Time the planner on a large synthetic catalog, in both catalog layouts.

    python -m crawler.bench.planner --listings 100000

Writes a crawler store of seeded random listings (mixed credit units, categories, approval,
prices, formats, statuses and expiry dates) with a score card for each, publishes it as the
Datasette snapshot (``crawler.publish.snapshot.publish``), then times ``plan_from_connection``
on each from opening the database (read-only, as the command and the site do) to the finished
plan, for a CMA (AAMA) plan from zero points and for the issue's example person.
``--unreduced`` also times reading every listing into Python (the reference path).
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import tempfile
import time
from pathlib import Path

import click
import sqlite_utils

from crawler.items import AAMA_CATEGORIES, FORMATS, Course
from crawler.publish.snapshot import publish
from scoring.planner.credentials import load_credentials
from scoring.planner.plan import plan_from_connection
from scoring.planner.rules import Preferences

TODAY = dt.date(2026, 7, 1)
UNITS = (("aama_ceu", (0.5, 1, 1.5, 2, 3, 4)), ("contact_hour", (1, 1.5, 2, 6)),
         ("iacet_ceu", (0.1, 0.2, 0.5)), ("nha_credit", (1, 2)))  # fmt: skip


def synthetic_rows(count: int, seed: int = 1):
    rng = random.Random(seed)
    for i in range(count):
        unit, amounts = rng.choice(UNITS)
        amount = rng.choice(amounts)
        approved = unit == "aama_ceu"
        cost_class = rng.choices(
            ("free", "free-certificate-paid", "member-free", "paid"), weights=(1, 1, 1, 7)
        )[0]
        expiry = TODAY + dt.timedelta(days=rng.randint(-200, 900))
        course = Course(
            id=f"p{i % 500}:c{i}",
            provider=f"p{i % 500}",
            url=f"https://p{i % 500}.example/c{i}",
            title=f"Synthetic course {i}",
            credit_amount=amount,
            credit_unit=unit,
            aama_points=amount if approved else None,
            aama_approved=approved,
            aama_category=rng.choice((*AAMA_CATEGORIES, None)),
            format=rng.choice(FORMATS),
            cost_class=cost_class,
            price_amount=0.0 if cost_class == "free" else round(rng.uniform(5, 120), 2),
            certificate_fee=round(rng.uniform(5, 30), 2),
            price_currency="USD",
            expiry_date=expiry.isoformat(),
        )
        status = rng.choices(("active", "expired", "withdrawn"), weights=(90, 5, 5))[0]
        yield course.to_row() | {"status": status}


def build_catalog(path: Path, count: int) -> None:
    db = sqlite_utils.Database(path)
    db["courses"].insert_all(synthetic_rows(count), pk="id", batch_size=5000)
    ids = [row[0] for row in db.execute("SELECT id FROM courses")]
    cards = ({"course_id": id_, "score": n % 101} for n, id_ in enumerate(ids))
    db["score_cards"].insert_all(cards, pk="course_id", batch_size=5000)


def build_layouts(store: Path, count: int) -> dict[str, Path]:
    """The store at ``store`` and its published snapshot beside it (built when missing)."""
    snapshot = store.with_name(store.stem + "-snapshot.db")
    if not store.exists():
        started = time.perf_counter()
        build_catalog(store, count)
        click.echo(f"built {count:,} listings in {time.perf_counter() - started:.1f} s")
    if not snapshot.exists():
        publish(store, snapshot, today=TODAY.isoformat())
    return {"store (courses + score_cards)": store, "snapshot (catalog + course_details)": snapshot}


def time_plan(path: Path, have: str, approved: float | None, prefs: Preferences, reduce: bool):
    """Wall-clock and CPU seconds from opening the database to the finished plan."""
    rules = load_credentials()
    started, cpu = time.perf_counter(), time.process_time()
    conn = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
    try:
        plan = plan_from_connection(conn, "cma", have, approved, prefs, rules, reduce)
    finally:
        conn.close()
    return time.perf_counter() - started, time.process_time() - cpu, plan


CASES = {
    "from zero": ("", None, Preferences(today=TODAY)),
    "issue example ($50)": (
        "administrative=12,clinical=3,general=20",
        18.0,
        Preferences(today=TODAY, deadline=TODAY + dt.timedelta(days=427), budget=50),
    ),
}


@click.command()
@click.option("--listings", default=100_000, show_default=True)
@click.option("--repeat", default=3, show_default=True)
@click.option(
    "--keep",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Build the store here and the snapshot beside it (or reuse them if they exist) "
    "instead of temp files.",
)
@click.option("--unreduced", is_flag=True, help="Also time judging every listing in Python.")
def main(listings: int, repeat: int, keep: Path | None, unreduced: bool) -> None:
    """Build a synthetic catalog and print how long planning over it takes."""
    with tempfile.TemporaryDirectory() as tmp:
        layouts = build_layouts(keep or Path(tmp) / "bench.db", listings)
        ways = {"SQL-reduced": True, **({"unreduced": False} if unreduced else {})}
        for layout, path in layouts.items():
            for way, reduce in ways.items():
                for name, (have, approved, prefs) in CASES.items():
                    runs = [time_plan(path, have, approved, prefs, reduce) for _ in range(repeat)]
                    times, cpu_times, plan = [r[0] for r in runs], [r[1] for r in runs], runs[-1][2]
                    click.echo(
                        f"{layout}, {way}, {name}: wall best {min(times):.2f} s, worst "
                        f"{max(times):.2f} s (CPU best {min(cpu_times):.2f} s); {plan.status}, "
                        f"{len(plan.courses)} courses, ${plan.total_cost:.2f}, "
                        f"{plan.total_hours:g} h, {plan.considered:,} usable listings"
                    )


if __name__ == "__main__":
    main()
