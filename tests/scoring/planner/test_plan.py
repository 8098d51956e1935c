"""The planner on small catalogs whose optimal plans were worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from scoring.planner.count import Earned
from tests.support.planner import RULES, assert_valid, course, plan_on, rows

# Everything but the clinical minimum is already met (50 approved points).
CLINICAL_MISSING = {"have": "administrative=10,general=40", "approved": 50}
# Everything is met except one more point of the total.
ONE_POINT_MISSING = {"have": "administrative=10,clinical=10,general=10,any=29", "approved": 59}


def ids(plan) -> set[str]:
    return {c.id.split(":", 1)[1] for c in plan.courses}


def non_aama(ref: str, hours: float, **fields):
    """A non-AAMA course whose credit is stated in IACET CEUs (10 contact hours each)."""
    return course(
        ref, credit_unit="iacet_ceu", credit_amount=hours / 10, aama_approved=False, **fields
    )


def test_category_minimum_binds(tmp_path):
    # A cheap 10-point general course would fill the total but not the clinical minimum:
    # the best is the two 5-point clinical courses ($8 + $9) rather than the $20 one.
    catalog = rows(
        course("g1", aama_category="general", aama_points=10, price_amount=5),
        course("c1", aama_category="clinical", aama_points=10, price_amount=20),
        course("c2", aama_category="clinical", aama_points=5, price_amount=8),
        course("c3", aama_category="clinical", aama_points=5, price_amount=9),
    )
    plan = plan_on(tmp_path, catalog, **CLINICAL_MISSING)
    assert plan.status == "ok"
    assert ids(plan) == {"c2", "c3"}
    assert plan.total_cost == 17
    assert_valid(plan, **CLINICAL_MISSING)


def test_approved_minimum_binds(tmp_path):
    # 30 non-AAMA points already count (the cap) and 20 are AAMA-approved: the free non-AAMA
    # course cannot help; 10 more AAMA-approved points are needed, cheapest as two $5 courses.
    have = {"have": "administrative=10,clinical=10,general=30", "approved": 20}
    catalog = rows(
        non_aama("n1", 10, aama_category="general", cost_class="free", price_amount=0),
        course("a1", aama_points=10, price_amount=12),
        course("a2", aama_points=5, price_amount=5),
        course("a3", aama_points=5, price_amount=5),
    )
    plan = plan_on(tmp_path, catalog, **have)
    assert ids(plan) == {"a2", "a3"}
    assert plan.total_cost == 10
    by_name = {r.name: r for r in plan.count.requirements}
    assert by_name["AAMA-approved"].reached == 30
    assert_valid(plan, **have)


def test_non_aama_points_are_capped_at_thirty(tmp_path):
    # From zero: 60 free non-AAMA hours are on offer but only 30 count, one per category covers
    # the minimums, and the other 30 points must be AAMA-approved (three $10 courses).
    free = {"cost_class": "free", "price_amount": 0}
    catalog = rows(
        *(
            non_aama(f"{cat[:3]}{i}", 10, aama_category=cat, **free)
            for cat in ("administrative", "clinical", "general")
            for i in (1, 2)
        ),
        *(course(f"a{i}", aama_points=10, price_amount=10) for i in (1, 2, 3)),
    )
    plan = plan_on(tmp_path, catalog)
    assert plan.total_cost == 30
    assert sum(not c.approved for c in plan.courses) == 3
    assert {c.category for c in plan.courses if not c.approved} == {
        "administrative",
        "clinical",
        "general",
    }
    assert_valid(plan)


def _ratio_greedy_cost(courses, needed):
    """Take the cheapest course per point until the need is met (what a greedy planner does)."""
    total = points = 0.0
    for c in sorted(courses, key=lambda c: c.price_amount / c.aama_points):
        if points >= needed:
            break
        total, points = total + c.price_amount, points + c.aama_points
    return total


def test_exact_plan_beats_greedy(tmp_path):
    # Need 10 clinical points. Cheapest per point is the 6-point $6 course, but after it a
    # $5.50 course is still needed ($11.50); the two 5-point courses cost $11.00.
    clinical = [
        course("a", aama_category="clinical", aama_points=6, price_amount=6),
        course("b", aama_category="clinical", aama_points=5, price_amount=5.5),
        course("c", aama_category="clinical", aama_points=5, price_amount=5.5),
    ]
    assert _ratio_greedy_cost(clinical, 10) == 11.5
    plan = plan_on(tmp_path, rows(*clinical), **CLINICAL_MISSING)
    assert ids(plan) == {"b", "c"}
    assert plan.total_cost == 11
    assert_valid(plan, **CLINICAL_MISSING)


ISSUE_PERSON = {"have": "administrative=12,clinical=3,general=20", "approved": 18}


@pytest.mark.parametrize(("budget", "status"), [(50, "over-budget"), (60, "ok")])
def test_budget_too_small_is_said_not_hidden(tmp_path, budget, status):
    # 25 more points, 7 of them clinical, 12 more AAMA-approved: the cheapest plan is $60.
    catalog = rows(
        course("c1", aama_category="clinical", aama_points=7, price_amount=30),
        course("g1", aama_category="general", aama_points=18, price_amount=30),
        course("c2", aama_category="clinical", aama_points=25, price_amount=90),
    )
    plan = plan_on(tmp_path, catalog, budget=budget, **ISSUE_PERSON)
    assert plan.status == status
    assert ids(plan) == {"c1", "g1"}
    assert plan.ok is (status == "ok")
    over = [m for m in plan.messages if "budget" in m]
    if status == "over-budget":
        assert over == [
            "the cheapest plan that completes CMA (AAMA) costs $60.00, $10.00 over your "
            "$50.00 budget"
        ]
    else:
        assert over == []


def test_iacet_tenth_of_a_ceu_is_one_contact_hour(tmp_path):
    catalog = rows(
        non_aama("tenth", 1, cost_class="free", price_amount=0),
        non_aama("half-hour", 0.5, cost_class="free", price_amount=0),
        course("paid", price_amount=5),
    )
    plan = plan_on(tmp_path, catalog, **ONE_POINT_MISSING)
    assert ids(plan) == {"tenth"}
    (picked,) = plan.courses
    assert (picked.points, picked.hours, picked.approved) == (1.0, 1.0, False)
    assert plan.left_out["under 1 contact hour for non-AAMA-approved"] == 1
    assert_valid(plan, **ONE_POINT_MISSING)


def test_nha_credit_is_two_hours(tmp_path):
    other = {"aama_approved": False}
    catalog = rows(
        course("x", credit_unit="nha_credit", credit_amount=1, price_amount=4, **other),
        course("y", credit_unit="contact_hour", credit_amount=4, price_amount=5, **other),
        course("z", credit_unit="contact_hour", credit_amount=1, price_amount=1, **other),
    )
    # CCMA: x gives 1 credit, y (4 h) 2 credits, z (1 h) half a credit; 3 needed -> x + y.
    plan = plan_on(tmp_path, catalog, credential="ccma", have="any=7")
    assert {c.id: c.points for c in plan.courses} == {"p:x": 1.0, "p:y": 2.0}
    assert plan.total_cost == 9
    assert_valid(plan, have="any=7")


def test_nha_credit_counts_two_cma_points(tmp_path):
    # Two points missing: the NHA credit (2 contact hours, non-AAMA) for $4 beats 2 x $3.
    two_missing = {"have": "administrative=10,clinical=10,general=10,any=28", "approved": 58}
    catalog = rows(
        course("x", credit_unit="nha_credit", credit_amount=1, price_amount=4, aama_approved=False),
        course("p1", price_amount=3),
        course("p2", price_amount=3),
    )
    plan = plan_on(tmp_path, catalog, **two_missing)
    assert ids(plan) == {"x"}
    assert plan.courses[0].points == 2.0
    assert_valid(plan, **two_missing)


def test_college_credit_is_fifteen_points(tmp_path):
    college = course("college", credit_unit="college_credit", credit_amount=1, aama_approved=False)
    plan = plan_on(
        tmp_path,
        rows(college),
        have="administrative=10,clinical=10,general=10,any=15",
        approved=45,
    )
    assert ids(plan) == {"college"}
    assert plan.courses[0].points == 15


@pytest.mark.parametrize(
    ("deadline", "expected"),
    [("2027-06-01", {"later"}), ("2026-12-01", {"soon"})],
)
def test_credit_ending_before_the_deadline_does_not_count(tmp_path, deadline, expected):
    catalog = [
        *rows(
            course("soon", price_amount=1, expiry_date="2027-01-01"),
            course("approval-ends", price_amount=2, approval_valid_through="2027-01-01"),
            course("later", price_amount=5, expiry_date="2028-01-01"),
            course("past", price_amount=0, cost_class="free", expiry_date="2026-01-01"),
        ),
        *rows(course("gone", price_amount=0, cost_class="free"), status="withdrawn"),
    ]
    plan = plan_on(tmp_path, catalog, deadline=dt.date.fromisoformat(deadline), **ONE_POINT_MISSING)
    assert ids(plan) == expected
    assert plan.left_out["status withdrawn"] == 1
    assert plan.left_out["expired"] == 1
    if expected == {"later"}:
        assert plan.left_out["credit ends before the deadline"] == 2
    assert_valid(plan, **ONE_POINT_MISSING)


def test_missing_points_are_named_exactly(tmp_path):
    have = {"have": "administrative=10,clinical=6,general=44", "approved": 60}
    free = {"cost_class": "free", "price_amount": 0}
    catalog = rows(
        course("adm", aama_category="administrative", aama_points=5, **free),
        course("gen", aama_category="general", aama_points=5, **free),
        course("cli", aama_category="clinical", aama_points=5, price_amount=10),
    )
    plan = plan_on(tmp_path, catalog, only_free=True, **have)
    assert plan.status == "infeasible"
    assert plan.courses == []
    assert plan.messages == [
        "no free clinical AAMA-approved courses in the catalog: 4 clinical points short"
    ]
    catalog += rows(course("cli-free", aama_category="clinical", aama_points=1, **free))
    (tmp_path / "more").mkdir()
    plan = plan_on(tmp_path / "more", catalog, only_free=True, **have)
    assert plan.messages == [
        "the free clinical courses in the catalog give 1 of the 4 clinical points still "
        "needed: 3 clinical points short"
    ]


def test_a_course_listed_twice_counts_once(tmp_path):
    two_missing = {"have": "administrative=10,clinical=10,general=10,any=28", "approved": 58}
    catalog = rows(
        course("x1", title="HIPAA basics", price_amount=3),
        course("x2", title="HIPAA  Basics", price_amount=2),
        course("y", price_amount=4),
    )
    plan = plan_on(tmp_path, catalog, **two_missing)
    assert ids(plan) == {"x2", "y"}
    assert plan.left_out["same course listed twice"] == 1


@pytest.mark.parametrize(
    ("member", "only_free", "expected"),
    [(False, False, {"certificate"}), (True, False, {"members"}), (False, True, set())],
)
def test_what_a_course_costs(tmp_path, member, only_free, expected):
    catalog = rows(
        course("certificate", cost_class="free-certificate-paid", price_amount=0,
               certificate_fee=7),
        course("members", cost_class="member-free", price_amount=20),
        course("paid", price_amount=9),
    )  # fmt: skip
    plan = plan_on(tmp_path, catalog, member=member, only_free=only_free, **ONE_POINT_MISSING)
    assert ids(plan) == expected
    if only_free:
        assert plan.messages == ["no free courses in the catalog: 1 point short"]


def test_non_aama_course_needs_formal_credit(tmp_path):
    catalog = rows(
        course("informal", credit_unit=None, credit_amount=None, contact_hours=2,
               aama_approved=False, cost_class="free", price_amount=0),
        course("paid", price_amount=5),
    )  # fmt: skip
    plan = plan_on(tmp_path, catalog, **ONE_POINT_MISSING)
    assert ids(plan) == {"paid"}
    assert plan.left_out["no formal credit stated"] == 1


def test_nothing_needed_means_no_courses(tmp_path):
    plan = plan_on(
        tmp_path,
        rows(course("a")),
        have="administrative=20,clinical=20,general=20",
        approved=60,
    )
    assert plan.status == "complete"
    assert plan.courses == []


@pytest.mark.parametrize(
    ("credential", "unit"),
    [("rma", "ccp_point"), ("cmas", "ccp_point"), ("ccma", "nha_credit"),
     ("ncma", "clock_hour"), ("cmac", "contact_hour")],
)  # fmt: skip
def test_every_credential_plans_over_its_total(tmp_path, credential, unit):
    catalog = rows(
        *(course(f"c{i}", credit_unit=unit, credit_amount=2, aama_approved=False,
                 price_amount=i) for i in range(1, 21))
    )  # fmt: skip
    plan = plan_on(tmp_path, catalog, credential=credential)
    assert plan.status == "ok"
    credential_rules = RULES.get(credential)
    units = sum(c.points for c in plan.courses)
    assert units >= credential_rules.total.value
    # the cheapest courses, and no more of them than needed
    per_course = plan.courses[0].points
    assert len(plan.courses) == -(-credential_rules.total.value // per_course)
    assert {c.cost for c in plan.courses} == set(range(1, len(plan.courses) + 1))
    assert_valid(plan)


@pytest.mark.parametrize(
    ("text", "approved", "message"),
    [
        ("clinical=x", None, "'x' is not a number"),
        ("surgery=3", None, "name one of administrative, clinical, general, any"),
        ("clinical=3", 5, "between 0 and the points earned (3)"),
        ("clinical=-1", None, "cannot be negative"),
    ],
)
def test_bad_earned_points_are_refused_clearly(text, approved, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Earned.parse(text, approved, RULES.get("cma"))


def test_categories_can_need_more_than_the_total_still_missing(tmp_path):
    # 50 general points already: the total needs 10 more, but administrative and clinical
    # need 10 each, so 20 points are bought.
    have = {"have": "general=50", "approved": 50}
    catalog = rows(
        course("adm", aama_category="administrative", aama_points=10, price_amount=5),
        course("cli", aama_category="clinical", aama_points=10, price_amount=5),
        course("any", aama_points=10, price_amount=1),
    )
    plan = plan_on(tmp_path, catalog, **have)
    assert ids(plan) == {"adm", "cli"}
    assert_valid(plan, **have)


def test_a_zero_budget_means_free_courses_only(tmp_path):
    catalog = rows(course("paid", price_amount=5))
    plan = plan_on(tmp_path, catalog, budget=0, **ONE_POINT_MISSING)
    assert plan.status == "infeasible"
    assert plan.messages == ["no free courses in the catalog: 1 point short"]


def test_format_and_provider_filters(tmp_path):
    catalog = rows(
        course("webinar", format="live webinar", price_amount=1),
        course("other-provider", provider="q", id="q:x", price_amount=2),
        course("online", price_amount=3),
    )
    plan = plan_on(tmp_path, catalog, formats=("self-paced online",), exclude_providers=("Q",),
                   **ONE_POINT_MISSING)  # fmt: skip
    assert ids(plan) == {"online"}
    assert (plan.left_out["other format"], plan.left_out["provider excluded"]) == (1, 1)


def test_an_unreadable_expiry_date_is_not_trusted(tmp_path):
    catalog = rows(course("vague", price_amount=1, expiry_date="June 2027"), course("ok"))
    plan = plan_on(tmp_path, catalog, **ONE_POINT_MISSING)
    assert ids(plan) == {"ok"}
    assert plan.left_out["unreadable expiry date"] == 1
