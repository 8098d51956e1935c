"""Scrapy settings for CEU Scout. Each line says why it differs from Scrapy's default."""

BOT_NAME = "ceuscout"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Name the project and a contact page so site owners can reach the operator.
USER_AGENT = "CEUScout/0.1 (+https://github.com/ceuscout/ceuscout; course-discovery crawler)"

# Politeness: robots.txt obeyed with RFC 9309 failure handling (see middlewares), one or two
# requests at a time per host, a delay that adapts to the server, and Crawl-delay honoured.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
# A callback yields one PageResult and a few requests; Scrapy's 100 parallel item workers per
# response would only add task churn on the reactor thread.
CONCURRENT_ITEMS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
DOWNLOAD_TIMEOUT = 30

# Course pages are small; anything past 32 MiB (also after decompression) is not a course page.
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024

# 404/410 reach the spider so a vanished course page is recorded as gone, not as an error.
HTTPERROR_ALLOWED_CODES = [404, 410]

# Retries: 429/503 go through the Retry-After aware middleware instead of Scrapy's instant retry.
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 504, 522, 524, 408]
CEUSCOUT_BACKOFF_CODES = [429, 503]
CEUSCOUT_BACKOFF_MAX_SECONDS = 120
CEUSCOUT_BACKOFF_TIMES = 3

# Loopback and private addresses are refused unless the demo or a test opts in.
CEUSCOUT_ALLOW_PRIVATE = False

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.crawl.middlewares.SafeAddressMiddleware": 50,
    "crawler.crawl.middlewares.Rfc9309RobotsTxtMiddleware": 100,
    "crawler.crawl.backoff.HostBackoffMiddleware": 560,
    "crawler.crawl.middlewares.FrontierClaimMiddleware": 950,
}
SPIDER_MIDDLEWARES = {"crawler.crawl.page_errors.PageErrorMiddleware": 900}
ITEM_PIPELINES = {"crawler.crawl.pipelines.StorePipeline": 300}
EXTENSIONS = {
    "scrapy.extensions.throttle.AutoThrottle": None,
    "crawler.crawl.throttle.CrawlDelayAutoThrottle": 0,
    "crawler.crawl.progress.Progress": 500,
}

# The durable frontier lives in the catalog database; Scrapy's own JOBDIR is not used.
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
TELNETCONSOLE_ENABLED = False
