"""`ceuscout inspect`: one page, read from a file or fetched, through extraction and scoring."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import click
from protego import Protego

from crawler import settings as crawl_settings
from crawler.cli.options import day_of, db_option, read_sources, sources_option, today_option
from crawler.extract import extract_page
from crawler.items import COURSE_FIELDS, LIST_FIELDS, Course
from crawler.sources import Source
from crawler.urls import canonicalize, is_public_address

MAX_BYTES = crawl_settings.DOWNLOAD_MAXSIZE


@dataclass
class InspectReport:
    url: str
    is_course: bool
    not_course_reason: str | None
    course: Course | None
    card: dict | None = None
    notes: list[str] = field(default_factory=list)
    verdict: str | None = None

    def to_json(self) -> dict:
        out: dict = {
            "url": self.url,
            "is_course": self.is_course,
            "not_course_reason": self.not_course_reason,
            "verdict": self.verdict,
        }
        if self.course:
            for name in COURSE_FIELDS:
                value = getattr(self.course, name)
                out[name] = value
        if self.card:
            out["score"] = self.card["score"]
            out["band"] = self.card.get("band")
            out["unknown_share"] = self.card.get("unknown_share")
            out["scoring_version"] = self.card.get("scoring_version")
            out["criteria"] = {cid: c["status"] for cid, c in self.card["criteria"].items()}
            out["evidence"] = self.card["criteria"]
        return out

    def to_text(self) -> str:
        lines = [f"URL: {self.url}", f"Course: {'yes' if self.is_course else 'no'}"]
        if self.verdict:
            lines.append(f"Evidence: {self.verdict}")
        if not self.is_course and self.not_course_reason != self.verdict:
            lines.append(f"Why not: {self.not_course_reason}")
        if self.course:
            lines.append("")
            lines.append(f"{'field':<24}{'source':<17}value")
            for name in COURSE_FIELDS:
                if name in ("sections", "field_sources") or not self.course.field_is_set(name):
                    continue
                value = getattr(self.course, name)
                shown = json.dumps(value, ensure_ascii=False) if name in LIST_FIELDS else str(value)
                shown = shown if len(shown) <= 90 else shown[:87] + "..."
                lines.append(f"{name:<24}{self.course.field_sources.get(name, ''):<17}{shown}")
        if self.card:
            lines += ["", f"Score: {self.card['score']} ({self.card.get('band')})"]
            for cid, verdict in self.card["criteria"].items():
                snippet = (verdict.get("snippet") or "").replace("\n", " ")
                snippet = snippet if len(snippet) <= 70 else snippet[:67] + "..."
                lines.append(f"  {cid:<24}{verdict['status']:<9}{snippet}")
        lines += self.notes
        return "\n".join(lines)


def fetch(url: str, allow_private: bool, timeout: float = 30) -> tuple[bytes, str]:
    """GET ``url`` politely (robots.txt, user agent, size cap); returns (body, final URL)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"only http(s) URLs can be fetched, not {url!r}")
    if not allow_private and not is_public_address(parts.hostname or ""):
        raise ValueError(f"{parts.hostname} is a private or loopback address (use --allow-private)")
    agent = crawl_settings.USER_AGENT
    robots_url = urljoin(url, "/robots.txt")
    try:
        robots_body, _ = _get(robots_url, agent, timeout)
        robots = Protego.parse(robots_body.decode("utf-8", "replace"))
    except urllib.error.HTTPError as exc:
        robots = Protego.parse("" if exc.code < 500 else "User-agent: *\nDisallow: /")
    except urllib.error.URLError as exc:
        raise ValueError(f"cannot reach {parts.netloc}: {exc.reason}") from exc
    if not robots.can_fetch(url, agent):
        raise ValueError(f"robots.txt of {parts.netloc} disallows {url}")
    try:
        return _get(url, agent, timeout)
    except urllib.error.HTTPError as exc:
        raise ValueError(f"{url} answered HTTP {exc.code}") from exc
    except urllib.error.URLError as exc:
        raise ValueError(f"cannot fetch {url}: {exc.reason}") from exc


def _get(url: str, agent: str, timeout: float) -> tuple[bytes, str]:
    request = urllib.request.Request(url, headers={"User-Agent": agent})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        body = response.read(MAX_BYTES + 1)
        if len(body) > MAX_BYTES:
            raise ValueError(f"{url} is larger than {MAX_BYTES} bytes")
        return body, response.geturl()


def source_for(url: str, sources: list[Source], slug: str | None) -> Source | None:
    if slug:
        matches = [s for s in sources if s.slug == slug]
        if not matches:
            raise ValueError(f"unknown source {slug!r}")
        return matches[0]
    host = (urlsplit(url).hostname or "").lower()
    return next((s for s in sources if host in s.allowed_hosts), None)


def inspect_target(
    target: str,
    *,
    url: str | None,
    slug: str | None,
    allow_private: bool,
    db: Path,
    sources: list[Source],
    today: date,
) -> InspectReport:
    notes = []
    if Path(target).is_file():
        body = Path(target).read_bytes()
        page_url = url or Path(target).resolve().as_uri().replace("file://", "http://localhost")
        if not url:
            notes.append("note: no --url given; links and ids use a placeholder address")
    else:
        body, page_url = fetch(target, allow_private)
    source = source_for(page_url, sources, slug)
    provider = (
        source.slug if source else (urlsplit(page_url).hostname or "unknown").replace(".", "-")
    )
    extraction = extract_page(body, page_url, provider, source.config() if source else None)
    report = InspectReport(
        url=canonicalize(page_url),
        is_course=extraction.is_course,
        not_course_reason=extraction.not_course_reason,
        course=extraction.course,
        notes=notes,
        verdict=extraction.verdict,
    )
    if extraction.course is not None:
        report.card = score_one(extraction.course, provider, db, today)
    return report


def score_one(course: Course, provider: str, db: Path, today: date) -> dict:
    """The score card of one listing, judged against the stored catalog (its provider's site-wide
    facts and fee market) when there is one."""
    from scoring.inspect import score_single

    return score_single(course.to_row(), provider, db if Path(db).exists() else None, today)


@click.command()
@click.argument("target")
@click.option("--url", default=None, help="The address of a page read from a file.")
@click.option(
    "--source", "slug", default=None, help="Provider slug (default: found from the host)."
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--allow-private", is_flag=True, help="Allow fetching loopback/private addresses.")
@db_option
@sources_option
@today_option
def inspect(target, url, slug, as_json, allow_private, db, sources_file, today) -> None:
    """Show what CEU Scout reads from one page: is it a course, its fields and their sources,
    and its score card.

    \b
    Examples:
        ceuscout inspect https://www.netce.com/coursecontent.php?courseid=2460
        ceuscout inspect saved.html --url https://example.org/courses/hipaa --json
    """
    try:
        report = inspect_target(
            target,
            url=url,
            slug=slug,
            allow_private=allow_private,
            db=db,
            sources=read_sources(sources_file),
            today=day_of(today),
        )
    except (OSError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False, sort_keys=True))
    else:
        click.echo(report.to_text())
