"""A report and its translation, linked both ways."""

import json
import logging
import os

import build_store

from ..reading import checks

logger = logging.getLogger(__name__)


def place(item):
    return checks.place_of(item, "translation_of")


def originals(items, noun):
    """Each item that names an original, with the one it names; refused
    (logged) where none or several have that slug, or where following the
    originals comes back to the item."""
    by_slug = {}
    for item in items:
        by_slug.setdefault(item.slug, []).append(item)
    named = {}
    for item in items:
        slug = getattr(item, "translation_of", None)
        if not slug:
            continue
        found = [other for other in by_slug.get(slug, []) if other is not item]
        if not found:
            logger.error("%s: Translation_of names %r, which no other published %s has: write the Slug of the "
                         "original", place(item), slug, noun)
        elif len(found) > 1:
            files = ", ".join(sorted(os.path.relpath(other.source_path) for other in found))
            logger.error("%s: Translation_of names %r, which %d published %ss have (%s): give all but one of "
                         "them another Slug", place(item), slug, len(found), noun, files)
        else:
            named[item] = found[0]
    circles = {item: chain for item in named if (chain := circle(item, named))}
    for item, chain in circles.items():
        files = " → ".join(os.path.relpath(step.source_path) for step in chain)
        logger.error("%s: Translation_of goes round in a circle (%s → back): only a translation names its "
                     "original; delete Translation_of from the original", place(item), files)
    return {item: original for item, original in named.items() if item not in circles}


def circle(item, named):
    """The chain of originals from ``item`` where it comes back to it, else
    None."""
    chain, step = [item], named.get(item)
    while step is not None and step not in chain:
        chain.append(step)
        step = named.get(step)
    return chain if step is item else None


def link_translations(generators):
    """``Translation_of: slug`` on a report (or a page) links it and its
    original report (page) both ways: hreflang, the translations line, the
    navigation in the reader's language, translationOfWork and
    workTranslation."""
    for kind, noun in (("articles", "report"), ("pages", "page")):
        items = [item for g in generators for item in getattr(g, kind, [])]
        linked = originals(items, noun)
        for item, original in linked.items():
            item.report.original = original
            original.report.translated_as = [*original.report.translated_as, item]
        if kind == "articles":
            remember_families(generators[0].settings, items, linked)


def remember_families(settings, items, linked):
    """Which reports are an original and its translation, by file, and
    each report's file by its slug, into the build store: a report
    previewed alone (`deploy/preview.py`) is read with those it links to."""
    store = build_store.of(settings)
    if store is None:
        return
    related = {}
    for item, original in linked.items():
        item_path, original_path = item.get_relative_source_path(), original.get_relative_source_path()
        related.setdefault(item_path, []).append(original_path)
        related.setdefault(original_path, []).append(item_path)
    slugs = {item.slug: item.get_relative_source_path() for item in items}
    store.set_fact("translations", json.dumps({"related": related, "slugs": slugs}, sort_keys=True))
