# ruff: noqa: E501  (HTML page templates keep their own line lengths)
"""MedAssist Academy: a polished LMS storefront with complete schema.org Course JSON-LD.

Discovery: paginated listing /courses/, /courses/page/N/ and a sitemap. Course pages
/courses/<slug>/ carry Course + CourseInstance + Offer + Person JSON-LD and the same facts
in visible HTML; paid courses state their refund terms on the course page.
"""

from __future__ import annotations

import json
import random

from crawler.demo.generate.courses import (
    DemoCourse,
    Price,
    aama_credit,
    aama_evidence,
    base_fields,
    contact_hour_credit,
    slugify,
)
from crawler.demo.generate.markup import credentials_text, esc, long_date
from crawler.demo.generate.site import (
    Site,
    build_site,
    chunks,
    listing_paths,
    page_links,
    provider_facts,
    sitemap,
)

SLUG = "medassist-academy"
NAME = "MedAssist Academy"
HOST = "127.0.0.2"
PER_PAGE = 10
_page_path = listing_paths("/courses/", "/courses/page/{n}/")
REFUND = (
    "Not satisfied? Request a full refund within 14 days of purchase, as long as you have not "
    "started the post-test. Refunds are returned to the original payment method."
)
PRICES = (14.95, 19.95, 24.95, 29.95, 34.95, 39.95)
MUST = (
    "Phlebotomy: Order of Draw and Specimen Handling",
    "HIPAA Privacy and Security for the Medical Office",
)


def build() -> Site:
    facts = provider_facts(None, "support@medassistacademy.com", None)
    return build_site(Site(SLUG, NAME, HOST, facts=facts), 28, MUST, _course, _pages)


def _course(rng: random.Random, topic, i: int) -> DemoCourse:
    base = base_fields(
        rng, topic, NAME, "Includes a 10-question post-test and a printable certificate."
    )
    amount = rng.choice((1.0, 1.0, 1.5, 2.0, 2.0, 2.5, 3.0))
    approved = i % 5 != 3
    if approved:
        credit = aama_credit(amount, topic.category)
        approval = aama_evidence(rng, amount, topic.category, base["expiry_date"])
    else:
        credit = contact_hour_credit(amount)
        approval = None
    if i % 7 == 2 or topic.title == MUST[0]:
        price = Price("Free", "free", 0.0)
    else:
        amount_usd = rng.choice(PRICES)
        price = Price(f"${amount_usd:.2f}", "paid", amount_usd)
    slug = slugify(topic.title)
    path = f"/courses/{slug}/"
    return DemoCourse(
        path=path,
        ref=slug,
        format="live webinar" if i % 4 == 1 else "self-paced online",
        credit=credit,
        approval=approval,
        price=price,
        course_ref=f"MAA-{1000 + 7 * i}",
        refund_policy_url=path if price.cost_class == "paid" else None,
        **base,
    )


def _jsonld(site: Site, c: DemoCourse) -> str:
    url = site.origin + c.path
    instance = {
        "@type": "CourseInstance",
        "courseMode": ["online", "synchronous" if c.format == "live webinar" else "asynchronous"],
        "courseWorkload": f"PT{int(c.credit.contact_hours * 50)}M",
        "instructor": [
            {"@type": "Person", "name": name, "honorificSuffix": ", ".join(creds)}
            for name, creds in c.instructors
        ],
    }
    if c.format == "live webinar":
        instance["startDate"] = "2027-02-10T18:00:00-06:00"
        instance["location"] = {"@type": "VirtualLocation", "url": url + "#join"}
    data = {
        "@context": "https://schema.org",
        "@type": "Course",
        "@id": url + "#course",
        "url": url,
        "name": c.title,
        "description": c.description,
        "courseCode": c.course_ref,
        "inLanguage": "en-US",
        "datePublished": c.release_date,
        "expires": c.expiry_date,
        "provider": {"@type": "Organization", "name": NAME, "url": site.origin + "/"},
        "audience": {"@type": "EducationalAudience", "audienceType": c.audience},
        "teaches": c.objectives,
        "educationalCredentialAwarded": c.credit.raw,
        "numberOfCredits": {
            "@type": "StructuredValue",
            "value": c.credit.amount,
            "unitText": "AAMA CEU" if c.credit.unit == "aama_ceu" else "contact hour",
        },
        "hasCourseInstance": instance,
        "offers": {
            "@type": "Offer",
            "price": f"{c.price.amount:.2f}",
            "priceCurrency": "USD",
            "category": "Free" if c.price.amount == 0 else "Paid",
            "availability": "https://schema.org/InStock",
            "url": url,
        },
    }
    if c.price.amount == 0:
        data["isAccessibleForFree"] = True
    return json.dumps(data, indent=2, ensure_ascii=False)


