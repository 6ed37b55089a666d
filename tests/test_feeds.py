"""Feed readers get every published report, in full, with absolute links and
titles as printed; nothing held back reaches them."""

import feedparser
import pytest

FEEDS = [
    "feeds/all.atom.xml",
    "feeds/all.rss.xml",
    "feeds/category/human-rights.atom.xml",
    "feeds/category/human-rights.rss.xml",
]
BLINKEN = "blinken-human-rights-defenders.html"


def entries(site, name):
    feed = feedparser.parse(site.text(name))
    assert not feed.bozo, feed.get("bozo_exception")
    return {entry.link: entry for entry in feed.entries}


@pytest.mark.parametrize("name", FEEDS)
def test_feed_parses_and_carries_the_blinken_report(prod_build, name):
    entry = next(e for link, e in entries(prod_build, name).items() if link.endswith(BLINKEN))
    assert entry.title == "Blinken holds meeting with human rights defenders"
    assert entry.link == f"{prod_build.url}/2021/04/blinken-human-rights-defenders.html"
    assert entry.author == "Voice of America"
    assert {"Human rights", "Xinjiang"} <= {t.term for t in entry.tags}
    full_text = entry.content[0].value if "content" in entry else entry.summary
    assert "inspiring meeting today" in full_text
    assert "it is a party. ." in full_text


def test_the_main_feed_has_every_report_and_nothing_else(prod_build):
    links = set(entries(prod_build, "feeds/all.atom.xml"))
    assert links == {f"{prod_build.url}/{name}" for name in prod_build.reports() if prod_build.listed(name)}


def test_feed_titles_are_the_headlines_as_printed(prod_build):
    for link, entry in entries(prod_build, "feeds/all.atom.xml").items():
        page = prod_build.page(link.removeprefix(prod_build.url + "/"))
        assert entry.title == page.title.get_text().rsplit(" — ", 1)[0]
        assert "]{" not in entry.title and "]{" not in entry.summary


@pytest.mark.parametrize("name", [f for f in FEEDS if f.endswith(".atom.xml")])
def test_atom_feed_also_carries_the_standfirst(prod_build, name):
    entry = next(e for link, e in entries(prod_build, name).items() if link.endswith(BLINKEN))
    assert entry.summary.startswith("<p>Secretary of State Antony Blinken heard")


def test_development_build_has_no_feeds(dev_build):
    assert not (dev_build.path / "feeds").exists()


@pytest.mark.parametrize("name", ["feeds/all.atom.xml", "feeds/all.rss.xml"])
def test_every_quotation_reaches_feed_readers_with_the_marks_the_source_printed(prod_build, name):
    """A feed reader has no stylesheet: the marks must be text, and no
    element of the entry may add marks of its own (as q does)."""
    from bs4 import BeautifulSoup

    for link, entry in entries(prod_build, name).items():
        html = entry.content[0].value if "content" in entry else entry.summary
        shown = BeautifulSoup(html, "html.parser")
        assert not shown.find("q"), link
        page = prod_build.page(link.removeprefix(prod_build.url + "/"))
        for quotation in page.select("article .body [data-speaker]"):
            assert quotation.get_text().strip() in shown.get_text(), (link, quotation.get_text())
