"""Feed entries say what pages say, in the language they say it.

Pelican's feed writer takes a title's tags out (``Markup(title).striptags()``),
which also eats any text between ``<`` and ``>``: "Why x<y and y>z" became
"Why xz". Our titles are plain text already (the reader makes them so), so
each entry gets its report's title back, every character kept; the feed
writer escapes it.

Pelican's feeds say no language. Each gets the site's (``DEFAULT_LANG``:
Atom's ``xml:lang``, RSS's ``<language>``), and each entry in another
language its own ``xml:lang`` (Atom's and RSS's alike) and, where it runs
the other way, its direction around its HTML, so a reader of Uyghur or
Arabic finds their reports laid out right to left.
"""

from urllib.parse import urljoin

import build_store

from ..chrome.languages import entries_in_their_languages

def reports_by_address(context):
    """The run's reports by address: made once a run, not once a feed (a
    site with a feed for each of thousands of people would be quadratic),
    held by the run's build store."""
    work = build_store.of(context).work
    if "feeds" not in work:
        site = context["SITEURL"].rstrip("/") + "/"
        work["feeds"] = {urljoin(site, article.report.href): article for article in context.get("articles", [])}
    return work["feeds"]


def entries_like_pages(context, feed):
    reports = reports_by_address(context)
    for item in feed.items:
        if item.get("link") in reports:
            item["title"], item["language"] = reports[item["link"]].title, reports[item["link"]].lang
    feed.feed["language"] = feed.feed.get("language") or context.get("DEFAULT_LANG") or "en"
    entries_in_their_languages(feed)
