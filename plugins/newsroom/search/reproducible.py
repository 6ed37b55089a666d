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
and arrays), gzip-compressed; read and written here as Pagefind writes them
(the shortest form of each length).
"""

import gzip
import hashlib
import json
import os

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
    value, end = decoded(data, len(SIGNATURE))
    if end != len(data):
        raise ValueError(f"{path} has {len(data) - end} bytes after its value")
    return value


def write(folder, language, digits, suffix, value, prefix=""):
    """``value`` written as Pagefind would into ``folder``, named by a hash
    of it; its name (``<language>_<hash>``) returned."""
    data = SIGNATURE + encoded(value)
    name = f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"
    with open(os.path.join(folder, f"{prefix}{name}{suffix}"), "wb") as f:
        f.write(gzip.compress(data, mtime=0))
    return name


# CBOR's major types: what each holds.
UNSIGNED, BYTES, TEXT, ARRAY = 0, 2, 3, 4


def decoded(data, at):
    """The CBOR value at ``at`` in ``data``, and where it ends."""
    major, size = data[at] >> 5, data[at] & 31
    at += 1
    if size >= 24:
        width = 1 << (size - 24)  # 24: one byte follows, 25: two, 26: four, 27: eight
        if size > 27:
            raise ValueError(f"CBOR item of size {size} at {at - 1}: not one Pagefind writes")
        size, at = int.from_bytes(data[at:at + width], "big"), at + width
    if major == UNSIGNED:
        return size, at
    if major in (BYTES, TEXT):
        chunk = data[at:at + size]
        return (chunk.decode("utf-8") if major == TEXT else bytes(chunk)), at + size
    if major == ARRAY:
        items = []
        for _ in range(size):
            item, at = decoded(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"CBOR major type {major} at {at - 1}: not one Pagefind writes")


def encoded(value):
    if isinstance(value, bool) or not isinstance(value, (int, str, bytes, list)):
        raise TypeError(f"{value!r} is not a value Pagefind writes")
    if isinstance(value, int):
        return head(UNSIGNED, value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return head(TEXT, len(raw)) + raw
    if isinstance(value, bytes):
        return head(BYTES, len(value)) + value
    return head(ARRAY, len(value)) + b"".join(encoded(item) for item in value)


def head(major, size):
    """A CBOR item's first bytes: its type and size, in the shortest form."""
    if size < 24:
        return bytes([major << 5 | size])
    for extra, width in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if size < 1 << (8 * width):
            return bytes([major << 5 | extra]) + size.to_bytes(width, "big")
    raise ValueError(f"{size} is too large for CBOR")
