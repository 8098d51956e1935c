"""The bundled demo web: generated deterministically, true to its truth files, served per host."""

from __future__ import annotations

import json
import re
import socket
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from protego import Protego

from crawler.demo.generate import build
from crawler.demo.run import demo_web_for
from crawler.demo.server import DemoWeb
from crawler.items import AAMA_CATEGORIES, COST_CLASSES, FORMATS, Course
from crawler.sources import load_sources
from crawler.urls import canonicalize, course_id
from tests.support.paths import ROOT

ROOT = ROOT
DEMO = ROOT / "data" / "demo"
ENTRIES = {
    source.slug: source for source in load_sources(ROOT / "data" / "sources.yml") if source.demo
}
TRUTHS = {
    p.stem: json.loads(p.read_text(encoding="utf-8"))
    for p in sorted((DEMO / "truth").glob("*.json"))
}
COURSES = [(slug, c) for slug, truth in TRUTHS.items() for c in truth["courses"]]


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _file_for(slug: str, path: str) -> Path:
    rel = path.lstrip("/")
    return DEMO / "sites" / slug / (rel + "index.html" if rel.endswith("/") or not rel else rel)


def _text(html: str) -> str:
    return " ".join(BeautifulSoup(html, "lxml").get_text(" ").split())


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(url: str, method: str = "GET") -> tuple[int, dict, bytes]:
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, method=method), timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def web():
    with demo_web_for(list(ENTRIES.values()), port=0) as running:
        yield running


# --- the generated tree -------------------------------------------------------------------------


def test_committed_tree_is_exactly_what_the_generator_writes(tmp_path):
    build.write(tmp_path)
    for part in ("sites", "truth"):
        fresh, committed = _tree(tmp_path / part), _tree(DEMO / part)
        rebuild = "python -m crawler.demo.generate.build"
        assert sorted(fresh) == sorted(committed), f"run `{rebuild}` ({part})"
        changed = [name for name in fresh if fresh[name] != committed[name]]
        assert not changed, (
            f"hand-edited or stale, run `python -m crawler.demo.generate.build`: {changed[:5]}"
        )


def test_generator_is_deterministic():
    assert build.render(build.build_sites()) == build.render(build.build_sites())


def test_catalog_covers_what_the_product_needs():
    fields = [c["fields"] for _, c in COURSES]
    assert len(TRUTHS) >= 6 and set(TRUTHS) == set(ENTRIES)
    assert sum(c["expect_in_catalog"] for _, c in COURSES) >= 150
    assert {f["aama_category"] for f in fields} >= set(AAMA_CATEGORIES)
    assert {f["format"] for f in fields} >= set(FORMATS)
    assert {f["cost_class"] for f in fields} >= set(COST_CLASSES) - {"unknown"}
    approved = Counter(f["aama_approved"] for f in fields)
    assert approved[True] >= 30 and approved[False] >= 30
    assert {f["credit_unit"] for f in fields} >= {
        "aama_ceu",
        "contact_hour",
        "iacet_ceu",
        "nha_credit",
        "clock_hour",
        "ceu",
    }
    assert {f["approval_body"] for f in fields} >= {"AAMA", "IACET", "ANCC", "NHA", None}
    assert Counter(c["status"] for _, c in COURSES)["expired"] >= 1
    phlebotomy = [
        f for f in fields if "phlebotomy" in (f["title"] + (f["description"] or "")).lower()
    ]
    assert len(phlebotomy) >= 3
    assert any(f["cost_class"] == "free" and f["aama_approved"] for f in phlebotomy)


def test_truth_values_use_the_catalog_vocabulary():
    for slug, course in COURSES:
        fields = dict(course["fields"])
        item = Course(
            id=course["id"], provider=slug, url=f"http://demo.test{course['path']}", **fields
        )
        assert item.validate() == [], course["id"]
        if fields["aama_approved"]:
            assert (
                fields["approval_body"] == "AAMA"
                and fields["aama_points"] == fields["contact_hours"]
            )
        else:
            assert fields["aama_points"] is None and fields["aama_category"] is None
        if fields["cost_class"] in ("free", "free-certificate-paid"):
            assert fields["price_amount"] == 0
        assert (fields["certificate_fee"] is not None) == (
            fields["cost_class"] == "free-certificate-paid"
        )
        expired = fields["expiry_date"] is not None and fields["expiry_date"] < "2026-01-01"
        assert expired == (course["status"] == "expired"), course["id"]


