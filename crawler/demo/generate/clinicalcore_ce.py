# ruff: noqa: E501  (HTML page templates keep their own line lengths)
"""ClinicalCore Continuing Education: a plain-HTML catalog with no structured data.

Discovery: paginated listing /catalog/, /catalog/page/N/. Course pages /courses/cc-NNNN.html
label every fact with a heading or a bold label ("Learning Objectives", "Faculty",
"Accreditation", "Contact Hours", "Valid for credit through"); dates are written out
("December 31, 2027"). Only live webinars state a cancellation policy, on their own page.
"""

from __future__ import annotations

import random

from crawler.demo.generate.courses import (
    Approval,
    Credit,
    DemoCourse,
    Price,
    aama_ceus,
    aama_evidence,
    ancc_evidence,
    base_fields,
    contact_hours,
    number,
)
from crawler.demo.generate.markup import credentials_text, esc, long_date
from crawler.demo.generate.site import (
    Site,
    build_site,
    chunks,
    listing_paths,
    page_links,
    provider_facts,
)

SLUG = "clinicalcore-ce"
NAME = "ClinicalCore Continuing Education"
HOST = "127.0.0.3"
PER_PAGE = 8
_page_path = listing_paths("/catalog/", "/catalog/page/{n}/")
FORMATS = {
    "self-paced online": "Self-paced online",
    "live webinar": "Live webinar",
    "home study": "Home study (printed workbook)",
}
CANCELLATION = (
    "Registrations for live webinars may be cancelled for a full refund up to 48 hours before "
    "the start time. No refunds are given after that."
)
NO_APPROVAL = (
    "This activity has not been submitted for AAMA approval. Contact hours are awarded by "
    "ClinicalCore Continuing Education."
)
EXPIRED_TOPIC = "Medical Terminology: Respiratory System"
ROLES = (
    "Clinical educator",
    "Practice manager",
    "Program director",
    "Laboratory supervisor",
    "Compliance officer",
)


def build() -> Site:
    facts = provider_facts(None, "ce@clinicalcore.org", "(555) 013-2200")
    include = ("Venipuncture Technique and Site Selection", EXPIRED_TOPIC)
    return build_site(Site(SLUG, NAME, HOST, facts=facts), 30, include, _course, _pages)


def _course(rng: random.Random, topic, i: int) -> DemoCourse:
    base = base_fields(
        rng,
        topic,
        NAME,
        "Successful completion requires a score of 70% or higher on the post-test.",
        1 + (i % 4 == 0),
    )
    expired = topic.title == EXPIRED_TOPIC
    if expired:
        base["expiry_date"] = "2025-06-30"
        base["release_date"] = "2023-07-01"
    hours = rng.choice((1.0, 1.5, 2.0, 2.0, 3.0))
    kind = ("aama", "aama", "ancc", "none")[i % 4] if not expired else "aama"
    hours_text = contact_hours(hours, ".1f")
    approval: Approval | None
    if kind == "aama":
        raw = f"{hours_text} ({aama_ceus(hours)}, {topic.category})"
        approval = aama_evidence(rng, hours, topic.category, base["expiry_date"])
    elif kind == "ancc":
        raw, approval = hours_text, ancc_evidence(NAME)
    else:
        raw, approval = hours_text, None
    fmt = (
        "self-paced online",
        "live webinar",
        "self-paced online",
        "home study",
        "self-paced online",
    )[i % 5]
    price = Price("No charge", "free", 0.0) if i % 6 == 5 else _fee(rng)
    path = f"/courses/cc-{1040 + 3 * i}.html"
    return DemoCourse(
        path=path,
        ref=f"cc-{1040 + 3 * i}",
        format=fmt,
        credit=Credit(hours, "contact_hour", raw),
        approval=approval,
        price=price,
        course_ref=f"CC-{1040 + 3 * i}",
        refund_policy_url=path if fmt == "live webinar" else None,
        status="expired" if expired else "active",
        extra={"role": rng.choice(ROLES)},
        **base,
    )


