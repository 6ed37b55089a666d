"""``.br`` and ``.gz`` beside every text file, compressing only what changed.

Static servers send these as they are (nginx ``brotli_static``,
``gzip_static``). Brotli at quality 11 is slow, and a production build
starts from an empty folder, so compressing every file on every publish
was most of a warm publish of a large site; pelican-precompress, which did
it before, also sent every file's bytes to its worker processes even when
it then skipped them. Here each page and feed goes to a worker as soon
as Pelican has written it, so compression runs on the cores rendering
leaves idle; at the ``compress`` stage of pelican-granular-signals every
text file is hashed as it stands, the few still missing (the sitemap,
static files, anything changed after it was written) are compressed on
every core, and each file's variants are linked from the cache (hard
links: a publish places thousands; output/ is never edited in place, by
any build or deploy). Builds are reproducible, so an unchanged page has
the same bytes and a later publish finds its variants made. Cache entries
no file of this build used are removed. A variant no smaller than its
file is not written (the server then sends the file itself).

Cache: ``CACHE_PATH/compressed/<sha256 of the settings and the file>.br|.gz``.
Settings, ``COMPRESS`` (any of): ``EXTENSIONS``, ``BROTLI_QUALITY`` (11),
``GZIP_LEVEL`` (9), ``MIN_SIZE`` (bytes; smaller files are left alone).
"""

import hashlib
import multiprocessing
import os
import zlib
from pathlib import Path

import blinker
import brotli
from pelican import signals
from pelican.plugins import granular_signals
from plugin_support import place, section

DEFAULTS = {
    "EXTENSIONS": {".html", ".xml", ".txt", ".css", ".svg", ".json"},
    "BROTLI_QUALITY": 11,
    "GZIP_LEVEL": 9,
    "MIN_SIZE": 20,
}


def config(settings):
    """COMPRESS over DEFAULTS; a name this plugin does not know fails."""
    return section(settings, "COMPRESS", DEFAULTS, "compress_cache")


def gzipped(data, level):
    compressor = zlib.compressobj(level=level, wbits=16 + zlib.MAX_WBITS)  # no name, no time: reproducible
    return compressor.compress(data) + compressor.flush()


def key(data, quality, level):
    """A variant's name in the cache: the file's bytes and the settings
    that compress them, hashed (other settings, other variants)."""
    digest = hashlib.sha256(f"brotli {quality} gzip {level}\n".encode())
    digest.update(data)
    return digest.hexdigest()


DECOMPRESS = {".br": brotli.decompress, ".gz": lambda blob: zlib.decompress(blob, wbits=16 + zlib.MAX_WBITS)}


def holds(variant, data):
    """Whether the cached variant decompresses to ``data``: a cache entry
    changed, cut short or planted is never published."""
    try:
        return DECOMPRESS[variant.suffix](variant.read_bytes()) == data
    except (OSError, brotli.error, zlib.error):
        return False


def compress(job):
    """One file's variants into the cache, checked against the file where an
    earlier build or job made them; in a worker. Returns the file and its
    digest, so its variants may be placed without checking them again. The
    cache is keyed by the bytes read, so a file that changes after it was
    sent costs a wasted job, never a stale variant: the last pass hashes
    the file as it stands."""
    path, cache, quality, level = job
    data = Path(path).read_bytes()
    digest = key(data, quality, level)
    cached = [Path(cache) / (digest + v) for v in (".br", ".gz")]
    if any(c.exists() for c in cached) and all(holds(c, data) for c in cached if c.exists()):
        return path, digest
    for variant, blob in ((".br", brotli.compress(data, mode=brotli.MODE_TEXT, quality=quality)),
                          (".gz", gzipped(data, level))):
        target = Path(cache) / (digest + variant)
        if len(blob) < len(data):
            partial = Path(cache) / f"{digest}.{os.getpid()}.tmp{variant}"
            partial.write_bytes(blob)
            os.replace(partial, target)
        else:
            target.unlink(missing_ok=True)
    return path, digest


def text_files(output, settings):
    for folder, _, files in os.walk(output):
        for name in files:
            path = os.path.join(folder, name)
            if wanted(path, settings):
                yield path


def wanted(path, settings):
    return os.path.splitext(path)[1] in settings["EXTENSIONS"] and os.path.getsize(path) >= settings["MIN_SIZE"]


class Compression:
    """One publish's compression: files sent as written, then the last pass."""

    def __init__(self, settings, output):
        self.settings = config(settings)
        self.output = output
        self.cache = Path(settings["CACHE_PATH"]) / "compressed"
        self.cache.mkdir(parents=True, exist_ok=True)
        self.pool = None
        self.sent = []

    def job(self, path):
        return path, str(self.cache), self.settings["BROTLI_QUALITY"], self.settings["GZIP_LEVEL"]

    def written(self, path):
        """A file Pelican has written: to a worker now."""
        if not wanted(path, self.settings):
            return
        if self.pool is None:
            self.pool = multiprocessing.Pool()
        self.sent.append(self.pool.apply_async(compress, (self.job(path),)))

    def finish(self):
        pool = self.pool or multiprocessing.Pool()
        with pool:
            checked = {result.get() for result in self.sent}  # a worker's error is this build's error
            digests = {}
            for path in text_files(self.output, self.settings):
                with open(path, "rb") as f:
                    digests[path] = key(f.read(), self.settings["BROTLI_QUALITY"], self.settings["GZIP_LEVEL"])
            # Each file not made or checked as it was written, as it stands now.
            unchecked = [self.job(path) for path, digest in digests.items() if (path, digest) not in checked]
            for _ in pool.imap_unordered(compress, unchecked, chunksize=8):
                pass
        have = {entry.name for entry in self.cache.iterdir()}
        used = set()
        for path, digest in digests.items():
            for variant in (".br", ".gz"):  # a variant never made was larger than the file
                if digest + variant in have:
                    place(self.cache / (digest + variant), path + variant)
                    used.add(digest + variant)
        for name in have - used:
            (self.cache / name).unlink()


BUILD = {}  # this process's publish in progress, from its first page written to ``compress``


def check(pelican):
    config(pelican.settings)


def start(generators):
    """Every run (``pelican -r`` runs many in one process), before any file
    is written."""
    unfinished = BUILD.pop("compression", None)  # a build that failed, in this process
    if unfinished is not None and unfinished.pool is not None:
        unfinished.pool.terminate()
    BUILD["compression"] = Compression(generators[0].settings, generators[0].output_path)


def written(path, **_):
    if "compression" in BUILD:
        BUILD["compression"].written(path)


def compress_site(pelican):
    BUILD.pop("compression").finish()



def register():
    granular_signals.register()
    signals.initialized.connect(check)
    signals.all_generators_finalized.connect(start)
    signals.content_written.connect(written)
    signals.feed_written.connect(written)
    # After the sitemap, before build_guard's last look (deploy).
    blinker.signal("compress").connect(compress_site)
