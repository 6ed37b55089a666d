"""Photos on the site: their addresses in each page, their files in output/.

The reader leaves ``{photo}`` where the photos' folder goes (`structure.py`);
here it becomes a path relative to the page (development: the site works
from any folder) or the absolute address (production: feeds too), and each
published item's variants are written, through the cache (`photos.py`).
"""

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


# The cached variants this build has used so far (articles', then pages').
used = set()


def forget_used(pelican):
    used.clear()


def write_photos(generator, writer):
    published = [item for item in checks.contents(generator) if checks.saved_as(item)]
    found = {photo.key: photo for item in published for photo in item.report.photos}
    used.update(photos.write_variants(found.values(), generator.output_path, generator.settings["CACHE_PATH"]))


def prune_unused(pelican):
    """Once every item's photos are written: the cached variants of photos
    no report shows any more go."""
    photos.prune(pelican.settings["CACHE_PATH"], used)
