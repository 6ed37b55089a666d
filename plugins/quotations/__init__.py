"""Attributed quotations: every direct quotation marked up with its speaker.

Markdown syntax and output are described in `markup.py`; the speakers come
from the article's ``Speakers`` field (`speakers.py`).
"""

from pelican import signals

from .reader import QuotationMarkdownReader


def add_reader(readers):
    for extension in QuotationMarkdownReader.file_extensions:
        readers.reader_classes[extension] = QuotationMarkdownReader


def register():
    # readers_init fires after Pelican has listed its own readers and before
    # it makes instances of them: the one moment to swap in ours for .md.
    signals.readers_init.connect(add_reader)
