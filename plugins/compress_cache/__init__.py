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

A publish of one report into a large archive keeps tens of thousands of
files as they were (the page cache links them from the live site), and
reading, hashing and checking each one's variants again was most of what
compression cost it. So each build records every text file's identity
(inode, size, modification time) and digest, and the identity of each
variant's cache entry as checked; a file that is still that very file, with
those very entries, is neither read nor sent to a worker. Any difference (a
file written again, an entry replaced or rewritten) and the file is hashed
and its variants checked as before.

Cache: ``CACHE_PATH/compressed/<sha256 of the settings and the file>.br|.gz``;
the record, ``CACHE_PATH/compressed.json``.
Settings, ``COMPRESS`` (any of): ``EXTENSIONS``, ``BROTLI_QUALITY`` (11),
``BROTLI_QUALITY_FOR`` (``{pattern: quality}``: files whose path in the
output matches a pattern, ``fnmatch``'s, get that quality instead: a
sitemap of 19,000 addresses took brotli 11 five seconds, brotli 9 a
seventieth of that for 20% more bytes, fetched by crawlers, not readers),
``GZIP_LEVEL`` (9), ``MIN_SIZE`` (bytes; smaller files are left alone).
"""

import fnmatch
import hashlib
import json
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
    "EXTENSIONS": {".html", ".xml", ".txt", ".css", ".svg", ".json", ".js"},
    "BROTLI_QUALITY": 11,
    "BROTLI_QUALITY_FOR": {},
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


VARIANTS = (".br", ".gz")
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
    cached = [Path(cache) / (digest + v) for v in VARIANTS]
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


def identity(stat):
    """A file as the file system tells it apart: which file, how long, when
    last written."""
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns]


def text_files(output, settings):
    """Each file of ``output`` to compress, with what ``os.stat`` says of it."""
    for folder, _, files in os.walk(output):
        for name in files:
            path = os.path.join(folder, name)
            stat = os.stat(path)
            if wanted(path, stat, settings):
                yield path, stat


def wanted(path, stat, settings):
    return os.path.splitext(path)[1] in settings["EXTENSIONS"] and stat.st_size >= settings["MIN_SIZE"]


class Compression:
    """One publish's compression: files sent as written, then the last pass."""

    def __init__(self, settings, output):
        self.settings = config(settings)
        self.output = output
        self.prefix = os.path.join(os.path.abspath(output), "")
        self.cache = Path(settings["CACHE_PATH"]) / "compressed"
        self.cache.mkdir(parents=True, exist_ok=True)
        self.pool = None
        self.sent = []
        self.checked_variants = {}  # path -> its variants' identities, where `vouched` found them unchanged
        self.record = self.cache.with_suffix(".json")
        try:
            last = json.loads(self.record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            last = {}
        # Made with other settings, the variants are other variants.
        self.last = last.get("files", {}) if last.get("settings") == self.described() else {}

    def described(self):
        """The settings that make the variants, as the record keeps them."""
        return json.dumps({k: sorted(v) if isinstance(v, set) else v for k, v in self.settings.items()},
                          sort_keys=True)

    def job(self, path):
        return path, str(self.cache), self.quality(path), self.settings["GZIP_LEVEL"]

    def quality(self, path):
        """Brotli's quality for ``path``: the first pattern of
        BROTLI_QUALITY_FOR it matches, else BROTLI_QUALITY."""
        name = self.name(path)
        for pattern, quality in self.settings["BROTLI_QUALITY_FOR"].items():
            if fnmatch.fnmatch(name, pattern):
                return quality
        return self.settings["BROTLI_QUALITY"]

    def name(self, path):
        """``path`` inside the output, as the record names it."""
        return path[len(self.prefix):] if path.startswith(self.prefix) else os.path.relpath(path, self.output)

    def recorded(self, path, stat):
        """The last build's entry for ``path`` where it is still that very
        file (inode, size, time: a file the page cache kept, linked from
        the live site), else None."""
        entry = self.last.get(self.name(path))
        return entry if entry is not None and identity(stat) == entry[0] else None

    def vouched(self, path, stat):
        """The digest of ``path`` where it is the file the last build
        recorded and each of its variants the cache entry that build
        checked, unchanged since; else None (hashed and checked)."""
        entry = self.recorded(path, stat)
        if entry is None:
            return None
        _, digest, variants = entry
        for variant, known in zip(VARIANTS, variants):
            try:
                now = identity(os.stat(os.path.join(self.cache, digest + variant)))
            except OSError:
                now = None
            if now != known:
                return None
        self.checked_variants[path] = variants
        return digest

    def written(self, path):
        """A file Pelican has written: to a worker now, unless it is the
        file the last build recorded (`finish` checks its variants)."""
        stat = os.stat(path)
        if not wanted(path, stat, self.settings) or self.recorded(path, stat):
            return
        if self.pool is None:
            self.pool = multiprocessing.Pool()
        self.sent.append(self.pool.apply_async(compress, (self.job(path),)))

    def finish(self):
        pool = self.pool or multiprocessing.Pool()
        with pool:
            checked = {result.get() for result in self.sent}  # a worker's error is this build's error
            digests, identities = {}, {}
            for path, stat in text_files(self.output, self.settings):
                identities[path] = identity(stat)  # as the file was when its digest was taken
                digest = self.vouched(path, stat)
                if digest is None:
                    with open(path, "rb") as f:
                        digest = key(f.read(), self.quality(path), self.settings["GZIP_LEVEL"])
                else:
                    checked.add((path, digest))
                digests[path] = digest
            # Each file not made or checked as it was written, as it stands now.
            unchecked = [self.job(path) for path, digest in digests.items() if (path, digest) not in checked]
            for _ in pool.imap_unordered(compress, unchecked, chunksize=8):
                pass
        have = {entry.name for entry in self.cache.iterdir()}
        used = set()
        for path, digest in digests.items():
            for variant in VARIANTS:  # a variant never made was larger than the file
                if digest + variant in have:
                    place(os.path.join(self.cache, digest + variant), path + variant)
                    used.add(digest + variant)
        for name in have - used:
            (self.cache / name).unlink()
        self.remember(digests, identities, used)

    def remember(self, digests, identities, used):
        """Each file's identity, digest and variants', for the next build's
        `vouched`: written entry by entry (a site of 10,000 reports has
        40,000 text files)."""
        partial = self.record.with_suffix(".tmp")
        with open(partial, "w", encoding="utf-8") as f:
            f.write(f'{{"settings":{json.dumps(self.described())},"files":{{')
            separator = ""
            for path, digest in digests.items():
                variants = self.checked_variants.get(path) or [
                    identity(os.stat(os.path.join(self.cache, digest + v))) if digest + v in used else None
                    for v in VARIANTS]
                entry = [identities[path], digest, variants]
                f.write(f"{separator}{json.dumps(self.name(path))}:{json.dumps(entry)}")
                separator = ","
            f.write("}}")
        os.replace(partial, self.record)


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
