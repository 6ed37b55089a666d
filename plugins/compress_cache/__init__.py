"""``.br`` and ``.gz`` beside every text file, compressing only what changed.

Static servers send these as they are (nginx ``brotli_static``,
``gzip_static``). Brotli at quality 11 is slow, and a production build
starts from an empty folder, so compressing every file on every publish
was most of a warm publish of a large site; pelican-precompress, which did
it before, also sent every file's bytes to its worker processes even when
it then skipped them. Here, after every page is written (the ``compress``
stage of pelican-granular-signals), each text file is hashed; builds are
reproducible, so an unchanged page has the same bytes, and the variants an
earlier build made for them are linked from the cache (hard links: a
publish places thousands; output/ is never edited in place, by any build
or deploy). Only the rest are
compressed, on every core, each worker reading its own files, the slowest
never holding up the others. New variants are kept; cache entries no file
of this build used are removed. A variant no smaller than its file is not
written (the server then sends the file itself).

Cache: ``CACHE_PATH/compressed/<sha256 of the file>.br|.gz``.
Settings, ``COMPRESS`` (any of): ``EXTENSIONS``, ``BROTLI_QUALITY`` (11),
``GZIP_LEVEL`` (9), ``MIN_SIZE`` (bytes; smaller files are left alone).
"""

import hashlib
import multiprocessing
import os
import shutil
import zlib
from pathlib import Path

import blinker
import brotli
from pelican import signals
from pelican.plugins import granular_signals

DEFAULTS = {
    "EXTENSIONS": {".html", ".xml", ".txt", ".css", ".svg", ".json"},
    "BROTLI_QUALITY": 11,
    "GZIP_LEVEL": 9,
    "MIN_SIZE": 20,
}


def config(settings):
    """COMPRESS over DEFAULTS; a name this plugin does not know fails."""
    given = settings.get("COMPRESS", {})
    if set(given) - set(DEFAULTS):
        raise ValueError(f"COMPRESS has {sorted(set(given) - set(DEFAULTS))}: compress_cache knows {list(DEFAULTS)}")
    return {**DEFAULTS, **given}


def gzipped(data, level):
    compressor = zlib.compressobj(level=level, wbits=16 + zlib.MAX_WBITS)  # no name, no time: reproducible
    return compressor.compress(data) + compressor.flush()


def compress(job):
    """One file's variants into the cache, and from there (linked, as a
    later build's would be) into the output; in a worker."""
    path, digest, cache, quality, level = job
    data = Path(path).read_bytes()
    for variant, blob in ((".br", brotli.compress(data, mode=brotli.MODE_TEXT, quality=quality)),
                          (".gz", gzipped(data, level))):
        cached = Path(cache) / f"{digest}{variant}"
        if len(blob) >= len(data):
            continue
        cached.with_suffix(".tmp" + variant).write_bytes(blob)
        os.replace(cached.with_suffix(".tmp" + variant), cached)
        place(cached, path + variant)
    return path


def text_files(output, settings):
    for folder, _, files in os.walk(output):
        for name in files:
            path = os.path.join(folder, name)
            if os.path.splitext(name)[1] in settings["EXTENSIONS"] and os.path.getsize(path) >= settings["MIN_SIZE"]:
                yield path


def compress_site(pelican):
    settings = config(pelican.settings)
    cache = Path(pelican.settings["CACHE_PATH"]) / "compressed"
    cache.mkdir(parents=True, exist_ok=True)
    have = {p.name for p in cache.iterdir()}
    used, jobs = set(), []
    for path in text_files(pelican.output_path, settings):
        with open(path, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        cached = [v for v in (".br", ".gz") if f"{digest}{v}" in have]
        used.update(f"{digest}{v}" for v in cached)
        if cached:  # made before (a variant never made was larger than the file)
            for variant in cached:
                place(cache / f"{digest}{variant}", path + variant)
        else:
            jobs.append((path, digest, str(cache), settings["BROTLI_QUALITY"], settings["GZIP_LEVEL"]))
    if jobs:
        with multiprocessing.Pool() as pool:
            for _ in pool.imap_unordered(compress, jobs, chunksize=8):
                pass
    used.update(f"{digest}{v}" for _, digest, *_ in jobs for v in (".br", ".gz"))
    for entry in cache.iterdir():
        if entry.name not in used:
            entry.unlink()


def check(pelican):
    config(pelican.settings)


def place(cached, target):
    """A cached file into the output: linked, not copied (a publish places
    thousands); replacing what is there, never writing through it (an
    earlier build's file may be a link to another cache entry)."""
    partial = f"{target}.partial"
    try:
        os.link(cached, partial)
    except OSError:  # another file system
        shutil.copyfile(cached, partial)
    os.replace(partial, target)


def register():
    granular_signals.register()
    signals.initialized.connect(check)
    # After the sitemap, before build_guard's last look (deploy).
    blinker.signal("compress").connect(compress_site)
