"""Rendered bodies held compressed, from reading to the end of the build.

A body is the largest thing Pelican keeps of a report, and it keeps every
one from reading to the end of the build: a curly quotation mark makes
CPython store each character of the string in two bytes, about 10 KB a
report, 99 MiB at 10,000 reports. Here each article's and page's body is
kept as compressed UTF-8 (a ``Body``, about a quarter of that) and made a
string again each time something reads it: its own page, its feeds, the
page cache's key. Pelican would keep each of those strings too
(``get_content`` is memoised): a packed item renders afresh instead.

The same ``Body`` goes into Pelican's content cache (`cache_guard.py`):
what the readers' cache packs or unpacks last is what the article made
from that reading next takes, so each body is compressed once and held
once.
"""

import zlib


class Body:
    """A body as compressed UTF-8 (``str.encode`` leaves no copy behind in
    the string, as pickling one would). Pickled, the bytes are handed to
    pickle as one integer, its state: pickle remembers every bytes object
    it writes until the whole cache is written (21 MiB at 10,000 reports),
    but not integers."""
    __slots__ = ("packed",)

    def __init__(self, text=None):
        self.packed = None if text is None else zlib.compress(text.encode(), 1)

    def __reduce__(self):
        return Body, (), int.from_bytes(b"\1" + self.packed, "big")  # the 1 keeps leading zero bytes

    def __setstate__(self, number):
        self.packed = number.to_bytes((number.bit_length() + 7) // 8, "big")[1:]

    def text(self):
        return zlib.decompress(self.packed).decode()


# The string the readers' cache last packed or unpacked, and its Body: read_file
# makes the article from that very string next.
_last = [None, None]


def packed(text):
    body = Body(text)
    _last[:] = text, body
    return body


def unpacked(body):
    text = body.text()
    _last[:] = text, body
    return text


def claim(text):
    """The Body of ``text``: the cache's own when it was made of this very
    string, a new one otherwise (a plugin changed the text in between)."""
    last, body = _last
    _last[:] = None, None
    return body if last is text else Body(text)

