# ruff: noqa: E501  (HTML page templates keep their own line lengths)
"""QuickCEU Hub: a sloppy, hand-maintained site full of the traps real crawls meet.

Discovery: /courses.html (one long listing, some links with utm_ parameters or #fragments,
one old URL that answers 301) and /sitemap.xml. Course pages /courses/<slug>.html; some carry
a little JSON-LD, one a JSON-LD block that does not parse (the page states everything in HTML).
Traps: fields missing on some courses, unclosed tags, an expired course, a soft 404 and a login
wall under /courses/, a members area /members/ that robots.txt disallows (its courses are in
the sitemap and the listing but must not be crawled), and a course whose title, description and
instructor contain HTML/script payloads as text.
"""

from __future__ import annotations

import json
import random

from crawler.demo.generate.courses import (
    Approval,
    Credit,
    DemoCourse,
    Price,
    aama_credit,
    aama_evidence,
    base_fields,
    ceu_credit,
    contact_hour_credit,
    pick_topics,
    slugify,
)
from crawler.demo.generate.markup import credentials_text, esc, us_date
from crawler.demo.generate.site import Site, provider_facts, sitemap
from crawler.demo.generate.topics import Topic

SLUG = "quickceu-hub"
NAME = "QuickCEU Hub"
HOST = "127.0.0.7"
EXPIRED_TOPIC = "Basic ECG Rhythm Recognition"
BROKEN_JSONLD_INDEX = 3
SOFT_404 = "/courses/ekg-basics-2019.html"
LOGIN_WALL = "/courses/advanced-coding-audit-workshop.html"
OLD_URL = "/course.php?id=12"
XSS_TOPIC = Topic(
    title='Charting Tips "><b>bold</b> <script>alert(1)</script>',
    category="administrative",
    summary="charting habits <img src=x onerror=alert(1)> that keep records clear and defensible",
    objectives=(
        "Write notes that <script>alert(1)</script> stand up to audit",
        "Avoid common charting errors",
    ),
)
XSS_INSTRUCTOR = ("Eve <img src=x onerror=alert(1)> Mallory", ("CMA (AAMA)",))


def build() -> Site:
    rng = random.Random(SLUG)
    site = Site(SLUG, NAME, HOST, facts=provider_facts(None, "quickceuhub@gmail.com", None))
    topics = pick_topics(
        rng, 28, (EXPIRED_TOPIC, "Phlebotomy: Order of Draw and Specimen Handling")
    )
    for i, topic in enumerate(topics[:25]):
        site.courses.append(_course(rng, topic, i))
    site.courses.append(_xss_course(rng))
    for i, topic in enumerate(topics[25:]):
        course = _course(rng, topic, 30 + i)
        course.path = f"/members/courses/{course.ref}.html"
        course.expect_in_catalog = False
        site.courses.append(course)
    _pages(site)
    return site


def _course(rng: random.Random, topic: Topic, i: int) -> DemoCourse:
    base = base_fields(rng, topic, NAME, "Quick, cheap and 100% online!!")
    amount = rng.choice((1.0, 1.0, 1.5, 2.0))
    credit: Credit | None
    approval: Approval | None = None
    if i % 6 == 3:
        credit = None
    elif i % 3 == 0:
        credit = aama_credit(amount, topic.category)
        approval = aama_evidence(rng, amount, topic.category, base["expiry_date"])
    elif i % 3 == 1:
        credit = contact_hour_credit(amount)
    else:
        credit = ceu_credit(amount)
    category_stated = True
    if i == 7:
        credit = Credit(1.0, "aama_ceu", "1 AAMA CEU")
        approval = Approval("AAMA", "Approved for AAMA CEUs!")
        category_stated = False
    price: Price | None
    if i % 7 == 4:
        price = None
    elif i % 4 == 2:
        price = Price("Free!", "free", 0.0)
    else:
        usd = rng.choice((5.0, 9.99, 14.99))
        price = Price(f"${usd:g}", "paid", usd)
    if i % 4 == 1:
        base["instructors"] = []
    if i % 5 == 2:
        base["objectives"] = []
    if i % 5 == 4:
        base["rationale"] = None
        base["audience"] = None
    if i % 8 == 6:
        base["release_date"] = None
    status = "active"
    if topic.title == EXPIRED_TOPIC:
        base["expiry_date"] = "2025-03-31"
        if approval and approval.valid_through:
            approval.valid_through = "2025-03-31"
            approval.evidence = approval.evidence.replace(aama_valid(approval), "2025-03-31")
        status = "expired"
    slug = slugify(topic.title)
    return DemoCourse(
        path=f"/courses/{slug}.html",
        ref=slug,
        format=None if i % 9 == 5 else "self-paced online",
        credit=credit,
        approval=approval,
        price=price,
        category_stated=category_stated,
        status=status,
        extra={
            "jsonld": "broken" if i == BROKEN_JSONLD_INDEX else ("partial" if i % 2 == 0 else None)
        },
        **base,
    )


