"""Accuracy on the labeled set: F1 >= 0.90 per criterion, overall and on the real-world part."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from crawler.cli.score import score
from scoring import CRITERION_IDS
from scoring.evaluation.evaluate import evaluate, format_report, load_cases
from tests.support.paths import LABELS, REALWORLD_DIR

LABELS = LABELS
REALWORLD = REALWORLD_DIR


@pytest.fixture(scope="module")
def report():
    loaded = load_cases([LABELS], REALWORLD)
    result = evaluate(loaded.cases)
    print("\n" + format_report(result))
    return result


def test_labeled_set_is_large_enough(report):
    expected = 120 if REALWORLD.is_dir() else 60
    assert report["all"]["cases"] >= expected


@pytest.mark.parametrize("criterion", [*CRITERION_IDS, "overall"])
def test_f1_per_criterion_on_all_labels(report, criterion):
    assert report["all"]["criteria"][criterion]["f1"] >= 0.90


@pytest.mark.skipif(not REALWORLD.is_dir(), reason="../shared/realworld is absent")
@pytest.mark.parametrize("criterion", [*CRITERION_IDS, "overall"])
def test_f1_per_criterion_on_realworld_part(report, criterion):
    assert report["realworld"]["criteria"][criterion]["f1"] >= 0.90


# Known gap, measured on 42 real records (tests/labels/realworld_heldout.jsonl) drawn with a
# fixed seed, labeled before the detectors' final version ran on them and never used to change
# them. Real descriptions state outcomes as benefits ("empowers you to make decisions"), as
# lead-ins whose list the record lost ("you will be able to:" and nothing after), as
# coordinated verbs without commas ("learn to re-think the system and act upon it") or in a
# syllabus; the outcomes detector only counts explicit learner-action phrasing.
HELD_OUT_GAP = {"outcomes": "held-out outcomes F1 is 0.77"}


@pytest.mark.skipif(not REALWORLD.is_dir(), reason="../shared/realworld is absent")
@pytest.mark.parametrize(
    "criterion",
    [
        pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=HELD_OUT_GAP[c]))
        if c in HELD_OUT_GAP
        else c
        for c in [*CRITERION_IDS, "overall"]
    ],
)
def test_f1_per_criterion_on_held_out_real_records(report, criterion):
    assert report["heldout"]["criteria"][criterion]["f1"] >= 0.90


def test_held_out_records_are_not_in_the_development_set():
    def refs(name):
        lines = (LABELS / name).read_text(encoding="utf-8").splitlines()
        return [(e["kind"], e["ref"]) for e in map(json.loads, lines) if e]

    held_out = refs("realworld_heldout.jsonl")
    assert len(held_out) >= 40 and len(set(held_out)) == len(held_out)
    assert not set(held_out) & set(refs("realworld.jsonl"))


def test_labels_name_every_criterion_with_a_valid_status(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"id": "x", "origin": "handwritten", "listing": {}, "labels": {"rationale": "good"}}\n'
    )
    with pytest.raises(ValueError, match="labels must give"):
        load_cases([bad])


def test_realworld_entries_skip_when_the_folder_is_absent(tmp_path):
    files = [LABELS / "realworld.jsonl", LABELS / "realworld_heldout.jsonl"]
    loaded = load_cases(files, tmp_path / "absent")
    entries = sum(len(f.read_text(encoding="utf-8").splitlines()) for f in files)
    assert loaded.cases == [] and len(loaded.skipped) == entries > 150


def test_cli_evaluate_prints_the_table():
    result = CliRunner().invoke(score, ["--evaluate", str(LABELS / "handwritten.jsonl")])
    assert result.exit_code == 0, result.output
    assert "rationale" in result.output and "met F1" in result.output
