"""Python-Markdown extension: photos with captions, accessible tables and
footnotes, and an outline under the headline.

A photo is an image alone on its line, optionally followed by its caption,
its credit and its focus, the point share cards crop around (across and
down, from the top left; the centre unless given)::

    ![Protesters outside the court, holding banners](images/court.jpg)
    Caption: Supporters gathered outside the court on Monday.
    Credit: Jane Doe / Rights Desk
    Focus: 30% 40%

It becomes ``figure.photo > picture + figcaption``: the reader checks the
file (`photo_files.py`) and leaves a slot where its ``<picture>`` goes
(`model/slots.py`); output makes its widths in WebP and JPEG
(`output/photos.py`) and its ``<picture>`` from the macro in
``partials/picture.html``. The first photo of the text loads at once, the
others lazily. Alt text is required; a photo from another site is refused
(the page would load it from there: save it under content/ instead).

A table may have a caption: a paragraph ``Table: …`` right before it. Its
header cells get ``scope="col"``, and it scrolls inside its own box when it
is wider than the screen. Footnotes (Python-Markdown's ``footnotes``) get
DPUB-ARIA roles and a heading. The text's headings are moved to sit under
the headline (the page's only ``h1``) without skipping a level.

Problems are appended to ``md.content_problems`` as (markup, message).
"""

import dataclasses
import os
import re
import xml.etree.ElementTree as etree
from urllib.parse import urlsplit

from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..model.report import CENTRE
from ..model.slots import slot
from . import checks, photo_files

IMAGE_LINE = re.compile(r"^!\[[^\]\n]*\]\([^)\n]*\)\s*$")
FIELD_LINE = re.compile(r"^(Caption|Credit|Focus)\s*:\s*(.*)$", re.IGNORECASE)
FOCUS = re.compile(r"^(\d{1,3}(?:\.\d+)?)%\s+(\d{1,3}(?:\.\d+)?)%$")
ALIGN = re.compile(r"text-align:\s*(left|right|center)")
TABLE_CAPTION = re.compile(r"^Table\s*:\s*")
LINK_PREFIX = re.compile(r"^\{(static|attach)\}")


def focus_point(text):
    """``Focus: 30% 40%`` as (0.3, 0.4), or None where it is not one."""
    match = FOCUS.match(text)
    if not match:
        return None
    across, down = (float(n) / 100 for n in match.groups())
    return (across, down) if across <= 1 and down <= 1 else None


class StructureExtension(Extension):
    """``source_path`` and ``content_path`` say where photos are found."""

    def __init__(self, content_path=""):
        super().__init__()
        self.content_path = content_path
        self.source_path = ""

    def extendMarkdown(self, md):
        md.registerExtension(self)
        self.md = md
        self.reset()
        # Before paragraphs (10) and tables (75): a photo block is no paragraph.
        md.parser.blockprocessors.register(PhotoBlock(md.parser), "photo", 80)
        # After inline parsing (20) and footnotes' placement (50); before
        # the quotation check (-10), which reads captions too.
        md.treeprocessors.register(Structure(md, self), "structure", 5)

    def reset(self):
        self.md.content_problems = []
        self.md.photos = []


class PhotoBlock(BlockProcessor):
    def test(self, parent, block):
        lines = block.split("\n")
        return bool(IMAGE_LINE.match(lines[0])) and all(FIELD_LINE.match(line) for line in lines[1:] if line.strip())

    def run(self, parent, blocks):
        lines = blocks.pop(0).split("\n")
        figure = etree.SubElement(parent, "figure", {"class": "photo"})
        figure.text = lines[0].strip()
        fields = {m.group(1).lower(): m.group(2).strip() for m in map(FIELD_LINE.match, lines[1:]) if m}
        if "focus" in fields:
            figure.set("data-focus", fields.pop("focus"))
        if fields.get("caption") or fields.get("credit"):
            caption = etree.SubElement(figure, "figcaption")
            for name in ("caption", "credit"):
                if fields.get(name):
                    etree.SubElement(caption, "span", {"class": name}).text = fields[name]


