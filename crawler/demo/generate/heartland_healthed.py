# ruff: noqa: E501  (HTML page templates keep their own line lengths)
"""Heartland Health Education Center: a community college style CE office.

Discovery: /programs/ links the category pages /programs/<category>/, which link the course
pages /programs/<category>/<slug>.html. Facts sit in a definition list (Delivery, Tuition,
Instructor, Offered, Credit valid until). No course page mentions refunds: the site-wide
/refund-policy page (footer link) is the only policy; contact details are on /contact.
"""

from __future__ import annotations

import random

from crawler.demo.generate.courses import (
    Credit,
    DemoCourse,
    Price,
    aama_evidence,
    base_fields,
    number,
    plural,
    slugify,
)
from crawler.demo.generate.markup import credentials_text, esc, us_date
from crawler.demo.generate.site import Site, build_site, provider_facts

SLUG = "heartland-healthed"
NAME = "Heartland Health Education Center"
HOST = "127.0.0.5"
REFUND_PATH = "/refund-policy"
EMAIL = "ce@heartlandhealthed.org"
PHONE = "(402) 555-0147"
CATEGORIES = ("administrative", "clinical", "general")
SESSIONS = {
    "in person": (
        "Saturday, March 13, 2027, 8:30 a.m. to 12:30 p.m., Heartland Education Center, Room 204, Omaha, NE",
        "Tuesday, April 20, 2027, 6:00 to 9:00 p.m., Lincoln Campus, Room 12, Lincoln, NE",
    ),
    "live webinar": ("Thursday, February 4, 2027, 6:00 to 7:30 p.m. Central (online via Zoom)",),
    "home study": ("Order any time; the printed workbook ships within 3 business days",),
}
DELIVERY = {
    "in person": "In person (classroom)",
    "live webinar": "Live webinar",
    "home study": "Home study",
}


def build() -> Site:
    facts = provider_facts(REFUND_PATH, EMAIL, PHONE)
    include = ("Phlebotomy Safety: Needlestick Prevention", "Medication Administration: Injections")
    return build_site(Site(SLUG, NAME, HOST, facts=facts), 26, include, _course, _pages)


def _course(rng: random.Random, topic, i: int) -> DemoCourse:
    base = base_fields(
        rng, topic, NAME, "Bring a pen and your employee badge; materials are provided.", 1
    )
    fmt = ("in person", "live webinar", "home study", "in person")[i % 4]
    hours = rng.choice((1.5, 2.0, 3.0, 3.0, 4.0))
    if i % 3 == 0:
        credit = Credit(hours, "clock_hour", f"{number(hours)} clock {plural(hours, 'hour')}")
    else:
        credit = Credit(hours, "contact_hour", f"Contact Hours: {number(hours)}")
    approval = (
        aama_evidence(rng, hours, topic.category, base["expiry_date"]) if i % 2 == 0 else None
    )
    tuition = rng.choice((35.0, 45.0, 60.0, 75.0, 95.0, 120.0))
    raw = (f"${tuition:.0f}", f"${tuition:.2f} per person", f"${tuition:.0f} (includes materials)")[
        i % 3
    ]
    path = f"/programs/{topic.category}/{slugify(topic.title)}.html"
    return DemoCourse(
        path=path,
        ref=slugify(topic.title),
        format=fmt,
        credit=credit,
        approval=approval,
        price=Price(raw, "paid", tuition),
        course_ref=None,
        refund_policy_url=REFUND_PATH,
        extra={"session": SESSIONS[fmt][i % len(SESSIONS[fmt])]},
        **base,
    )


