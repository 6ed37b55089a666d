"""Pelican's Markdown reader, with attributed quotations, photos and checks.

The article body is read with `QuotationExtension` and `StructureExtension`;
the quotations it finds, each with its speaker, become the article's
``quotations`` metadata, the people quoted its ``speakers`` and its photos
its ``photos``: the theme and the share images use all three. The title,
standfirst and editor's note are read with the quotation markup too, with
the body's speakers: ``title`` is plain text with the marks as printed (for
``<title>``, feeds and machines) and ``title_html`` the headline with its
``q`` elements. Raw HTML is escaped everywhere (`raw_html.py`).

A file with problems (`checks.py`, quotation markup, photos, headings) is
refused: each problem is logged as ``file:line: what is wrong: what to do``
and the reader raises, so Pelican skips the file and the build fails
(plugins/build_guard).
"""

import dataclasses
import datetime
import hashlib
import logging
import os
import re
import sys
from urllib.parse import quote

from markdown import Markdown
from markupsafe import Markup
from pelican.readers import DUPLICATES_DEFINITIONS_ALLOWED, MarkdownReader
from pelican.urlwrappers import URLWrapper
from pelican.utils import set_date_tzinfo

from ..chrome import locales
from ..model.report import Correction, Report
from . import checks, safety
from .inline_patterns import SkippingInline
from .isolation import IsolationExtension
from .linked_text import linked
from .plain_text import plain_text
from .quotations import QuotationExtension, shorten
from .raw_html import RawHtmlAsText
from .slugs import slug_for
from .speakers import SpeakerError, parse_speakers
from .structure import StructureExtension

logger = logging.getLogger(__name__)

# A field of words alone: letters and digits with single spaces, dashes and
# ,.;:?!()%/ (and their Chinese forms) between them, not starting as a
# numbered list would ("1."). Markdown renders it as it stands, in a
# paragraph, so it is not given to Markdown (most headlines and standfirsts
# are such): tests/test_reader.py compares the two over thousands of texts.
PLAIN = re.compile(r"(?!\d+\.)[^\W_](?:[^\W_]|[,.;:?!()%/\-—–，。、；：？！（）]| (?! |$))*")
CORRECTION = re.compile(rf"^\s*(\d{{4}}-\d{{2}}-\d{{2}}(?:[ T]\d{{1,2}}:\d{{2}}{checks.OFFSET}?)?)\s*:\s*(\S.*)$")


class ContentRefused(ValueError):
    """The file is not fit to publish; its problems have been logged."""


