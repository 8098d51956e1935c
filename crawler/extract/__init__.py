"""Pure extraction: (html, url, source config) -> Course fields, each with where it came from.

extract_page(html, url, provider, config) -> PageExtraction(is_course, not_course_reason, course)
extract_site_facts(html, url) -> {refund_policy_text, contact_email, contact_phone}
course_from_record(record, fields, url, provider, config) -> Course   (JSON catalog records)
"""

from crawler.extract.facts import extract_site_facts
from crawler.extract.page import PageExtraction, extract_page
from crawler.extract.record import course_from_record

__all__ = ["PageExtraction", "course_from_record", "extract_page", "extract_site_facts"]
