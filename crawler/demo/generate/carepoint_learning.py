# ruff: noqa: E501  (HTML page templates keep their own line lengths)
"""CarePoint Learning: a membership site mixing free, free-with-paid-certificate, member-free,
subscription and paid courses, with prices written several ways.

Discovery: listing /ce/ with query-string pagination /ce/?page=N. Course pages /ce/<slug>.html
carry partial schema.org Course microdata (name, description, provider) and the price only in
the buy box (``.buy-box .amount``); the sidebar advertises plan prices that are not the course
price. The buy box links the refund page /help/refunds.
"""

from __future__ import annotations

import random

from crawler.demo.generate.courses import (
    Credit,
    DemoCourse,
    Price,
    aama_ceus,
    aama_credit,
    aama_evidence,
    base_fields,
    contact_hours,
    slugify,
)
from crawler.demo.generate.markup import esc, long_date
from crawler.demo.generate.site import (
    Site,
    build_site,
    chunks,
    listing_paths,
    page_links,
    provider_facts,
)

SLUG = "carepoint-learning"
NAME = "CarePoint Learning"
HOST = "127.0.0.6"
PER_PAGE = 12
REFUND_PATH = "/help/refunds"
_page_path = listing_paths("/ce/", "/ce/?page={n}")
FREE_PHLEBOTOMY = "Difficult Draws: Phlebotomy for Pediatric and Geriatric Patients"
PAID_FORMS = (
    (24.95, "$24.95"),
    (15.0, "USD 15"),
    (15.0, "15.00 USD"),
    (12.5, "US$12.50"),
    (19.0, "$19"),
    (34.0, "$34.00"),
)


def build() -> Site:
    facts = provider_facts(REFUND_PATH, "hello@carepointlearning.com", "1-800-555-0199")
    include = (FREE_PHLEBOTOMY, "Phlebotomy: Order of Draw and Specimen Handling")
    return build_site(Site(SLUG, NAME, HOST, facts=facts), 28, include, _course, _pages)


def _price(i: int, title: str) -> Price:
    if title == FREE_PHLEBOTOMY:
        return Price("Free", "free", 0.0)
    kind = i % 6
    if kind == 0:
        return Price(("Free", "FREE", "$0.00")[i % 3], "free", 0.0)
    if kind == 1:
        fee, raw = (
            (9.99, "Free — certificate $9.99"),
            (14.95, "Free to take; certificate $14.95"),
        )[i % 2]
        return Price(raw, "free-certificate-paid", 0.0, certificate_fee=fee)
    if kind == 2:
        return Price("Free for members / $29 non-members", "member-free", 29.0)
    if kind == 3:
        return Price(
            "Included with All-Access subscription ($99/year)", "subscription", None, currency=None
        )
    amount, raw = PAID_FORMS[i % len(PAID_FORMS)]
    return Price(raw, "paid", amount)


def _course(rng: random.Random, topic, i: int) -> DemoCourse:
    base = base_fields(rng, topic, NAME, "Take it on your phone, tablet or computer.")
    amount = rng.choice((1.0, 1.0, 1.5, 2.0))
    approved = i % 3 != 2 or topic.title == FREE_PHLEBOTOMY
    if approved and i % 2:
        raw = f"This course is approved for {aama_ceus(amount)} in the {topic.category} category"
        credit = Credit(amount, "aama_ceu", raw)
    elif approved:
        credit = aama_credit(amount, topic.category)
    else:
        credit = Credit(amount, "contact_hour", contact_hours(amount, ".1f"))
    approval = aama_evidence(rng, amount, topic.category, base["expiry_date"]) if approved else None
    slug = slugify(topic.title)
    return DemoCourse(
        path=f"/ce/{slug}.html",
        ref=slug,
        format="self-paced online" if i % 5 else "live webinar",
        credit=credit,
        approval=approval,
        price=_price(i, topic.title),
        refund_policy_url=REFUND_PATH,
        **base,
    )


def _layout(title: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} — {NAME}</title>
<link rel="stylesheet" href="/css/cp.min.css">
</head>
<body>
<header class="cp-header">
  <div class="cp-header__inner">
    <a class="cp-logo" href="/">CarePoint<span>Learning</span></a>
    <nav class="cp-menu"><a href="/ce/">Browse CE</a><a href="/membership">Membership</a><a href="/all-access">All-Access</a><a href="/blog/free-ceus-for-medical-assistants.html">Blog</a><a href="/signin">Sign in</a></nav>
  </div>
</header>
<div class="cp-page">
{body}
</div>
<footer class="cp-footer">
  <div class="cp-footer__cols">
    <div><strong>CarePoint Learning</strong><br>hello@carepointlearning.com<br>1-800-555-0199</div>
    <div><a href="/help/refunds">Refunds</a><br><a href="/help/">Help</a><br><a href="/membership">Membership</a></div>
  </div>
  <p class="cp-footer__legal">© 2026 CarePoint Learning LLC</p>
</footer>
</body>
</html>
"""


SIDEBAR = """<aside class="cp-sidebar">
  <div class="plan-card"><h3>All-Access</h3><p class="plan-price">$99/year</p><p>Unlimited courses and certificates.</p><a href="/all-access">Learn more</a></div>
  <div class="plan-card"><h3>Membership</h3><p class="plan-price">$49/year</p><p>Members take dozens of courses free.</p><a href="/membership">Join</a></div>
