"""Rendered bodies held compressed, from reading to the end of the build.

A body is the largest thing Pelican keeps of a report, and it keeps every
one from reading to the end of the build: a curly quotation mark makes
CPython store each character of the string in two bytes, about 10 KB a
report, 99 MiB at 10,000 reports. Here each article's and page's body is
kept as compressed UTF-8 (a ``Body``, about a quarter of that) and made a
string again each time something reads it: its own page, its feeds, the
page cache's key. Pelican would keep each of those strings too
(``get_content`` is memoised): a packed item renders afresh instead. What
the build changes in a body after reading (photos and labels in their
slots, speakers credited) is made when the body is first read
(`Rewritten`), so a body no page reads is never changed.

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

    def rewritten(self, change):
        """This body with ``change`` made to its text when the text is
        first read (`Rewritten`)."""
        return Rewritten(self, (change,))

    def as_read(self):
        """The body without the changes not yet made to it."""
        return self


class Rewritten(Body):
    """A body with changes still to make to it (photos and labels put in
    their slots, speakers credited as registered), made the first time
    something reads the text and held compressed from then on. A report
    whose page a build keeps as it was is never rewritten: a publish of
    10,000 reports with nothing changed put photos and labels into 10,000
    bodies and compressed each again, 6% of its time, for no page.

    Two threads may read one body at once (a page rendered while the
    search index's thread makes its records): what is still to do is one
    attribute, read once, and cleared only once the text is held, so each
    either makes the text (the same) or reads it made."""
    __slots__ = ("pending",)

    def __init__(self, source, changes):
        super().__init__()
        self.pending = source, changes

    def rewritten(self, change):
        pending = self.pending
        if pending is None:
            return super().rewritten(change)
        return Rewritten(pending[0], (*pending[1], change))

    def as_read(self):
        pending = self.pending
        return self if pending is None else pending[0].as_read()

    def text(self):
        pending = self.pending
        if pending is None:
            return super().text()
        source, changes = pending
        text = source.text()
        for change in changes:
            text = change(text)
        self.packed = zlib.compress(text.encode(), 1)
        self.pending = None
        return text

    def __reduce__(self):
        self.text()
        return super().__reduce__()
