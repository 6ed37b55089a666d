"""Settings for the production build (`make publish`): absolute URLs and feeds."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://rightsdesk.example.org")
RELATIVE_URLS = False
MACHINE_METADATA = True
# A publish costs what changed: it rereads only the files that changed and
# renders, compresses and writes only the pages whose inputs changed; the
# others are linked from the live site with their bytes, times and
# compressed files. Nothing cached is trusted blindly: the readings only as
# this machine's builds signed them (output/cache_guard.py), a page only
# where its key and the live file are as the last build left them
# (output/page_cache.py), a compressed file only once it decompresses to
# its page (plugins/compress_cache). A cache of its own, so that
# development builds between publishes leave it as it was.
CACHE_PATH = os.path.join(CACHE_PATH, "production")
INDEX_URL = ""
# Drafts and reports dated in the future are never published.
DRAFT_URL = DRAFT_SAVE_AS = DRAFT_LANG_URL = DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_URL = DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_URL = DRAFT_PAGE_LANG_SAVE_AS = ""

# The sitemap needs absolute addresses, as do the share images and JSON-LD
# the newsroom makes with MACHINE_METADATA: production only.
# compress_cache writes .gz and .br beside every text file for servers that
# serve them as they are (nginx gzip_static, brotli_static), compressing
# only the files an earlier build did not.
PLUGINS = [*PLUGINS, "content_sitemap", "compress_cache"]
# The published site is always searchable.
SEARCH_INDEX = True
# No published word changes silently: a version that changes a published
# report's words without a new Correction or Update line is refused.
RECORD_REFUSES_SILENT_CHANGES = True
CHANGES_FEED_ATOM = "feeds/changes.atom.xml"
# Brotli 11 for what readers fetch; the sitemap, fetched by crawlers and
# the largest file (2.4 MB at 10,000 reports), gets brotli 9: 0.07 s
# instead of 5 s at every publish, for 20% more of its bytes.
COMPRESS = {"EXTENSIONS": {".html", ".xml", ".txt", ".css", ".svg", ".js", ".json"}, "BROTLI_QUALITY_FOR": {"sitemap*.xml": 9}}
DIRECT_TEMPLATES = [*DIRECT_TEMPLATES, "robots"]
ROBOTS_SAVE_AS = "robots.txt"

FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
CATEGORY_FEED_RSS = "feeds/category/{slug}.rss.xml"
PERSON_FEED_ATOM = "feeds/people/{slug}.atom.xml"
# Full text in feeds, as readers of news expect.
RSS_FEED_SUMMARY_ONLY = False
