"""Feed titles say what pages say.

Pelican's feed writer takes a title's tags out (``Markup(title).striptags()``),
which also eats any text between ``<`` and ``>``: "Why x<y and y>z" became
"Why xz". Our titles are plain text already (the reader makes them so), so
each entry gets its report's title back, every character kept; the feed
writer escapes it.
"""

from urllib.parse import urljoin


def keep_titles(context, feed):
    site = context["SITEURL"].rstrip("/") + "/"
    titles = {urljoin(site, article.url): article.title for article in context.get("articles", [])}
    for item in feed.items:
        if item.get("link") in titles:
            item["title"] = titles[item["link"]]
