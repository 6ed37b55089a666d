"""What an editor, or an attacker, may not put in a file: each check returns
problems as ``(line, message)``, like `checks.py`.

- characters that hide or break text: NUL and other control characters,
  the bidirectional overrides that make text read other than it is, and
  direction marks outside right-to-left text;
- fields of nothing but invisible characters;
- paths that leave their tree: a Slug, Save_as or Url that is not a plain
  relative path, a link or photo that resolves outside content/ (symlinks
  followed);
- a Template that is not one of the theme's templates for content;
- a Lang that is not a BCP 47 tag (dates: `checks.metadata`);
- links whose scheme could run code (javascript:, vbscript:, data:…): only
  http, https, mailto, relative and fragment links are published;
- content big enough to make the build pathologically slow (`LIMITS`);
- a quotation mark in a field that cannot hold quotation markup (tags,
  section, author, source, slug, speakers' names and roles), and a mark
  written as an HTML reference anywhere (``&ldquo;``), which no check
  would see as a mark;
- a footnote label defined twice (the first note would vanish).
"""

import html
import re
import unicodedata
from urllib.parse import unquote

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from . import marks

# Bounded work: what one file may hold. docs/markup.md states these.
LIMITS = {"bytes": 2_000_000, "title": 300, "summary": 2_000, "tags": 50, "speakers": 200}
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
FIELD_NAME = re.compile(r"[A-Za-z][\w-]*[ \t]*:")
DIRECTION_MARK = re.compile(r"[\u200e\u200f\u061c]")
SLUG = re.compile(r"^\w[\w-]*$")
PATH = re.compile(r"^(?!/)(?!.*(?:^|/)\.\.?(?:/|$))[\w./-]+$")
LANG = re.compile(r"^[a-z]{2,3}(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*$", re.I)
TEMPLATES = {"article", "page"}
# Fields of plain text, shown as they are: no quotation markup in them.
PLAIN_FIELDS = {"tags": "a topic", "category": "a section", "author": "an author", "authors": "an author",
                "source": "a source", "slug": "a slug", "translation_of": "a slug",
                "speakers": "a speaker's name or role"}
FOOTNOTE = re.compile(r"^ {0,3}\[\^([^\]\n]+)\]:", re.MULTILINE)
SCHEMES = {"http", "https", "mailto"}
SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")


