"""A photo an article shows, checked as the report is read: a file of a
kind the site publishes, a whole image of at most `MAX_PIXELS`, measured
(its size as shown, turned as its EXIF says) and keyed by its bytes and
`model.report.PHOTO_VERSION`, so a changed photo gets new addresses. A broken
file is refused by the report's line, not met half-way through writing
the site. The variants are made from the `Photo` by `output/photos.py`.
"""

import functools
import hashlib
import os
import re
import warnings

from PIL import Image

from ..model.report import PHOTO_VERSION, Photo

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
    key = hashlib.sha256(PHOTO_VERSION.encode() + data).hexdigest()
    return Photo(path, width, height, key, stamp=stamp)
