"""A report and its translation, linked both ways."""

import logging
import os

logger = logging.getLogger(__name__)


def link_translations(generators):
    """``Translation_of: slug`` on a report (or a page) links it and its
    original report (page) both ways: hreflang, the translations line, the
    navigation in the reader's language, translationOfWork and
    workTranslation."""
    for kind, noun in (("articles", "report"), ("pages", "page")):
        items = [item for g in generators for item in getattr(g, kind, [])]
        by_slug = {item.slug: item for item in items}
        for item in items:
            slug = getattr(item, "translation_of", None)
            if not slug:
                continue
            original = by_slug.get(slug)
            if original is None or original is item:
                logger.error("%s: Translation_of names %r, which no other published %s has: write "
                             "the Slug of the original", os.path.relpath(item.source_path), slug, noun)
                continue
            item.report.original = original
            original.report.translated_as = [*original.report.translated_as, item]
