"""How well CEU Scout reads sites whose truth is written down, development and held-out apart.

A *web* is a folder of sites served on loopback plus one truth file per site (the format of
``data/demo/README.md``). Measuring one serves it, crawls it with the real ``ceuscout crawl`` in
a child process (a Scrapy reactor runs once per process) from entries holding only slug, name
and homepage, or from a sources file, and compares the catalog with the truth: courses found,
non-course pages stored, every field, and each checklist criterion where the truth states it.

*Pages* are single saved pages with a truth line each (``tests/heldout/realpages``): each is
read by ``extract_page`` and compared the same way, is-a-course included.

The development web is the bundled demo; the held-out web and pages were labeled before any code
ran on them and are reported apart, never mixed into one figure.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.bench.truth import page_key, same_value
from crawler.demo.run import free_port
from crawler.demo.server import DemoWeb
from crawler.paths import DEMO_DIR, HELDOUT_PAGES, HELDOUT_WEB, ROOT
from scoring.criteria import CRITERION_IDS
from scoring.evaluation.evaluate import metrics


@dataclass(frozen=True)
class Web:
    name: str
    sites: Path
    truth: Path
    today: date


WEBS = {
    "dev": Web(
        "development web (the bundled demo)",
        DEMO_DIR / "sites",
        DEMO_DIR / "truth",
        date(2026, 11, 25),
    ),
    "heldout": Web("held-out web", HELDOUT_WEB / "sites", HELDOUT_WEB / "truth", date(2026, 12, 4)),
}


@dataclass
class Tally:
    """Right/total per field and (label, predicted) pairs per criterion."""

    right: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    misses: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    criteria: dict[str, list] = field(default_factory=lambda: defaultdict(list))

    def add_fields(self, key: str, expected: dict[str, Any], row: dict[str, Any]) -> None:
        for name, value in expected.items():
            if name not in row:
                continue
            self.total[name] += 1
            if same_value(name, value, row[name]):
                self.right[name] += 1
            else:
                self.misses[name].append((key, value, row[name]))

    def add_criteria(self, labels: dict[str, str] | None, predicted: dict[str, Any]) -> None:
        for criterion, label in (labels or {}).items():
            if criterion in CRITERION_IDS:
                self.criteria[criterion].append((label, predicted.get(criterion) or "missing"))


def load_web(web: Web) -> list[dict[str, Any]]:
    return [json.loads(p.read_text()) for p in sorted(web.truth.glob("*.json"))]


def minimal_entries(sites: list[dict[str, Any]], served: DemoWeb) -> list[dict[str, str]]:
    return [
        {"slug": s["provider"], "name": s["name"], "homepage": served.base_url(s["provider"])}
        for s in sites
    ]


def crawl_web(web: Web, workdir: Path, entries_file: Path | None = None) -> dict[str, Any]:
    """Serve ``web``, crawl it into ``workdir/catalog.db`` and return the crawl's outcome."""
    sites = load_web(web)
    hosts = [urlsplit(s["origin"]).hostname for s in sites]
    port = free_port(sorted(set(hosts)))
    bindings = {s["provider"]: (h, port) for s, h in zip(sites, hosts, strict=True)}
    db = workdir / "catalog.db"
    with DemoWeb(web.sites, bindings) as served:
        sources = workdir / "sources.yml"
        if entries_file is None:
            sources.write_text(json.dumps({"providers": minimal_entries(sites, served)}, indent=1))
        else:
            sources.write_text(_moved(entries_file.read_text(), sites, served))
        command = [sys.executable, "-m", "crawler.cli.main", "crawl", "--allow-private"]
        command += ["--sources", str(sources), "--db", str(db), "--today", web.today.isoformat()]
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=3600)
    return {
        "db": db,
        "sites": sites,
        "exit": done.returncode,
        "stdout": done.stdout,
        "stderr": done.stderr,
    }


def _moved(text: str, sites: list[dict[str, Any]], served: DemoWeb) -> str:
    """An entries file written for the truth's origins, pointed at where the sites are served."""
    for site in sites:
        text = text.replace(site["origin"].rstrip("/"), served.base_url(site["provider"]))
    return text


def _rows(db: Path, sql: str) -> list[dict[str, Any]]:
    import sqlite3

    if not db.exists():
        return []
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql)]
    except sqlite3.OperationalError:  # a crawl that stored nothing has no score tables
        return []
    finally:
        conn.close()


def compare_web(db: Path, sites: list[dict[str, Any]]) -> dict[str, Any]:
    """Per site: courses expected and found, non-courses stored, unexpected rows; then fields
    and criteria over the courses found."""
    stored = _rows(db, "select * from courses where status != 'withdrawn'")
    cards = {r["course_id"]: r for r in _rows(db, "select * from score_cards")}
    tally, per_site = Tally(), []
    for site in sites:
        mine = {page_key(r["url"]): r for r in stored if r["provider"] == site["provider"]}
        expected = {page_key(c["path"]): c for c in site["courses"] if c["expect_in_catalog"]}
        hidden = {page_key(c["path"]) for c in site["courses"] if not c["expect_in_catalog"]}
        junk = {page_key(p) for p in site.get("not_courses", [])}
        found = expected.keys() & mine.keys()
        for key in sorted(found):
            truth, row = expected[key], mine[key]
            fields = {**truth["fields"], "provider": site["provider"], "url": truth["path"]}
            tally.add_fields(
                f"{site['provider']}:{key}",
                {**fields, "status": truth.get("status", "active")},
                row,
            )
            tally.add_criteria(truth.get("criteria"), cards.get(row["id"], {}))
        per_site.append(
            {
                "site": site["provider"],
                "style": site.get("style", "demo"),
                "courses": len(expected),
                "found": len(found),
                "missing": sorted(expected.keys() - mine.keys()),
                "non_courses_stored": sorted((junk | hidden) & mine.keys()),
                "unlisted_stored": sorted(mine.keys() - expected.keys() - junk - hidden),
            }
        )
    return {"sites": per_site, **_figures(tally)}


