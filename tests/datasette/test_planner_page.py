"""The planner page of the catalog site (/-/plan), served in-process by Datasette."""

from __future__ import annotations

import asyncio
import re
import shutil

import pytest
import sqlite_utils
from datasette.app import Datasette

from crawler.publish.snapshot import publish
from tests.support.paths import ROOT
from tests.support.planner import course, rows, write_catalog

ROOT = ROOT
ISSUE_PERSON = "administrative=12&clinical=3&general=20&approved=18"


LISTINGS = rows(
    course("c1", title="<script>alert(1)</script> Vitals", aama_category="clinical",
           aama_points=7, price_amount=30, url="javascript:alert(1)"),
    course("g1", title="Coding basics", aama_category="general", aama_points=18,
           price_amount=30),
    course("n1", title="Non-AAMA refresher", credit_unit="contact_hour", credit_amount=2,
           aama_approved=False, cost_class="free", price_amount=0),
    course("a1", title="Two approved points", aama_points=2, price_amount=5),
)  # fmt: skip


def site(tmp_path, layout="snapshot"):
    """A Datasette serving the store (`courses` + `score_cards`) or its published snapshot."""
    path = write_catalog(tmp_path / "store.db", LISTINGS)
    sqlite_utils.Database(path)["score_cards"].insert_all(
        [{"course_id": row["id"], "score": 70} for row in LISTINGS], pk="course_id"
    )
    if layout == "snapshot":
        path = tmp_path / "catalog.db"
        publish(tmp_path / "store.db", path, today="2026-07-01")
    plugins = tmp_path / "plugins"  # this plugin alone, whatever else the site loads
    plugins.mkdir()
    shutil.copy(ROOT / "datasette" / "plugins" / "planner.py", plugins)
    return Datasette(
        [str(path)],
        plugins_dir=str(plugins),
        template_dir=str(ROOT / "datasette" / "templates"),
    )


def get(datasette, *paths):
    """Fetch the paths in one event loop; one response per path."""

    async def fetch():
        return [await datasette.client.get(path) for path in paths]

    return asyncio.run(fetch())


def cells(html):
    return [re.sub(r"\s+", " ", c).strip() for c in re.findall(r"<td>(.*?)</td>", html, re.S)]


def test_form_without_input_shows_no_plan(tmp_path):
    (response,) = get(site(tmp_path), "/-/plan")
    assert response.status_code == 200
    assert '<select name="credential">' in response.text
    assert "plan-courses" not in response.text


@pytest.mark.parametrize("layout", ["snapshot", "store"])
def test_plan_page_shows_the_same_plan_as_the_command(tmp_path, layout):
    url = f"/-/plan?credential=cma&{ISSUE_PERSON}&budget=60"
    (response,) = get(site(tmp_path, layout), url)
    assert response.status_code == 200
    html = response.text
    assert "CMA (AAMA): 2 courses, $60.00" in re.sub(r"\s+", " ", html)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Vitals" in html
    assert 'href="javascript:' not in html
    assert '<a href="https://p.example/g1"' in html
    assert cells(html)[-12:-6] == ["AAMA-approved", "30", "18", "25", "43", "met"]
    assert "<td>70</td>" in html


@pytest.mark.parametrize("layout", ["snapshot", "store"])
def test_a_non_aama_course_is_not_taken_for_approved(tmp_path, layout):
    # Non-AAMA points are at their cap; 2 AAMA-approved points are missing. The free non-AAMA
    # course (aama_approved "no" in the snapshot) cannot help: the $5 approved course must.
    have = "administrative=10&clinical=10&general=10&any=28&approved=28"
    (response,) = get(site(tmp_path, layout), f"/-/plan?credential=cma&{have}")
    assert "Two approved points" in response.text
    assert "Non-AAMA refresher" not in response.text


def test_over_budget_and_missing_points_are_said(tmp_path):
    over, free = get(
        site(tmp_path),
        f"/-/plan?credential=cma&{ISSUE_PERSON}&budget=50",
        f"/-/plan?credential=cma&{ISSUE_PERSON}&only_free=1",
    )
    assert "$10.00 over your $50.00 budget" in over.text
    assert "no free clinical AAMA-approved courses in the catalog: 7 clinical points short" in (
        free.text
    )


def test_bad_input_is_refused_with_a_message(tmp_path):
    (response,) = get(site(tmp_path), "/-/plan?credential=cma&clinical=lots&deadline=2001-01-01")
    assert response.status_code == 400
    assert "clinical: &#39;lots&#39; is not a number" in response.text
    assert "the deadline has already passed" in response.text
