"""Photos' files in output/: each published item's variants, made through
the build store (`photos.py`) while the pages render. Their ``<picture>``
in each page: `body_slots.py`."""

import build_store

from ..reading import checks
from . import photos


def published_photos(generator):
    published = [item for item in checks.contents(generator) if checks.saved_as(item)]
    return list({photo.key: photo for item in published for photo in item.report.photos}.values())


def variants_made(settings):
    """Whether the build makes photos' variants: not with ``PHOTO_VARIANTS =
    False`` (a preview of one page, `deploy/preview.py`, whose photos'
    addresses need no file)."""
    return settings.get("PHOTO_VARIANTS", True)


def start_photos(generator):
    """article_ and page_generator_finalized: the variants the cache lacks
    are made while the pages are rendered, not waited for after them."""
    if not variants_made(generator.settings):
        return
    store = build_store.of(generator.settings)
    store.work[("photos", type(generator).__name__)] = photos.Making(published_photos(generator), store)


def write_photos(generator, writer):
    if not variants_made(generator.settings):
        return
    store = build_store.of(generator.settings)
    started = store.work.pop(("photos", type(generator).__name__), None) or photos.Making([], store)
    started.place(published_photos(generator), generator.output_path)


def forget_unused(pelican):
    """Once every item's photos are written: the variants of photos no
    report shows any more are forgotten (the store removes them)."""
    if variants_made(pelican.settings):  # else none were made, none used
        build_store.of(pelican.settings).forget_unused(photos.KIND)
