"""Feed entries keep their report's title and language, for any number of feeds."""

from types import SimpleNamespace

import build_store
from feedgenerator import Atom1Feed

from newsroom.pages import feeds


class Report:
    reads = 0

    def __init__(self, slug, title, lang="en"):
        self.slug, self.title, self.lang = slug, title, lang
        self.report = self

    @property
    def href(self):
        Report.reads += 1
        return f"{self.slug}.html"


def run(tmp_path, **values):
    """A run's context: its values, and its build store."""
    return {"SITEURL": "https://example.org", build_store.SETTING: build_store.Store(tmp_path / "cache"), **values}


def feed(*links):
    return SimpleNamespace(items=[{"link": link, "title": "stripped"} for link in links], feed={})


def test_each_entry_gets_its_reports_title_back_every_character_kept(tmp_path):
    context = run(tmp_path, articles=[Report("a", "Why x<y and y>z"), Report("b", "B")])
    one = feed("https://example.org/a.html", "https://example.org/elsewhere.html")
    feeds.entries_like_pages(context, one)
    assert [item["title"] for item in one.items] == ["Why x<y and y>z", "stripped"]


def test_addresses_are_read_once_a_build_not_once_a_feed(tmp_path):
    """A feed for each of thousands of people must not read every report's
    address for each feed."""
    context = run(tmp_path, articles=[Report(str(n), str(n)) for n in range(50)])
    Report.reads = 0
    for n in range(50):
        feeds.entries_like_pages(context, feed(f"https://example.org/{n}.html"))
    assert Report.reads == 50


def test_a_feed_says_the_sites_language_and_each_entry_in_another_its_own(tmp_path):
    context = run(tmp_path, DEFAULT_LANG="en",
                  articles=[Report("a", "A"), Report("b", "ئۇيغۇر", "ug"), Report("c", "Суд", "ru")])
    atom = Atom1Feed(title="T", link="https://example.org/", description="")
    for slug in "abc":
        atom.add_item(title="stripped", link=f"https://example.org/{slug}.html", description="")
    feeds.entries_like_pages(context, atom)
    written = atom.writeString("utf-8")
    assert '<feed xml:lang="en"' in written
    assert [written.count(f'<entry xml:lang="{lang}">') for lang in ("ug", "ru")] == [1, 1]
    assert written.count("<entry>") == 1


def test_an_entry_in_a_right_to_left_language_says_its_language_and_direction_in_atom_and_rss(tmp_path):
    import feedparser
    from feedgenerator import Rss201rev2Feed
    context = run(tmp_path, DEFAULT_LANG="en", articles=[Report("a", "A"), Report("b", "منظمات حقوقية", "ar")])
    for kind in (Atom1Feed, Rss201rev2Feed):
        made = kind(title="T", link="https://example.org/", description="")
        for slug in "ab":
            made.add_item(title="stripped", link=f"https://example.org/{slug}.html", description="<p>Text.</p>")
        feeds.entries_like_pages(context, made)
        read = feedparser.parse(made.writeString("utf-8"))
        english, arabic = read.entries
        # (RSS says the feed's own language in its <language>, which feedparser does not hand down.)
        assert arabic.title_detail.language == "ar" and english.title_detail.language in ("en", None), kind
        assert arabic.summary == '<div dir="rtl" lang="ar"><p>Text.</p></div>' and english.summary == "<p>Text.</p>"
