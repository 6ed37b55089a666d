"""Pagefind's bundle made reproducible: the same records, the same bytes.

Pagefind 1.5 writes its filter files, and the list of them in its meta
file, in the order of a hash map with a random seed, so each run names and
fills them differently (Pagefind issue #638: its fragments and word index
are stable, "other files will still change"). A build that is not
byte-for-byte the last one makes every publish upload them again and
breaks the promise that a rebuild is the site a fresh build makes. So,
once Pagefind has written its bundle, each filter's values and the meta
file's lists are put in order and the files renamed by a hash of what they
now hold, and ``pagefind-entry.json`` points at the new meta file.

Both are ``pagefind_dcd`` and CBOR (unsigned integers, text, byte strings
and arrays), gzip-compressed; read and written by cbor2, which writes each
length in its shortest form, as Pagefind does. (The sort belongs in
Pagefind: docs/upstream/pagefind-sorted-filters.patch sends it there; this
stays until a release has it.)
"""

import gzip
import hashlib
import json
import os

import cbor2

SIGNATURE = b"pagefind_dcd"


def make_reproducible(folder):
    """Put ``folder``'s (a Pagefind bundle's) filters and meta in order."""
    with open(os.path.join(folder, "pagefind-entry.json"), encoding="utf-8") as f:
        entry = json.load(f)
    for language, index in entry["languages"].items():
        meta_path = os.path.join(folder, f"pagefind.{index['hash']}.pf_meta")
        meta = read(meta_path)
        filters, sorts = meta[3], meta[4]
        renamed = []
        for name, old in filters:
            values = read(os.path.join(folder, "filter", f"{old}.pf_filter"))
            values[1].sort(key=lambda value: value[0])
            os.remove(os.path.join(folder, "filter", f"{old}.pf_filter"))
            renamed.append([name, write(os.path.join(folder, "filter"), language, 7, ".pf_filter", values)])
        meta[3] = sorted(renamed)
        meta[4] = sorted(sorts, key=lambda sort: sort[0])
        os.remove(meta_path)
        index["hash"] = write(folder, language, 10, ".pf_meta", meta, prefix="pagefind.")
    with open(os.path.join(folder, "pagefind-entry.json"), "w", encoding="utf-8") as f:
        json.dump(entry, f, ensure_ascii=False, separators=(",", ":"))


def read(path):
    with open(path, "rb") as f:
        data = gzip.decompress(f.read())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path} is not a Pagefind file")
    return cbor2.loads(data[len(SIGNATURE):])


def write(folder, language, digits, suffix, value, prefix=""):
    """``value`` written as Pagefind would into ``folder``, named by a hash
    of it; its name (``<language>_<hash>``) returned."""
    data = SIGNATURE + cbor2.dumps(value)
    name = f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"
    with open(os.path.join(folder, f"{prefix}{name}{suffix}"), "wb") as f:
        f.write(gzip.compress(data, mtime=0))
    return name
