"""Term pages are written in linear time, and Pelican still asks for it."""

from pelican import signals
from pelican.generators import ArticlesGenerator

from newsroom import pelican_internals
from newsroom.pages import listings

REPORT = "Title: Report {n}\nDate: 2021-04-{day:02d}\nCategory: News\nTags: Courts, Prisons\nAuthor: Desk\nSummary: One.\n\nText.\n"


def test_a_members_list_is_the_same_list_with_a_set_lookup():
    a, b, c = object(), object(), object()
    members = listings.Members([a, b])
    assert list(members) == [a, b] and a in members and c not in members


def test_pelican_asks_our_lists_for_membership_when_writing_term_pages(pelican_site, monkeypatch):
    asked = []
    original = listings.Members.__contains__
    monkeypatch.setattr(listings.Members, "__contains__", lambda self, item: asked.append(1) or original(self, item))
    files = {f"r{n}.md": REPORT.format(n=n, day=n + 1) for n in range(5)}
    pelican_site(["newsroom"], files, CATEGORY_SAVE_AS="category/{slug}.html", TAG_SAVE_AS="tag/{slug}.html").run()
    # Each tag, category and author page tested every article: 4 pages x 5.
    assert len(asked) >= 20, "Pelican no longer asks `article in articles`: see listings.py"


def test_year_month_and_day_archives_are_pelicans_own_built_in_linear_time(pelican_site):
    """The archives Pelican builds with its own scan, and ours, are the same."""
    files = {f"r{n}.md": REPORT.format(n=n, day=n % 3 + 1).replace("2021", str(2019 + n % 3)) for n in range(9)}
    settings = {"YEAR_ARCHIVE_SAVE_AS": "{date:%Y}/index.html", "MONTH_ARCHIVE_SAVE_AS": "{date:%Y}/{date:%m}.html",
                "DAY_ARCHIVE_SAVE_AS": "{date:%Y}/{date:%m}/{date:%d}.html"}
    seen = []
    signals.article_generator_finalized.connect(seen.append, weak=False)
    pelican_site(["newsroom"], files, **settings).run()
    signals.article_generator_finalized.disconnect(seen.append)
    [generator] = seen
    pelicans = ArticlesGenerator._build_period_archives(generator, generator.dates, generator.articles,
                                                        generator.settings)
    assert generator.period_archives == pelicans
    assert [len(p["articles"]) for p in generator.period_archives["year"]] == [3, 3, 3]
    assert generator._build_period_archives.__module__ == pelican_internals.__name__, "ours was used"
