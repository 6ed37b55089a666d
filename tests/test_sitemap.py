"""Crawlers find every page through sitemap.xml and robots.txt."""

import xml.etree.ElementTree as ET

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_sitemap_lists_every_page_but_the_404_with_a_lastmod(prod_site):
    root = ET.fromstring(prod_site.text("sitemap.xml"))
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    urls = {u.find("s:loc", NS).text: u.find("s:lastmod", NS).text for u in root.findall("s:url", NS)}
    pages = {f"{prod_site.url}/{'' if n == 'index.html' else n}" for n in prod_site.html_files() if n != "404.html"}
    assert set(urls) == pages
    assert urls[f"{prod_site.url}/2021/04/blinken-human-rights-defenders.html"] == "2021-04-20T00:00:00-04:00"
    assert all(lastmod.startswith("20") for lastmod in urls.values())


def test_robots_txt_points_to_the_sitemap(prod_site):
    assert f"Sitemap: {prod_site.url}/sitemap.xml" in prod_site.text("robots.txt").splitlines()
