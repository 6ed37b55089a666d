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

Each reading's body goes into the cache file compressed, as the article
holds it (`bodies.py`).
"""

import gzip
import hashlib
import pickle
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
    newsroom = Path(__file__).resolve().parents[1]
    for source in sorted([*newsroom.rglob("*.py"), *newsroom.rglob("*.toml")]):
        if "tests" not in source.relative_to(newsroom).parts:
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


def state(path):
    """A cache file as a line of the stamp: its name, size and time."""
    stat = path.stat()
    return f"{path.name} {stat.st_size} {stat.st_mtime_ns}"


def drop_stale(pelican):
    settings = pelican.settings
    if not settings.get("LOAD_CONTENT_CACHE"):
        return
    cache = Path(settings["CACHE_PATH"])
    readings = sorted(cache.glob("*-Readers")) if cache.is_dir() else []
    current = fingerprint(settings)
    stamp = cache / NAME
    recorded = stamp.read_text().splitlines() if stamp.is_file() else []
    if recorded[:1] == [current]:
        # A file as the last finished build left it loads (Pelican loads it
        # anyway); any other is unpickled once here to see.
        damaged = [p for p in readings
                   if state(p) not in recorded[1:] and not readable(p, settings.get("GZIP_CACHE", True))]
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


def remember_cache(pelican):
    """finalized, the build finished: the cache files as it left them, so
    the next build need not unpickle them to know they load."""
    settings = pelican.settings
    cache = Path(settings["CACHE_PATH"])
    stamp = cache / NAME
    if not (settings.get("LOAD_CONTENT_CACHE") and settings.get("CACHE_CONTENT") and stamp.is_file()):
        return
    current = stamp.read_text().splitlines()[:1]
    stamp.write_text("\n".join([*current, *(state(p) for p in sorted(cache.glob("*-Readers")))]))
