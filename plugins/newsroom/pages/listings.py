"""Tag, category and author pages in linear time.

Pelican's ArticlesGenerator.generate_tags (and generate_categories,
generate_authors; pelican/generators.py, 4.12) writes each term's page with
``dates = [article for article in self.dates if article in articles]``:
``articles`` is a list, so each page scans it once for every article of
the site, quadratic in the size of the site (6.8 s of a 10,000-report build
was this one line). Here each term's list of articles becomes a `Members`:
the same list, in the same order, whose ``in`` is a set look-up. Nothing
of Pelican's is replaced. tests/test_listings.py fails if Pelican stops
asking ``in`` of these lists, or keeps them elsewhere.

The fix upstream is one line in each of the three methods:
``members = set(articles)`` before the comprehension, and ``if article in
members`` in it.

Year pages (``YEAR_ARCHIVE_SAVE_AS``) have the same scan the other way round;
that fix replaces a private method of Pelican's, so it is in
`pelican_internals.py`.
"""

from ..reading.plain_text import unattributed


class Members(list):
    """A list whose membership test is a set look-up (articles are hashable,
    and equal, by identity: the set holds them, not a number for each)."""

    def __init__(self, items):
        super().__init__(items)
        self._members = set(self)

    def __contains__(self, item):
        return item in self._members


def linear_term_pages(generator):
    """Turn every term's list of articles into `Members`, once they are read."""
    for tag, articles in list(generator.tags.items()):
        generator.tags[tag] = Members(articles)
    generator.categories = [(term, Members(articles)) for term, articles in generator.categories]
    generator.authors = [(term, Members(articles)) for term, articles in generator.authors]
    # As Pelican's _update_context puts them: the tags as (tag, articles) pairs.
    generator.context.update(categories=generator.categories, authors=generator.authors,
                             tags=list(generator.tags.items()))


def add_filters(generator):
    """``link_text``: a headline's HTML as the text of a link to its report
    (`plain_text.unattributed`): listings, corrections, speaker pages."""
    generator.env.filters["link_text"] = unattributed
