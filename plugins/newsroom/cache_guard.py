"""Pelican's content cache, dropped whenever what reads the content changes.

Pelican keeps each file's reading (``CACHE_PATH/*-Readers``) until the file
itself changes: after a change to this plugin, to Markdown's settings or to
Pelican or Python-Markdown themselves, a development build would publish
stale renderings. Here a fingerprint of all of those is kept beside the
cache, and the cached readings are removed when it no longer matches. The
photo and share-image caches are keyed by what they hold and are kept. A
cache file Pelican could not load (truncated by a full disk or an
interrupted save) is removed too. Either way the build says so in one line
and goes on: no build fails because of the cache.

Each reading's body goes into the cache file compressed (``Body``).
Pelican caches the very string the article then holds, and pickling a
string that is not pure ASCII makes CPython keep a UTF-8 copy inside it for
the rest of its life: saving the cache added a second copy of every body
that has a curly quotation mark, 54 MiB at 10,000 reports. A ``Body``
holds the article's own string and compresses it only while the cache is
saved; read back, it is decompressed once, for the article.
"""

import gzip
import hashlib
import pickle
import zlib
from importlib.metadata import version
from pathlib import Path

from pelican.log import console

# The settings that change how a file is read and rendered.
READING = ("MARKDOWN", "FORMATTED_FIELDS", "TIMEZONE", "DEFAULT_LANG", "DEFAULT_DATE", "READERS",
           "PLUGINS", "SLUGIFY_SOURCE", "SLUG_REGEX_SUBSTITUTIONS", "FILENAME_METADATA",
           "PATH_METADATA", "DEFAULT_METADATA", "TYPOGRIFY", "SUMMARY_MAX_LENGTH")
NAME = "fingerprint"


def fingerprint(settings):
    digest = hashlib.sha256()
    for package in ("pelican", "markdown"):
        digest.update(f"{package} {version(package)}\n".encode())
    for key in READING:
        digest.update(f"{key}={settings.get(key)!r}\n".encode())
    for source in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()


def readable(path, zipped):
    """Whether Pelican can load the cache file (a full disk or an
    interrupted save leaves it truncated, and Pelican then fails)."""
    try:
        with (gzip.open if zipped else open)(path, "rb") as f:
            pickle.load(f)
    except Exception:
        return False
    return True


def drop_stale(pelican):
    settings = pelican.settings
    if not settings.get("LOAD_CONTENT_CACHE"):
        return
    cache = Path(settings["CACHE_PATH"])
    readings = sorted(cache.glob("*-Readers")) if cache.is_dir() else []
    current = fingerprint(settings)
    stamp = cache / NAME
    if stamp.is_file() and stamp.read_text() == current:
        damaged = [p for p in readings if not readable(p, settings.get("GZIP_CACHE", True))]
        for path in damaged:
            path.unlink()
            console.print(f"Content cache {path} was damaged: discarded; the files are read afresh.")
        return
    for path in readings:
        path.unlink()
    if readings:
        console.print("Content cache made by other code or settings: discarded; the files are read afresh.")
    cache.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current)


class Body:
    """A cached body: the article's own string, pickled as compressed UTF-8
    (``str.encode`` leaves no copy behind in the string). The compressed
    bytes are handed to pickle as one integer, its state: pickle remembers
    every bytes object it writes until the whole cache is written (21 MiB
    at 10,000 reports), but not integers."""
    __slots__ = ("text", "packed")

    def __init__(self, text=None):
        self.text, self.packed = text, None

    def __reduce__(self):
        packed = self.packed if self.text is None else zlib.compress(self.text.encode(), 1)
        return Body, (), int.from_bytes(b"\1" + packed, "big")  # the 1 keeps leading zero bytes

    def __setstate__(self, number):
        self.text, self.packed = None, number.to_bytes((number.bit_length() + 7) // 8, "big")[1:]

    def unpacked(self):
        return self.text if self.text is not None else zlib.decompress(self.packed).decode()


def pack_bodies(readers):
    """Readers keep bodies in the cache as ``Body`` (see above), through the
    methods Pelican reads and fills its cache with."""
    keep, find = readers.cache_data, readers.get_cached_data

    def cache_data(path, data):
        body, metadata = data
        keep(path, (Body(body) if isinstance(body, str) else body, metadata))

    def get_cached_data(path, default=None):
        found = find(path, default)
        if found is default or not isinstance(found[0], Body):
            return found
        body = found[0].unpacked()
        cache_data(path, (body, found[1]))  # the article's string, not the bytes, from now on
        return body, found[1]

    readers.cache_data, readers.get_cached_data = cache_data, get_cached_data
