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
the article made from a reading takes the ``Body`` its own ``read_file``
call packed or unpacked (`pelican_internals.cache_bodies_compressed`), so
each body is compressed once and held once.
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
