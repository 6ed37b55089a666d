"""A reader, or a screen reader listing headings, finds one title per page
and an outline with no gaps."""

from conftest import SOURCE


def headings(soup):
    return [int(h.name[1]) for h in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]


def test_every_page_has_exactly_one_h1(site):
    for name in site.html_files():
        assert headings(site.page(name)).count(1) == 1, name


def test_no_page_skips_a_heading_level(site):
    for name in site.html_files():
        levels = headings(site.page(name))
        assert levels[0] == 1, name
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, f"{name}: h{before} then h{after}"


def test_article_title_is_the_source_headline(article):
    headline = SOURCE.read_text(encoding="utf-8").splitlines()[0]
    assert article.h1.get_text(strip=True) == headline
