"""Listing pages numbered from the oldest: the first page shows the newest
reports, every later page keeps what it lists as reports are added."""

from collections import namedtuple

from hypothesis import given, settings, strategies as st

from examples import examples

from newsroom.pages.pagination import sealed_pages
from newsroom.pelican_internals import StablePaginator

Rule = namedtuple("Rule", "min_page URL SAVE_AS")
SETTINGS = {"DEFAULT_ORPHANS": 0, "PAGINATION_PATTERNS": [
    Rule(1, "{url}", "{save_as}"), Rule(2, "{base_name}/page/{number}.html", "{base_name}/page/{number}.html")]}


def pages(count, per_page, name="category/courts.html"):
    """{address: reports} of a listing of ``count`` reports, newest first
    (report n is the n-th published)."""
    reports = list(range(count, 0, -1))
    paginator = StablePaginator(name, name, reports, SETTINGS, per_page)
    return {(page := paginator.page(n)).save_as: list(page.object_list) for n in paginator.page_range}


def test_the_first_page_shows_the_newest_and_later_pages_count_from_the_oldest():
    assert pages(23, 5) == {
        "category/courts.html": [23, 22, 21, 20, 19, 18, 17, 16],
        "category/courts/page/3.html": [15, 14, 13, 12, 11],
        "category/courts/page/2.html": [10, 9, 8, 7, 6],
        "category/courts/page/1.html": [5, 4, 3, 2, 1],
    }
    assert pages(3, 5) == {"category/courts.html": [3, 2, 1]}
    assert pages(9, 5) == {"category/courts.html": [9, 8, 7, 6, 5, 4, 3, 2, 1]}
    assert list(pages(10, 5, "index.html")) == ["index.html", "page/1.html"]


@settings(max_examples=examples(100), deadline=None)
@given(st.integers(0, 300), st.integers(1, 12))
def test_a_new_report_changes_the_first_page_and_at_most_one_other(count, per_page):
    before, after = pages(count, per_page), pages(count + 1, per_page)
    changed = {address for address in after if before.get(address) != after[address]}
    assert changed <= {"category/courts.html", f"category/courts/page/{sealed_pages(count + 1, per_page)}.html"}
    assert not set(before) - set(after), "no page goes away"
    # Every report is listed once; the first page holds per_page to twice that less one.
    listed = [report for reports in after.values() for report in reports]
    assert sorted(listed) == list(range(1, count + 2))
    first = after["category/courts.html"]
    assert first[0] == count + 1 and (len(first) == count + 1 or per_page <= len(first) < 2 * per_page)