def _layout(site: Site, title: str, body: str, canonical: str, head: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} | {NAME}</title>
<link rel="canonical" href="{site.origin}{canonical}">
<link rel="stylesheet" href="/assets/academy.css">
<meta name="description" content="Online continuing education for medical assistants. AAMA-approved CEUs.">
{head}</head>
<body class="lms">
<div class="announcement">New for 2026: track your CEUs by AAMA category in your dashboard.</div>
<header class="site-header">
  <a class="brand" href="/"><span class="brand-mark">MA</span> {NAME}</a>
  <nav class="primary-nav" aria-label="Main">
    <ul>
      <li><a href="/courses/">Course Catalog</a></li>
      <li><a href="/ce-tracker/">CE Tracker</a></li>
      <li><a href="/blog/">Blog</a></li>
      <li><a href="/about/">About</a></li>
      <li><a href="/account/login" rel="nofollow">Sign in</a></li>
      <li><a class="btn btn-cart" href="/cart/" rel="nofollow">Cart (0)</a></li>
    </ul>
  </nav>
</header>
<main id="content">
{body}
</main>
<footer class="site-footer">
  <div class="footer-cols">
    <div><h4>Learn</h4><ul><li><a href="/courses/">All courses</a></li><li><a href="/ce-tracker/">CE Tracker</a></li></ul></div>
    <div><h4>Company</h4><ul><li><a href="/about/">About us</a></li><li><a href="/blog/">Blog</a></li></ul></div>
    <div><h4>Support</h4><p>Questions? Email <a href="mailto:support@medassistacademy.com">support@medassistacademy.com</a></p></div>
  </div>
  <p class="legal">&copy; 2026 {NAME}. {NAME} is approved by the American Association of Medical Assistants (AAMA) as a provider of continuing education.</p>
</footer>
</body>
</html>
"""


def _card(c: DemoCourse) -> str:
    return f"""  <article class="course-card">
    <h3 class="course-card__title"><a href="{c.path}">{esc(c.title)}</a></h3>
    <p class="course-card__meta"><span class="credits">{esc(c.credit.raw)}</span> &middot; <span class="mode">{c.format.capitalize()}</span></p>
    <p class="course-card__price">{esc(c.price.raw)}</p>
  </article>
"""


def _detail(site: Site, c: DemoCourse, related: list[DemoCourse]) -> str:
    teachers = "".join(
        f'<div class="instructor"><span class="instructor__name">{esc(credentials_text(n, cr))}</span></div>'
        for n, cr in c.instructors
    )
    objectives = "".join(f"<li>{esc(o)}</li>" for o in c.objectives)
    accreditation = (
        f'<p class="approval">{esc(c.approval.evidence)}</p>'
        if c.approval
        else '<p class="approval approval--none">This course offers contact hours only; it has not been submitted for AAMA approval.</p>'
    )
    refund = (
        f'<section class="refund"><h2>Refund policy</h2><p>{REFUND}</p></section>'
        if c.refund_policy_url
        else ""
    )
    related_links = "".join(f'<li><a href="{r.path}">{esc(r.title)}</a></li>' for r in related)
    body = f"""<nav class="breadcrumbs"><a href="/">Home</a> / <a href="/courses/">Courses</a> / <span>{esc(c.title)}</span></nav>
<div class="course-layout">
<article class="course">
  <h1 class="course__title">{esc(c.title)}</h1>
  <ul class="course__facts">
    <li>Course code: <strong>{c.course_ref}</strong></li>
    <li>Format: <strong>{c.format.capitalize()}</strong></li>
    <li>Credits: <strong>{esc(c.credit.raw)}</strong></li>
    <li>Released: <time datetime="{c.release_date}">{long_date(c.release_date)}</time></li>
    <li>Credit expires: <time datetime="{c.expiry_date}">{long_date(c.expiry_date)}</time></li>
  </ul>
  <section><h2>About this course</h2><p class="course__description">{esc(c.description)}</p></section>
  <section><h2>Why take this course</h2><p>{esc(c.rationale)}</p></section>
  <section><h2>Who should attend</h2><p>{esc(c.audience)}</p></section>
  <section><h2>What you'll learn</h2><ul class="objectives">{objectives}</ul></section>
  <section><h2>Your instructor</h2>{teachers}</section>
  <section><h2>Accreditation</h2>{accreditation}</section>
  {refund}
</article>
<aside class="course-sidebar">
  <div class="enroll-card">
    <p class="enroll-card__price">{esc(c.price.raw)}</p>
    <a class="btn btn-primary" href="/cart/add?course={c.course_ref}" rel="nofollow">Enroll now</a>
    <p class="enroll-card__note">Instant access &middot; Certificate on completion</p>
  </div>
  <div class="related"><h3>You may also like</h3><ul>{related_links}</ul></div>
