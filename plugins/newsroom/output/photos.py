"""Photos: responsive widths in WebP with a JPEG fallback, made once.

A photo an article shows (``![alt](images/court.jpg)``, from content/) is
published as ``photos/<name>-<hash>-<width>.webp`` and ``.jpg`` at the widths
in `model.report.WIDTHS` it is at least as wide as (or its own width where it
is narrower), never larger than it is. The hash is of the file's bytes and
`model.report.PHOTO_VERSION`, so a changed photo gets new addresses and
servers may cache every file for ever (deploy/nginx.conf). Variants are made
into the build store (plugins/build_store; the photos no earlier build made
on every core, each decoded once for all its variants) and linked from
there: a rebuild redoes none of them. Variants no build of this site used
are forgotten (`photo_output.forget_unused`).

Reading an article checks and measures the photo (`reading/photo_files.py`);
the variants are made in workers from the moment every item is read, while
the pages are rendered, and linked into the output once they are written
(`Making`).
"""

import io
import os

import build_store
from PIL import Image, ImageOps

KIND = "photo"  # what the variants are filed as in the build store
ENCODERS = {"webp": {"quality": 78, "method": 4}, "jpg": {"quality": 82, "optimize": True, "progressive": True}}


def flattened(image):
    """The image as RGB, anything transparent on white, as a page shows it."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


def make(job):
    """One photo's missing variants as objects of the build store (in its
    folder ``objects``): decoded once, each width resized from it once; in a
    worker. Returns each variant's name in the store and digest."""
    photo, variants, objects = job
    made = []
    with Image.open(photo.source) as image:
        image = ImageOps.exif_transpose(image)
        widths = {}  # each width resized and flattened once, for both its formats
        for width, fmt in variants:
            if width not in widths:
                resized = image.resize((width, photo.height_at(width)), Image.LANCZOS) if image.width > width else image
                widths[width] = flattened(resized)
            encoded = io.BytesIO()
            widths[width].save(encoded, "WEBP" if fmt == "webp" else "JPEG", **ENCODERS[fmt])
            made.append((variant_key(photo, width, fmt), build_store.write_object(objects, encoded.getvalue())))
    return made


def variant_key(photo, width, fmt):
    """A variant as the store files it: the photo's key (its bytes and how
    variants are made), its width and format."""
    return f"{photo.key}-{width}.{fmt}"


class Making:
    """The variants of ``photos`` the build store lacks, being made in
    workers (while Pelican renders the pages), until `place` waits for
    them. A variant is placed only as the store believes it: a file put in
    the cache by anything else is never published."""

    def __init__(self, photos, store):
        self.store = store
        jobs = [job for job in map(self.missing, photos) if job[1]]
        self.made = store.map(make, jobs)

    def missing(self, photo):
        return photo, [(width, fmt) for _, width, fmt in photo.files()
                       if self.store.made(KIND, variant_key(photo, width, fmt)) is None], str(self.store.objects)

    def record(self, made):
        self.store.record_made(KIND, made)

    def place(self, photos, output_path):
        """Every variant of ``photos`` (those published now: a photo whose
        report was held back since is made, never placed) into
        ``output_path``, from the store, any still missing made here."""
        for made in self.made:
            self.record(made)
        for photo in photos:
            if (job := self.missing(photo))[1]:
                self.record(make(job))
            for name, width, fmt in photo.files():
                self.store.place(self.store.made(KIND, variant_key(photo, width, fmt)), os.path.join(output_path, name))


def write_variants(photos, output_path, store):
    """Every variant of ``photos`` into ``output_path``, through the store."""
    photos = list(photos)
    Making(photos, store).place(photos, output_path)