class Structure(Treeprocessor):
    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    def problem(self, markup, message):
        self.md.content_problems.append((markup, message))

    def run(self, root):
        self.headings(root)
        self.tables(root)
        self.footnotes(root)
        for figure in root.iter("figure"):
            credit = figure.find("figcaption/span[@class='credit']")
            if credit is not None:
                credit.text = slot("label", "photo_credit", 0) + credit.text + slot("label", "photo_credit", 1)
        self.images(root)

    def headings(self, root):
        """Headings as an outline under the headline: the highest level the
        text uses becomes ``h2``, and no heading is more than one level below
        the one before. Copy pasted with ``#`` or ``###`` subheads keeps its
        words; only the levels move."""
        found = [e for e in root.iter() if re.fullmatch(r"h[1-6]", e.tag)]
        if not found:
            return
        top, previous = min(int(e.tag[1]) for e in found), 1
        for element in found:
            level = min(int(element.tag[1]) - top + 2, previous + 1, 6)
            element.tag, previous = f"h{level}", level

    def tables(self, root):
        for parent in list(root.iter()):
            for index, table in enumerate(list(parent)):
                if table.tag != "table":
                    continue
                for th in table.iter("th"):
                    th.set("scope", "col")
                # Column alignment as a class: our CSP allows no style attribute.
                for cell in [*table.iter("th"), *table.iter("td")]:
                    align = ALIGN.search(cell.attrib.pop("style", ""))
                    if align:
                        cell.set("class", f"align-{align.group(1)}")
                box = etree.Element("div", {"class": "table-scroll", "tabindex": "0", "role": "region"})
                before = parent[index - 1] if index else None
                if before is not None and before.tag == "p" and TABLE_CAPTION.match(before.text or ""):
                    before.tag = "caption"
                    before.text = TABLE_CAPTION.sub("", before.text)
                    parent.remove(before)
                    table.insert(0, before)
                    caption_id = f"table-{sum(1 for _ in root.iter('caption'))}"
                    before.set("id", caption_id)
                    box.set("aria-labelledby", caption_id)
                else:
                    box.set("aria-label", slot("label_attribute", "table"))
                position = list(parent).index(table)
                parent.remove(table)
                box.append(table)
                parent.insert(position, box)

    def footnotes(self, root):
        for notes in root.iter("div"):
            if notes.get("class") != "footnote":
                continue
            notes.tag = "section"
            notes.set("class", "footnotes")
            notes.set("role", "doc-endnotes")
            notes.set("aria-labelledby", "notes-title")
            rule = notes.find("hr")
            if rule is not None:
                notes.remove(rule)
            heading = etree.Element("h2", {"id": "notes-title"})
            heading.text = slot("label", "notes", 0)
            notes.insert(0, heading)
            for number, back in enumerate(notes.iter("a"), 1):
                if back.get("class") == "footnote-backref":
                    back.set("role", "doc-backlink")
                    back.attrib.pop("title", None)
                    n = re.sub(r"\D", "", back.get("href", "")) or number
                    back.set("aria-label", slot("label_attribute", "back_to_reference", "n", n))
        for ref in root.iter("a"):
            if ref.get("class") == "footnote-ref":
                ref.set("role", "doc-noteref")

    def images(self, root):
        first = True
        for parent in list(root.iter()):
            for index, image in enumerate(list(parent)):
                if image.tag != "img":
                    continue
                picture = self.picture(image, eager=first, focus=parent.attrib.pop("data-focus", None))
                if picture is None:
                    continue
                replace_with_text(parent, image, picture)
                first = False
                # ![alt](photo.jpg "Caption"): the title is the caption.
                title = (image.get("title") or "").strip()
                if title and parent.get("class") == "photo" and parent.find("figcaption") is None:
                    caption = etree.SubElement(parent, "figcaption")
                    etree.SubElement(caption, "span", {"class": "caption"}).text = title

    def picture(self, image, eager, focus=None):
        src, alt = image.get("src", ""), (image.get("alt") or "").strip()
        where = f"![{alt}]({src})"
        point = focus_point(focus) if focus is not None else CENTRE
        if point is None:
            self.problem(f"Focus: {focus}", f"Focus '{focus}' is not a point of the photo: write Focus: 30% 40% "
                         "(across from the left edge, down from the top, each 0% to 100%)")
        if not alt:
            self.problem(where, f"photo {src!r} has no alt text: write ![what the photo shows]({src})")
        if urlsplit(src).scheme or src.startswith("//"):
            self.problem(where, f"photo {src!r} is on another site, which readers' browsers would be "
                         "asked to load: save it under content/images/ and write ![…]({static}/images/…)")
            return None
        file = checks.link_target(LINK_PREFIX.sub("", src), self.extension.source_path, self.extension.content_path)
        if not checks.inside(file, self.extension.content_path or os.path.dirname(self.extension.source_path)):
            self.problem(where, f"photo {src!r} is outside content/: keep photos in content/images/")
            return None
        if not os.path.isfile(file):
            self.problem(where, f"photo {src!r} does not exist: correct the path (relative to this "
                         "file, or {static}/… from content/)")
            return None
        try:
            photo = dataclasses.replace(photo_files.measure(file), alt=alt, focus=point or CENTRE)
        except photo_files.PhotoError as error:
            self.problem(where, f"photo {src!r} {error}")
            return None
        self.md.photos.append(photo)
        return slot("photo", len(self.md.photos) - 1, "eager" if eager else "lazy")


def replace_with_text(parent, element, text):
    """``element`` out of ``parent``, ``text`` where it was."""
    at = list(parent).index(element)
    text += element.tail or ""
    if at:
        parent[at - 1].tail = (parent[at - 1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(element)
