"""A report and its translation, linked both ways."""

import logging
import os

logger = logging.getLogger(__name__)


def link_translations(generators):
    """``Translation_of: slug`` on a report links it and its original both
    ways (hreflang, translationOfWork and workTranslation)."""
    articles = [a for g in generators for a in getattr(g, "articles", [])]
    by_slug = {a.slug: a for a in articles}
    for article in articles:
        slug = getattr(article, "translation_of", None)
        if not slug:
            continue
        original = by_slug.get(slug)
        if original is None or original is article:
            logger.error("%s: Translation_of names %r, which no other published report has: write "
                         "the Slug of the original", os.path.relpath(article.source_path), slug)
            continue
        article.report.original = original
        original.report.translated_as = [*original.report.translated_as, article]
