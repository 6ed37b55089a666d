"""Where each article and page is published, worked out once and checked.

Two files published at one address, a category, tag or author with no
letter or digit to make an address from, and a ``{tag}``, ``{category}``
or ``{author}`` link that no article answers are refused, naming the files.
"""

import logging
import os

from . import checks

logger = logging.getLogger(__name__)


def refuse_unaddressable(generators):
    for path, sources in checks.collisions(generators).items():
        names = " and ".join(os.path.relpath(s) for s in sources)
        logger.error("%s are both published as %s: give one of them another Slug", names, path)
    articles = [a for g in generators for a in getattr(g, "articles", [])]
    for source, field, name in checks.nameless(articles):
        logger.error("%s: %s %r has no letter or digit to make its address from: reword it",
                     os.path.relpath(source), field, name)
    items = [*articles, *(p for g in generators for p in getattr(g, "pages", []))]
    for source, line, link in checks.dead_term_links(items, articles, generators[0].settings):
        logger.error("%s:%d: links to %s, which no article has: correct the name",
                     os.path.relpath(source), line, link)


def remember_addresses(generator):
    """Each article's and page's address, worked out once.

    Pelican recomputes ``url`` and ``save_as`` from their patterns at every
    use (about 90 µs each); a listing or menu on every page made that a fifth
    of a build. Templates use ``item.href`` and ``item.output``."""
    for item in checks.contents(generator):
        item.href, item.output = item.url, item.save_as
