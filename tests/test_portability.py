"""The development build works wherever it is put: under a sub-path of a
server, and straight from disk."""

from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest

from conftest import PAGE_TYPES, siteurl

LINKS = "() => [...document.querySelectorAll('a[href], link[href]')].map(e => e.href)"


# The production site's host: a development build linking there would leave
# its reader's copy for the live site.
PRODUCTION_HOST = urlsplit(siteurl("publishconf.py")).netloc


def elsewhere(link, here):
    """Whether ``link`` is a well-formed link to another site (a report's
    source, a register entry's links), which the crawl checks but does not
    follow: mailto, or http or https with a host that is neither the
    production site's nor the one the copy is served from (``here``)."""
    parts = urlsplit(link)
    if parts.scheme == "mailto":
        return bool(parts.path)
    return (parts.scheme in ("http", "https") and "." in parts.netloc
            and parts.netloc not in (PRODUCTION_HOST, here))


def crawl(page, start, inside):
    """Follow every link from ``start`` that stays ``inside``; the pages seen
    and the links that failed (a link leaving the copy counts, unless it is
    a well-formed link to another site)."""
    seen, failed, queue = set(), [], [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = page.goto(url)
        if response is not None and not response.ok:
            failed.append(url)
            continue
        if response is None and not Path(url.removeprefix("file://")).is_file():
            failed.append(url)
            continue
        for link in page.evaluate(LINKS):
            link = urldefrag(link).url
            if link.startswith(inside) and link.endswith(".html"):
                queue.append(link)
            elif not link.startswith("data:") and not elsewhere(link, urlsplit(start).netloc):
                failed.append(f"{url} -> {link}")
    return seen, failed


@pytest.mark.parametrize("where", ["under a sub-path", "from disk"])
def test_every_link_works(browser, dev_site, where, request):
    root = request.getfixturevalue("mirror") if where == "under a sub-path" else dev_site.path.as_uri()
    page = browser.new_page()
    seen, failed = crawl(page, f"{root}/index.html", f"{root}/")
    page.close()
    assert failed == []
    reachable = {url.removeprefix(f"{root}/") for url in seen}
    # Every page meant to be found: not the 404, hidden pages (listed
    # nowhere) nor the drafts a development build previews.
    listed = {n for n in dev_site.html_files() if dev_site.listed(n) and not n.startswith("drafts/")}
    assert reachable >= listed - {"404.html"}


def test_styles_apply_from_disk(browser, dev_site):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((dev_site.path / PAGE_TYPES["article"]).as_uri())
    width = page.evaluate("document.querySelector('article .body').getBoundingClientRect().width")
    page.close()
    assert width < 800, "the stylesheet did not apply: the text runs the full width"


def test_photos_show_from_disk_and_under_a_sub_path(browser, corpus_dev_site, corpus_mirror):
    photographed = [n for n in corpus_dev_site.reports() if "<picture>" in corpus_dev_site.text(n)]
    assert photographed
    page = browser.new_page(viewport={"width": 1280, "height": 6000})
    for name in photographed:
        for url in ((corpus_dev_site.path / name).as_uri(), f"{corpus_mirror}/{name}"):
            page.goto(url, wait_until="networkidle")
            # Lazy photos load once near the viewport: this one is 6,000 px tall.
            page.wait_for_function("[...document.images].every(i => i.complete)")
            sizes = page.evaluate("[...document.images].map(i => i.naturalWidth)")
            assert sizes and all(sizes), (url, sizes)
    page.close()