def test_truth_ids_are_what_the_crawler_derives_from_the_urls():
    for slug, course in COURSES:
        entry = ENTRIES[slug]
        url = canonicalize(entry.homepage.rstrip("/") + course["path"])
        assert course_id(slug, url, entry.course_ref) == course["id"]
        assert any(re.search(rule, url) for rule in entry.detail), url
    ids = [c["id"] for _, c in COURSES]
    assert len(ids) == len(set(ids))


# --- truth against the pages --------------------------------------------------------------------


def _stated_strings(fields: dict) -> list[str]:
    keys = (
        "title",
        "description",
        "credits_raw",
        "approval_evidence",
        "rationale",
        "audience",
        "price_raw",
    )
    values = [fields[k] for k in keys if fields[k]]
    values += fields["objectives"]
    values += [person["name"] for person in fields["instructors"]]
    values += [cred for person in fields["instructors"] for cred in person["credentials"]]
    return values


@pytest.mark.parametrize("slug", sorted(TRUTHS))
def test_every_true_value_is_written_on_its_page(slug):
    api = " ".join(p.read_text(encoding="utf-8") for p in (DEMO / "sites" / slug).rglob("*.json"))
    for course in TRUTHS[slug]["courses"]:
        page = _file_for(slug, course["path"])
        assert page.is_file(), course["path"]
        text = _text(page.read_text(encoding="utf-8"))
        for value in _stated_strings(course["fields"]):
            if value == course["fields"]["price_raw"] and value not in text:
                assert json.dumps(value, ensure_ascii=False) in api, (course["id"], value)
            else:
                assert value in text, (course["id"], value)
    for path in TRUTHS[slug]["not_courses"]:
        assert _file_for(slug, path).is_file(), path


def test_script_payloads_are_text_not_markup():
    truth = TRUTHS["quickceu-hub"]
    course = next(c for c in truth["courses"] if "<script>" in c["fields"]["title"])
    raw = _file_for("quickceu-hub", course["path"]).read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in raw and "<img src=x" not in raw
    text = _text(raw)
    for payload in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><b>'):
        assert payload in text
    assert "<img src=x onerror=alert(1)>" in course["fields"]["instructors"][0]["name"]


def test_json_ld_is_complete_on_one_site_and_broken_on_the_sloppy_one():
    def blocks(slug, path):
        html = _file_for(slug, path).read_text(encoding="utf-8")
        return re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)

    for course in TRUTHS["medassist-academy"]["courses"]:
        data = json.loads(blocks("medassist-academy", course["path"])[0])
        assert data["@type"] == "Course" and data["name"] == course["fields"]["title"]
        assert data["hasCourseInstance"]["instructor"] and data["offers"]["priceCurrency"] == "USD"
    broken = 0
    for course in TRUTHS["quickceu-hub"]["courses"]:
        for block in blocks("quickceu-hub", course["path"]):
            try:
                json.loads(block)
            except ValueError:
                broken += 1
    assert broken == 1


# --- serving ------------------------------------------------------------------------------------


def test_each_provider_is_served_on_its_own_loopback_host(web):
    hosts = {slug: web.address(slug)[0] for slug in ENTRIES}
    assert len(set(hosts.values())) == len(ENTRIES)
    assert all(re.fullmatch(r"127\.0\.0\.\d+", host) for host in hosts.values())
    for slug in ENTRIES:
        status, headers, body = _get(web.base_url(slug) + "/robots.txt")
        assert (
            status == 200
            and headers["Content-Type"].startswith("text/plain")
            and b"User-agent" in body
        )


def test_every_truth_page_is_served_with_its_title(web):
    for slug, course in COURSES[::7]:
        status, headers, body = _get(web.base_url(slug) + course["path"])
        assert status == 200 and headers["Content-Type"].startswith("text/html")
        assert course["fields"]["title"] in _text(body.decode("utf-8"))