def _layout(title: str, body: str, section: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<title>{esc(title)} – {NAME}</title>
<link rel="stylesheet" href="/wp-content/themes/heartland/style.css?ver=3.2">
</head>
<body class="page {section}">
<div id="wrapper">
<header id="masthead">
  <div class="site-branding"><a href="/" rel="home"><strong>Heartland</strong> Health Education Center</a>
  <p class="site-description">Workforce training for Nebraska's health care teams</p></div>
  <nav id="site-navigation" class="main-navigation">
    <ul id="primary-menu" class="menu">
      <li class="menu-item"><a href="/programs/">CE Programs</a></li>
      <li class="menu-item"><a href="/programs/administrative/">Administrative</a></li>
      <li class="menu-item"><a href="/programs/clinical/">Clinical</a></li>
      <li class="menu-item"><a href="/programs/general/">General</a></li>
      <li class="menu-item"><a href="/about/">About</a></li>
      <li class="menu-item"><a href="/contact">Contact</a></li>
    </ul>
  </nav>
</header>
<div id="content" class="site-content">
<div id="primary" class="content-area">
{body}
</div>
<aside id="secondary" class="widget-area">
  <section class="widget"><h2 class="widget-title">Need help registering?</h2><p>Call {PHONE} or email <a href="mailto:{EMAIL}">{EMAIL}</a>.</p></section>
  <section class="widget"><h2 class="widget-title">Employer billing</h2><p>We invoice employers for groups of three or more. Ask about our clinic partner program.</p></section>
</aside>
</div>
<footer id="colophon" class="site-footer">
  <ul class="footer-menu"><li><a href="{REFUND_PATH}">Refund Policy</a></li><li><a href="/contact">Contact Us</a></li><li><a href="/privacy-policy/">Privacy Policy</a></li></ul>
  <p>&copy; 2026 {NAME} &middot; 4410 Dodge Street, Omaha, NE 68131</p>
</footer>
</div>
</body>
</html>
"""


def _detail(c: DemoCourse) -> str:
    objectives = "".join(f"<li>{esc(o)}</li>" for o in c.objectives)
    instructors = "<br>".join(esc(credentials_text(n, cr)) for n, cr in c.instructors)
    approval = f'<p class="accreditation">{esc(c.approval.evidence)}</p>' if c.approval else ""
    body = f"""<article class="program type-program">
<header class="entry-header"><p class="program-category"><a href="/programs/{c.category}/">{c.category.capitalize()} programs</a></p>
<h1 class="entry-title">{esc(c.title)}</h1></header>
<div class="entry-content">
<dl class="program-facts">
  <dt>Delivery</dt><dd>{DELIVERY[c.format]}</dd>
  <dt>Offered</dt><dd>{esc(c.extra["session"])}</dd>
  <dt>Instructor</dt><dd>{instructors}</dd>
  <dt>Tuition</dt><dd>{esc(c.price.raw)}</dd>
  <dt>First offered</dt><dd>{us_date(c.release_date)}</dd>
  <dt>Credit valid until</dt><dd>{us_date(c.expiry_date)}</dd>
</dl>
<div class="credit-box"><p class="credit-line">{esc(c.credit.raw)}</p>{approval}</div>
<h2>Program description</h2>
<p>{esc(c.description)}</p>
<h2>Purpose</h2>
<p>{esc(c.rationale)}</p>
<h2>Who should attend</h2>
<p>{esc(c.audience)}</p>
<h2>Objectives</h2>
<p>Participants will be able to:</p>
<ul>{objectives}</ul>
<p><a class="button register" href="/register/?program={c.ref}">Register now</a></p>
</div>
</article>"""
    return _layout(c.title, body, "single-program")


def _pages(site: Site) -> None:
    site.add_course_pages(_detail)
    for category in CATEGORIES:
        items = "".join(
            f'<li><a href="{c.path}">{esc(c.title)}</a> <span class="meta">{DELIVERY[c.format]} &middot; {esc(c.credit.raw)}</span></li>'
            for c in site.courses
            if c.category == category
        )
        site.add(
            f"/programs/{category}/",
            _layout(
                f"{category.capitalize()} programs",
                f'<h1 class="page-title">{category.capitalize()} programs</h1>\n<ul class="program-list">{items}</ul>',
                "archive",
            ),
        )
    cats = "".join(
        f'<li><a href="/programs/{k}/">{k.capitalize()} programs</a></li>' for k in CATEGORIES
    )
    site.add(
        "/programs/",
        _layout(
            "CE Programs",
            f"""<h1 class="page-title">Continuing Education Programs</h1>
<p>Classroom, live webinar and home study programs for medical assistants. Choose a category:</p>
<ul class="categories">{cats}</ul>""",
            "archive",
        ),
    )
    site.add(
        "/",
        _layout(
            "Home",
            """<h1>Welcome to Heartland Health Education Center</h1>
<p>Since 1987 we have trained medical assistants, nursing assistants and front-office staff across the region.</p>
<p><a href="/programs/">See our continuing education programs</a>.</p>""",
        ),
    )
    site.add(
        "/about/",
        _layout(
            "About",
            """<h1>About us</h1>
<p>Heartland Health Education Center is a non-profit training center. Several of our programs are approved by the American Association of Medical Assistants (AAMA); each program page states its own approval.</p>""",
        ),
    )
    site.add(
        REFUND_PATH,
        _layout(
            "Refund Policy",
            """<h1>Refund and Cancellation Policy</h1>
<p>Cancellations received at least 7 days before a classroom or webinar program receive a full refund. Cancellations received 2 to 6 days before the program receive a 50% refund or a credit toward a future program. No refunds are given for cancellations within 48 hours of the start time or for no-shows.</p>
<p>Home study workbooks may be returned unused within 30 days of delivery for a full refund less shipping.</p>
<p>If Heartland cancels a program, registrants receive a full refund.</p>""",
        ),
    )
    site.add(
        "/contact",
        _layout(
            "Contact Us",
            f"""<h1>Contact Us</h1>
<p>Heartland Health Education Center<br>4410 Dodge Street<br>Omaha, NE 68131</p>
<p>Phone: {PHONE}<br>Email: <a href="mailto:{EMAIL}">{EMAIL}</a></p>
<p>Office hours: Monday to Friday, 8:00 a.m. to 5:00 p.m. Central</p>""",
        ),
    )
    site.add(
        "/privacy-policy/",
        _layout(
            "Privacy Policy",
            "<h1>Privacy Policy</h1><p>We use your information only to register you and report your credits.</p>",
        ),
    )
    site.add(
        "/404.html", _layout("Page not found", "<h1>Oops! That page can&rsquo;t be found.</h1>")
    )
    site.add(
        "/robots.txt",
        "User-agent: *\nDisallow: /wp-admin/\nDisallow: /register/\nAllow: /wp-admin/admin-ajax.php\n",
    )
    site.not_courses += ["/", "/about/", "/programs/", REFUND_PATH, "/contact", "/privacy-policy/"]