def aama_valid(approval: Approval) -> str:
    return approval.evidence.rsplit("valid through ", 1)[1].rstrip(".")


def _xss_course(rng: random.Random) -> DemoCourse:
    base = base_fields(rng, XSS_TOPIC, NAME, "Bring your own charts.")
    base["instructors"] = [XSS_INSTRUCTOR]
    return DemoCourse(
        path="/courses/charting-tips.html",
        ref="charting-tips",
        format="self-paced online",
        credit=Credit(1.0, "contact_hour", "1 contact hour"),
        approval=None,
        price=Price("$5", "paid", 5.0),
        extra={"jsonld": None},
        **base,
    )


def _layout(title: str, body: str) -> str:
    # Deliberately sloppy: no doctype, unclosed tags, <font> and a missing </body>.
    return f"""<html>
<head>
<title>{esc(title)} :: {NAME}</title>
<meta name="keywords" content="ceu, ceus, free ceu, medical assistant, cma, cheap ceus">
</head>
<body bgcolor="#ffffff">
<center><font size="6" color="#003399"><b>QuickCEU Hub</b></font><br>
<font size="2">Cheap &amp; fast CEUs for busy MAs!!</font></center>
<div class="menu"><a href="/">Home</a> | <a href="/courses.html">All Courses</a> | <a href="/members/">Members Area</a> | <a href="/blog/2026-ceu-tips.html">CEU tips</a> | <a href="mailto:quickceuhub@gmail.com">Email us</a>
<hr>
{body}
<hr>
<p><font size="1">&copy; 2019-2026 QuickCEU Hub. Not affiliated with the AAMA. Questions? quickceuhub@gmail.com
</html>
"""


def _jsonld(c: DemoCourse, broken: bool) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": c.title,
        "provider": {"@type": "Organization", "name": NAME},
    }
    if c.description:
        data["description"] = c.description
    if c.price:
        data["offers"] = {"@type": "Offer", "price": c.price.amount, "priceCurrency": "USD"}
    text = json.dumps(data, indent=2, ensure_ascii=False)
    if broken:  # a trailing comma and a stray quote: what hand-edited templates produce
        text = text[:-2] + ',\n  "inLanguage": "en-US,\n}'
    return f'<script type="application/ld+json">\n{text}\n</script>\n'


def _detail(c: DemoCourse) -> str:
    items = "\n".join(f"<li>{esc(o)}" for o in c.objectives)
    people = "<br>".join(esc(credentials_text(n, cr)) for n, cr in c.instructors)
    # Each block only when the course states the field (``x and text`` is falsy otherwise).
    stated = (
        c.credit and f'<p class="credits"><b>Credits:</b> {esc(c.credit.raw)}',
        c.approval and f"<p><i>{esc(c.approval.evidence)}</i>",
        c.price and f'<p><font color="green" size="4"><b>Price: {esc(c.price.raw)}</b></font>',
        c.format and "<p>Format: Self-paced online (read the article, take the quiz)",
        c.description and f"<h3>Description</h3>\n<p>{esc(c.description)}",
        c.rationale and f"<h3>Why take this course?</h3>\n<p>{esc(c.rationale)}",
        c.audience and f"<p><b>For:</b> {esc(c.audience)}",
        c.objectives and f'<h3 id="objectives">Objectives</h3>\n<ul>\n{items}\n</ul>',
        c.instructors and f"<p><b><i>Instructor:</b></i> {people}",
        c.release_date and f"<p>Posted: {us_date(c.release_date)}",
    )
    parts = [f'<div class="content">\n<h1>{esc(c.title)}</h1>', *(p for p in stated if p)]
    expiry = f"Valid for credit through: {us_date(c.expiry_date)}"
    if c.status == "expired":
        expiry += ' <font color="red">(EXPIRED)</font>'
    parts.append(f"<p>{expiry}")
    parts.append(
        f'<p><a href="/buy.php?course={c.ref}"><img src="/img/buynow.gif" alt="Buy now" border="0"></a>'
    )
    body = "\n".join(parts)
    kind = c.extra.get("jsonld")
    head = _jsonld(c, kind == "broken") if kind else ""
    return _layout(c.title, body).replace("</head>", head + "</head>", 1)


