"""Pelican's Markdown reader, with attributed quotations and checks.

The article body is read with `QuotationExtension`; the quotations it finds,
each with its speaker, become the article's ``quotations`` metadata, and the
people quoted its ``speakers``: the theme turns both into structured data.
Metadata fields (summary, editor's note) are read without it: an editor may
put a word in quotation marks without quoting anyone. Raw HTML is escaped
everywhere (`raw_html.py`).

A file with problems (`checks.py`, or quotation markup) is refused: each
problem is logged as ``file:line: what is wrong: what to do`` and the reader
raises, so Pelican skips the file and the build fails (plugins/build_guard).
"""

import logging
import os

from markdown import Markdown
from markdown.extensions.meta import MetaPreprocessor
from pelican.readers import MarkdownReader

from . import checks
from .quotations import QuotationError, QuotationExtension
from .raw_html import RawHtmlAsText
from .speakers import SpeakerError

logger = logging.getLogger(__name__)


class ContentRefused(ValueError):
    """The file is not fit to publish; its problems have been logged."""


class NewsroomReader(MarkdownReader):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Two Markdown instances for every file the reader reads, reset
        # between files: making one costs as much as converting an article.
        self.body = self.markdown(QuotationExtension())
        self.fields = self.markdown()

    def read(self, source_path):
        self._source_path = source_path
        with open(source_path, "rb") as f:
            text, problems = checks.decode(f.read())
        if text is None:
            self.refuse(problems)

        body = self.body.reset()
        try:
            content = body.convert(text)
        except QuotationError as error:
            problems.append((line_of(error.markup, text), str(error)))
        except SpeakerError as error:
            problems.append((checks.field_line(text, "speakers"), str(error)))
        meta = getattr(body, "Meta", {})
        problems += checks.metadata(meta, text, self.is_article(source_path))
        problems += checks.links(text, source_path, self.settings["PATH"])
        if problems:
            self.refuse(problems)

        # Pelican's _parse_metadata converts the formatted fields with
        # self._md, after taking its "meta" preprocessor away: put it back.
        self._md = self.fields.reset()
        if "meta" not in self._md.preprocessors:
            self._md.preprocessors.register(MetaPreprocessor(self._md), "meta", 27)
        metadata = self._parse_metadata(meta)
        metadata["quotations"] = body.quotations
        metadata["term_links"] = checks.term_links(text)
        # Everyone quoted, once each, in order of first quotation.
        metadata["speakers"] = list(dict.fromkeys(q.speaker for q in body.quotations))
        return content, metadata

    def markdown(self, *extensions):
        """Markdown as configured, raw HTML escaped, with ``extensions``."""
        settings = self.settings["MARKDOWN"]
        extensions = [*settings["extensions"], RawHtmlAsText(), *extensions]
        return Markdown(**{**settings, "extensions": extensions})

    def is_article(self, source_path):
        relative = os.path.relpath(source_path, self.settings["PATH"])
        return not any(
            relative == p or relative.startswith(p.rstrip("/") + "/") for p in self.settings["PAGE_PATHS"]
        )

    def refuse(self, problems):
        # Pelican logs only that it "could not process" the file: say what
        # is wrong, and where, first.
        where = os.path.relpath(self._source_path)
        for line, message in sorted(problems):
            logger.error("%s:%d: %s", where, line, message)
        raise ContentRefused(f"{where}: {len(problems)} problem(s)")


def line_of(markup, text):
    """The line of ``text`` on which ``markup`` starts (1 if not found)."""
    first_line = markup.splitlines()[0] if markup else ""
    at = text.find(first_line)
    return checks.line_at(text, at) if at >= 0 else 1
