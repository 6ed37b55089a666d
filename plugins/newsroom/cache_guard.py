"""Pelican's content cache, dropped whenever what reads the content changes.

Pelican keeps each file's reading (``CACHE_PATH/*-Readers``) until the file
itself changes: after a change to this plugin, to Markdown's settings or to
Pelican or Python-Markdown themselves, a development build would publish
stale renderings. Here a fingerprint of all of those is kept beside the
cache, and the cached readings are removed when it no longer matches. The
photo and share-image caches are keyed by what they hold and are kept.
"""

import hashlib
from importlib.metadata import version
from pathlib import Path

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


def drop_stale(pelican):
    settings = pelican.settings
    if not settings.get("LOAD_CONTENT_CACHE"):
        return
    cache = Path(settings["CACHE_PATH"])
    current = fingerprint(settings)
    stamp = cache / NAME
    if stamp.is_file() and stamp.read_text() == current:
        return
    if cache.is_dir():
        for entry in cache.iterdir():
            if entry.is_file() and entry.name.endswith("-Readers"):
                entry.unlink()
    cache.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current)
