# ruff: noqa: E501  (HTML page templates keep their own line lengths)
"""VitalSkills Online: a single-page-app style catalog loaded from a JSON endpoint.

Discovery: /courses/ has no course links, only a script that fetches /api/courses?page=N
({"courses": [...], "next": "/api/courses?page=N+1" or null}; record urls are relative).
Course pages /learn/<id>-<slug>/ exist as HTML but show no price: the price is only in the
JSON (the page fills it in with JavaScript). The refund policy is a section of /terms.
"""

from __future__ import annotations

import json
import random
from datetime import date

from crawler.demo.generate.courses import (
    Credit,
    DemoCourse,
    Price,
    aama_ceus,
    aama_evidence,
    base_fields,
    ceu_credit,
    iacet_evidence,
    nha_evidence,
    number,
    plural,
    slugify,
)
from crawler.demo.generate.markup import esc
from crawler.demo.generate.site import Site, build_site, chunks, provider_facts

SLUG = "vitalskills-online"
NAME = "VitalSkills Online"
HOST = "127.0.0.4"
PER_PAGE = 10
REFUND_PATH = "/terms"
FORMAT_LABELS = {"self-paced online": "Self-paced online", "live webinar": "Live webinar"}


def build() -> Site:
    facts = provider_facts(REFUND_PATH, "help@vitalskills.online", None)
    include = ("Capillary Puncture and Point-of-Care Testing",)
    return build_site(Site(SLUG, NAME, HOST, facts=facts), 26, include, _course, _pages)


def _course(rng: random.Random, topic, i: int) -> DemoCourse:
    base = base_fields(
        rng, topic, NAME, "Video lessons, a downloadable job aid and an online post-test."
    )
    kind = ("aama", "nha", "iacet", "aama", "plain")[i % 5]
    approval = None
    if kind == "aama":
        amount = rng.choice((1.0, 1.5, 2.0))
        credit = Credit(amount, "aama_ceu", aama_ceus(amount))
        approval = aama_evidence(rng, amount, topic.category, base["expiry_date"])
    elif kind == "nha":
        amount = rng.choice((1.0, 1.0, 1.5))
        credit = Credit(amount, "nha_credit", f"{number(amount)} NHA CE {plural(amount, 'credit')}")
        approval = nha_evidence(amount)
    elif kind == "iacet":
        amount = rng.choice((0.1, 0.15, 0.2))
        credit = Credit(amount, "iacet_ceu", f"{number(amount)} IACET CEU")
        approval = iacet_evidence(NAME, amount)
    else:
        amount = rng.choice((1.0, 2.0))
        credit = ceu_credit(amount)
    if i % 6 == 4:
        price = Price("Free", "free", 0.0)
    else:
        usd = rng.choice((9.0, 12.0, 15.0, 19.0, 24.0))
        price = Price(f"${usd:.2f}", "paid", usd)
    course_id = 301 + 4 * i
    path = f"/learn/{course_id}-{slugify(topic.title)}/"
    return DemoCourse(
        path=path,
        ref=str(course_id),
        format="live webinar" if i % 7 == 3 else "self-paced online",
        credit=credit,
        approval=approval,
        price=price,
        course_ref=str(course_id),
        refund_policy_url=REFUND_PATH,
        **base,
    )


def _short(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day:%b} {day.day}, {day.year}"


def _record(c: DemoCourse) -> dict:
    return {
        "id": int(c.course_ref),
        "url": c.path,
        "title": c.title,
        "category": c.category.capitalize(),
        "credits": c.credit.raw,
        "format": FORMAT_LABELS[c.format],
        "price": c.price.amount,
        "currency": c.price.currency,
        "price_display": c.price.raw,
        "accreditor": c.approval.body if c.approval else None,
        "published": c.release_date,
        "thumbnail": f"/static/img/course-{c.course_ref}.jpg",
    }


def _layout(title: str, body: str, scripts: str = "") -> str:
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{esc(title)} · {NAME}</title>
<meta property="og:site_name" content="{NAME}">
<meta property="og:title" content="{esc(title)}">
<link rel="stylesheet" href="/static/app.css">
</head>
<body>
<div id="app" class="vs-app">
<header class="vs-topbar">
  <a href="/" class="vs-logo">Vital<b>Skills</b></a>
  <nav class="vs-nav"><a href="/courses/">Courses</a><a href="/for-employers/">For employers</a><a href="/help/">Help</a><a href="/login" class="vs-nav__cta">Log in</a></nav>
</header>
{body}
<footer class="vs-footer">
  <div class="vs-footer__links"><a href="/terms">Terms &amp; refunds</a> · <a href="/privacy">Privacy</a> · <a href="/help/">Help center</a></div>
  <div class="vs-footer__copy">© 2026 VitalSkills Online, Inc. · help@vitalskills.online</div>
