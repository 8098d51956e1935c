"""A progress line per provider that a person can follow, at most every few seconds."""

from __future__ import annotations

import sys
import time

from scrapy import signals

from crawler.items import PageResult


class Progress:
    def __init__(self, crawler, every: float, stream=sys.stderr):
        self.name = ""
        self.every = every
        self.stream = stream
        self.pages = self.courses = self.not_courses = self.failed = 0
        self.last = 0.0
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler, crawler.settings.getfloat("CEUSCOUT_PROGRESS_SECONDS", 2.0))

    def spider_opened(self, spider) -> None:
        self.name = spider.name
        self.print(f"[{self.name}] crawling")

    def item_scraped(self, item, response=None, spider=None) -> None:
        if not isinstance(item, PageResult):
            return
        self.pages += 1
        self.courses += len(item.courses)
        self.failed += item.status == 0
        self.not_courses += item.status != 0 and bool(item.not_course_reason) and not item.courses
        if time.monotonic() - self.last >= self.every:
            self.print(self.line())

    def spider_closed(self, spider, reason) -> None:
        self.print(self.line() + f" — {reason}")

    def line(self) -> str:
        return (
            f"[{self.name}] {self.pages} pages, {self.courses} courses, "
            f"{self.not_courses} not courses, {self.failed} failed"
        )

    def print(self, text: str) -> None:
        self.last = time.monotonic()
        print(text, file=self.stream, flush=True)
