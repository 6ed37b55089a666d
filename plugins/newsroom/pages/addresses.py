"""Where each article and page is published, worked out once and checked.

Two files published at one address, a category, tag or author with no
letter or digit to make an address from, and a ``{tag}``, ``{category}``
or ``{author}`` link that no article answers are refused, naming the files.
"""

import logging
import os

from ..reading import checks

logger = logging.getLogger(__name__)


def refuse_unaddressable(generators):
    for paths, sources in checks.collisions(generators).items():
        names = " and ".join(os.path.relpath(s) for s in sources)
        if len(paths) == 1:
            logger.error("%s are both published as %s: give one of them another Slug", names, paths[0])
        else:
            logger.error("%s are published as %s, which a file system or CDN that ignores case or Unicode "
                         "normalisation holds as one file: give one of them another Slug", names,
                         " and ".join(paths))
    articles = [a for g in generators for a in getattr(g, "articles", [])]
    for source, field, name in checks.nameless(articles):
        logger.error("%s: %s %r has no letter or digit to make its address from: reword it",
                     os.path.relpath(source), field, name)
    items = [*articles, *(p for g in generators for p in getattr(g, "pages", []))]
    for source, line, link in checks.dead_term_links(items, articles, generators[0].settings):
        logger.error("%s:%d: links to %s, which no article has: correct the name",
                     os.path.relpath(source), line, link)


# Folders only the build writes into (photos, share images, feeds).
MADE_FOLDERS = ("photos/", "images/", "feeds/", "theme/")
CONTENT_PATTERNS = ("ARTICLE", "PAGE", "DRAFT")


def made_by_the_build(settings):
    """The files and folders the build makes itself, which no content may
    be published over: each *_SAVE_AS that names a file (the home page,
    listings, robots.txt…), the folders of patterned listings (category/…),
    feeds, the sitemap, photos and share images."""
    files, folders = {"sitemap.xml"}, set(MADE_FOLDERS)
    for key, value in settings.items():
        if not isinstance(value, str) or not value:
            continue
        if key.endswith("_SAVE_AS") and not key.startswith(CONTENT_PATTERNS):
            if "{" in value:
                folder = value.split("{", 1)[0]
                if "/" in folder:
                    folders.add(folder[: folder.rindex("/") + 1])
            else:
                files.add(value)
        elif key.startswith(("FEED_", "CATEGORY_FEED", "TAG_FEED", "AUTHOR_FEED", "TRANSLATION_FEED")):
            files.add(value)
    return files, folders


def refuse_overwrites(generators):
    files, folders = made_by_the_build(generators[0].settings)
    for generator in generators:
        for item in checks.contents(generator):
            saved = checks.saved_as(item)
            if saved and (saved in files or saved.startswith(tuple(folders))):
                logger.error("%s: would be published as %s, which the build makes itself: give it another "
                             "Slug, or remove its Save_as", os.path.relpath(item.source_path), saved)


def remember_addresses(generator):
    """Each article's and page's address, worked out once.

    Pelican recomputes ``url`` and ``save_as`` from their patterns at every
    use (about 90 µs each); a listing or menu on every page made that a fifth
    of a build. Templates use ``item.report.href`` and ``.output``."""
    for item in checks.contents(generator):
        item.report.href, item.report.output = item.url, item.save_as