def test_routes_redirect_and_query_string_json(web):
    sloppy = web.base_url("quickceu-hub")
    status, headers, _ = _get(sloppy + "/course.php?id=12")
    assert status == 301 and headers["Location"].startswith("/courses/")
    assert _get(sloppy + headers["Location"])[0] == 200
    base = web.base_url("vitalskills-online")
    spec = ENTRIES["vitalskills-online"].catalog_json
    url, records = spec["url"].replace("http://127.0.0.4:8610", base), []
    while url:
        status, headers, body = _get(url)
        assert status == 200 and headers["Content-Type"] == "application/json"
        data = json.loads(body)
        records += data[spec["items"]]
        url = base + data[spec["next_field"]] if data[spec["next_field"]] else None
    truth = {c["path"]: c["fields"] for c in TRUTHS["vitalskills-online"]["courses"]}
    assert sorted(r[spec["url_field"]] for r in records) == sorted(truth)
    for record in records:
        for column, key in spec["fields"].items():
            assert record[key] == truth[record[spec["url_field"]]][column]


def test_unknown_paths_private_files_and_head(web):
    base = web.base_url("heartland-healthed")
    for path in ("/no/such/page.html", "/_routes.json", "/_site.json", "/../truth/x.json"):
        assert _get(base + path)[0] == 404, path
    status, headers, body = _get(base + "/refund-policy", method="HEAD")
    assert status == 200 and int(headers["Content-Length"]) > 0 and body == b""
    status, headers, _ = _get(base + "/programs")
    assert status == 301 and headers["Location"] == "/programs/"
    status, headers, body = _get(web.base_url("quickceu-hub") + "/status/busy")
    assert status == 503 and headers["Retry-After"] == "1" and body == b"Busy, try again later"


def test_absolute_urls_follow_the_real_address(web):
    base = web.base_url("medassist-academy")
    _, _, body = _get(base + "/sitemap.xml")
    locs = re.findall(r"<loc>(.*?)</loc>", body.decode())
    assert locs and all(loc.startswith(base + "/") for loc in locs)


def test_sloppy_site_traps(web):
    base = web.base_url("quickceu-hub")
    robots = Protego.parse(_get(base + "/robots.txt")[2].decode())
    members = [c for c in TRUTHS["quickceu-hub"]["courses"] if not c["expect_in_catalog"]]
    assert members and all(c["path"].startswith("/members/") for c in members)
    for course in TRUTHS["quickceu-hub"]["courses"]:
        allowed = robots.can_fetch(base + course["path"], "ceuscout")
        assert allowed == course["expect_in_catalog"], course["path"]
    sitemap = _get(base + "/sitemap.xml")[2].decode()
    assert all(base + c["path"] in sitemap for c in members)
    status, _, body = _get(base + "/courses/ekg-basics-2019.html")
    assert status == 200 and "could not be found" in _text(body.decode())
    status, _, body = _get(base + "/courses/advanced-coding-audit-workshop.html")
    assert status == 200 and "Please sign in to view this course" in _text(body.decode())
    listing = _get(base + "/courses.html")[2].decode()
    assert "utm_source=" in listing and "#objectives" in listing


def test_many_concurrent_requests(web):
    urls = [web.base_url(slug) + course["path"] for slug, course in COURSES[:60]]
    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(lambda url: _get(url)[0], urls))
    assert statuses == [200] * len(urls)


def test_a_taken_address_is_named_in_the_error():
    with socket.socket() as taken:
        taken.bind(("127.0.0.2", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(RuntimeError, match=rf"127\.0\.0\.2:{port}"):
            DemoWeb(DEMO / "sites", {"medassist-academy": ("127.0.0.2", port)}).start()


def test_demo_entries_point_at_real_pages():
    for slug, entry in ENTRIES.items():
        assert (ROOT / "data" / entry.demo_site).is_dir()
        facts = TRUTHS[slug]["provider_facts"]
        for url in [*entry.policy_pages, *[entry.contact_page] * bool(entry.contact_page)]:
            assert (
                url.startswith(entry.homepage)
                and _file_for(slug, "/" + url[len(entry.homepage) :]).is_file()
            )
        policy = [url[len(entry.homepage) - 1 :] for url in entry.policy_pages]
        assert (facts["refund_policy_url"] in policy) if facts["refund_policy_url"] else not policy
    assert any(entry.selectors for entry in ENTRIES.values())
