"""A progress line per provider that a person can follow, at most every few seconds.

The counts are the store's (crawler.crawl.report.counts_line), the same the summary prints.
"""

from __future__ import annotations

import sys
import time

from scrapy import signals

from crawler.crawl.report import counts_line


class Progress:
    def __init__(self, crawler, every: float, stream=sys.stderr):
        self.crawler = crawler
        self.every = every
        self.stream = stream
        self.last = 0.0
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler, crawler.settings.getfloat("CEUSCOUT_PROGRESS_SECONDS", 2.0))

    def spider_opened(self, spider) -> None:
        self.print(f"[{spider.name}] crawling")

    def item_scraped(self, item, response=None, spider=None) -> None:
        if time.monotonic() - self.last >= self.every:
            self.print(self.line())

    def spider_closed(self, spider, reason) -> None:
        self.print(self.line() + f" — spider closed: {reason}")

    def line(self) -> str:
        spider = self.crawler.spider
        return f"[{spider.name}] " + counts_line(spider.store.run_summary(spider.run_id))

    def print(self, text: str) -> None:
        self.last = time.monotonic()
        print(text, file=self.stream, flush=True)
