"""Photos on the site: their addresses in each page, their files in output/.

The reader leaves ``{photo}`` where the photos' folder goes (`structure.py`);
here it becomes a path relative to the page (development: the site works
from any folder) or the absolute address (production: feeds too), and each
published item's variants are written, through the build store (`photos.py`).
"""

import build_store

from .. import pelican_internals
from ..reading import checks
from ..reading.structure import PHOTO
from . import photos


def place_photos(item):
    """Point the photos' addresses at the photos' folder: relative to the
    page where the site's links are, absolute in production (feeds too).

    Changed before Pelican first renders links (content_object_init)."""
    if PHOTO not in pelican_internals.body_as_read(item):
        return
    if item.settings["RELATIVE_URLS"]:
        depth = item.save_as.count("/")
        prefix = "../" * depth or "./"
    else:
        prefix = item.settings["SITEURL"] + "/"
    pelican_internals.rewrite_body(item, lambda body: body.replace(PHOTO, prefix))



def published_photos(generator):
    published = [item for item in checks.contents(generator) if checks.saved_as(item)]
    return list({photo.key: photo for item in published for photo in item.report.photos}.values())


def start_photos(generator):
    """article_ and page_generator_finalized: the variants the cache lacks
    are made while the pages are rendered, not waited for after them."""
    store = build_store.of(generator.settings)
    store.work[("photos", type(generator).__name__)] = photos.Making(published_photos(generator), store)


def write_photos(generator, writer):
    store = build_store.of(generator.settings)
    started = store.work.pop(("photos", type(generator).__name__), None) or photos.Making([], store)
    started.place(published_photos(generator), generator.output_path)


def forget_unused(pelican):
    """Once every item's photos are written: the variants of photos no
    report shows any more are forgotten (the store removes them)."""
    build_store.of(pelican.settings).forget_unused(photos.KIND)