def _pages(site: Site) -> None:
    public = [c for c in site.courses if c.expect_in_catalog]
    members = [c for c in site.courses if not c.expect_in_catalog]
    site.add_course_pages(_detail)
    old_target = public[12]
    site.routes[OLD_URL] = {"redirect": old_target.path, "status": 301}
    site.routes["/old-catalog/"] = {"redirect": "/courses.html", "status": 301}
    # Unlinked: for tests of back-off on an overloaded host.
    site.routes["/status/busy"] = {
        "status": 503,
        "headers": {"Retry-After": "1"},
        "body": "Busy, try again later",
    }
    rows = []
    for i, c in enumerate(public):
        href = c.path
        if i % 5 == 1:
            href += "?utm_source=newsletter&amp;utm_medium=email&amp;utm_campaign=spring"
        elif i % 5 == 3:
            href += "#objectives"
        credit = esc(c.credit.raw) if c.credit else "?"
        rows.append(
            f'<tr><td><a href="{href}">{esc(c.title)}</a><td>{credit}<td>{esc(c.price.raw) if c.price else ""}</tr>'
        )
    popular = "".join(
        f'<li><a href="{c.path}?utm_source=homepage&amp;utm_medium=banner">{esc(c.title)}</a>'
        for c in public[:5]
    )
    member_links = "".join(
        f'<li><a href="{c.path}">{esc(c.title)}</a> (members only)' for c in members
    )
    site.add(
        "/courses.html",
        _layout(
            "All Courses",
            f"""<h2>Popular right now</h2>
<ul>{popular}</ul>
<h2>All courses</h2>
<table border="1" cellpadding="3">
<tr><th>Course<th>Credits<th>Price</tr>
{chr(10).join(rows)}
<tr><td><a href="{SOFT_404}">EKG Basics (2019 edition)</a><td>1 contact hour<td>$5</tr>
<tr><td><a href="{LOGIN_WALL}">Advanced Coding Audit Workshop</a><td>3 AAMA CEUs<td>$49</tr>
</table>
<h2>Members-only library</h2>
<ul>{member_links}</ul>
<p>Looking for last year's favorite? <a href="{OLD_URL}">{esc(old_target.title)}</a>""",
        ),
    )
    site.add(
        SOFT_404,
        _layout(
            "Course not found",
            """<h1>Oops!</h1>
<p>Sorry, this course could not be found. It may have been retired or moved.
<p><a href="/courses.html">Back to all courses</a>""",
        ),
    )
    site.add(
        LOGIN_WALL,
        _layout(
            "Sign in",
            """<h1>Members only</h1>
<p>Please sign in to view this course.
<form action="/login.php" method="post"><input name="email"> <input type="password" name="pw"> <input type="submit" value="Sign in"></form>""",
        ),
    )
    site.add(
        "/members/",
        _layout(
            "Members Area", "<h1>Members Area</h1><p>Please sign in to view members-only courses."
        ),
    )
    site.add(
        "/",
        _layout(
            "Home",
            f"""<h2>Welcome!!</h2>
<p>Get your CEUs fast. <a href="/courses.html">See all courses</a> or check the <a href="/old-catalog/">old catalog</a>.
<p>New: <a href="{public[0].path}?utm_source=homepage">{esc(public[0].title)}</a>""",
        ),
    )
    site.add(
        "/blog/2026-ceu-tips.html",
        _layout(
            "CEU tips",
            f"""<h1>5 tips to finish your CEUs on time</h1>
<p>1. Start early. 2. Mix categories. 3. Check the approval. 4. Keep certificates. 5. Try our <a href="{public[2].path}#top">{esc(public[2].title)}</a>.""",
        ),
    )
    site.add("/404.html", "<html><body><h1>404 Not Found</h1></body></html>\n")
    site.add(
        "/robots.txt",
        "# robots for quickceuhub\nUser-agent: *\nDisallow: /members/\nDisallow: /buy.php\n\nUser-agent: BadBot\nDisallow: /\n\nSitemap: "
        + site.origin
        + "/sitemap.xml\n",
    )
    paths = [
        "/",
        "/courses.html",
        *(c.path for c in site.courses),
        SOFT_404,
        LOGIN_WALL,
        "/blog/2026-ceu-tips.html",
    ]
    site.add("/sitemap.xml", sitemap(site.origin, paths, "2026-09-30"))
    site.not_courses += [
        SOFT_404,
        LOGIN_WALL,
        "/",
        "/courses.html",
        "/members/",
        "/blog/2026-ceu-tips.html",
    ]