</footer>
</div>
{scripts}</body>
</html>
"""


CATALOG_JS = """(function () {
  var root = document.getElementById('catalog');
  function card(c) {
    var a = document.createElement('a');
    a.className = 'vs-card';
    a.href = c.url;
    a.innerHTML = '<h3></h3><p class="vs-card__meta"></p><p class="vs-card__price"></p>';
    a.querySelector('h3').textContent = c.title;
    a.querySelector('.vs-card__meta').textContent = c.credits + ' · ' + c.format;
    a.querySelector('.vs-card__price').textContent = c.price_display;
    return a;
  }
  function load(url) {
    fetch(url).then(function (r) { return r.json(); }).then(function (data) {
      data.courses.forEach(function (c) { root.appendChild(card(c)); });
      if (data.next) { load(data.next); }
    });
  }
  load(root.getAttribute('data-endpoint'));
})();
"""

PRICE_JS = """(function () {
  var el = document.querySelector('.vs-price');
  var id = parseInt(el.getAttribute('data-course-id'), 10);
  function find(url) {
    fetch(url).then(function (r) { return r.json(); }).then(function (data) {
      var hit = data.courses.filter(function (c) { return c.id === id; })[0];
      if (hit) { el.textContent = hit.price_display; } else if (data.next) { find(data.next); }
    });
  }
  find('/api/courses?page=1');
})();
"""


def _detail(c: DemoCourse) -> str:
    people = "".join(
        f'<li class="vs-person"><span class="vs-person__name">{esc(n)}</span>, <span class="vs-person__creds">{esc(", ".join(cr))}</span></li>'
        for n, cr in c.instructors
    )
    outcomes = "".join(f"<li>{esc(o)}</li>" for o in c.objectives)
    approval = f'<p class="vs-approval">{esc(c.approval.evidence)}</p>' if c.approval else ""
    body = f"""<main class="vs-course" data-course-id="{c.course_ref}">
<section class="vs-hero">
  <p class="vs-hero__eyebrow">{c.category.capitalize()} · {FORMAT_LABELS[c.format]}</p>
  <h1 class="vs-hero__title">{esc(c.title)}</h1>
  <p class="vs-hero__summary">{esc(c.description)}</p>
  <div class="vs-buy"><span class="vs-price" data-course-id="{c.course_ref}">Loading price…</span> <a class="vs-btn" href="/checkout?course={c.course_ref}">Enroll</a></div>
</section>
<div class="vs-grid">
  <div class="vs-main">
    <h2>Why it matters</h2>
    <p>{esc(c.rationale)}</p>
    <h2>Learning outcomes</h2>
    <ul class="vs-outcomes">{outcomes}</ul>
    <h2>Presented by</h2>
    <ul class="vs-people">{people}</ul>
  </div>
  <aside class="vs-side">
    <h2>Credit</h2>
    <p class="vs-credit">{esc(c.credit.raw)}</p>
    {approval}
    <dl class="vs-facts">
      <dt>Course ID</dt><dd>{c.course_ref}</dd>
      <dt>Designed for</dt><dd>{esc(c.audience)}</dd>
      <dt>Published</dt><dd>{_short(c.release_date)}</dd>
      <dt>Credit available until</dt><dd>{_short(c.expiry_date)}</dd>
    </dl>
  </aside>
</div>
</main>"""
    return _layout(c.title, body, '<script src="/static/price.js" defer></script>\n')


def _pages(site: Site) -> None:
    pages = chunks(site.courses, PER_PAGE)
    for n, page in enumerate(pages, start=1):
        nxt = f"/api/courses?page={n + 1}" if n < len(pages) else None
        data = {
            "page": n,
            "pages": len(pages),
            "total": len(site.courses),
            "courses": [_record(c) for c in page],
            "next": nxt,
        }
        site.add(
            f"/api/courses-page-{n}.json", json.dumps(data, indent=1, ensure_ascii=False) + "\n"
        )
        site.routes[f"/api/courses?page={n}"] = {"file": f"api/courses-page-{n}.json"}
    site.routes["/api/courses"] = {"file": "api/courses-page-1.json"}
    site.add_course_pages(_detail)
    site.add(
        "/courses/",
        _layout(
            "Courses",
            """<main class="vs-catalog">
<h1>All courses</h1>
<p class="vs-lead">Bite-sized CE for medical assistants. Filter by credit type after the catalog loads.</p>
<div id="catalog" class="vs-cards" data-endpoint="/api/courses?page=1"><noscript>Please enable JavaScript to browse the catalog.</noscript></div>
</main>""",
            '<script src="/static/catalog.js" defer></script>\n',
        ),
    )
    site.add("/static/catalog.js", CATALOG_JS)
    site.add("/static/price.js", PRICE_JS)
    site.add(
        "/",
        _layout(
            "Continuing education that fits your shift",
            """<main class="vs-home">
<h1>Continuing education that fits your shift</h1>
<p>Short video courses with AAMA, NHA and IACET credit. <a href="/courses/">See all courses</a>.</p>
</main>""",
        ),
    )
    site.add(
        "/terms",
        _layout(
            "Terms of Service",
            """<main class="vs-doc">
<h1>Terms of Service</h1>
<h2 id="accounts">Accounts</h2><p>You are responsible for keeping your login details private.</p>
<h2 id="refunds">Refunds</h2><p>If you are not satisfied with a course, contact us within 30 days of purchase for a full refund, provided you have not downloaded the certificate. Subscription fees are not refundable after the first 7 days.</p>
<h2 id="certificates">Certificates</h2><p>Certificates are issued when you pass the post-test with a score of 80% or higher.</p>
</main>""",
        ),
    )
    site.add(
        "/privacy",
        _layout(
            "Privacy",
            '<main class="vs-doc"><h1>Privacy Policy</h1><p>We never sell your data.</p></main>',
        ),
    )
    site.add(
        "/help/",
        _layout(
            "Help center",
            '<main class="vs-doc"><h1>Help center</h1><p>Email help@vitalskills.online. See our <a href="/terms#refunds">refund terms</a>.</p></main>',
        ),
    )
    site.add(
        "/for-employers/",
        _layout(
            "For employers",
            '<main class="vs-doc"><h1>Team plans</h1><p>Give your whole clinic access to every course. <a href="/courses/">Browse courses</a>.</p></main>',
        ),
    )
    site.add(
        "/404.html",
        _layout("Not found", '<main class="vs-doc"><h1>We couldn\'t find that page</h1></main>'),
    )
    site.add("/robots.txt", "User-agent: *\nDisallow: /checkout\nDisallow: /login\n")
    site.not_courses += ["/", "/courses/", "/terms", "/help/", "/for-employers/"]
