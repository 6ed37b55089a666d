"""Term pages are written in linear time, and Pelican still asks for it."""

from newsroom import listings

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
