"""Pelican's Markdown reader, with attributed quotations.

The article body is read with `QuotationExtension`; the quotations it finds,
each with its speaker, become the article's ``quotations`` metadata, which
the theme turns into structured data. Metadata fields (summary, editor's
note) are read without it: an editor may put a word in quotation marks
without quoting anyone. Raw HTML is escaped everywhere (`raw_html.py`).
"""

import logging
import os

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from .markup import QuotationError, QuotationExtension
from .raw_html import RawHtmlAsText

logger = logging.getLogger(__name__)


class QuotationMarkdownReader(MarkdownReader):
    def read(self, source_path):
        self._source_path = source_path
        body = self.markdown(QuotationExtension())
        with pelican_open(source_path) as text:
            try:
                content = body.convert(text)
            except QuotationError as error:
                # Pelican logs only that it "could not process" the file:
                # say what is wrong, and where, first.
                where = f"{os.path.relpath(source_path)}:{line_of(error.markup, text)}"
                logger.error("%s: %s", where, error)
                raise

        self._md = self.markdown()
        metadata = self._parse_metadata(body.Meta)
        metadata["quotations"] = body.quotations
        return content, metadata

    def markdown(self, *extensions):
        """Markdown as configured, raw HTML escaped, with ``extensions``."""
        settings = self.settings["MARKDOWN"]
        extensions = [*settings["extensions"], RawHtmlAsText(), *extensions]
        return Markdown(**{**settings, "extensions": extensions})


def line_of(markup, text):
    """The line of ``text`` on which ``markup`` starts (1 if not found)."""
    first_line = markup.splitlines()[0] if markup else ""
    at = text.find(first_line)
    return text.count("\n", 0, at) + 1 if at >= 0 else 1
