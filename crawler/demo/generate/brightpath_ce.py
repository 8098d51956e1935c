# ruff: noqa: E501  (HTML page templates keep their own line lengths)
"""BrightPath CE: a catalog that exists only after JavaScript runs.

Discovery: /catalog/ (and /catalog/?page=2) is an empty container and a script that fetches
/api/courses.json and builds the course links for the page named in its query string, plus a
"Next page" link. The JSON is not linked from any page, so a crawler that does not run scripts
finds no course. Course pages /course/<slug>.html are plain HTML with labelled sections; the
refund policy is the site-wide /refund-policy page.
"""

from __future__ import annotations

import json
import random

from crawler.demo.generate.courses import (
    Approval,
    Credit,
    DemoCourse,
    Price,
    aama_ceus,
    aama_evidence,
    base_fields,
    iacet_evidence,
    number,
    slugify,
)
from crawler.demo.generate.markup import credentials_text, esc, long_date
from crawler.demo.generate.site import Site, build_site, provider_facts

SLUG = "brightpath-ce"
NAME = "BrightPath CE"
HOST = "127.0.0.8"
PER_PAGE = 8
COUNT = 14
REFUND_PATH = "/refund-policy"
EMAIL = "learn@brightpath-ce.com"
FORMATS = {"self-paced online": "Self-paced online", "live webinar": "Live webinar"}


def build() -> Site:
    facts = provider_facts(REFUND_PATH, EMAIL, None)
    return build_site(Site(SLUG, NAME, HOST, facts=facts), COUNT, (), _course, _pages)


def _course(rng: random.Random, topic, i: int) -> DemoCourse:
    base = base_fields(rng, topic, NAME, "Each module ends with a short online quiz.")
    approval: Approval | None
    if i % 3 == 2:
        amount = rng.choice((0.1, 0.2))
        credit = Credit(amount, "iacet_ceu", f"{number(amount)} IACET CEU")
        approval = iacet_evidence(NAME, amount)
    else:
        hours = rng.choice((1.0, 1.5, 2.0))
        credit = Credit(hours, "aama_ceu", f"{aama_ceus(hours)} ({topic.category})")
        approval = aama_evidence(rng, hours, topic.category, base["expiry_date"])
    usd = rng.choice((10.0, 15.0, 20.0, 25.0))
    price = Price("Free", "free", 0.0) if i % 5 == 4 else Price(f"${usd:.2f}", "paid", usd)
    slug = slugify(topic.title)
    return DemoCourse(
        path=f"/course/{slug}.html",
        ref=slug,
        format="live webinar" if i % 4 == 1 else "self-paced online",
        credit=credit,
        approval=approval,
        price=price,
        course_ref=f"BP-{200 + i}",
        refund_policy_url=REFUND_PATH,
        **base,
    )


def _layout(title: str, body: str, scripts: str = "") -> str:
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{esc(title)} | {NAME}</title>
</head>
<body>
<header class="bp-header"><a href="/" class="bp-brand">BrightPath <span>CE</span></a>
<nav><a href="/catalog/">Catalog</a> <a href="{REFUND_PATH}">Refunds</a> <a href="/about.html">About</a></nav></header>
<main class="bp-main">
{body}
</main>
<footer class="bp-footer">Questions? Email <a href="mailto:{EMAIL}">{EMAIL}</a>. © 2026 {NAME}.</footer>
{scripts}</body>
</html>
"""


CATALOG_JS = """(function () {
  var root = document.getElementById('course-list');
  var page = parseInt(new URLSearchParams(location.search).get('page') || '1', 10);
  var size = parseInt(root.getAttribute('data-page-size'), 10);
  fetch('/api/courses.json').then(function (r) { return r.json(); }).then(function (data) {
    data.courses.slice((page - 1) * size, page * size).forEach(function (c) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = c.url;
      link.textContent = c.title;
      item.appendChild(link);
      item.appendChild(document.createTextNode(' · ' + c.credits + ' · ' + c.price));
      root.appendChild(item);
    });
    if (page * size < data.courses.length) {
      var next = document.createElement('a');
      next.href = '/catalog/?page=' + (page + 1);
      next.className = 'bp-next';
      next.textContent = 'Next page';
      root.parentNode.appendChild(next);
    }
  });
})();
"""


def _detail(c: DemoCourse) -> str:
    faculty = "".join(f"<li>{esc(credentials_text(n, cr))}</li>" for n, cr in c.instructors)
    objectives = "".join(f"<li>{esc(o)}</li>" for o in c.objectives)
    body = f"""<article class="bp-course">
<h1>{esc(c.title)}</h1>
<p class="bp-meta"><b>Course code:</b> {c.course_ref} · <b>Released:</b> {long_date(c.release_date)} · <b>Valid for credit through:</b> {long_date(c.expiry_date)}</p>
<h2>About this course</h2>
<p>{esc(c.description)}</p>
<h2>Why this course</h2>
<p>{esc(c.rationale)}</p>
<h2>Who should attend</h2>
<p>{esc(c.audience)}</p>
<h2>Learning Objectives</h2>
<ul>{objectives}</ul>
<h2>Faculty</h2>
<ul>{faculty}</ul>
<h2>Format</h2>
<p>{FORMATS[c.format]}</p>
<h2>Credits</h2>
<p>{esc(c.credit.raw)}</p>
<h2>Accreditation</h2>
<p>{esc(c.approval.evidence) if c.approval else ""}</p>
<h2>Price</h2>
<p>{esc(c.price.raw)}</p>
</article>"""
    return _layout(c.title, body)


def _record(c: DemoCourse) -> dict:
    return {"url": c.path, "title": c.title, "credits": c.credit.raw, "price": c.price.raw}


def _pages(site: Site) -> None:
    site.add_course_pages(_detail)
    data = {"courses": [_record(c) for c in site.courses]}
    site.add("/api/courses.json", json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    site.add(
        "/catalog/",
        _layout(
            "Course catalog",
            f"""<h1>Course catalog</h1>
<p>Online continuing education for medical assistants.</p>
<ul id="course-list" class="bp-list" data-page-size="{PER_PAGE}"></ul>
<noscript>Our catalog needs JavaScript.</noscript>""",
            '<script src="/static/catalog.js"></script>\n',
        ),
    )
    site.add("/static/catalog.js", CATALOG_JS)
    site.add(
        "/",
        _layout(
            "Welcome",
            '<h1>Learn on your schedule</h1><p>AAMA- and IACET-approved CE. <a href="/catalog/">Browse the catalog</a>.</p>',
        ),
    )
    site.add(
        "/about.html",
        _layout(
            "About", f"<h1>About {NAME}</h1><p>Short online courses written by clinicians.</p>"
        ),
    )
    site.add(
        REFUND_PATH,
        _layout(
            "Refund policy",
            "<h1>Refund Policy</h1><p>If you have not started a course, we refund it in full within 14 days of purchase. Live webinar registrations may be cancelled for a full refund up to 24 hours before the start.</p>",
        ),
    )
    site.add("/404.html", _layout("Not found", "<h1>Page not found</h1>"))
    site.add("/robots.txt", "User-agent: *\nDisallow: /checkout\n")
    site.not_courses += ["/", "/catalog/", "/about.html", REFUND_PATH]
