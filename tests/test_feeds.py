"""Feed readers get every article, in full, with absolute links."""

import feedparser
import pytest

FEEDS = [
    "feeds/all.atom.xml",
    "feeds/all.rss.xml",
    "feeds/category/human-rights.atom.xml",
    "feeds/category/human-rights.rss.xml",
]


@pytest.mark.parametrize("name", FEEDS)
def test_feed_parses_and_carries_the_article(prod_site, name):
    feed = feedparser.parse(prod_site.text(name))
    assert not feed.bozo, feed.get("bozo_exception")
    [entry] = feed.entries
    assert entry.title == "Blinken holds meeting with human rights defenders"
    assert entry.link == f"{prod_site.url}/2021/04/blinken-human-rights-defenders.html"
    assert entry.author == "Voice of America"
    assert {"Human rights", "Xinjiang"} <= {t.term for t in entry.tags}
    full_text = entry.content[0].value if "content" in entry else entry.summary
    assert "inspiring meeting today" in full_text
    assert "it is a party. ." in full_text


@pytest.mark.parametrize("name", [f for f in FEEDS if f.endswith(".atom.xml")])
def test_atom_feed_also_carries_the_standfirst(prod_site, name):
    [entry] = feedparser.parse(prod_site.text(name)).entries
    assert entry.summary.startswith("<p>Secretary of State Antony Blinken heard")


def test_development_build_has_no_feeds(dev_site):
    assert not (dev_site.path / "feeds").exists()
