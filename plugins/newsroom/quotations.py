"""Python-Markdown syntax for attributed quotations.

A quotation inside a sentence keeps its quotation marks, as printed, inside
square brackets, followed by its speaker::

    Blinken said, [“Had an inspiring meeting today.”]{speaker=Blinken}

It becomes ``<q data-speaker="Antony Blinken">Had an inspiring meeting
today.</q>``: the browser draws the quotation marks (the HTML standard asks
that the text not repeat them), so the reader sees each mark once. Where the
source opens a quotation and never closes it, the element still closes, gets
the class ``unclosed`` and the stylesheet draws no closing mark.

A paragraph that is wholly a quotation is a Markdown block quote whose last
line names the speaker::

    > “He asked each of us to present our work.”
    > {speaker=Fujibiao}

It becomes ``<figure class="quotation"><blockquote data-speaker="…">…
</blockquote><figcaption>Fujibiao, Chinese human rights lawyer</figcaption>
</figure>``: the attribution outside the quotation, as the standard says.

Speakers are looked up in the article's ``Speakers`` field (see
`speakers.py`). A quotation with no speaker or an unknown one, markup that
does not close, and a curly opening quotation mark outside any marked-up
quotation all raise `QuotationError`, so no quotation reaches readers
unattributed. The quotations found are left on ``md.quotations`` in reading
order, each with its speaker and text, for the article's structured data.
"""

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from .speakers import Speaker, parse_speakers

OPEN, CLOSE = "“", "”"
# [“…”] optionally followed by {…}; the braces are checked in code so that a
# missing speaker or a missing "}" gets its own message.
INLINE_RE = r"\[(“[^\]]*)\](\{[^}\n]*\}?)?"
SPEAKER_RE = re.compile(r'\{\s*speaker\s*=\s*"?([^"}]+?)"?\s*\}')
BLOCK_SPEAKER_RE = re.compile(r"\n?(\{[^\n]*\}?)\s*$")


class QuotationError(ValueError):
    """Quotation markup that cannot be published. ``markup`` is the offending
    text as written, so the reader of the file can find its line."""

    def __init__(self, message, markup):
        super().__init__(message)
        self.markup = markup


@dataclass(frozen=True)
class Quotation:
    speaker: Speaker
    text: str

    @property
    def schema(self):
        """The quotation as a schema.org Quotation, credited to its speaker
        by reference: each speaker's Person is given once, in ``speakers``."""
        return {"@type": "Quotation", "text": self.text, "creator": {"@id": self.speaker.schema_id}}


def _shorten(text, width=50):
    return text if len(text) <= width else text[: width - 1] + "…"


class QuotationExtension(Extension):
    def extendMarkdown(self, md):
        md.registerExtension(self)
        self.md = md
        self.reset()
        # Before links (170) so that [“…”] is never read as a reference link.
        md.inlinePatterns.register(InlineQuotation(INLINE_RE, self), "quotation", 175)
        # Before inline parsing (20): the speaker line is still raw text then.
        md.treeprocessors.register(BlockQuotation(md, self), "block_quotation", 25)
        # After unescaping (0): sees the final text of every element.
        md.treeprocessors.register(QuotationCheck(md, self), "quotation_check", -10)

    def reset(self):
        self.md.quotations = []
        self.speakers = None

    def speaker(self, attributes, markup):
        """The `Speaker` that ``{speaker=Name}`` names."""
        if not attributes or not attributes.startswith("{"):
            raise QuotationError(
                f"quotation {_shorten(markup)!r} has no speaker: "
                "write {speaker=Name} right after its closing bracket",
                markup,
            )
        if not attributes.endswith("}"):
            raise QuotationError(
                f"quotation markup {_shorten(markup)!r} does not close: "
                "end it with {speaker=Name}",
                markup,
            )
        match = SPEAKER_RE.fullmatch(attributes)
        if not match:
            raise QuotationError(
                f"quotation {_shorten(markup)!r} has {attributes} where "
                "{speaker=Name} belongs",
                markup,
            )
        if self.speakers is None:
            self.speakers = parse_speakers(getattr(self.md, "Meta", {}).get("speakers", []))
        name = match.group(1).strip()
        try:
            return self.speakers[name]
        except KeyError:
            raise QuotationError(
                f"quotation {_shorten(markup)!r} names speaker {name!r}, who is "
                "not in the Speakers field: add a line 'Name | role | other names'",
                markup,
            ) from None


class InlineQuotation(InlineProcessor):
    def __init__(self, pattern, extension):
        super().__init__(pattern, extension.md)
        self.extension = extension

    def handleMatch(self, m, data):
        speaker = self.extension.speaker(m.group(2), m.group(0))
        words = m.group(1)[len(OPEN):]
        element = etree.Element("q", {"data-speaker": speaker.name})
        if words.endswith(CLOSE):
            words = words[: -len(CLOSE)]
        else:
            element.set("class", "unclosed")
        element.text = words
        return element, m.start(0), m.end(0)


class BlockQuotation(Treeprocessor):
    """Turns ``> …`` ending in ``{speaker=…}`` into figure > blockquote + figcaption."""

    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    def run(self, root):
        found = [
            (parent, index)
            for parent in root.iter()
            for index, child in enumerate(parent)
            if child.tag == "blockquote"
        ]
        for parent, index in found:
            parent[index] = self.figure(parent[index])

    def figure(self, quote):
        last = quote[-1] if len(quote) else None
        text = (last.text or "") if last is not None and last.tag == "p" else ""
        match = BLOCK_SPEAKER_RE.search(text)
        markup = "> " + text.strip()
        speaker = self.extension.speaker(match and match.group(1), markup)
        last.text = text[: match.start()]
        quote.set("data-speaker", speaker.name)
        figure = etree.Element("figure", {"class": "quotation"})
        figure.append(quote)
        etree.SubElement(figure, "figcaption").text = speaker.caption
        return figure


class QuotationCheck(Treeprocessor):
    """Collects the quotations in reading order, and refuses quotation marks
    or markup left outside them."""

    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    def run(self, root):
        self.visit(root)

    def visit(self, element):
        speaker = element.get("data-speaker")
        if speaker:
            text = "".join(element.itertext()).strip()
            if element.tag == "blockquote":  # keeps the marks as printed
                text = text.removeprefix(OPEN).removesuffix(CLOSE)
            quotation = Quotation(self.extension.speakers[speaker], text)
            self.md.quotations.append(quotation)
        else:
            self.check(element.text)
            for child in element:
                self.visit(child)
        self.check(element.tail)

    def check(self, text):
        if not text:
            return
        if "[“" in text or "{speaker" in text:
            at = text.find("[“") if "[“" in text else text.find("{speaker")
            markup = text[at:]
            raise QuotationError(
                f"quotation markup {_shorten(markup)!r} does not close: "
                "write [“…”]{speaker=Name}",
                markup,
            )
        if OPEN in text:
            markup = text[text.find(OPEN):]
            raise QuotationError(
                f"quotation mark without markup at {_shorten(markup)!r}: "
                "mark the quotation up as [“…”]{speaker=Name}",
                markup,
            )