class NewsroomReader(MarkdownReader):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Markdown instances made once and reset between files: making one
        # costs as much as converting an article.
        self.quoting = QuotationExtension(anchors=True)
        self.structure = StructureExtension(self.settings["PATH"])
        self.body = self.body_markdown()
        self.field_quoting = QuotationExtension(speakers={})
        self.fields = self.markdown(self.field_quoting, IsolationExtension())
        self.field_lang = "en"  # the report's Lang, which its fields are written in
        self.field_quotations = []  # what the fields read so far quote
        # A field's text is never metadata: "Note: …" in a standfirst is words.
        self.fields.preprocessors.deregister("meta")
        # One tag, section or author object per name (see process_metadata).
        self.named = {}
        # One set of field names per combination (most reports give the same).
        self.field_sets = {}

    def process_metadata(self, name, value):
        """Pelican's, except that every report naming a tag, section or
        author shares one object for it: Pelican makes one per mention, and
        saving the content cache gives each its own dictionary (about 60 MB
        at 10,000 reports); and a date the checks read is not read again."""
        def shared(item):
            if isinstance(item, URLWrapper):
                return self.named.setdefault((type(item), item.name), item)
            return item

        if name in ("date", "modified") and checks.DATE.match(value):
            return checks.parsed_date(value)  # Pelican's processors' get_date, once a date
        processed = super().process_metadata(name, value)
        return [shared(p) for p in processed] if isinstance(processed, list) else shared(processed)

    def read(self, source_path):
        self.source_path = source_path
        if not checks.inside(source_path, self.settings["PATH"]):
            self.refuse([(1, "is a link to a file outside content/: copy the file into content/ instead")])
        with open(source_path, "rb") as f:
            data = f.read()
        text, problems = checks.decode(data)
        if text is None:
            self.refuse(problems)
        problems += safety.characters(text, checks.line_at)
        problems += safety.references(text, checks.line_at)

        body = self.body.reset()
        self.structure.source_path = source_path
        try:
            content = body.convert(text)
        except RecursionError:
            # Markdown is left half-way through: the next file gets a new one.
            self.body = self.body_markdown()
            self.refuse([*problems, (1, "is nested too deeply (lists or quotations inside one another "
                                        "hundreds of levels down) for any reader: flatten it")])
        meta = getattr(body, "Meta", {})
        problems += safety.fields(meta, lambda name: checks.field_line(text, name))
        problems += [(line_of(url, text), message) for url, message in safety.take_link_problems(body)]
        problems += [(line_of(e.markup, text), str(e)) for e in self.quoting.take_problems()]
        problems += [(line_of(markup, text), message) for markup, message in body.content_problems]
        try:
            speakers = parse_speakers(meta.get("speakers", []))
        except SpeakerError as error:
            problems.append((line_of(error.line, text), str(error)))
            speakers = {}
        site_zone = self.settings.get("TIMEZONE") or "UTC"
        problems += checks.metadata(meta, text, self.is_article(source_path), site_zone)
        # Pelican gives Date and Modified this zone too, later.
        zone = checks.report_zone(meta, site_zone)
        problems += checks.links(text, source_path, self.settings["PATH"])

        self.field_quoting.given = speakers
        self.field_lang = checks.lang_of(meta)
        self.field_quotations = []
        # Dates already refused above would stop the parsing short.
        metadata = self.parse_fields(
            {k: v for k, v in meta.items() if k not in ("date", "modified") or checks.is_date(v[0])}
        )
        for name in self.settings["FORMATTED_FIELDS"]:
            if "<img" in str(metadata.get(name, "")):  # a field is read without the photo extension
                problems.append((checks.field_line(text, name), f"{name.title()} holds an image, which only "
                                 "the report's text can show: put the photo in the text, on a line of its own "
                                 "(![what it shows](images/…))"))
        title_html, in_fields = "", self.field_quotations
        if meta.get("title"):
            self.field_quotations = []
            title = self.inline(" ".join(meta["title"]))
            in_fields[:0] = self.field_quotations  # the headline's first
            metadata["title"], title_html = plain_text(title), Markup(title)
            if "slug" not in metadata:
                slug, problem = slug_for(metadata["title"], metadata.get("lang", ""), self.settings)
                if slug:
                    metadata["slug"] = slug
                if problem:
                    problems.append((checks.field_line(text, "title"), problem))
        corrections = []
        for kind in ("correction", "update"):
            for line in meta.get(kind, []):
                try:
                    corrections.append(self.correction(line, zone, kind))
                except ValueError as error:
                    problems.append((line_of(line, text), str(error)))
        # Every field is converted: what the quotation markup and the links
        # of all of them found (kept until taken, so none leaks to a file).
        problems += [(line_of(e.markup, text), str(e)) for e in self.field_quoting.take_problems()]
        problems += [(line_of(url, text), message) for url, message in safety.take_link_problems(self.fields)]
        if problems:
            self.refuse(problems)

        if corrections:
            corrections.sort(key=lambda c: c.date)
            latest = corrections[-1].date
            if "date" in metadata and corrections[0].date < set_date_tzinfo(metadata["date"], zone):
                kind = corrections[0].kind
                self.refuse([(checks.field_line(text, kind), f"a {kind.title()} is dated before the "
                              f"report's Date: give the day the {kind} was made")])
            if latest > set_date_tzinfo(metadata.get("modified", latest), zone):
                metadata["modified"] = latest
            metadata.setdefault("modified", latest)
        metadata["term_links"] = checks.term_links(text)
        # The report's own fields leave Pelican's metadata for its model.
        editor_note, source = metadata.pop("editor_note", None), metadata.pop("source", None)
        metadata.pop("speakers", None)
        names = frozenset(metadata)
        metadata["report"] = Report(
            title_html=title_html,
            summary_text=plain_text(metadata["summary"]) if "summary" in metadata else "",
            editor_note=editor_note,
            editor_note_text=plain_text(editor_note) if editor_note is not None else "",
            editor_note_lang=metadata.pop("editor_note_lang", "").strip(),
            source=source,
            source_html=linked(source) if source is not None else "",
            source_lang=metadata.pop("source_lang", None),
            quotations=(quotations := every_quotation(in_fields, body.quotations)),
            # Everyone quoted, once each, in order of first quotation.
            speakers=list(dict.fromkeys(q.speaker for q in quotations)),
            photos=body.photos,
            corrections=corrections,
            timed=checks.gives_time(meta.get("date", [""])[0]),
            digest=reading_digest(source_path, data, body.photos),
            fields=self.field_sets.setdefault(names, names),
            links=checks.file_links(content),
        )
        return content, metadata

    def parse_fields(self, meta):
        """The metadata as Pelican's Markdown reader makes it (through the
        public `process_metadata`), the formatted fields (FORMATTED_FIELDS:
        standfirst, editor's note) rendered with the quotation markup."""
        output = {}
        for name, values in meta.items():
            name = sys.intern(name.lower())  # one string per field name, not one per report
            if name in self.settings["FORMATTED_FIELDS"]:
                # The desk's note may be in another language than the report (Editor_note_lang).
                lang, self.field_lang = self.field_lang, (meta.get(f"{name}_lang") or [self.field_lang])[0].strip()
                output[name] = self.process_metadata(name, self.field("\n".join(values)))
                self.field_lang = lang
            elif len(values) > 1 and DUPLICATES_DEFINITIONS_ALLOWED.get(name, True):
                output[name] = self.process_metadata(name, values)
            else:
                output[name] = self.process_metadata(name, values[0])
        return output

    def correction(self, line, zone, kind="correction"):
        """One ``Correction`` (or ``Update``) line, ``YYYY-MM-DD[ HH:MM[
        ±HH:MM]]: what was wrong`` (what was added), its clock in ``zone``
        unless it gives its offset."""
        match = CORRECTION.match(line)
        name = kind.title()
        if not match:
            raise ValueError(f"{name} line '{shorten(line)}' is not 'YYYY-MM-DD: what was "
                             f"{'corrected' if kind == 'correction' else 'added'}' (a time may follow the date: "
                             "YYYY-MM-DD HH:MM)")
        problem = checks.date_problem(f"{name} date", match.group(1), zone,
                                      now=datetime.datetime.now(datetime.timezone.utc))
        if problem:
            raise ValueError(problem)
        date = set_date_tzinfo(checks.parsed_date(match.group(1)), zone)
        html = self.inline(match.group(2).strip())
        return Correction(date, Markup(html), plain_text(html), kind)

    def inline(self, text):
        """``text`` (a title) as inline HTML: never a list, heading or quote
        block, whatever it starts with ("1. ", "# ", "> ", "- ")."""
        text = re.sub(r"^(\d+)\.(\s)", r"\1\\.\2", text)
        text = re.sub(r"^([#>+*-])", r"\\\1", text)
        return self.field(text).removeprefix("<p>").removesuffix("</p>")

    def field(self, text):
        """A field's text as HTML, through Markdown unless it is PLAIN; the
        quotations it holds are kept in ``field_quotations``."""
        if PLAIN.fullmatch(text) and locales.direction(self.field_lang) == "ltr":  # right to left: isolated
            return f"<p>{text}</p>"
        self.fields.reset().Meta = {"lang": [self.field_lang]}  # no meta block of its own: the report's
        html = self.fields.convert(text)
        self.field_quotations += self.fields.quotations
        return html

    def markdown(self, *extensions):
        """Markdown as configured, raw HTML escaped, with ``extensions``."""
        settings = self.settings["MARKDOWN"]
        extensions = [*settings["extensions"], RawHtmlAsText(), safety.SafeLinks(), *extensions, SkippingInline()]
        return Markdown(**{**settings, "extensions": extensions})

    def body_markdown(self):
        """The Markdown that reads a report's body, with its extensions."""
        return self.markdown(self.quoting, self.structure, IsolationExtension())

    def is_article(self, source_path):
        relative = os.path.relpath(source_path, self.settings["PATH"])
        return not any(
            relative == p or relative.startswith(p.rstrip("/") + "/") for p in self.settings["PAGE_PATHS"]
        )

    def refuse(self, problems):
        # Pelican logs only that it "could not process" the file: say what
        # is wrong, and where, first.
        where = os.path.relpath(self.source_path)
        for line, message in sorted(set(problems)):
            logger.error("%s:%d: %s", where, line, message)
        raise ContentRefused(f"{where}: {len(problems)} problem(s)")


