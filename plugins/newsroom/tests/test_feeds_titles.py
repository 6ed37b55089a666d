"""Feed entries keep their report's title, for any number of feeds."""

from types import SimpleNamespace

from newsroom.pages import feeds


class Report:
    reads = 0

    def __init__(self, slug, title):
        self.slug, self.title = slug, title
        self.report = self

    @property
    def href(self):
        Report.reads += 1
        return f"{self.slug}.html"


def feed(*links):
    return SimpleNamespace(items=[{"link": link, "title": "stripped"} for link in links])


def test_each_entry_gets_its_reports_title_back_every_character_kept():
    context = {"SITEURL": "https://example.org", "articles": [Report("a", "Why x<y and y>z"), Report("b", "B")]}
    one = feed("https://example.org/a.html", "https://example.org/elsewhere.html")
    feeds.keep_titles(context, one)
    assert [item["title"] for item in one.items] == ["Why x<y and y>z", "stripped"]


def test_addresses_are_read_once_a_build_not_once_a_feed():
    """A feed for each of thousands of people must not read every report's
    address for each feed."""
    context = {"SITEURL": "https://example.org", "articles": [Report(str(n), str(n)) for n in range(50)]}
    Report.reads = 0
    for n in range(50):
        feeds.keep_titles(context, feed(f"https://example.org/{n}.html"))
    assert Report.reads == 50