</aside>"""


def _detail(c: DemoCourse) -> str:
    objectives = "".join(f"<li>{esc(o)}</li>" for o in c.objectives)
    people = "".join(
        f'<p class="cp-instructor" itemprop="instructor" itemscope itemtype="https://schema.org/Person"><span itemprop="name">{esc(n)}</span>, {esc(", ".join(cr))}</p>'
        for n, cr in c.instructors
    )
    approval = (
        f'<p class="cp-approval">{esc(c.approval.evidence)}</p>'
        if c.approval
        else '<p class="cp-approval">Not AAMA approved.</p>'
    )
    body = f"""<div class="cp-course" itemscope itemtype="https://schema.org/Course">
<main class="cp-main">
  <p class="cp-kicker">{c.category.capitalize()} &middot; {c.format.capitalize()}</p>
  <h1 itemprop="name">{esc(c.title)}</h1>
  <p class="cp-credits"><strong>Credits:</strong> {esc(c.credit.raw)}</p>
  {approval}
  <div itemprop="description" class="cp-description"><p>{esc(c.description)}</p></div>
  <h2>Why this course?</h2>
  <p>{esc(c.rationale)}</p>
  <h2>You will be able to</h2>
  <ul class="cp-objectives">{objectives}</ul>
  <h2>Instructor</h2>
  {people}
  <h2>Details</h2>
  <table class="cp-details">
    <tr><th>Audience</th><td>{esc(c.audience)}</td></tr>
    <tr><th>Released</th><td>{long_date(c.release_date)}</td></tr>
    <tr><th>Expires</th><td>{long_date(c.expiry_date)}</td></tr>
  </table>
  <p class="cp-provider" itemprop="provider" itemscope itemtype="https://schema.org/Organization">Offered by <span itemprop="name">{NAME}</span></p>
</main>
<div class="buy-box">
  <p class="buy-box__label">Your price</p>
  <p class="amount">{esc(c.price.raw)}</p>
  <a class="cp-btn" href="/enroll?c={c.ref}">Start course</a>
  <p class="buy-box__fine">See our <a href="{REFUND_PATH}">refund policy</a>.</p>
</div>
</div>
{SIDEBAR}"""
    return _layout(c.title, body)


def _listing(page: list[DemoCourse], n: int, pages: int) -> str:
    tiles = "".join(
        f'<li class="cp-tile"><a href="{c.path}"><span class="cp-tile__title">{esc(c.title)}</span></a>'
        f'<span class="cp-tile__price">{esc(c.price.raw)}</span><span class="cp-tile__credits">{esc(c.credit.raw)}</span></li>\n'
        for c in page
    )
    pager = " ".join(
        page_links(
            n, pages, _page_path, lambda k: f'<a href="{_page_path(k)}" aria-current="page">{k}</a>'
        )
    )
    return _layout(
        "Browse CE",
        f"""<main class="cp-catalog"><h1>Browse continuing education</h1>
<p>Free, member-free and paid CE for medical assistants.</p>
<ul class="cp-tiles">
{tiles}</ul>
<nav class="cp-pager">{pager}</nav></main>""",
    )


def _pages(site: Site) -> None:
    pages = chunks(site.courses, PER_PAGE)
    for n, page in enumerate(pages, start=1):
        if n == 1:
            site.add("/ce/", _listing(page, n, len(pages)))
        else:
            site.add(f"/ce/page-{n}.html", _listing(page, n, len(pages)))
            site.routes[f"/ce/?page={n}"] = {"file": f"ce/page-{n}.html"}
    site.add_course_pages(_detail)
    free = [c for c in site.courses if c.price.cost_class == "free"][:4]
    free_links = "".join(
        f'<li><a href="{c.path}?utm_source=blog&amp;utm_medium=referral">{esc(c.title)}</a></li>'
        for c in free
    )
    site.add(
        "/",
        _layout(
            "Home",
            '<main><h1>CE for medical assistants, many of them free</h1><p><a href="/ce/">Browse all courses</a></p></main>',
        ),
    )
    site.add(
        "/blog/free-ceus-for-medical-assistants.html",
        _layout(
            "Free CEUs for medical assistants",
            f"""<main class="cp-post"><h1>Where to find free CEUs for medical assistants</h1>
<p>Free courses are a great way to keep up, but read the fine print: some "free" courses charge for the certificate.</p>
<ul>{free_links}</ul></main>""",
        ),
    )
    site.add(
        "/membership",
        _layout(
            "Membership",
            "<main><h1>Membership</h1><p>$49/year. Members take every course marked “Free for members” at no cost.</p></main>",
        ),
    )
    site.add(
        "/all-access",
        _layout(
            "All-Access",
            "<main><h1>All-Access subscription</h1><p>$99/year for unlimited courses and certificates.</p></main>",
        ),
    )
    site.add(
        REFUND_PATH,
        _layout(
            "Refund policy",
            """<main class="cp-help"><h1>Refund policy</h1>
<p>Paid courses and certificates can be refunded within 30 days of purchase if you have not completed the course. Membership and All-Access fees are refundable within 14 days of sign-up.</p>
<p>To request a refund, email hello@carepointlearning.com with your order number.</p></main>""",
        ),
    )
    site.add(
        "/help/",
        _layout(
            "Help",
            '<main class="cp-help"><h1>Help</h1><p>Questions about billing? Read our <a href="/help/refunds">refund policy</a>.</p></main>',
        ),
    )
    site.add("/404.html", _layout("Not found", "<main><h1>Page not found</h1></main>"))
    site.add("/robots.txt", "User-agent: *\nDisallow: /enroll\nDisallow: /signin\n")
    site.not_courses += [
        "/",
        "/blog/free-ceus-for-medical-assistants.html",
        "/membership",
        "/all-access",
        REFUND_PATH,
        "/help/",
    ]
