"""What a report is made of, beyond what Pelican keeps of any article.

The reader makes a `Report` of each file (`reading/reader.py`); what is
only known once every file is read is joined in later, each by one stage:
``people`` (`people/register.py`), ``original`` and ``translated_as``
(`pages/translations.py`), ``share_images`` (`output/share_images.py`),
``href`` and ``output`` (`pages/addresses.py`). Each article and page holds
its own as ``item.report``; templates, the speaker pages, the JSON-LD and
the page cache read it there.
"""

import datetime
import os
from dataclasses import dataclass, field, fields

from .people import Speaker

# The photos' variants: widths, and where they go in the output.
WIDTHS = (480, 800, 1200, 1600)
FOLDER = "photos"
# Changing how variants are made (output/photos.py)? Change this, so that
# they are made again, at new addresses.
PHOTO_VERSION = "1"
FORMATS = ("webp", "jpg")  # every variant in each, the first preferred
# A photo's centre, across and down: where a crop is centred unless its Focus says.
CENTRE = (0.5, 0.5)


@dataclass(frozen=True, slots=True)
class Quotation:
    """``text``: the words, without the marks around them; ``printed``: as
    the page shows them, marks and all (paragraphs apart by a blank line);
    ``anchor``: the id of its first element in the report, or, for one in
    the headline or the standfirst (whose elements carry no id: they are
    shown again in listings), a text fragment (``:~:text=…``) that leads
    a browser to its words.
    A site holds tens of thousands: the printed form is kept only where it
    is more than the words between their two marks."""
    speaker: Speaker
    text: str
    shown: str = ""
    anchor: str = ""
    opening: str = ""
    closing: str = ""

    @property
    def printed(self):
        return self.shown or self.opening + self.text + self.closing


@dataclass(frozen=True, slots=True)
class Correction:
    """A dated note of a change to a published report: when it was made,
    and what it says; ``kind`` "correction" (an error put right) or
    "update" (news added)."""
    date: datetime.datetime
    html: str
    text: str
    kind: str = "correction"


@dataclass(frozen=True, slots=True)
class Photo:
    source: str  # the file in content/
    width: int
    height: int
    key: str
    alt: str = ""
    # What a crop keeps in view: across and down, 0 to 1 from the top left.
    focus: tuple[float, float] = CENTRE
    # The file's size and modification time when it was measured: a cached
    # reading of the report holds only while the file is as it was.
    stamp: tuple[int, ...] = ()  # reading.photo_files.stamp: size, times, inode

    def unchanged(self):
        """Whether the file is as it was measured (size, times and inode:
        `reading.photo_files.stamp`, which cp -p cannot keep)."""
        try:
            stat = os.stat(self.source)
        except OSError:
            return False
        return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino) == tuple(self.stamp)

    @property
    def widths(self):
        return sorted({w for w in WIDTHS if w < self.width} | {min(self.width, WIDTHS[-1])})

    def name(self, width, fmt):
        stem = os.path.splitext(os.path.basename(self.source))[0]
        return f"{FOLDER}/{stem}-{self.key[:10]}-{width}.{fmt}"

    def height_at(self, width):
        return round(self.height * width / self.width)

    def srcset(self, prefix, fmt):
        return ", ".join(f"{prefix}{self.name(w, fmt)} {w}w" for w in self.widths)

    @property
    def fallback_width(self):
        return min(self.widths, key=lambda w: abs(w - 800))

    def files(self):
        return [(self.name(w, fmt), w, fmt) for w in self.widths for fmt in FORMATS]


@dataclass(slots=True)
class Report:
    """One article's or page's reading, and what later stages join to it.
    Every field has a value, so templates read them without asking."""
    # Read from the file (cached with it).
    title_html: str = ""
    summary_text: str = ""
    editor_note: str | None = None
    editor_note_text: str = ""
    editor_note_lang: str = ""  # the note's language where it is not the report's (Editor_note_lang)
    source: str | None = None
    source_html: str = ""  # with its web addresses as links
    source_lang: str | None = None
    quotations: tuple[Quotation, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    photos: tuple[Photo, ...] = ()
    corrections: tuple[Correction, ...] = ()
    # Whether Date gives a time of day: one without is a day, shown and
    # published as a date, never as midnight somewhere.
    timed: bool = False
    # What the reading is made of, hashed (the file's bytes, its photos'
    # stamps), with the metadata fields it made and the files its text
    # links to: a page's key reads these instead of the reading itself
    # (`output/page_cache.py`).
    digest: str = ""
    fields: frozenset = frozenset()
    links: tuple[tuple[str, str], ...] = ()
    # Joined once every file is read.
    people: dict = field(default_factory=dict)
    original: object = None
    translated_as: tuple = ()
    share_images: tuple = ()
    href: str = ""
    output: str = ""
    # The record (record/versions.py): each published version, oldest
    # first, and the page that shows them where there is more than one.
    versions: tuple = ()
    changes_href: str = ""


# What later stages join to a reading: the fields from ``people`` on.
_FIELDS = [f.name for f in fields(Report)]
JOINED = tuple(_FIELDS[_FIELDS.index("people"):])
