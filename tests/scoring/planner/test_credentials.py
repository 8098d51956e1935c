"""data/credentials.yml: the rules the planner relies on, with their sources, validated on load."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from crawler.items import CREDIT_UNITS
from scoring.planner.credentials import DEFAULT_PATH, CredentialsError, load_credentials

RULES = load_credentials()
OFFICIAL_HOSTS = {
    "cma": "aama-ntl.org",
    "rma": "americanmedtech.org",
    "cmas": "americanmedtech.org",
    "ccma": "nhanow.com",
    "cmac": "amcaexams.com",
    "ncma": "ncctinc.com",
}


def test_the_six_credentials_with_design_numbers():
    assert set(RULES.credentials) == set(OFFICIAL_HOSTS)
    cma = RULES.get("cma")
    assert (cma.total.value, cma.cycle_months.value) == (60, 60)
    assert {c: n.value for c, n in cma.category_minimums.items()} == {
        "administrative": 10,
        "clinical": 10,
        "general": 10,
    }
    assert (cma.approved.minimum.value, cma.approved.others_cap.value) == (30, 30)
    assert cma.approved.others_min_contact_hours.value == 1
    totals = {key: (RULES.get(key).total.value, RULES.get(key).cycle_months.value)
              for key in ("rma", "cmas", "ccma", "cmac", "ncma")}  # fmt: skip
    assert totals == {
        "rma": (30, 36), "cmas": (30, 36), "ccma": (10, 24), "cmac": (10, 24), "ncma": (14, 12)
    }  # fmt: skip


@pytest.mark.parametrize("key", sorted(OFFICIAL_HOSTS))
def test_every_number_cites_the_certifying_body(key):
    for name, number in RULES.get(key).numbers().items():
        assert number.source_url.startswith("https://"), name
        if name != "unit_contact_hours" or number.confirmed:
            assert OFFICIAL_HOSTS[key] in number.source_url, (key, name)
        if number.confirmed:
            assert number.checked == dt.date(2026, 6, 24), (key, name)
        else:
            assert number.note, (key, name)


def test_numbers_design_says_to_reverify_are_unconfirmed():
    assert not RULES.get("ccma").unit_contact_hours.confirmed
    assert not RULES.get("ncma").total.confirmed
    assert not RULES.contact_hours_per_unit["nha_credit"].confirmed
    assert RULES.get("cma").total.confirmed
    assert any("re-verify" in line for line in RULES.get("ccma").unconfirmed())


def test_unit_conversions_agree_with_the_crawler():
    """The planner and the crawler's contact-hour column must convert credits the same way."""
    ours = {unit: n.value for unit, n in RULES.contact_hours_per_unit.items()}
    theirs = {unit: hours for unit, hours in CREDIT_UNITS.items() if hours is not None}
    assert ours == theirs


def test_unknown_credential_names_the_known_ones():
    with pytest.raises(CredentialsError, match="known: ccma, cma, cmac, cmas, ncma, rma"):
        RULES.get("rn")


CMA_TOTAL = "total: {value: 60, source: aama-policies, checked: 2026-06-24}"
CMA_CLINICAL = "clinical: {value: 10, source: aama-policies, checked: 2026-06-24}"
CMA_CYCLE = "cycle_months: {value: 60, source: aama-policies, checked: 2026-06-24}"
CMA_CAP = "others_cap: {value: 30, source: aama-does-it-count, checked: 2026-06-24}"
BROKEN = [
    (CMA_TOTAL, CMA_TOTAL.replace("source: ", "source: ["), "cannot read rules"),
    (CMA_TOTAL, CMA_TOTAL.replace("aama-policies", "nowhere"),
     "credentials.cma.total: source 'nowhere' is not a key of `sources`"),
    (CMA_CLINICAL, CMA_CLINICAL.replace(", checked: 2026-06-24", ""),
     "credentials.cma.category_minimums.clinical: a confirmed number needs the date"),
    ("native_unit: aama_ceu", "native_unit: furlong", "credentials.cma.native_unit: 'furlong'"),
    (CMA_CYCLE, CMA_CYCLE.replace("months", "month"),
     "credentials.cma: unknown key(s) ['cycle_month']"),
    (CMA_CAP, CMA_CAP.replace("30", "-30"), "others_cap: value -30 is not a non-negative number"),
]  # fmt: skip


@pytest.mark.parametrize(("original", "replacement", "message"), BROKEN)
def test_a_broken_rules_file_is_refused_with_the_key_named(
    tmp_path, original, replacement, message
):
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    assert original in text
    broken = tmp_path / "credentials.yml"
    broken.write_text(text.replace(original, replacement, 1), encoding="utf-8")
    with pytest.raises(CredentialsError, match=re.escape(message)):
        load_credentials(broken)
