"""One store of what the builds know and made: ``CACHE_PATH/store.sqlite``.

A cache is only as good as the reason to believe it. What a build made
(photo variants, share cards, compressed variants, search bundles) is
kept once, under the SHA-256 of its bytes, in ``CACHE_PATH/objects/``, and
the database says which inputs made which object. An object is believed only as the store recorded it:
the very file it hashed (device, inode, size, modification time and the
inode's change time, which every write and every new link sets: a planted
or restored file is a new inode, and bytes written into an object through
a link the live site holds, its size and time kept, change it; objects
are read-only, and the store records an object again when it links it),
else it is hashed again and used only if its bytes are the digest it is
filed under.
A file in the cache the store did not record is never read, never placed,
and pruning removes only what the store recorded making.

Tables (``SCHEMA``): ``objects`` (digest, the identity it was checked
at), ``made`` (a kind and key of inputs, the object made from them, the
build that last used it), ``outputs`` (each page the page cache made: the
key it was made from, the digest of its bytes, for the next build to
check the live page against, the identity of the live file a build found
holding them (`file_identity`: then that file is not hashed again), and
the set of names its rendering read,
what the next build keys it by: ``read_sets``, each set once, as
thousands of pages read the same names) and ``files`` (each compressed
file's identity, digest and the digests of its variants), ``facts`` (small values, recorded
when the build finishes: the build counter, the settings a table was made
with). A table a store holds in another shape (an earlier version's) is
made anew, empty.

A build that stands on a live site (``LIVE_OUTPUT``: deploy/build.py
builds beside it) places a file through the store (`Store.place`,
`Store.write`): where the live site holds that very file (or those very
bytes) at that place already, nothing is placed and the name is noted in
``kept``, so the build's folder holds only what changed and
deploy/build.py knows what to leave and what to remove.

One ``Store`` a build, opened at ``initialized`` and reached through the
settings (``BUILD_STORE``), which also holds what plugins keep from one
signal to the next (``work``); the worker processes photos, cards and
compression share are one pool (`worker_pool`). Everything a build
records is one transaction,
committed when the build finishes: a build that fails leaves the store as
the last one that finished. A store that cannot be read (a full disk, a
file that is not SQLite) is set aside, said in one line, and started anew:
no build fails because of its cache.
"""

import atexit
import contextlib
import functools
import hashlib
import multiprocessing
import os
import signal
import sqlite3
import stat as stat_module
import threading
import time
from pathlib import Path

import blinker
import plugin_support
from pelican import signals
from pelican.plugins import granular_signals
from pelican.log import console

NAME = "store.sqlite"
SETTING = "BUILD_STORE"
# The live site a build stands on, where deploy/build.py builds beside it
# (`Store.place`); None for a build that writes the whole site.
LIVE = "LIVE_OUTPUT"
SCHEMA = """
CREATE TABLE IF NOT EXISTS objects (digest TEXT PRIMARY KEY, identity TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS made (kind TEXT, key TEXT, digest TEXT NOT NULL, build INTEGER NOT NULL,
                                 PRIMARY KEY (kind, key));
CREATE TABLE IF NOT EXISTS outputs (name TEXT PRIMARY KEY, key TEXT NOT NULL, digest TEXT NOT NULL,
                                    counted INTEGER NOT NULL, read_set TEXT NOT NULL, identity TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS read_sets (id TEXT PRIMARY KEY, names TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (name TEXT PRIMARY KEY, identity TEXT NOT NULL, digest TEXT NOT NULL,
                                  br_gz TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS facts (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (name TEXT PRIMARY KEY, identity TEXT NOT NULL, digest TEXT NOT NULL);
"""
# A source is believed unchanged at its recorded identity only where it had
# not changed for this long when it was hashed: a write in the same tick
# of the file system's clock as the last one, at the same size, would
# leave its identity as it was (git's "racily clean" files).
SETTLED_NS = 2_000_000_000


def columns_of(db, table):
    return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]


