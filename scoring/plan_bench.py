"""Time the planner on a large synthetic catalog.

    python -m scoring.plan_bench --listings 100000

Writes a catalog of seeded random listings (mixed credit units, categories, approval, prices,
formats, statuses and expiry dates) to a temporary SQLite file, then times
``plan_from_connection`` from opening the database to the finished plan (reading the rows
included), for a CMA (AAMA) plan from zero points and for the issue's example person.
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
from scoring.credentials import load_credentials
from scoring.plan_rules import Preferences
from scoring.planner import plan_from_connection

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
    sqlite_utils.Database(path)["courses"].insert_all(
        synthetic_rows(count), pk="id", batch_size=5000
    )


def time_plan(path: Path, have: str, approved: float | None, prefs: Preferences):
    """Wall-clock and CPU seconds from opening the database to the finished plan."""
    rules = load_credentials()
    started, cpu = time.perf_counter(), time.process_time()
    conn = sqlite3.connect(path)
    try:
        plan = plan_from_connection(conn, "cma", have, approved, prefs, rules)
    finally:
        conn.close()
    return time.perf_counter() - started, time.process_time() - cpu, plan


@click.command()
@click.option("--listings", default=100_000, show_default=True)
@click.option("--repeat", default=3, show_default=True)
@click.option(
    "--keep",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Build the catalog here (or reuse it if it exists) instead of a temp file.",
)
def main(listings: int, repeat: int, keep: Path | None) -> None:
    """Build a synthetic catalog and print how long planning over it takes."""
    with tempfile.TemporaryDirectory() as tmp:
        path = keep or Path(tmp) / "bench.db"
        if not path.exists():
            started = time.perf_counter()
            build_catalog(path, listings)
            click.echo(f"built {listings:,} listings in {time.perf_counter() - started:.1f} s")
        cases = {
            "from zero": ("", None, Preferences(today=TODAY)),
            "issue example ($50)": (
                "administrative=12,clinical=3,general=20",
                18.0,
                Preferences(today=TODAY, deadline=TODAY + dt.timedelta(days=427), budget=50),
            ),
        }
        for name, (have, approved, prefs) in cases.items():
            times, cpu_times = [], []
            for _ in range(repeat):
                seconds, cpu, plan = time_plan(path, have, approved, prefs)
                times.append(seconds)
                cpu_times.append(cpu)
            click.echo(
                f"{name}: wall best {min(times):.2f} s, worst {max(times):.2f} s "
                f"(CPU best {min(cpu_times):.2f} s); {plan.status}, "
                f"{len(plan.courses)} courses, ${plan.total_cost:.2f}, "
                f"{plan.considered:,} usable listings"
            )


if __name__ == "__main__":
    main()
