"""Pelican's default theme (notmyidea) with a minimal configuration: what
bench/run.py measures our build against. No plugins, no feeds (our
development build has none either), relative URLs like ours."""

SITENAME = "Rights Desk"
SITEURL = ""
RELATIVE_URLS = True
TIMEZONE = "America/New_York"
DEFAULT_LANG = "en"
THEME = "notmyidea"
PLUGINS = []
DEFAULT_PAGINATION = 10
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