def _columns():
    with contextlib.closing(sqlite3.connect(":memory:")) as db:
        db.executescript(SCHEMA)
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {table: columns_of(db, table) for table in tables}


COLUMNS = _columns()  # each table's columns, as SCHEMA makes it


class StoreRefused(RuntimeError):
    """A cache folder this build will not trust: the build stops, saying
    why and what to do, before anything in it is read."""


def check_folder(cache):
    """The cache folder is a folder of this user's that others cannot
    write, not a link (pruning a cache that is a link to someone's folder
    would delete their files; one others can write, they could fill). The
    store makes it readable by its owner alone."""
    cache = Path(cache)
    for folder in (cache, *[p for p in cache.parents if not cache.is_absolute() and str(p) != "."]):
        if folder.is_symlink():
            raise StoreRefused(f"the cache folder {folder} is a link to {os.path.realpath(folder)}: make it a "
                               "folder of its own (rm it; the build makes it), or set CACHE_PATH")
    if not cache.exists():
        return
    state = cache.stat()
    if state.st_uid != os.getuid():
        raise StoreRefused(f"the cache folder {cache} belongs to another user ({state.st_uid}): "
                           "remove it, or set CACHE_PATH to a folder of yours")
    if state.st_mode & 0o002:
        raise StoreRefused(f"the cache folder {cache} can be written by others (mode {state.st_mode & 0o777:o}): "
                           f"chmod go-w {cache}, or remove it")


def identity(state):
    """A file as the file system tells it apart, as the store records it."""
    return f"{state.st_dev}:{state.st_ino}:{state.st_size}:{state.st_mtime_ns}"


def file_identity(state):
    """A file outside the store (a page of the live site) as the file
    system tells it apart: `identity` and the inode's change time, which
    every write, rename or new link sets and no program can set back (an
    edit that keeps the size and restores the modification time, as
    ``cp -p`` or ``rsync -t`` do, still changes it)."""
    return f"{identity(state)}:{state.st_ctime_ns}"


def batches(values, size=500):
    """``values`` (a list) a few hundred at a time, each part with the
    placeholders a query names them by (``?, ?, ?``)."""
    for start in range(0, len(values), size):
        part = values[start:start + size]
        yield part, ", ".join("?" * len(part))


def regular_file(path):
    """``os.lstat`` of ``path`` where it is a regular file (not a link, a
    folder, or nothing), else None."""
    try:
        state = os.lstat(path)
    except OSError:
        return None
    return state if stat_module.S_ISREG(state.st_mode) else None


def file_digest(path):
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def digest_of_file(path):
    """``file_digest``, or None where there is no such file."""
    try:
        return file_digest(path)
    except OSError:
        return None


def holds(path, digest, seen):
    """The `file_identity` of the regular file at ``path`` where it holds
    the bytes ``digest`` names, else None: at one ``lstat`` where it is the
    very file a build found holding them (``seen``: nothing has written,
    moved or linked it since), else read and hashed, and not believed where
    it changed while it was read. A link is never taken for the file it
    names."""
    state = regular_file(path)
    if state is None:
        return None
    found = file_identity(state)
    if found != seen:
        if digest_of_file(path) != digest:
            return None
        after = regular_file(path)
        if after is None or file_identity(after) != found:
            return None  # changed while it was read
    return found


def object_file(objects, digest):
    """Where the object ``digest`` is in the folder ``objects`` (a string:
    a build asks for a hundred thousand)."""
    return os.path.join(objects, digest[:2], digest)


def write_object(objects, data):
    """``data`` as an object in the folder ``objects``, read-only, unless
    it is there; its digest. What a worker process does, which has no
    store: the build's `Store.record_object` then records it."""
    digest = hashlib.sha256(data).hexdigest()
    target = object_file(objects, digest)
    if digest_of_file(target) != digest:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        partial = f"{target}.{os.getpid()}.partial"
        with open(partial, "wb") as f:
            f.write(data)
        os.chmod(partial, 0o444)
        os.replace(partial, target)
    return digest


@functools.lru_cache(maxsize=1)
def _reader(path):
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


