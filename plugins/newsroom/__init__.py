"""How this newsroom reads its content.

Articles and pages are Markdown, read by `reader.NewsroomReader`:

- every direct quotation is marked up with its speaker (`quotations.py`,
  speakers from the ``Speakers`` field, `speakers.py`);
- raw HTML is text, never markup (`raw_html.py`);
- a file that is not fit to publish (not UTF-8, empty, a required field
  missing, an impossible date, a broken link, a quotation without a speaker)
  is refused with every problem named, file and line (`checks.py`);
- so is a link to a tag, category or author that no article has;
- so are two files that would be published at the same address, and a
  category, tag or author with no letter or digit to make an address from.
"""

import logging
import os

from pelican import signals

from . import checks
from .reader import NewsroomReader

logger = logging.getLogger(__name__)


def use_our_reader(readers):
    for extension in NewsroomReader.file_extensions:
        readers.reader_classes[extension] = NewsroomReader


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


def register():
    # readers_init fires after Pelican has listed its own readers and before
    # it makes instances of them: the one moment to swap in ours for .md.
    signals.readers_init.connect(use_our_reader)
    # Once the articles, and the pages, are read and sorted.
    signals.article_generator_finalized.connect(remember_addresses)
    signals.page_generator_finalized.connect(remember_addresses)
    # all_generators_finalized: every article and page is read, none written.
    signals.all_generators_finalized.connect(refuse_unaddressable)
