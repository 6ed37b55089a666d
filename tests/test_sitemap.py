"""Crawlers find every page through sitemap.xml and robots.txt."""

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import unquote

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def entries(site):
    """Each address the sitemap lists (as RFC 3986 writes it: ASCII, an
    address in another script percent-encoded), decoded, and its lastmod."""
    root = ET.fromstring(site.text("sitemap.xml"))
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    locs = {u.find("s:loc", NS).text: u.find("s:lastmod", NS).text for u in root.findall("s:url", NS)}
    assert all(loc.isascii() for loc in locs), [loc for loc in locs if not loc.isascii()]
    return {unquote(loc): lastmod for loc, lastmod in locs.items()}


def test_sitemap_lists_every_page_but_the_hidden(prod_build):
    pages = {f"{prod_build.url}/{'' if n == 'index.html' else n}" for n in prod_build.html_files()
             if prod_build.listed(n)}
    assert set(entries(prod_build)) == pages


def test_a_report_is_as_new_as_its_last_change(prod_build):
    urls = entries(prod_build)
    for name in filter(prod_build.listed, prod_build.reports()):
        times = [t["datetime"] for t in prod_build.page(name).select("article header .byline time, .corrections time")]
        newest = max(times, key=lambda t: datetime.datetime.fromisoformat(t).astimezone(datetime.timezone.utc)
                     if len(t) > 10 else datetime.datetime.fromisoformat(t).replace(tzinfo=datetime.timezone.utc))
        lastmod = urls[f"{prod_build.url}/{name}"]
        # A Date without a time is a day on the page; the sitemap dates the page from its start.
        assert lastmod == newest if len(newest) > 10 else lastmod.startswith(newest + "T00:00:00"), name
    assert urls[f"{prod_build.url}/2021/04/blinken-human-rights-defenders.html"] == "2021-04-20T00:00:00-04:00"


def test_robots_txt_points_to_the_sitemap(prod_build):
    assert f"Sitemap: {prod_build.url}/sitemap.xml" in prod_build.text("robots.txt").splitlines()