def every_quotation(in_fields, in_body):
    """The report's quotations: the headline's, the standfirst's, the
    editor's note's and the corrections' before the body's, each once (a
    headline that repeats words the body quotes is the body's quotation,
    anchored where it stands); one in a field is anchored by a text
    fragment of its words."""
    said = {(q.speaker, q.text) for q in in_body}
    fields = [dataclasses.replace(q, anchor=text_fragment(q.text)) for q in in_fields if (q.speaker, q.text) not in said]
    return [*dict.fromkeys(fields), *in_body]


def text_fragment(text):
    """A URL text fragment (``:~:text=…``) that finds ``text``: whole when
    short, else its first and last four words (``start,end``), the
    characters it reserves escaped."""
    words = text.split()
    if len(words) <= 8:
        return ":~:text=" + fragment_part(words)
    return f":~:text={fragment_part(words[:4])},{fragment_part(words[-4:])}"


def fragment_part(words):
    """Words as a text fragment writes them: "&", ",", "-" and every
    character an address reserves percent-encoded."""
    return quote(" ".join(words), safe="").replace("-", "%2D")


def reading_digest(source_path, data, photos):
    """What a reading is made of besides the settings and the code: the
    file (where it is, its bytes) and the stamp of each photo it measured."""
    digest = hashlib.sha256(f"{source_path}\n".encode())
    digest.update(data)
    for photo in photos:
        digest.update(f"\n{photo.source} {photo.stamp}".encode())
    return digest.hexdigest()


def line_of(markup, text):
    """The line of ``text`` on which ``markup`` starts (1 if not found)."""
    first_line = markup.strip().splitlines()[0] if markup and markup.strip() else ""
    at = text.find(first_line) if first_line else -1
    if at < 0 and first_line.startswith("> "):
        at = text.find(first_line[2:])
    return checks.line_at(text, at) if at >= 0 else 1