def shorten(text, width=50):
    """``text`` on one line, cut with … past ``width`` characters (for a message)."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def visible(text):
    """``text`` without whitespace and the characters that show nothing."""
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) not in ("Cf", "Cc", "Mn", "Zs"))


def strong_direction(text, at, step):
    """The direction of the first strong character from ``at`` going
    ``step`` (1 or -1) within its line: "L", "R" or None."""
    while 0 <= at < len(text) and text[at] != "\n":
        direction = unicodedata.bidirectional(text[at])
        if direction in ("L", "R", "AL"):
            return "L" if direction == "L" else "R"
        at += step
    return None


def stray_direction_mark(text):
    """The index of the first direction mark (U+200E, U+200F, U+061C)
    inside a left-to-right run of a left-to-right line (the first strong
    letter on each side, or where there is none on a side, the line's
    first, is left to right, and so is the line's first), or None. In
    right-to-left text a mark places digits and Latin names, and between
    two Latin names it keeps them apart, each read in the line's order;
    inside a left-to-right run of a left-to-right line it only moves what
    readers see ("5\u200f-10 years" shows 510- years) while machines read
    the characters in order."""
    for match in DIRECTION_MARK.finditer(text):
        at = match.start()
        line = text.rfind("\n", 0, at) + 1
        field = FIELD_NAME.match(text, line)  # a header line's direction is its value's
        base = strong_direction(text, field.end() if field else line, 1)
        sides = (strong_direction(text, at - 1, -1) or base, strong_direction(text, at + 1, 1) or base)
        if base == "L" and sides == ("L", "L"):
            return at
    return None


def characters(text, line_at):
    """Control and bidirectional override characters, and direction marks
    in left-to-right text, at their line."""
    problems = []
    for pattern, what in ((CONTROL, "a control character"), (BIDI, "a bidirectional override character")):
        match = pattern.search(text)
        if match:
            problems.append((line_at(text, match.start()),
                             f"has {what} (U+{ord(match.group()):04X}), which hides or breaks text: delete it"))
    if (at := stray_direction_mark(text)) is not None:
        problems.append((line_at(text, at), f"has a direction mark (U+{ord(text[at]):04X}) in left-to-right text, "
                         "which shows its words in another order than machines read them: delete it (a "
                         "direction mark belongs beside right-to-left letters)"))
    return problems


def fields(meta, field_line):
    """The header's fields: invisible, oversized, ill-formed or unsafe values."""
    problems = []

    def refuse(name, message):
        problems.append((field_line(name), message))

    for name in ("title", "slug", "tags", "category", "author", "authors"):
        for value in meta.get(name, []):
            parts = value.split(",") if name in ("tags", "authors") else [value]
            if any(part.strip() and not visible(part) for part in parts):
                refuse(name, f"{name.capitalize()} has nothing but invisible characters: write it in words")
    title = " ".join(meta.get("title", []))
    if len(title) > LIMITS["title"]:
        refuse("title", f"Title is {len(title):,} characters long: a headline may have {LIMITS['title']}")
    summary = " ".join(meta.get("summary", []))
    if len(summary) > LIMITS["summary"]:
        refuse("summary", f"Summary is {len(summary):,} characters long: a standfirst may have {LIMITS['summary']}")
    tags = [t for value in meta.get("tags", []) for t in value.split(",") if t.strip()]
    if len(tags) > LIMITS["tags"]:
        refuse("tags", f"Tags lists {len(tags):,} topics: a report may have {LIMITS['tags']}")
    if len(meta.get("speakers", [])) > LIMITS["speakers"]:
        refuse("speakers", f"Speakers lists more than {LIMITS['speakers']} speakers: split the report")
    for value in meta.get("slug", []):
        if not SLUG.match(value.strip()):
            refuse("slug", f"Slug {value.strip()!r} may hold only letters, digits and hyphens: "
                   "write it like blinken-human-rights-defenders")
    for name in ("save_as", "url"):
        for value in meta.get(name, []):
            if not PATH.match(value.strip()):
                refuse(name, f"{name.capitalize()} {value.strip()!r} is not a plain relative path inside the "
                       "site (letters, digits, - _ . / and no ..): correct it, or remove the field")
    for value in meta.get("template", []):
        if value.strip() not in TEMPLATES:
            refuse("template", f"Template {value.strip()!r} is not one of the theme's templates for "
                   "reports and pages: remove the field")
    for name, what in PLAIN_FIELDS.items():
        for value in meta.get(name, []):
            at = marks.stray_mark(value)
            if at is not None:
                refuse(name, f"{name.capitalize()} '{value.strip()}' has {marks.describe(value[at])}: {what} is "
                       "plain text and cannot hold a quotation: write it without quotation marks")
    for name, value in [(name, value) for name in ("lang", "source_lang", "editor_note_lang")
                        for value in meta.get(name, [])]:
        tag = value.strip()
        subtags = tag.lower().split("-")
        if len(tag) > 35 or len(set(subtags)) < len(subtags) or not LANG.match(tag):
            refuse(name, f"{name.capitalize()} {shorten(tag, 40)!r} is not a language tag (BCP 47, at most 35 "
                   "characters, no subtag twice): write en, zh, zh-Hant, fr…")
    return problems


def references(text, line_at):
    """Quotation marks written as HTML references, and footnote labels
    defined twice."""
    problems = []
    found = marks.entity_mark(text)
    if found:
        at, reference, mark = found
        problems.append((line_at(text, at), f"writes {marks.describe(mark)} as {reference}, which reaches readers as "
                         f"a mark no check has seen: write the mark itself ({mark}), and mark up the quotation"))
    seen = {}
    for match in FOOTNOTE.finditer(text):
        label, line = match.group(1), line_at(text, match.start())
        if label in seen:
            problems.append((line, f"footnote [^{label}] is defined twice (lines {seen[label]} and {line}): the "
                             "first note would vanish: give each note a label of its own"))
        seen.setdefault(label, line)
    return problems


def link_problem(url):
    """Why a link or image source may not be published, or None."""
    cleaned = re.sub(r"[\s\x00-\x1f]", "", html.unescape(unquote(url))).lower()
    match = SCHEME.match(cleaned)
    if match and match.group(1) not in SCHEMES:
        return (f"links to {url[:60]!r}, whose {match.group(1)}: scheme could run code or hide a "
                "file: only http, https and mailto links, and links within the site, are published")
    return None


class SafeLinks(Extension):
    """Every ``href`` and ``src`` the Markdown makes is checked; problems go
    to ``md.link_problems`` as (markup, message)."""

    def extendMarkdown(self, md):
        md.link_problems = []
        # After inline parsing (20), when every link is an element.
        md.treeprocessors.register(LinkCheck(md), "safe_links", 6)


def take_link_problems(md):
    """The link problems found since last asked (Markdown's reset keeps
    them: Pelican resets it between the fields of one file)."""
    problems, md.link_problems = md.link_problems, []
    return problems


class LinkCheck(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            for attribute in ("href", "src"):
                url = element.get(attribute)
                problem = url and link_problem(url)
                if problem:
                    self.md.link_problems.append((url, problem))