def _fee(rng: random.Random) -> Price:
    amount = rng.choice((15.0, 20.0, 25.0, 29.0, 35.0, 45.0))
    return Price(f"${amount:.2f}", "paid", amount)


def _layout(title: str, body: str) -> str:
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{esc(title)} - {NAME}</title>
<link rel="stylesheet" type="text/css" href="/css/main.css">
</head>
<body>
<table width="100%" cellpadding="0" cellspacing="0" id="masthead">
<tr><td class="logo"><a href="/"><img src="/img/clinicalcore-logo.gif" alt="{NAME}" width="220" height="60"></a></td>
<td class="tagline">Quality continuing education for allied health professionals since 1998</td></tr>
</table>
<table width="100%" cellpadding="8" cellspacing="0" id="page">
<tr>
<td valign="top" width="180" id="leftnav">
<p class="navhead">Continuing Education</p>
<a href="/catalog/">Course Catalog</a><br>
<a href="/how-it-works.html">How It Works</a><br>
<a href="/accreditation.html">Accreditation</a><br>
<a href="/faq.html">FAQ</a><br>
<a href="/contact.html">Contact Us</a><br>
<p class="navhead">Your Account</p>
<a href="/login.asp">Log in</a><br>
<a href="/transcript.asp">My Transcript</a>
</td>
<td valign="top" id="maincontent">
{body}
</td>
</tr>
</table>
<div id="footer">
<hr>
<p>{NAME} &bull; 1200 Lakeview Drive, Suite 300 &bull; Springfield, IL 62704 &bull; (555) 013-2200 &bull; <a href="mailto:ce@clinicalcore.org">ce@clinicalcore.org</a></p>
<p>Copyright &copy; 1998-2026 {NAME}. All rights reserved.</p>
</div>
</body>
</html>
"""


def _detail(c: DemoCourse) -> str:
    faculty = "".join(
        f"<p><strong>{esc(credentials_text(n, cr))}</strong><br>{c.extra['role']}, ClinicalCore faculty</p>\n"
        for n, cr in c.instructors
    )
    objectives = "".join(f"<li>{esc(o)}</li>\n" for o in c.objectives)
    accreditation = c.approval.evidence if c.approval else NO_APPROVAL
    cancellation = (
        f"<h3>Cancellation Policy</h3>\n<p>{CANCELLATION}</p>\n" if c.refund_policy_url else ""
    )
    expired = (
        '<p class="alert"><b>Note:</b> Credit is no longer available for this activity.</p>\n'
        if c.status == "expired"
        else ""
    )
    body = f"""<p class="crumbs"><a href="/">Home</a> &gt; <a href="/catalog/">Course Catalog</a> &gt; {esc(c.course_ref)}</p>
<h1>{esc(c.title)}</h1>
{expired}<p><b>Course #:</b> {c.course_ref}<br>
<b>Release Date:</b> {long_date(c.release_date)}<br>
<b>Valid for credit through:</b> {long_date(c.expiry_date)}</p>
<h3>Course Overview</h3>
<p>{esc(c.description)}</p>
<h3>Statement of Need</h3>
<p>{esc(c.rationale)}</p>
<h3>Target Audience</h3>
<p>{esc(c.audience)}</p>
<h3>Learning Objectives</h3>
<p>Upon completion of this course, participants will be able to:</p>
<ol>
{objectives}</ol>
<h3>Faculty</h3>
{faculty}<h3>Format</h3>
<p>{FORMATS[c.format]}</p>
<h3>Contact Hours</h3>
<p>{esc(c.credit.raw)}</p>
<h3>Accreditation</h3>
<p>{esc(accreditation)}</p>
<h3>Fee</h3>
<p>{esc(c.price.raw)}</p>
{cancellation}<p><a href="/register.asp?course={c.course_ref}" class="button">Register for this course</a></p>
<p class="small">Disclosure: The planners and faculty of this activity have no relevant financial relationships with ineligible companies.</p>"""
    return _layout(c.title, body)


def _listing(page: list[DemoCourse], n: int, pages: int) -> str:
    rows = "".join(
        f'<tr><td>{c.course_ref}</td><td><a href="{c.path}">{esc(c.title)}</a></td>'
        f"<td>{number(c.credit.amount)}</td><td>{FORMATS[c.format]}</td><td>{esc(c.price.raw)}</td></tr>\n"
        for c in page
    )
    nav = " | ".join(page_links(n, pages, _page_path, lambda k: f"<b>{k}</b>"))
    if n < pages:
        nav += f' | <a href="{_page_path(n + 1)}">Next page &raquo;</a>'
    body = f"""<h1>Course Catalog</h1>
