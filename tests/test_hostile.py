"""Metadata is text wherever it appears: a hostile article's title, summary,
tags, category, author and editor's note become no element, attribute or
script in any page, feed or JSON-LD block."""

import json
import xml.etree.ElementTree as ET

import feedparser
import pytest
from bs4 import BeautifulSoup

from browser import serve
from conftest import SEARCH, Site, build, content_with, scripts_run, siteurl

HOSTILE = "\"double\" 'single' & <b>bold</b> <img src=x onerror=alert(1)> </script><script>alert(1)</script>"
# Fields of plain text cannot hold a quotation (refused): their hostile value
# carries an apostrophe, which attributes must escape as well.
PLAIN = "O'Brien's & <b>bold</b> <img src=x onerror=alert(1)> </script><script>alert(1)</script>"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    content = content_with(tmp_path_factory.mktemp("hostile"), "hostile.md")
    output = content.parent / "output"
    result = build(output, "publishconf.py", content)
    assert result.returncode == 0, result.stdout + result.stderr
    return Site(output, siteurl("publishconf.py"), production=True)


def pages(site):
    for name in site.html_files():
        yield name, BeautifulSoup(site.text(name), "html.parser")


def test_no_element_comes_from_metadata(hostile_site):
    for name, soup in pages(hostile_site):
        assert not soup.find_all("b"), name
        # The only images are photos content/ holds, each in its picture.
        assert all(img.parent.name == "picture" and img.parent.parent.name == "figure"
                   for img in soup.find_all("img")), name
        ours = [s["src"].rsplit("/", 2)[-2:] for s in scripts_run(soup)]
        assert ours == ([["theme", "search.js"]] if name == SEARCH else []), name
        for element in soup.find_all(True):
            assert not any(a.startswith("on") for a in element.attrs), (name, element)


def test_hostile_values_read_as_text(hostile_site):
    [name] = [n for n in hostile_site.html_files() if n.startswith("2021/04/hostile")]
    article = hostile_site.page(name)
    assert article.h1.get_text() == f"Hostile {HOSTILE}"
    assert article.find("meta", attrs={"name": "description"})["content"] == f"Summary {HOSTILE}"
    assert article.select_one(".editor-note p").get_text() == f"Note {HOSTILE}"
    assert f"Section {PLAIN}" in article.select_one(".taxonomy").get_text()
    assert f"Author {PLAIN}" in article.select_one(".byline").get_text()


def test_json_ld_still_parses_and_holds_the_values(hostile_site):
    for name, soup in pages(hostile_site):
        for script in soup.find_all("script", type="application/ld+json"):
            data = json.loads(script.string)
            if name.startswith("2021/04/hostile"):
                news = next(n for n in data["@graph"] if n["@type"] == "NewsArticle")
                assert news["headline"] == f"Hostile {HOSTILE}"
                assert news["articleSection"] == f"Section {PLAIN}"


def test_feeds_still_parse(hostile_site):
    for feed_file in sorted((hostile_site.path / "feeds").rglob("*.xml")):
        feed = feedparser.parse(feed_file.read_text(encoding="utf-8"))
        assert not feed.bozo, (feed_file, feed.get("bozo_exception"))
        hostile = [e.title for e in feed.entries if e.title.startswith("Hostile")]
        # In the site's feeds and its own section's; not in any other
        # section's nor a speaker's, whatever sections content/ holds
        # (feedparser, like a feed reader, shows the title's tags as text no more).
        own = feed_file.parent.name == "feeds" or feed_file.name.startswith("section-obrien")
        expected = 1 if own else 0
        assert len(hostile) == expected, feed_file


def test_no_page_opens_a_dialog_in_the_browser(hostile_site, browser):
    dialogs = []
    with serve(hostile_site.path) as base:
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for name in hostile_site.html_files():
            page.goto(f"{base}/{name}")
        page.close()
    assert dialogs == []


def test_feed_titles_keep_every_character(hostile_site):
    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.fromstring(hostile_site.text("feeds/all.atom.xml"))
    titles = [e.find(f"{atom}title").text for e in root.iter(f"{atom}entry")]
    assert f"Hostile {HOSTILE}" in titles
