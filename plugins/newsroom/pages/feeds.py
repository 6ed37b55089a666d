"""Feed titles say what pages say.

Pelican's feed writer takes a title's tags out (``Markup(title).striptags()``),
which also eats any text between ``<`` and ``>``: "Why x<y and y>z" became
"Why xz". Our titles are plain text already (the reader makes them so), so
each entry gets its report's title back, every character kept; the feed
writer escapes it.
"""

from urllib.parse import urljoin

# The articles list last met and its titles by address: every feed of a build
# meets the same list, so the map is made once a build, not once a feed (a
# site with a feed for each of thousands of people would be quadratic).
_titles = [None, {}]


def keep_titles(context, feed):
    articles = context.get("articles", [])
    if _titles[0] is not articles:
        site = context["SITEURL"].rstrip("/") + "/"
        _titles[:] = articles, {urljoin(site, article.report.href): article.title for article in articles}
    titles = _titles[1]
    for item in feed.items:
        if item.get("link") in titles:
            item["title"] = titles[item["link"]]