def recorded_in(path, kind, key):
    """The digest the store at ``path`` recorded making for ``key`` of
    ``kind``, as the last finished build left it, else None: for a worker
    process, which has no store of its own (one read-only connection a
    process, kept)."""
    row = _reader(str(path)).execute("SELECT digest FROM made WHERE kind = ? AND key = ?", (kind, key)).fetchone()
    return row and row[0]


class Store:
    def __init__(self, cache, output=None, live=None):
        """The store in the folder ``cache``, for builds into ``output``;
        where they stand on a ``live`` site (`place`)."""
        self.output = output and os.path.join(os.path.abspath(output), "")
        self.live = live and os.path.abspath(live)
        self.folder = Path(cache)
        check_folder(self.folder)
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.objects = str(self.folder / "objects")
        self.path = self.folder / NAME
        try:
            self.db = self._open()
        except sqlite3.DatabaseError as error:
            aside = self.path.with_suffix(".unreadable")
            os.replace(self.path, aside)
            console.print(f"The build store {self.path} could not be read ({error}): set aside as {aside.name}, "
                          "started anew; everything is made afresh.")
            self.db = self._open()
        self.build = int(self.fact("build") or 0) + 1
        self.checked = {}  # digest -> path: the objects this build has believed already
        self.inodes = {}  # path -> (device, inode) of each of those, as believed (`place`)
        self.identities = {}  # digest -> the identity each of those is recorded at
        self.pending = {}  # facts this build will record when it finishes
        self.kept = set()  # the live site's files this build keeps as they are (`place`)
        self.sources = {}  # path -> (identity, digest) of each source hashed this build, None: not to believe
        # What the build's plugins hold from one signal to the next (the
        # cards being drawn, the files being compressed), by name: a run's,
        # and gone with it.
        self.work = {}

    def _open(self):
        db = sqlite3.connect(self.path, isolation_level="DEFERRED", check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        # A table an earlier version of this plugin made in another shape
        # is made anew, empty: what it recorded is made again.
        for table, columns in COLUMNS.items():
            if columns_of(db, table) not in ([], columns):
                db.execute(f"DROP TABLE {table}")  # noqa: S608 (our own table names)
        db.executescript(SCHEMA)
        db.execute("BEGIN")
        return db

    # Small values.

    def fact(self, name):
        """The value the last finished build recorded."""
        return fact_in(self.db, name)

    def set_fact(self, name, value):
        """``value`` recorded when this build finishes (`commit`): held till
        then, so that a build refused before it writes anything (at
        ``all_generators_finalized``) holds no lock on the store."""
        self.pending[name] = value

    # Objects: bytes under their digest.

    def object_path(self, digest):
        return object_file(self.objects, digest)

    def add_object(self, path):
        """The file at ``path`` moved into the store as an object; its digest."""
        digest = self.add_bytes(Path(path).read_bytes())
        os.remove(path)
        return digest

    def add_bytes(self, data):
        digest = hashlib.sha256(data).hexdigest()
        if self.believed(digest) is None:
            self.record_object(write_object(self.objects, data))
        return digest

    def record_object(self, digest, state=None):
        """An object file written (by this process or a worker of its) as
        its digest says: recorded at its identity now."""
        state = state or os.stat(self.object_path(digest))
        self.db.execute("INSERT OR REPLACE INTO objects VALUES (?, ?)", (digest, file_identity(state)))
        self.believe(digest, self.object_path(digest), state)

    def believe(self, digest, path, state):
        """The object ``digest`` at ``path`` believed, as ``state`` found it."""
        self.checked[digest] = path
        self.inodes[path] = (state.st_dev, state.st_ino)
        self.identities[digest] = file_identity(state)

    def believed(self, digest):
        """The object's path where it holds the bytes ``digest`` names, else
        None (a wrong one removed)."""
        if digest in self.checked:
            return self.checked[digest]
        path = self.object_path(digest)
        row = self.db.execute("SELECT identity FROM objects WHERE digest = ?", (digest,)).fetchone()
        state = regular_file(path)
        if state is None:
            return None
        if row is not None and row[0] == file_identity(state):
            self.believe(digest, path, state)
        elif file_digest(path) == digest:
            self.record_object(digest, state)
        else:
            self.drop(digest)
            console.print(f"Build store: {path} is not the object it is filed as: removed, made again.")
            return None
        return path

    def drop(self, digest):
        """The object ``digest``, removed and forgotten: made again where it is wanted."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.object_path(digest))
        self.db.execute("DELETE FROM objects WHERE digest = ?", (digest,))
        self.inodes.pop(self.checked.pop(digest, None), None)
        self.identities.pop(digest, None)

    # Files into the output.

    def place(self, source, target):
        """``source`` (an object, or the live site's own file) at ``target``
        in the output, linked (`plugin_support.place`); where the build
        stands on a live site that holds that very file at that place
        already, nothing is linked: its name is noted in ``kept``, and
        deploy/build.py leaves it where it is. So a build into an empty
        folder beside a live site of 60,000 files holds what changed."""
        name = self.in_output(target)
        # A link in the live site is never taken for the file it names.
        live = regular_file(os.path.join(self.live, name)) if name is not None else None
        if live is not None and (live.st_dev, live.st_ino) == self.inode(source):
            self.kept.add(name)
            return
        os.makedirs(os.path.dirname(target), exist_ok=True)
        plugin_support.place(source, target)
        self.relinked(source)

    def relinked(self, path):
        """A believed object this build has just linked (``path``) recorded
        at its identity now: a new link sets the inode's change time, which
        an object is believed by (so that nothing written into an object
        through a link of the live site, its size and time kept, is
        believed)."""
        digest = os.path.basename(path)
        if self.checked.get(digest) == path:
            state = regular_file(path)
            if state is not None and (state.st_dev, state.st_ino) == self.inodes[path] \
                    and file_identity(state) != self.identities[digest]:
                self.identities[digest] = file_identity(state)
                self.db.execute("UPDATE objects SET identity = ? WHERE digest = ?", (self.identities[digest], digest))

    def keep_live(self, wanted):
        """Each ``(name, digest)`` of ``wanted`` where the live site's file
        at ``name`` is the very object ``digest`` as the store recorded it
        (its `file_identity`: the same inode, size, time and change time,
        which every write and every new link sets) noted as kept, nothing
        placed or read, at one ``lstat`` each; the names kept. The object
        itself is not believed by this: where its own file was replaced
        since, what places it checks it (`believed`)."""
        kept = self.live_objects(wanted)
        self.kept |= kept
        return kept

    def live_objects(self, wanted):
        """`keep_live`'s names, not yet noted as kept (for a caller that
        keeps them only if all it needs is there)."""
        if self.live is None:
            return set()
        wanted = list(wanted)
        recorded = {}
        for part, marks in batches(sorted({digest for _, digest in wanted})):
            recorded.update(self.db.execute(f"SELECT digest, identity FROM objects WHERE digest IN ({marks})",  # noqa: S608
                                            part))
        found = set()
        for name, digest in wanted:
            state = regular_file(os.path.join(self.live, name))
            if state is not None and recorded.get(digest) == file_identity(state):
                found.add(name)
        return found

    def inode(self, path):
        """``(device, inode)`` of the file at ``path`` (an object as this
        build believed it, else as it is now), else None (no such file)."""
        known = self.inodes.get(path)
        if known is None:
            try:
                state = os.stat(path)
            except OSError:
                return None
            known = (state.st_dev, state.st_ino)
        return known

    def write(self, target, data):
        """``data`` (bytes) at ``target`` in the output; where the build
        stands on a live site whose file there holds these very bytes,
        nothing is written: its name is noted in ``kept`` (a file made anew
        each build, such as a feed, costs a read, not a file made)."""
        name = self.in_output(target)
        if name is not None:
            try:  # a link in the live site is not its file (O_NOFOLLOW: it fails to open)
                with open(os.open(os.path.join(self.live, name), os.O_RDONLY | os.O_NOFOLLOW), "rb") as f:
                    if f.read(len(data) + 1) == data:
                        self.kept.add(name)
                        return
            except OSError:
                pass  # not in the live site
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as f:
            f.write(data)

    def in_output(self, path):
        """``path``'s name in the output where the build stands on a live
        site, else None."""
        path = os.path.abspath(path)
        if self.live is None or self.output is None or not path.startswith(self.output):
            return None
        return path[len(self.output):]

    # What was made from what.

    def made(self, kind, key):
        """The path of the object made for ``key`` of ``kind``, believed,
        else None; counted as used by this build."""
        digest = self.recorded(kind, key)
        return digest and self.believed(digest)

    def made_many(self, kind, keys):
        """`made` for many keys at once: ``{key: path or None}``, their
        records read and marked used a few hundred a query, their objects
        believed together (`believe_many`): a publish at 10,000 reports asks
        for 30,000 cards."""
        keys = list(keys)
        recorded = self.recorded_many(kind, keys)
        self.believe_many(recorded.values())
        return {key: self.believed(recorded[key]) if key in recorded else None for key in keys}

    def recorded_many(self, kind, keys):
        """`recorded` for many keys at once: ``{key: digest}`` of those
        recorded, each counted as used by this build."""
        found = {}
        for part, marks in batches(list(dict.fromkeys(keys))):
            found.update(self.db.execute(f"SELECT key, digest FROM made WHERE kind = ? AND key IN ({marks})",  # noqa: S608
                                         (kind, *part)))
            self.db.execute(f"UPDATE made SET build = ? WHERE kind = ? AND key IN ({marks})",  # noqa: S608
                            (self.build, kind, *part))
        return found

    def recorded(self, kind, key):
        """The digest recorded for ``key`` of ``kind``, as it is (the caller
        believes it or not), else None; counted as used by this build."""
        row = self.db.execute("SELECT digest FROM made WHERE kind = ? AND key = ?", (kind, key)).fetchone()
        if row:
            self.db.execute("UPDATE made SET build = ? WHERE kind = ? AND key = ?", (self.build, kind, key))
        return row and row[0]

    def used_under(self, kind, prefix):
        """Each record of ``kind`` whose key begins with ``prefix`` counted
        as used by this build, in one statement (a search bundle keeps its
        31,000 files at 10,000 reports alive so)."""
        self.db.execute("UPDATE made SET build = ? WHERE kind = ? AND key >= ? AND key < ?",
                        (self.build, kind, prefix, prefix + "\U0010ffff"))

    def record(self, kind, key, digest):
        self.record_all([(kind, key, digest)])

    def record_all(self, made):
        """Each ``(kind, key, digest)`` of ``made`` recorded as made by, and
        used by, this build (in one statement: compression records 90,000)."""
        self.db.executemany("INSERT OR REPLACE INTO made VALUES (?, ?, ?, ?)",
                            ((kind, key, digest, self.build) for kind, key, digest in made))

    def record_made(self, kind, made):
        """What a worker made, ``(key, digest)`` pairs, each object written
        by it (`write_object`): recorded as made for its key."""
        for key, digest in made:
            self.record_object(digest)
            self.record(kind, key, digest)

    def believe_many(self, digests):
        """`believed`, for many objects at once: their recorded identities
        read a few hundred a query (a publish checks the compressed
        variants of every page it keeps, 90,000 at 10,000 reports). Each
        found as recorded is believed; the rest are left to `believed`,
        which hashes, records or removes them one by one."""
        wanted = sorted({digest for digest in digests if digest not in self.checked})
        for part, marks in batches(wanted):
            recorded = dict(self.db.execute(f"SELECT digest, identity FROM objects WHERE digest IN ({marks})",  # noqa: S608
                                            part))
            for digest in part:
                path = self.object_path(digest)
                state = regular_file(path) if digest in recorded else None
                if state is not None and recorded[digest] == file_identity(state):
                    self.believe(digest, path, state)

    def all_believed(self, digests, none=""):
        """Whether each of ``digests`` is an object the store believes
        (``none`` stands for no object at all)."""
        return all(digest == none or self.believed(digest) for digest in digests)

    def forget_unused(self, kind):
        """Forget what ``kind`` recorded that this build did not use."""
        self.db.execute("DELETE FROM made WHERE kind = ? AND build < ?", (kind, self.build))

    def forget_unlisted(self, kind, table):
        """Forget what ``kind`` recorded under a key no row of the store's
        ``table`` holds as its ``digest``: a plugin that records each of its
        files there (compression's ``files``) need not count 90,000 records
        as used each build."""
        self.db.execute(f"DELETE FROM made WHERE kind = ? AND key NOT IN (SELECT digest FROM {table})",  # noqa: S608
                        (kind,))

    def prune(self):
        """Remove each object the store recorded that nothing made uses."""
        unused = self.db.execute("SELECT digest FROM objects WHERE digest NOT IN (SELECT digest FROM made)")
        for (digest,) in unused.fetchall():
            self.drop(digest)

    # Sources: what the build reads and did not make.

    def source_digest(self, path):
        """The SHA-256 of the file at ``path`` (as ``hashlib``'s ``digest()``):
        at one ``stat`` where it is the very file a build hashed (its
        `file_identity`: an edit that keeps its size and modification time
        still changes its change time) after it had settled (`SETTLED_NS`);
        else read and hashed. A file that changed while it was read, or
        had changed just before, is hashed again next build. Raises
        ``OSError`` where there is no such file."""
        found = file_identity(os.stat(path))
        known = self.sources.get(path)
        if known is None and path not in self.sources:
            known = self.db.execute("SELECT identity, digest FROM sources WHERE name = ?", (path,)).fetchone()
        if known is not None and known[0] == found:
            return bytes.fromhex(known[1])
        digest = file_digest(path)
        after = os.stat(path)
        settled = file_identity(after) == found and time.time_ns() - after.st_ctime_ns > SETTLED_NS
        self.sources[path] = (found, digest) if settled else None
        return bytes.fromhex(digest)

    # Records of whole tables (the page cache's, compression's).

    def rows(self, table):
        return self.db.execute(f"SELECT * FROM {table}")  # noqa: S608 (our own table names)

    def replace_rows(self, table, rows):
        self.db.execute(f"DELETE FROM {table}")  # noqa: S608
        self.put_rows(table, rows)

    def put_rows(self, table, rows):
        """Each of ``rows`` into ``table``, in place of a row of the same key."""
        width = len(self.db.execute(f"SELECT * FROM {table} LIMIT 0").description)  # noqa: S608
        self.db.executemany(f"INSERT OR REPLACE INTO {table} VALUES ({', '.join('?' * width)})", rows)  # noqa: S608

    def delete_rows(self, table, names):
        """The rows of ``table`` (keyed by ``name``) for each of ``names``, deleted."""
        for part, marks in batches(sorted(names)):
            self.db.execute(f"DELETE FROM {table} WHERE name IN ({marks})", part)  # noqa: S608

    # The build's one pool of worker processes.

    def pool(self):
        """The worker processes (photos, cards, compression): `worker_pool`."""
        return worker_pool()

    def map(self, work, jobs):
        """``work`` done on each of ``jobs``, in any order, results as they
        come: in the pool, or here where there is one job."""
        jobs = list(jobs)
        return self.pool().imap_unordered(work, jobs) if len(jobs) > 1 else map(work, jobs)

    def begin(self):
        """A run of a build (``pelican -r`` makes many of one store): what
        a run that did not finish left, recorded or working, is dropped."""
        if self.work:  # a run that failed left work: none of it is wanted
            stop_workers()
        self.db.rollback()
        self.db.execute("BEGIN")
        self.build = int(self.fact("build") or 0) + 1
        self.checked, self.inodes, self.identities = {}, {}, {}
        self.pending = {}
        self.kept = set()
        self.sources = {}
        self.work = {}

    def commit(self):
        self.prune()
        self.put_rows("sources", [(path, *found) for path, found in self.sources.items() if found])
        self.delete_rows("sources", [path for path, found in self.sources.items() if not found])
        self.sources = {}
        self.set_fact("build", str(self.build))
        self.db.executemany("INSERT OR REPLACE INTO facts VALUES (?, ?)", self.pending.items())
        self.pending = {}
        self.db.commit()
        self.db.execute("BEGIN")
        self.work = {}  # the run finished: what is left (the feeds' map) is done with

    def close(self):
        self.db.rollback()
        self.db.close()

    def __reduce__(self):
        # Pelican pickles each reading with the settings it was read with:
        # there the store is only a name, and comes back as none.
        return _detached, ()


def _detached():
    return None


# The process's one pool of workers: a resource of the process (as its
# logging is), not of a build. Started with the first build, kept for every
# build the process runs (a test session runs hundreds), stopped when the
# process ends or a run that failed left it working.
_workers = []


def worker_pool():
    """The process's worker processes, one a core. Forked where the
    process has no thread yet (a build's own process, at ``initialized``:
    a worker then starts in milliseconds with everything imported);
    spawned where it has (a fork copies other threads' locks half-held, and
    their open pipes: Pagefind's service is started while workers run), a
    spawned worker starting clean and importing what its work needs, once
    for all the builds it serves."""
    if not _workers:
        method = "fork" if threading.active_count() == 1 else "spawn"
        _workers.append(multiprocessing.get_context(method).Pool(initializer=as_a_worker))
    return _workers[0]


def as_a_worker():
    """A worker dies at SIGTERM, as the pool stopping it expects: a forked
    one would keep the build's own handler (deploy/build.py's, which exits
    as a failed build does), and exit holding the pool's locks."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@atexit.register
def stop_workers():
    while _workers:
        pool = _workers.pop()
        pool.terminate()
        pool.join()


def last_fact(cache, name):
    """A fact the last finished build recorded in the store in ``cache``,
    read without opening the store for a build (read-only: a build under
    way is not disturbed); None where there is none."""
    path = Path(cache) / NAME
    if not path.is_file():
        return None
    try:
        with contextlib.closing(sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)) as db:
            return fact_in(db, name)
    except sqlite3.Error:
        return None


def fact_in(db, name):
    row = db.execute("SELECT value FROM facts WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None


def of(settings):
    """The build's store, where the build_store plugin opened one: from
    Pelican's settings, or any context made from them (a generator's, a
    page's as ``content_written`` hands it)."""
    return settings.get(SETTING)


def require(settings, owner):
    """Stop a build whose ``owner`` plugin keeps its work in the store and
    has none: naming the fix."""
    if "build_store" not in [getattr(plugin, "__name__", plugin) for plugin in settings.get("PLUGINS", [])]:
        raise StoreRefused(f"{owner} keeps what builds made in the build store: add 'build_store' first in PLUGINS")


def open_store(pelican):
    """initialized: the store, opened (each ``pelican -r`` run reuses it).
    Committed at the very end of a build: at pelican-granular-signals'
    ``deploy``, the last of the signals sent after ``finalized``, after
    every other plugin's receiver there (connected now, once all have
    registered theirs: receivers run in the order connected), so that what
    they record at the end (compression, at ``compress``) is in it."""
    if pelican.settings.get(SETTING) is None:
        worker_pool()  # before any thread, and before the database is open: a fork inherits neither
        settings = pelican.settings
        settings[SETTING] = Store(settings["CACHE_PATH"], settings["OUTPUT_PATH"], settings.get(LIVE))
    blinker.signal("deploy").connect(commit)


def begin(pelican):
    """get_generators: each run of the build starts from the last finished one."""
    store = of(pelican.settings)
    if store is not None:
        store.begin()


def commit(pelican):
    store = of(pelican.settings)
    if store is not None:
        store.commit()


def register():
    granular_signals.register()
    signals.initialized.connect(open_store)
    signals.get_generators.connect(begin)
