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
every core, and each file's variants are linked from the build store
(plugins/build_store: hard links: a publish places thousands; output/ is
never edited in place, by any build or deploy). Builds are reproducible,
so an unchanged page has the same bytes and a later publish finds its
variants made. Each variant is an object of the store, under the digest of
its bytes, believed only as the store recorded it; what no file of this
build used is forgotten. A variant no smaller than its file is not written
(the server then sends the file itself).

A publish of one report into a large archive keeps tens of thousands of
files as they were (the page cache links them from the live site, having
checked their bytes), and reading, hashing and checking each one's
variants again was most of what compression cost it. So each build
records every text file's identity (device, inode, size, modification time), key
and variants in the store's ``files`` table; a file that is still that
very file, with variants the store still believes, is neither read nor
sent to a worker. Any difference (a file written again, an object
replaced) and the file is hashed and its variants found or made. A kept
file's variants in the live site are kept where each is the very object
the store recorded (one ``lstat``), and the record is written in
proportion to what changed.

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
import os
import zlib
from pathlib import Path

import blinker
import brotli
import build_store
from pelican import signals
from pelican.plugins import granular_signals
from plugin_support import section

DEFAULTS = {
    "EXTENSIONS": {".html", ".xml", ".txt", ".css", ".svg", ".json", ".jsonl", ".csv", ".js"},
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
KINDS = {variant: f"compressed{variant}" for variant in VARIANTS}  # as the build store files them
NONE = ""  # the variant recorded for a file it would not make smaller


def made_before(store_path, digest_of):
    """The variants the store recorded making for a file's key, each an
    object that holds the bytes its digest names, else None; read in a
    worker, from the store as the last finished build left it."""
    digests = [build_store.recorded_in(store_path, KINDS[v], digest_of) for v in VARIANTS]
    if None in digests:
        return None
    objects = Path(store_path).parent / "objects"
    for digest in digests:
        if digest != NONE and build_store.digest_of_file(build_store.object_file(objects, digest)) != digest:
            return None
    return digests


def compress(job):
    """One file's variants, made into the store's objects unless the store
    has them; in a worker. Returns the file, its key (`key`) and each
    variant's digest (`NONE` where the variant would be no smaller), and
    whether they were made now. The variants are keyed by the bytes read,
    so a file that changes after it was sent costs a wasted job, never a
    stale variant: the last pass hashes the file as it stands."""
    path, store_path, quality, level = job
    data = Path(path).read_bytes()
    digest_of = key(data, quality, level)
    kept = made_before(store_path, digest_of)
    if kept is not None:
        return path, digest_of, kept, False
    objects = Path(store_path).parent / "objects"
    made = []
    for blob in (brotli.compress(data, mode=brotli.MODE_TEXT, quality=quality), gzipped(data, level)):
        made.append(build_store.write_object(objects, blob) if len(blob) < len(data) else NONE)
    return path, digest_of, made, True


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

    def __init__(self, settings, output, store):
        self.settings = config(settings)
        self.output = os.path.abspath(output)
        self.store = store
        # Where the build's files are: its output, and the live site it
        # stands on (the files it keeps there: `build_store.Store.place`).
        self.prefixes = [os.path.join(os.path.abspath(folder), "") for folder in (output, store.live) if folder]
        self.sent = []
        # Made with other settings, the files' record is of other variants.
        same = store.fact("compress-settings") == self.described()
        # The variants' digests a line of two, read at 30,000 rows a publish
        # at 10,000 reports (JSON took half a second).
        self.last = {name: (ident, digest, br_gz.split(" "))
                     for name, ident, digest, br_gz in store.rows("files")} if same else {}

    def described(self):
        """The settings that make the variants, as the record keeps them."""
        return json.dumps({k: sorted(v) if isinstance(v, set) else v for k, v in self.settings.items()},
                          sort_keys=True)

    def job(self, path):
        return path, str(self.store.path), self.quality(path), self.settings["GZIP_LEVEL"]

    def quality(self, path):
        """Brotli's quality for ``path``: the first pattern of
        BROTLI_QUALITY_FOR it matches, else BROTLI_QUALITY."""
        name = self.name(path)
        for pattern, quality in self.settings["BROTLI_QUALITY_FOR"].items():
            if fnmatch.fnmatch(name, pattern):
                return quality
        return self.settings["BROTLI_QUALITY"]

    def name(self, path):
        """``path`` inside the output (or the live site), as the record names it."""
        for prefix in self.prefixes:
            if path.startswith(prefix):
                return path[len(prefix):]
        return os.path.relpath(path, self.output)

    def text_files(self):
        """Each text file of the site with what ``os.stat`` says of it: the
        output's, and the live site's the build keeps."""
        yield from text_files(self.output, self.settings)
        for name in sorted(self.store.kept):
            path = os.path.join(self.store.live, name)
            stat = os.stat(path)
            if wanted(path, stat, self.settings):
                yield path, stat

    def recorded(self, path, stat):
        """The last build's entry for ``path`` where it is still that very
        file (inode, size, time: a file the page cache kept, linked from
        the live site, having checked its bytes), else None."""
        entry = self.last.get(self.name(path))
        return entry if entry is not None and build_store.identity(stat) == entry[0] else None

    def vouched(self, entry):
        """``(key, variants)`` of a file the last build recorded as it is
        (``entry``: `recorded`) where each variant is an object the store
        believes; else None (hashed, and its variants found or made)."""
        if entry is None or not self.store.all_believed(entry[2], NONE):
            return None
        return entry[1], entry[2]

    def written(self, path):
        """A file Pelican has written: to a worker now, unless it is the
        file the last build recorded, or one the build keeps in the live
        site, not written (`finish` checks their variants)."""
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            return
        if not wanted(path, stat, self.settings) or self.recorded(path, stat):
            return
        self.sent.append(self.store.pool().apply_async(compress, (self.job(path),)))

    def file(self, variants, fresh):
        """What a worker made, in the store (what it is made from, once it
        is placed: a variant made of bytes a file no longer holds is not
        kept)."""
        for digest in variants:
            if fresh and digest != NONE:
                self.store.record_object(digest)

    def found(self, digest_of):
        """The variants the store has for ``digest_of``, believed, else None."""
        variants = [self.store.recorded(KINDS[v], digest_of) for v in VARIANTS]
        if None in variants or not self.store.all_believed(variants, NONE):
            return None
        return variants

    def finish(self):
        known = {}  # path -> (key, variants) as made or checked
        for result in self.sent:
            path, digest_of, variants, fresh = result.get()  # a worker's error is this build's error
            self.file(variants, fresh)
            known[path] = digest_of, variants
        files, unchecked = {}, []
        found = [(path, stat, self.recorded(path, stat)) for path, stat in self.text_files()]
        kept = self.kept_live(found)
        self.store.believe_many(digest for path, _, entry in found if entry is not None and path not in kept
                                for digest in entry[2] if digest != NONE)
        for path, stat, last in found:
            entry = last[1:3] if path in kept else self.vouched(last)
            if entry is None:
                with open(path, "rb") as f:
                    digest_of = key(f.read(), self.quality(path), self.settings["GZIP_LEVEL"])
                entry = known.get(path)
                if entry is None or entry[0] != digest_of:  # changed since it was sent
                    variants = self.found(digest_of)
                    entry = (digest_of, variants) if variants else None
            if entry is None:
                unchecked.append(self.job(path))
            files[path] = (build_store.identity(stat), entry)  # as the file was when its digest was taken
        # Each file not made or checked as it was written, as it stands now.
        if unchecked:
            for path, digest_of, variants, fresh in self.store.pool().imap_unordered(compress, unchecked, chunksize=8):
                self.file(variants, fresh)
                files[path] = (files[path][0], (digest_of, variants))
        for path, (_, (digest_of, variants)) in files.items():
            if path not in kept:
                for variant, digest in zip(VARIANTS, variants):
                    if digest != NONE:
                        self.store.place(self.store.object_path(digest), os.path.join(self.output, self.name(path)) + variant)
        self.record({self.name(path): (ident, digest_of, variants) for path, (ident, (digest_of, variants)) in files.items()})

    def kept_live(self, found):
        """The files of ``found`` the live site keeps with their variants as
        the last build recorded them: the file itself (its record's
        identity), and each variant the very object recorded
        (`build_store.Store.keep_live`: one ``lstat`` each). A publish into
        10,000 reports keeps 30,000 files so."""
        if self.store.live is None:
            return set()
        live = os.path.join(self.store.live, "")
        wanted = {path: [(self.name(path) + variant, digest) for variant, digest in zip(VARIANTS, entry[2])
                         if digest != NONE]
                  for path, _, entry in found if entry is not None and path.startswith(live)}
        kept = self.store.keep_live(want for wants in wanted.values() for want in wants)
        return {path for path, wants in wanted.items() if all(name in kept for name, _ in wants)}

    def record(self, rows):
        """Each file's ``(identity, key, variants)`` by its name, for the
        next build; written in proportion to what changed: its row, and
        what was made for its key, where it is not as the last build
        recorded it."""
        changed = {name: row for name, row in rows.items() if self.last.get(name) != row}
        self.store.record_all((KINDS[variant], digest_of, digest) for _, digest_of, variants in changed.values()
                              for variant, digest in zip(VARIANTS, variants))
        put = ((name, ident, digest_of, " ".join(variants)) for name, (ident, digest_of, variants) in changed.items())
        if self.last:
            self.store.delete_rows("files", self.last.keys() - rows.keys())
            self.store.put_rows("files", put)
        else:  # made with other settings, or none yet
            self.store.replace_rows("files", put)
        for kind in KINDS.values():
            self.store.forget_unlisted(kind, "files")
        self.store.set_fact("compress-settings", self.described())


def check(pelican):
    config(pelican.settings)
    build_store.require(pelican.settings, "compress_cache")


def start(generators):
    """Every run (``pelican -r`` runs many in one process), before any file
    is written: the run's compression, held by its store."""
    settings = generators[0].settings
    store = build_store.of(settings)
    store.work["compression"] = Compression(settings, generators[0].output_path, store)


def written(path, context, **_):
    compression = build_store.of(context).work.get("compression")
    if compression is not None:
        compression.written(path)


def compress_site(pelican):
    build_store.of(pelican.settings).work.pop("compression").finish()



def register():
    granular_signals.register()
    signals.initialized.connect(check)
    signals.all_generators_finalized.connect(start)
    signals.content_written.connect(written)
    signals.feed_written.connect(written)
    # After the sitemap, before build_guard's last look (deploy).
    blinker.signal("compress").connect(compress_site)
