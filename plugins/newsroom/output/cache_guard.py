"""Pelican's content cache, used only as this machine's builds left it.

Pelican keeps each file's reading (``CACHE_PATH/*-Readers``) until the file
itself changes, and loads it with pickle, which runs whatever code the file
names. Two guards:

- The cache holds what a build of this code and these settings made: a
  fingerprint of this plugin, Markdown's settings and the versions of
  Pelican and Python-Markdown is kept beside it, and the readings are
  removed when it no longer matches (else a development build would
  publish stale renderings).
- The cache is the one this machine's last finished build left: the stamp
  beside it lists each cache file's SHA-256 and is signed (HMAC-SHA256)
  with a key outside the cache, ``$CACHE_KEY`` where it is set (a CI
  secret), else ``~/.config/rightsdesk/cache-key`` (made on first use,
  readable by its owner alone). A cache file the stamp does not list as it
  is (planted, changed, truncated by a full disk) and every cache file
  under a stamp that is missing or not signed with this key (a cache
  restored from elsewhere) is removed unread: nothing in the cache is
  unpickled before it is known to be this machine's own.

Everything else a build made (photo variants, cards, compressed
variants, search bundles, the pages' digests) is in the build store
(plugins/build_store), believed only as it recorded it. Either way the
build says so in one line and goes on: no build fails because of the
cache. The stamp stays a file of its own, outside the store's one
transaction a build: a build refused for its content still leaves
readings the next one loads. Each reading's body goes into
the cache file compressed, as the article holds it (`bodies.py`).
"""

import hashlib
import hmac
import os
import secrets
from importlib.metadata import version
from pathlib import Path

from build_store import StoreRefused
from pelican.log import console

# The settings that change how a file is read and rendered, and how the cache holds it.
READING = ("GZIP_CACHE", "MARKDOWN", "FORMATTED_FIELDS", "TIMEZONE", "DEFAULT_LANG", "DEFAULT_DATE", "READERS",
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


# A key this build will not trust stops it as an untrusted cache folder does.
CacheRefused = StoreRefused


def key():
    """The key the stamp is signed with: $CACHE_KEY, or this user's own:
    a file of theirs, readable by them alone, and no link (a key others can
    read, or a link to a file they can write, would let them sign a cache
    of their own making, which pickle would run)."""
    if os.environ.get("CACHE_KEY"):
        return os.environ["CACHE_KEY"].encode()
    folder = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "rightsdesk"
    path = folder / "cache-key"
    if not path.exists() and not path.is_symlink():
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f".cache-key.{os.getpid()}"
        with open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600), "w") as f:
            f.write(secrets.token_hex(32))
        os.replace(partial, path)
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as error:
        raise CacheRefused(f"the cache key {path} cannot be opened as a file of its own ({error.strerror}): "
                           "delete it (a new one is made), or set CACHE_KEY") from None
    with os.fdopen(handle, "rb") as f:
        stat = os.fstat(f.fileno())
        if stat.st_uid != os.getuid() or stat.st_mode & 0o077:
            raise CacheRefused(f"the cache key {path} is not yours alone (owner {stat.st_uid}, mode "
                               f"{stat.st_mode & 0o777:o}): chmod 600 it if it is yours, else delete it")
        return f.read().strip()


def signature(lines):
    return hmac.new(key(), "\n".join(lines).encode(), hashlib.sha256).hexdigest()


def write_stamp(stamp, lines):
    stamp.write_text("\n".join([*lines, "signature " + signature(lines)]))


def read_stamp(stamp):
    """The stamp's lines where this key signed them, else []."""
    if not stamp.is_file():
        return []
    *lines, last = stamp.read_text().splitlines() or [""]
    given = last.removeprefix("signature ")
    return lines if hmac.compare_digest(given, signature(lines)) else []


def state(path):
    """A cache file as a line of the stamp: its name and its SHA-256."""
    with open(path, "rb") as f:
        return f"{path.name} {hashlib.file_digest(f, 'sha256').hexdigest()}"


def drop_stale(pelican):
    settings = pelican.settings
    if not settings.get("LOAD_CONTENT_CACHE"):
        return
    cache = Path(settings["CACHE_PATH"])
    readings = sorted(cache.glob("*-Readers")) if cache.is_dir() else []
    current = fingerprint(settings)
    stamp = cache / NAME
    recorded = read_stamp(stamp)
    if recorded[:1] == [current]:
        for path in readings:
            if state(path) not in recorded[1:]:
                path.unlink()
                console.print(f"Content cache {path} is not as this machine's last build left it: discarded "
                              "unread; the files are read afresh.")
        return
    for path in readings:
        path.unlink()
    if readings:
        console.print("Content cache made by other code or settings, or not by this machine's builds: "
                      "discarded unread; the files are read afresh.")
    cache.mkdir(parents=True, exist_ok=True)
    write_stamp(stamp, [current])


def remember_cache(generator):
    """article_ and page_generator_finalized, just after Pelican saved that
    generator's readings (before anything can refuse the build, so a build
    refused for its content leaves a cache the next one loads): the cache
    files as they are, signed, for the next build to load."""
    settings = generator.settings
    cache = Path(settings["CACHE_PATH"])
    stamp = cache / NAME
    if not (settings.get("LOAD_CONTENT_CACHE") and settings.get("CACHE_CONTENT") and stamp.is_file()):
        return
    current = read_stamp(stamp)[:1]
    if current:
        write_stamp(stamp, [*current, *(state(p) for p in sorted(cache.glob("*-Readers")))])