</aside>
</div>"""
    head = f'<script type="application/ld+json">\n{_jsonld(site, c)}\n</script>\n'
    return _layout(site, c.title, body, c.path, head)


def _listing(site: Site, page: list[DemoCourse], number_: int, pages: int) -> tuple[str, str]:
    path = _page_path(number_)
    links = []
    if number_ > 1:
        links.append(f'<a rel="prev" href="{_page_path(number_ - 1)}">&lsaquo; Previous</a>')
    links += page_links(number_, pages, _page_path, lambda k: f'<span class="current">{k}</span>')
    if number_ < pages:
        links.append(f'<a rel="next" href="{_page_path(number_ + 1)}">Next &rsaquo;</a>')
    body = f"""<h1>Course Catalog</h1>
<p class="lead">Self-paced and live continuing education for medical assistants. Page {number_} of {pages}.</p>
<div class="filters"><span>Filter:</span> <a href="/courses/">All</a></div>
<section class="course-grid">
{"".join(_card(c) for c in page)}</section>
<nav class="pagination" aria-label="Pagination">{" ".join(links)}</nav>"""
    return path, _layout(site, f"Course Catalog - Page {number_}", body, path)


def _pages(site: Site) -> None:
    courses = site.courses
    pages = chunks(courses, PER_PAGE)
    for n, page in enumerate(pages, start=1):
        path, text = _listing(site, page, n, len(pages))
        site.add(path, text)
    for i, c in enumerate(courses):
        related = [courses[(i + k) % len(courses)] for k in (1, 2, 5)]
        site.add(c.path, _detail(site, c, related))
    featured = "".join(_card(c) for c in courses[::5])
    site.add(
        "/",
        _layout(
            site,
            "Continuing Education for Medical Assistants",
            f"""<section class="hero"><h1>Earn your CEUs with confidence</h1>
<p>{len(courses)} courses across administrative, clinical and general topics. Most are AAMA-approved.</p>
<a class="btn btn-primary" href="/courses/">Browse the catalog</a></section>
<section class="featured"><h2>Featured courses</h2><div class="course-grid">{featured}</div></section>""",
            "/",
        ),
    )
    site.add(
        "/about/",
        _layout(
            site,
            "About us",
            """<h1>About MedAssist Academy</h1>
<p>MedAssist Academy was founded in 2014 by a group of certified medical assistants and nurse educators who wanted CE that respects a working medical assistant's time.</p>
<p>Every course is written and reviewed by credentialed faculty and updated at least every two years. Read more on our <a href="/blog/how-many-ceus-do-i-need/">blog</a>.</p>""",
            "/about/",
        ),
    )
    site.add(
        "/blog/",
        _layout(
            site,
            "Blog",
            """<h1>Blog</h1>
<article><h2><a href="/blog/how-many-ceus-do-i-need/">How many CEUs do I need to recertify?</a></h2><p>A plain-language guide to the 60-point CMA (AAMA) recertification rule.</p></article>""",
            "/blog/",
        ),
    )
    site.add(
        "/blog/how-many-ceus-do-i-need/",
        _layout(
            site,
            "How many CEUs do I need to recertify?",
            f"""<article class="post"><h1>How many CEUs do I need to recertify?</h1>
<p class="byline">Posted March 3, 2026 by the MedAssist Academy team</p>
<p>CMAs recertify every 60 months with 60 points, including at least 10 administrative, 10 clinical and 10 general points. Start with our <a href="{courses[0].path}">{esc(courses[0].title)}</a> course or browse the <a href="/courses/">full catalog</a>.</p>
<p>Not every course counts the same way: check the approval statement on each course page.</p></article>""",
            "/blog/how-many-ceus-do-i-need/",
        ),
    )
    site.add(
        "/ce-tracker/",
        _layout(
            site,
            "CE Tracker",
            "<h1>CE Tracker</h1><p>Sign in to see the CEUs you have earned, by AAMA category.</p>",
            "/ce-tracker/",
        ),
    )
    site.add(
        "/404.html",
        _layout(
            site,
            "Page not found",
            '<h1>Page not found</h1><p>Try the <a href="/courses/">course catalog</a>.</p>',
            "/404.html",
        ),
    )
    site.add(
        "/robots.txt",
        f"User-agent: *\nDisallow: /cart/\nDisallow: /account/\n\nSitemap: {site.origin}/sitemap.xml\n",
    )
    paths = [
        "/",
        "/courses/",
        *[f"/courses/page/{n}/" for n in range(2, len(pages) + 1)],
        *(c.path for c in courses),
        "/about/",
        "/blog/",
        "/blog/how-many-ceus-do-i-need/",
    ]
    site.add("/sitemap.xml", sitemap(site.origin, paths, "2026-10-01"))
    site.not_courses += ["/", "/about/", "/blog/", "/blog/how-many-ceus-do-i-need/", "/ce-tracker/"]
