"""The store pipeline: each PageResult is validated and written with its frontier row at once."""

from __future__ import annotations

import logging
import sqlite3
from datetime import date

from scrapy import signals

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
        if item.status == 0:
            self.store.fail(
                self.run_id, item.url, item.not_course_reason or "download failed", final=True
            )
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
        except (ValueError, UnicodeError, sqlite3.Error) as error:
            # the page is recorded as failed with the reason, never dropped without a trace
            logger.warning("%s: not stored: %s", item.url, error)
            self.store.fail(self.run_id, item.url, f"not stored: {error}", final=True)
        return item

    def spider_closed(self, spider, reason: str) -> None:
        self.store.attach_site_facts(spider.name)
        summary = self.store.finish_run(self.run_id, reason, self.today)
        logger.info("%s closed (%s): %s", spider.name, reason, summary)
