"""The store pipeline: each PageResult is validated and written with its frontier row at once."""

from __future__ import annotations

import logging
from datetime import date

from scrapy import signals

from crawler.crawl.middlewares import ROBOTS_FORBIDDEN
from crawler.items import PageResult

logger = logging.getLogger(__name__)


class StorePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.today = date.fromisoformat(
            crawler.settings.get("CEUSCOUT_TODAY") or date.today().isoformat()
        )
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self, spider=None) -> None:
        self.store = self.crawler.spider.store
        self.run_id = self.crawler.spider.run_id

    def process_item(self, item, spider=None):
        if not isinstance(item, PageResult):
            return item
        why = item.not_course_reason or ""
        if item.status == 0:
            if why.endswith(ROBOTS_FORBIDDEN):
                self.store.skip(self.run_id, item.url, why)
            else:
                self.store.fail(self.run_id, item.url, why or "download failed", final=True)
            return item
        if why == "login wall" and self.store.has_course_at(item.url):
            # A login wall where a course was says nothing about the course: keep it (a failed
            # page's courses count no miss) and say so.
            self.store.fail(self.run_id, item.url, "login wall where a course was", final=True)
            self.store.note(self.run_id, f"login wall where a course was: {item.url} (kept)")
            return item
        valid = []
        for course in item.courses:
            problems = course.validate()
            if problems:
                logger.warning("%s: not stored: %s", course.url or item.url, "; ".join(problems))
                self.store.log_error(
                    self.run_id, item.source, item.url, "invalid course: " + "; ".join(problems)
                )
            else:
                valid.append(course)
        item.courses = valid
        try:
            self.store.store_page(self.run_id, item, today=self.today)
        except Exception as exc:  # one page that cannot be stored must not be lost silently
            logger.exception("%s: not stored", item.url)
            error = f"storing failed: {type(exc).__name__}: {exc}"
            self.store.fail(self.run_id, item.url, error, final=True)
        return item

    def spider_closed(self, spider, reason: str) -> None:
        self.store.attach_site_facts(spider.name)
        summary = self.store.finish_run(self.run_id, reason, self.today)
        logger.info("%s closed (%s): %s", spider.name, reason, summary)
