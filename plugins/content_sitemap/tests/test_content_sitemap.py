"""The sitemap, from a Pelican run in-process: every page, its address as
Pelican names it, and the date of what it shows."""

import xml.etree.ElementTree as ET

import pytest

import content_sitemap

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
EARLIER = "Title: A report\nDate: 2021-04-20\nCategory: News\nAuthor: Desk\nSummary: One.\n\nText.\n"
LATER = "Title: Later\nDate: 2021-05-01\nModified: 2021-06-02\nCategory: News\nAuthor: Desk\nSummary: Two.\n\nMore.\n"
SETTINGS = dict(SITEURL="https://news.example", ARTICLE_URL="{slug}/", ARTICLE_SAVE_AS="{slug}/index.html",
                ARCHIVES_URL="archives/", ARCHIVES_SAVE_AS="archives/index.html", INDEX_URL="",
                PAGINATION_PATTERNS=[(1, "{url}", "{save_as}"), (2, "{base_name}/{number}/", "{base_name}/{number}/index.html")])


def sitemap(pelican_site, tmp_path):
    pelican_site(["content_sitemap"], {"a.md": EARLIER, "b.md": LATER}, **SETTINGS).run()
    root = ET.parse(tmp_path / "output" / "sitemap.xml").getroot()
    return {u.find("s:loc", NS).text: (u.find("s:lastmod", NS).text if u.find("s:lastmod", NS) is not None else None)
            for u in root.findall("s:url", NS)}


def test_each_page_is_listed_at_its_address_not_its_file(pelican_site, tmp_path):
    urls = sitemap(pelican_site, tmp_path)
    assert "https://news.example/a-report/" in urls and "https://news.example/archives/" in urls
    assert not [u for u in urls if u.endswith("index.html")]


def test_a_report_is_as_new_as_its_last_change_and_a_listing_as_its_newest(pelican_site, tmp_path):
    urls = sitemap(pelican_site, tmp_path)
    assert urls["https://news.example/a-report/"].startswith("2021-04-20")
    assert urls["https://news.example/later/"].startswith("2021-06-02")
    assert urls["https://news.example/archives/"].startswith("2021-06-02")


def test_two_runs_make_the_same_sitemap(pelican_site, tmp_path):
    first = sitemap(pelican_site, tmp_path)
    assert sitemap(pelican_site, tmp_path) == first


def test_past_the_limit_the_sitemap_becomes_an_index_of_files(pelican_site, tmp_path):
    pelican_site(["content_sitemap"], {"a.md": EARLIER, "b.md": LATER}, SITEMAP={"MAX_URLS": 2}, **SETTINGS).run()
    output = tmp_path / "output"
    index = ET.parse(output / "sitemap.xml").getroot()
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    files = [s.find("s:loc", NS).text for s in index.findall("s:sitemap", NS)]
    assert len(files) >= 2
    urls = []
    for loc in files:
        part = ET.parse(output / loc.removeprefix("https://news.example/")).getroot()
        found = part.findall("s:url", NS)
        assert 1 <= len(found) <= 2
        urls += [u.find("s:loc", NS).text for u in found]
    assert "https://news.example/a-report/" in urls and len(urls) == len(set(urls))


def index_of(output):
    """The sitemap index's files, as {name: lastmod}."""
    index = ET.parse(output / "sitemap.xml").getroot()
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    return {s.find("s:loc", NS).text.removeprefix("https://news.example/"): s.find("s:lastmod", NS).text
            for s in index.findall("s:sitemap", NS)}


def urls_in(path):
    return {u.find("s:loc", NS).text: u.find("s:lastmod", NS).text
            for u in ET.parse(path).getroot().findall("s:url", NS)}


def test_a_large_site_has_a_sitemap_a_year_and_a_new_report_changes_only_its_own(pelican_site, tmp_path):
    output, files = tmp_path / "output", {"a.md": EARLIER, "b.md": LATER}
    pelican_site(["content_sitemap"], files, SITEMAP={"YEARLY_ABOVE": 2}, **SETTINGS).run()
    assert index_of(output) == {"sitemap-2021.xml": "2021-06-02T00:00:00+00:00"}
    before = urls_in(output / "sitemap-2021.xml")
    newer = LATER.replace("Title: Later", "Title: Newer").replace("2021-05-01", "2022-03-01").replace(
        "Modified: 2021-06-02", "Modified: 2022-03-02")
    pelican_site(["content_sitemap"], {**files, "c.md": newer}, SITEMAP={"YEARLY_ABOVE": 2}, **SETTINGS).run()
    assert index_of(output) == {"sitemap-2021.xml": "2021-06-02T00:00:00+00:00",
                                "sitemap-2022.xml": "2022-03-02T00:00:00+00:00"}
    # The new report and the listings that now show it moved to 2022; the rest of 2021 is as it was.
    moved = urls_in(output / "sitemap-2022.xml")
    assert {"https://news.example/newer/", "https://news.example/"} <= set(moved)
    assert set(moved.values()) == {"2022-03-02T00:00:00+00:00"}
    assert urls_in(output / "sitemap-2021.xml") == {u: m for u, m in before.items() if u not in moved}
    assert "https://news.example/a-report/" in before


def test_unknown_settings_fail():
    with pytest.raises(ValueError, match="content_sitemap knows"):
        content_sitemap.config({"SITEMAP": {"LIMIT": 5}})


def test_an_address_in_another_script_is_percent_encoded(pelican_site, tmp_path):
    arabic = EARLIER.replace("Title: A report\n", "Title: A report\nSlug: محاكمة-جماعية\n")
    pelican_site(["content_sitemap"], {"a.md": arabic}, **SETTINGS).run()
    locs = [u.find("s:loc", NS).text for u in ET.parse(tmp_path / "output" / "sitemap.xml").getroot()]
    assert "https://news.example/%D9%85%D8%AD%D8%A7%D9%83%D9%85%D8%A9-%D8%AC%D9%85%D8%A7%D8%B9%D9%8A%D8%A9/" in locs
    assert all(loc.isascii() for loc in locs)
