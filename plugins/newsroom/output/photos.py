"""Photos: responsive widths in WebP with a JPEG fallback, made once.

A photo an article shows (``![alt](images/court.jpg)``, from content/) is
published as ``photos/<name>-<hash>-<width>.webp`` and ``.jpg`` at the widths
in `WIDTHS` it is at least as wide as (or its own width where it is
narrower), never larger than it is. The hash is of the file's bytes and
`VERSION`, so a changed photo gets new addresses and servers may cache
every file for ever (deploy/nginx.conf). Variants are made into the build
store (plugins/build_store; the photos no earlier build made on every core,
each decoded once for all its variants) and linked from there: a rebuild
redoes none of them. Variants no build of this site used are forgotten
(`photo_output.forget_unused`).

Reading an article needs only the photo's size (`measure`); the variants are
made in workers from the moment every item is read, while the pages are
rendered, and linked into the output once they are written (`Making`).
"""

import functools
import hashlib
import io
import os
import re
import warnings

import build_store
from PIL import Image, ImageOps
from plugin_support import place

from ..model.report import Photo

# Changing how variants are made? Change this, so cached ones are remade.
VERSION = "1"
KIND = "photo"  # what the variants are filed as in the build store
ENCODERS = {"webp": {"quality": 78, "method": 4}, "jpg": {"quality": 82, "optimize": True, "progressive": True}}
# The column is 36rem of 18 px; below that, the screen's width less margins.
SIZES = "(min-width: 690px) 648px, calc(100vw - 2.5rem)"
SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff", ".avif")
# Bounded work: a photo's pixels (a 50-megapixel camera's), which decoding
# holds in memory three bytes each. docs/markup.md states it.
MAX_PIXELS = 50_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow refuses a bigger one on any path


class PhotoError(ValueError):
    pass


def too_big(size):
    return (f"is {size}: a photo may have {MAX_PIXELS:,} ({MAX_PIXELS // 1_000_000} megapixels); "
            "save a smaller copy")


def whole_image_size(path):
    """The photo's size as shown (turned as its EXIF says), once all of it
    is decoded (a JPEG at an eighth of its size) and found to be at most
    MAX_PIXELS."""
    with Image.open(path) as image:
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise PhotoError(too_big(f"{width:,} × {height:,} pixels"))
        if image.getexif().get(0x0112, 1) in (5, 6, 7, 8):  # turned on its side
            width, height = height, width
        image.draft("RGB", (image.width // 8, image.height // 8))
        image.load()
    return width, height


def measure(path):
    """The `Photo` for the file at ``path``, once it is known to be a whole
    image of at most `MAX_PIXELS`: a broken file is refused by the report's
    line, not met half-way through writing the site. A file many reports
    show (a portrait, a file photo) is measured once while it stays as it
    is (`stamp`)."""
    if not path.lower().endswith(SUFFIXES):
        raise PhotoError(f"is not a photo this site can publish: use {', '.join(SUFFIXES)}")
    return measured(path, stamp(path))


def stamp(path):
    """What tells a file changed without reading it: its size, its
    modification time, and the time its inode last changed and its inode,
    which no one can set back (cp -p and rsync -t keep the first two)."""
    stat = os.stat(path)
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


@functools.lru_cache(maxsize=4096)
def measured(path, stamp):
    with open(path, "rb") as f:
        data = f.read()
    try:
        with warnings.catch_warnings():
            # Past MAX_PIXELS Pillow warns; this refuses, in the editor's terms.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            width, height = whole_image_size(path)
    except PhotoError:
        raise
    except Image.DecompressionBombError as error:  # Pillow's own refusal, at twice the limit
        pixels = int(re.search(r"\((\d+) pixels\)", str(error)).group(1))
        raise PhotoError(too_big(f"{pixels:,} pixels")) from None
    except (OSError, SyntaxError, ValueError) as error:
        raise PhotoError(f"cannot be read as an image ({error}): save it again as JPEG or PNG") from None
    key = hashlib.sha256(VERSION.encode() + data).hexdigest()
    return Photo(path, width, height, key, stamp=stamp)


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
    folder ``objects``): decoded once, each width resized from it; in a
    worker. Returns each variant's name in the store and digest."""
    photo, variants, objects = job
    made = []
    with Image.open(photo.source) as image:
        image = ImageOps.exif_transpose(image)
        for width, fmt in variants:
            resized = image.resize((width, photo.height_at(width)), Image.LANCZOS) if image.width > width else image
            encoded = io.BytesIO()
            flattened(resized).save(encoded, "WEBP" if fmt == "webp" else "JPEG", **ENCODERS[fmt])
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
        for name, digest in made:
            self.store.record_object(digest)
            self.store.record(KIND, name, digest)

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
                target = os.path.join(output_path, name)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                place(self.store.made(KIND, variant_key(photo, width, fmt)), target)


def write_variants(photos, output_path, store):
    """Every variant of ``photos`` into ``output_path``, through the store."""
    photos = list(photos)
    Making(photos, store).place(photos, output_path)