def _figures(tally: Tally) -> dict[str, Any]:
    return {
        "fields": {
            name: {
                "right": tally.right[name],
                "total": total,
                "share": tally.right[name] / total,
                "misses": tally.misses[name][:5],
            }
            for name, total in sorted(tally.total.items())
        },
        "criteria": {c: metrics(pairs) for c, pairs in sorted(tally.criteria.items())},
    }


def measure_pages(folder: Path = HELDOUT_PAGES) -> dict[str, Any]:
    """Read every saved page with a truth line and compare is-a-course, fields and criteria."""
    from crawler.extract import extract_page
    from scoring.card import score_listing

    lines = [json.loads(x) for x in (folder / "truth.jsonl").read_text().splitlines() if x.strip()]
    tally, confusion, skipped, wrong = Tally(), Counter(), 0, []
    for truth in lines:
        if not truth.get("local"):
            skipped += 1
            continue
        url = f"https://{truth['repo'].replace('/', '.')}.example/{truth['path']}"
        page = extract_page((folder / truth["local"]).read_bytes(), url, "page", {})
        confusion[(truth["is_course"], page.is_course)] += 1
        if truth["is_course"] != page.is_course:
            wrong.append(
                {
                    "id": truth["id"],
                    "truth": truth["is_course"],
                    "read": page.is_course,
                    "reason": page.not_course_reason,
                }
            )
        if truth["is_course"] and page.is_course:
            row = page.course.to_row()
            tally.add_fields(truth["id"], truth["fields"], row)
            card = score_listing(row, None, None, date(2026, 12, 4))
            tally.add_criteria(truth.get("criteria"), card.statuses())
    tp, fp, fn = confusion[(True, True)], confusion[(False, True)], confusion[(True, False)]
    return {
        "pages": sum(confusion.values()),
        "reference_only_skipped": skipped,
        "is_course": {
            "precision": tp / (tp + fp) if tp + fp else 1.0,
            "recall": tp / (tp + fn) if tp + fn else 1.0,
            "wrong": wrong,
        },
        **_figures(tally),
    }


def measure(webs: list[str], entries_file: Path | None = None, pages: bool = True) -> dict:
    report: dict[str, Any] = {}
    for name in webs:
        with tempfile.TemporaryDirectory(prefix=f"accuracy-{name}-") as tmp:
            outcome = crawl_web(WEBS[name], Path(tmp), entries_file)
            report[name] = {
                "web": WEBS[name].name,
                "entries": str(entries_file) if entries_file else "slug, name and homepage only",
                "crawl_exit": outcome["exit"],
                "crawl_summary": outcome["stdout"].strip().splitlines()[-20:],
                "crawl_errors": outcome["stderr"].strip().splitlines()[-5:],
                **compare_web(outcome["db"], outcome["sites"]),
            }
    if pages:
        report["heldout-pages"] = {"web": "held-out real pages", **measure_pages()}
    return report


def _field_lines(body: dict[str, Any]) -> list[str]:
    lines = [f"  {'field':<24}{'right':>6}{'of':>5}{'share':>8}"]
    for name, f in body["fields"].items():
        lines.append(f"  {name:<24}{f['right']:>6}{f['total']:>5}{f['share']:>8.1%}")
    if body["criteria"]:
        lines.append(f"  {'criterion':<24}{'n':>6}{'F1':>7}{'acc':>7}")
        for name, m in body["criteria"].items():
            lines.append(f"  {name:<24}{m['n']:>6}{m['f1']:>7.2f}{m['accuracy']:>7.2f}")
    return lines


def format_accuracy(report: dict[str, Any]) -> str:
    lines: list[str] = []
    for part, body in report.items():
        lines.append(f"\n== {part}: {body['web']} ==")
        if "sites" in body:
            lines.append(f"entries: {body['entries']}; crawl exit status {body['crawl_exit']}")
            if body["crawl_exit"]:
                lines.extend(f"  crawl: {line}" for line in body["crawl_errors"])
            lines.append(
                f"  {'site':<30}{'courses':>8}{'found':>6}{'non-course stored':>19}{'unlisted':>9}"
            )
            for s in body["sites"]:
                lines.append(
                    f"  {s['site']:<30}{s['courses']:>8}{s['found']:>6}"
                    f"{len(s['non_courses_stored']):>19}{len(s['unlisted_stored']):>9}"
                )
            courses = sum(s["courses"] for s in body["sites"])
            found = sum(s["found"] for s in body["sites"])
            junk = sum(
                len(s["non_courses_stored"]) + len(s["unlisted_stored"]) for s in body["sites"]
            )
            lines.append(
                f"  courses found {found}/{courses} ({found / max(courses, 1):.1%}); "
                f"non-courses stored {junk}"
            )
        else:
            c = body["is_course"]
            lines.append(
                f"{body['pages']} pages ({body['reference_only_skipped']} reference-only "
                f"skipped); is a course: precision {c['precision']:.2f}, "
                f"recall {c['recall']:.2f}"
            )
        lines.extend(_field_lines(body))
    return "\n".join(lines)
