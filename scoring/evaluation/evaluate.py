"""Measure the detectors against hand-labeled listings: precision, recall and F1 per criterion.

A label file is JSON Lines; each entry is either a listing written out in full
(``{"id", "origin", "listing": {...}, "provider": {...} | null, "labels": {...}, "note"}``) or a
reference to a real published record (``{"id", "origin": "realworld:<file>", "kind", "ref",
"labels", "note"}``) that ``scoring.evaluation.realworld`` converts at run time; those are skipped
when the real-world folder is absent. Labels were decided by reading the listing against the
rules in ``scoring.criteria``, as of ``EVALUATION_DATE``.

Each part (``origin`` before the colon) is scored as its own catalog, fee statistics included.
Scores per criterion: for each status, precision and recall of the detector's status against
the label; the criterion's figure is the support-weighted mean over statuses (every listing
counts once). "met" precision/recall are shown too, since "is it satisfied?" is what users filter.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from scoring.card import score_listing
from scoring.criteria import CRITERION_IDS, STATUSES
from scoring.evaluation.realworld import DEFAULT_ROOT, convert
from scoring.fees import build_market

EVALUATION_DATE = date(2026, 11, 25)


@dataclass
class Case:
    id: str
    origin: str
    listing: dict[str, Any]
    provider: dict[str, Any] | None
    labels: dict[str, str]
    note: str = ""

    @property
    def part(self) -> str:
        return self.origin.split(":", 1)[0]


@dataclass
class LoadResult:
    cases: list[Case] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def label_files(path: Path) -> list[Path]:
    return sorted(path.glob("*.jsonl")) if path.is_dir() else [path]


def load_cases(paths: Iterable[Path], realworld_root: Path = DEFAULT_ROOT) -> LoadResult:
    result = LoadResult()
    for file in (f for p in paths for f in label_files(Path(p))):
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except ValueError as error:
                raise ValueError(f"{file}:{number}: not JSON ({error})") from None
            bad = set(entry.get("labels", {}).values()) - set(STATUSES)
            if bad or set(entry.get("labels", {})) != set(CRITERION_IDS):
                raise ValueError(
                    f"{file}:{number}: labels must give one of {STATUSES} for "
                    f"each of {CRITERION_IDS}"
                )
            if "kind" in entry:
                if not realworld_root.is_dir():
                    result.skipped.append(entry["id"])
                    continue
                listing = convert(entry["kind"], entry["ref"], realworld_root)
            else:
                listing = entry["listing"]
            result.cases.append(
                Case(
                    entry["id"],
                    entry["origin"],
                    listing,
                    entry.get("provider"),
                    entry["labels"],
                    entry.get("note", ""),
                )
            )
    return result


def predict(cases: list[Case], today: date = EVALUATION_DATE) -> dict[str, dict[str, str]]:
    """Detector statuses per case id.

    Each part (handwritten, realworld, demo) is its own catalog: its fee statistics are computed
    over its own listings first, as ``ceuscout score`` does over the stored catalog.
    """
    parts: dict[str, list[Case]] = {}
    for case in cases:
        parts.setdefault(case.part, []).append(case)
    statuses = {}
    for members in parts.values():
        market = build_market(c.listing for c in members)
        for c in members:
            statuses[c.id] = score_listing(c.listing, c.provider, market, today).statuses()
    return statuses


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def metrics(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Weighted P/R/F1 over statuses, "met" P/R/F1 and accuracy for (label, predicted) pairs."""
    support = Counter(label for label, _ in pairs)
    weighted = [0.0, 0.0, 0.0]
    per_status = {}
    for status in STATUSES:
        tp = sum(1 for a, b in pairs if a == b == status)
        fp = sum(1 for a, b in pairs if b == status and a != status)
        fn = sum(1 for a, b in pairs if a == status and b != status)
        per_status[status] = _prf(tp, fp, fn)
        for i, value in enumerate(per_status[status]):
            weighted[i] += value * support[status] / max(len(pairs), 1)
    return {
        "n": len(pairs),
        "precision": weighted[0],
        "recall": weighted[1],
        "f1": weighted[2],
        "met_precision": per_status["met"][0],
        "met_recall": per_status["met"][1],
        "met_f1": per_status["met"][2],
        "accuracy": sum(1 for a, b in pairs if a == b) / max(len(pairs), 1),
        "support": dict(support),
    }


def evaluate(cases: list[Case], today: date = EVALUATION_DATE) -> dict[str, Any]:
    """Figures per part ("all", "handwritten", "realworld", "demo") and per criterion."""
    predicted = predict(cases, today)
    parts = {"all": cases}
    for case in cases:
        parts.setdefault(case.part, []).append(case)
    report: dict[str, Any] = {}
    for part, members in parts.items():
        rows = {
            c: metrics([(k.labels[c], predicted[k.id][c]) for k in members]) for c in CRITERION_IDS
        }
        rows["overall"] = metrics(
            [(k.labels[c], predicted[k.id][c]) for k in members for c in CRITERION_IDS]
        )
        report[part] = {"cases": len(members), "criteria": rows}
    report["mismatches"] = [
        {"id": k.id, "criterion": c, "label": k.labels[c], "predicted": predicted[k.id][c]}
        for k in cases
        for c in CRITERION_IDS
        if k.labels[c] != predicted[k.id][c]
    ]
    return report


def format_report(report: dict[str, Any]) -> str:
    lines = []
    for part, body in report.items():
        if not isinstance(body, dict) or "criteria" not in body:
            continue
        lines.append(f"\n{part} ({body['cases']} listings)")
        lines.append(
            f"{'criterion':24} {'P':>6} {'R':>6} {'F1':>6} {'met P':>6} {'met R':>6} "
            f"{'met F1':>6} {'acc':>6}"
        )
        for criterion, m in body["criteria"].items():
            lines.append(
                f"{criterion:24} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} "
                f"{m['met_precision']:6.3f} {m['met_recall']:6.3f} {m['met_f1']:6.3f} "
                f"{m['accuracy']:6.3f}"
            )
    return "\n".join(lines).lstrip("\n")
