"""The SQL reduction (scoring.planner.reduce) plans exactly as judging every listing in Python does.

Random small catalogs, written as the crawler's store and as the published snapshot, with the
awkward values a crawl produces: unreadable and impossible dates, other currencies, unknown
prices, credit too small to count, the same course listed twice under other case, spacing or
Unicode, half-cent prices (where SQLite's round() and Python's differ). Each is planned both
ways for random people and preferences; plans, messages and reasons must be the same.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3

import pytest
import sqlite_utils

from crawler.publish.snapshot import publish
from scoring.planner.count import Earned
from scoring.planner.plan import Plan, plan_from_connection, solver_caps
from scoring.planner.reduce import select_reduced
from scoring.planner.rules import Preferences
from tests.support.planner import RULES, TODAY, course, rows, write_catalog

ONE_POINT_MISSING = "administrative=10,clinical=10,general=10,any=29"

PROVIDERS = (("p", "Provider P"), ("P", "PROVIDER p"), ("straße", "Straße Academy"),
             ("strasse", "STRASSE academy"), ("q", None))  # fmt: skip
TITLES = ("HIPAA basics", "hipaa  Basics", " HIPAA basics", "Vitals\tcheck", "vitals check",
          "Straße safety", "STRASSE SAFETY", "Ünïcode cöurse", "ÜNÏCODE CÖURSE", "")  # fmt: skip
DATES = (None, None, None, None, "", "2026-01-01", "2026-07-01", "2026-12-31", "2027-06-30",
         "2028-01-01", "2028-01-01", "2027-02-30", "June 2027", "0000-01-01")  # fmt: skip
COST_CLASSES = ("free", "free-certificate-paid", "member-free", "subscription", "paid", "paid",
                "unknown", None)  # fmt: skip
PRICES = (None, 0, 0.125, 0.135, 1, 2.5, 2.675, 5, 5, 7.005, 10, 10, 20)
CREDITS = (("aama_ceu", (0.1, 0.5, 1, 2, 3)), ("aama_ceu", (1, 1, 2, 3)),
           ("contact_hour", (0.5, 1, 2, 4)),
           ("iacet_ceu", (0.05, 0.1, 0.2)), ("nha_credit", (1, 2)), ("college_credit", (1,)),
           ("ccp_point", (1, 2)), ("ceu", (1,)), (None, (None,)))  # fmt: skip


def random_listing(rng: random.Random, i: int) -> dict:
    provider, provider_name = rng.choice(PROVIDERS)
    unit, amounts = rng.choice(CREDITS)
    amount = rng.choice(amounts)
    approved = rng.choice((True, False, None)) if unit == "aama_ceu" else rng.random() < 0.1
    listing = course(
        f"c{i}",
        id=f"{provider}:c{i}",
        provider=provider,
        provider_name=provider_name,
        title=rng.choice(TITLES),
        credit_unit=unit,
        credit_amount=amount,
        contact_hours=rng.choice((None, 0.5, 1, 2)),
        aama_points=amount if approved and rng.random() < 0.8 else None,
        aama_approved=approved,
        aama_category=rng.choice(("administrative", "clinical", "general", None)),
        format=rng.choice(("self-paced online", "live webinar", None)),
        cost_class=rng.choice(COST_CLASSES),
        price_amount=rng.choice(PRICES),
        certificate_fee=rng.choice((None, 0.125, 3, 7)),
        price_currency=rng.choice(("USD",) * 8 + ("EUR", None, "")),
        expiry_date=rng.choice(DATES),
        approval_valid_through=rng.choice(DATES),
    )
    status = rng.choice(("active",) * 8 + ("expired", "withdrawn", None))
    return rows(listing, status=status)[0]


def random_request(rng: random.Random) -> tuple[str, str, float | None, Preferences]:
    credential = rng.choice(("cma", "cma", "cma", "ccma", "rma", "cmac"))
    if credential == "cma":
        minimums = [rng.choice((5, 9, 10, 10, 20)) for _ in range(3)]
        extra = rng.choice((0, 20, 27, 29, 30, 45))
        have = "administrative={},clinical={},general={},any={}".format(*minimums, extra)
        total = sum(minimums) + extra
        approved = rng.choice((None, float(max(0, total - 2)), float(total)))
    else:
        have, approved = f"any={rng.choice((0, 5, 9, 25, 27, 28))}", None
    prefs = Preferences(
        today=TODAY,
        deadline=rng.choice((None, dt.date(2027, 1, 1), dt.date(2027, 12, 31))),
        budget=rng.choice((None, None, None, 0, 15)),
        formats=rng.choice(((), (), ("self-paced online",))),
        only_free=rng.random() < 0.1,
        exclude_providers=rng.choice(((), (), (), ("STRASSE",), ("p", "Straße Academy"))),
        member=rng.random() < 0.3,
    )
    return credential, have, approved, prefs


def summary(plan: Plan) -> tuple:
    return (
        plan.status,
        [(c.id, c.category, c.approved, c.points, c.hours, c.cost, c.credit_ends, c.score)
         for c in plan.courses],
        plan.messages,
        dict(plan.left_out),
        plan.considered,
        [(r.name, r.needed, r.have, r.plan) for r in plan.count.requirements],
    )  # fmt: skip


def both_layouts(tmp_path, listings: list[dict]) -> list:
    store = write_catalog(tmp_path / "store.db", listings)
    scored = [{"course_id": row["id"], "score": n} for n, row in enumerate(listings) if n % 3]
    if scored:
        sqlite_utils.Database(store)["score_cards"].insert_all(scored, pk="course_id")
    snapshot = tmp_path / "snapshot.db"
    publish(store, snapshot, today=TODAY.isoformat())
    return [store, snapshot]


@pytest.mark.parametrize("seed", range(4))
def test_sql_reduction_plans_as_python_does(tmp_path, seed):
    rng = random.Random(seed)
    for n in range(3):
        folder = tmp_path / str(n)
        folder.mkdir()
        listings = {}
        for i in range(rng.randint(5, 60)):
            row = random_listing(rng, i)
            listings[row["id"]] = row  # the id is the primary key
        for path in both_layouts(folder, list(listings.values())):
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                for _ in range(12):
                    credential, have, approved, prefs = random_request(rng)
                    args = (conn, credential, have, approved, prefs, RULES)
                    reduced = plan_from_connection(*args)
                    unreduced = plan_from_connection(*args, reduce_in_sql=False)
                    assert summary(reduced) == summary(unreduced), (path.name, args[1:])
            finally:
                conn.close()


def test_only_the_cheapest_copies_the_solver_can_use_reach_python(tmp_path):
    # One point is missing: of twenty 1-point AAMA-approved courses only the cheapest can be
    # used, and of the non-AAMA ones (another solver class) only the cheapest too; the first
    # listed of each also reaches Python, for its place in the catalog order.
    catalog = rows(
        *(course(f"c{i}", price_amount=20 - i / 2) for i in range(20)),
        *(course(f"other{h}", credit_unit="contact_hour", credit_amount=h, aama_approved=False,
                 price_amount=40 - h) for h in (1, 2, 3)),
    )  # fmt: skip
    path = write_catalog(tmp_path / "catalog.db", catalog)
    credential = RULES.get("cma")
    caps = solver_caps(credential, Earned.parse(ONE_POINT_MISSING, 59, credential))
    with sqlite3.connect(path) as conn:
        found = select_reduced(conn, credential, RULES, Preferences(today=TODAY), caps)
    assert [c.id for c in found.candidates] == ["p:c0", "p:c19", "p:other1", "p:other3"]
    assert found.considered == 23
    assert (found.available.approved, found.available.others) == ({None: 20.0}, {None: 6.0})


def plans_both_ways(tmp_path, catalog: list[dict], have: str, approved: float) -> list[Plan]:
    path = write_catalog(tmp_path / "catalog.db", catalog)
    with sqlite3.connect(path) as conn:
        args = (conn, "cma", have, approved, Preferences(today=TODAY), RULES)
        return [plan_from_connection(*args, reduce_in_sql=flag) for flag in (True, False)]


def test_half_a_cent_rounds_to_even_as_in_python(tmp_path):
    # 12.5 cents is 12 to Python (halves to even) and 13 to SQLite's round(): the later,
    # cheaper listing must win, not tie with the first.
    catalog = rows(course("first", price_amount=0.13), course("cheaper", price_amount=0.125))
    for plan in plans_both_ways(tmp_path, catalog, ONE_POINT_MISSING, 59):
        assert [c.id for c in plan.courses] == ["p:cheaper"]


def test_listings_dropped_in_sql_do_not_change_which_tie_wins(tmp_path):
    # Two points missing: one 2-point course or two 1-point courses, $10 and 2 hours either
    # way. The dear 1-point course listed first is never used (two cheaper ones of its size
    # exist), yet it decides which of the equal plans is chosen: 1-point courses are tried
    # first because one is listed first; SQL must not drop it.
    catalog = rows(
        course("dear", price_amount=9),
        course("two", aama_points=2, credit_amount=2, price_amount=10),
        course("one-a", price_amount=5),
        course("one-b", price_amount=5),
    )
    have = "administrative=10,clinical=10,general=10,any=28"
    reduced, unreduced = plans_both_ways(tmp_path, catalog, have, 58)
    expected = ["p:one-a", "p:one-b"]
    assert [c.id for c in reduced.courses] == [c.id for c in unreduced.courses] == expected
