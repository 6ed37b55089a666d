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

import functools
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


def _claim(text):
    """The Body of ``text``: the cache's own when it was made of this very
    string, a new one otherwise (a plugin changed the text in between)."""
    last, body = _last
    _last[:] = None, None
    return body if last is text else Body(text)


class Packed:
    """Mixed into an article's or page's class: its body is a ``Body``."""

    @property
    def _content(self):
        return self._body.text()

    @_content.setter
    def _content(self, text):
        self._body = Body(text)

    def get_content(self, siteurl):
        # Not memoised, unlike Content.get_content: that would keep every body whole.
        return self._update_content(self._content, siteurl)


@functools.cache
def _packed_class(cls):
    # The same name and module as the item's own class: templates and page_cache's keys see no change.
    return type(cls.__name__, (Packed, cls), {"__module__": cls.__module__})


def pack(item):
    """Hold the item's body compressed from now on (content_object_init,
    once every other change to the text is made)."""
    text = item.__dict__.get("_content")
    if not isinstance(text, str) or not text:
        return
    body = _claim(text)
    del item.__dict__["_content"]
    item.__class__ = _packed_class(type(item))
    item._body = body