<p>Select a course title for the full description, objectives and accreditation information.</p>
<table class="catalog" border="1" cellpadding="4" cellspacing="0">
<tr><th>Course #</th><th>Title</th><th>Contact Hours</th><th>Format</th><th>Fee</th></tr>
{rows}</table>
<p class="pager">Page: {nav}</p>"""
    return _layout(f"Course Catalog (page {n})", body)


def _pages(site: Site) -> None:
    pages = chunks(site.courses, PER_PAGE)
    for n, page in enumerate(pages, start=1):
        site.add(_page_path(n), _listing(page, n, len(pages)))
    site.add_course_pages(_detail)
    site.add(
        "/",
        _layout(
            "Welcome",
            """<h1>Welcome to ClinicalCore Continuing Education</h1>
<p>We offer self-paced, live webinar and home study continuing education for medical assistants, phlebotomists and other allied health professionals.</p>
<p><a href="/catalog/">Browse the course catalog</a> or read <a href="/how-it-works.html">how it works</a>.</p>""",
        ),
    )
    site.add(
        "/how-it-works.html",
        _layout(
            "How It Works",
            """<h1>How It Works</h1>
<ol><li>Choose a course from the <a href="/catalog/">catalog</a>.</li><li>Register and pay online.</li><li>Complete the reading and the post-test (70% to pass).</li><li>Print your certificate from <a href="/transcript.asp">My Transcript</a>.</li></ol>""",
        ),
    )
    site.add(
        "/accreditation.html",
        _layout(
            "Accreditation",
            f"""<h1>Accreditation</h1>
<p>Many of our courses are approved by the American Association of Medical Assistants (AAMA). The approval statement on each course page tells you the number of CEUs and the category.</p>
<p>{esc(ancc_evidence(NAME).evidence)}</p>""",
        ),
    )
    site.add(
        "/faq.html",
        _layout(
            "FAQ",
            """<h1>Frequently Asked Questions</h1>
<h3>How long do I have to finish?</h3><p>Each course can be completed until its "Valid for credit through" date.</p>
<h3>Do you offer group discounts?</h3><p>Yes, contact us for pricing for groups of five or more.</p>""",
        ),
    )
    site.add(
        "/contact.html",
        _layout(
            "Contact Us",
            """<h1>Contact Us</h1>
<p>Phone: (555) 013-2200 (Monday-Friday, 8am-4:30pm Central)<br>Email: <a href="mailto:ce@clinicalcore.org">ce@clinicalcore.org</a></p>""",
        ),
    )
    site.add(
        "/404.html",
        _layout(
            "Not Found", "<h1>Page Not Found</h1><p>The page you requested does not exist.</p>"
        ),
    )
    site.add(
        "/robots.txt",
        "User-agent: *\nDisallow: /login.asp\nDisallow: /register.asp\nDisallow: /transcript.asp\n",
    )
    site.not_courses += [
        "/",
        "/how-it-works.html",
        "/accreditation.html",
        "/faq.html",
        "/contact.html",
    ]
