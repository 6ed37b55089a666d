"""A report's published words, read from its source as the desk wrote it:
what the record compares from one version to the next.

The headline, the standfirst, the editor's note, the text (the markup's
attributes and brackets out, its words in), and each quotation with its
speaker; and the Correction and Update lines, which say why the words
changed, apart. Read from the source, not through the reader: a version
from years ago is read as it was written, whatever the site's rules have
become since, and a version the reader would refuse still has words.
"""

import difflib
import re
from dataclasses import dataclass

from ..reading import checks
from ..reading.quotations import ATTRIBUTES, attributes_at, bracket_pairs

NOTES = ("correction", "update")
# A block quote's closing line naming its speaker.
BLOCK_SPEAKER = re.compile(r"^>\s*(\{[^\n]*\})\s*$")
ATTRIBUTE_BLOCK = re.compile(r"\]\{[^}\n]*\}")


@dataclass(frozen=True)
class Words:
    headline: str = ""
    standfirst: str = ""
    editor_note: str = ""
    text: str = ""
    prose: str = ""  # the text without its quotations: the reporter's own words
    quotations: tuple = ()  # (speaker, words), in reading order
    notes: tuple = ()  # the Correction and Update lines, as written

    def changes(self, newer):
        """What ``newer`` changed of these words, as a reader would name
        it ("the headline", "the words of quotation 3"), in order."""
        found = [what for field, what in (("headline", "the headline"), ("standfirst", "the standfirst"),
                                          ("editor_note", "the editor's note"))
                 if getattr(self, field) != getattr(newer, field)]
        for number, (old, new) in enumerate(zip(self.quotations, newer.quotations), 1):
            if old[1] != new[1]:
                found.append(f"the words of quotation {number}")
            if old[0] != new[0]:
                found.append(f"the speaker of quotation {number}")
        if len(self.quotations) != len(newer.quotations):
            found.append(f"the number of quotations ({len(self.quotations)} to {len(newer.quotations)})")
        if self.prose != newer.prose:
            found.append("the text")
        return found


def words_only(text):
    return " ".join(text.split())


def header_and_body(source):
    """The header's fields (name: list of values, continuation lines
    joined), the body, and the line the body starts on, as Pelican's
    Markdown reader splits them (`checks.META_KEY`, `checks.META_MORE`)."""
    fields, lines = {}, source.replace("\r\n", "\n").split("\n")
    name = None
    for at, line in enumerate(lines):
        if not line.strip():
            return fields, "\n".join(lines[at + 1:]), at + 2
        if name is not None and checks.META_MORE.match(line):
            fields[name][-1] += " " + line.strip()
        elif checks.META_KEY.match(line):
            name, value = line.split(":", 1)
            name = name.strip().lower()
            fields.setdefault(name, []).append(value.strip())
        else:
            return fields, "\n".join(lines[at:]), at + 1
    return fields, "", len(lines) + 1


def quoted_spans(text):
    """Each inline ``[…]{speaker=…}``: (start, end of its attributes,
    speaker, words as printed)."""
    for start, end in sorted(bracket_pairs(text).items()):
        attributes = attributes_at(text, end + 1) or ""
        match = ATTRIBUTES.fullmatch(attributes)
        if match and match.group("speaker"):
            yield start, end + 1 + len(attributes), match.group("speaker").strip(), plain(text[start + 1:end])


def without_quotations(text):
    """``text`` with every quotation (inline, and block quotes) taken out."""
    kept, at = [], 0
    for start, end, _, _ in quoted_spans(text):
        if start >= at:
            kept.append(text[at:start])
            at = end
    kept.append(text[at:])
    return "\n".join(line for line in "".join(kept).split("\n") if not line.startswith(">"))


def quotations_in(text):
    """Each ``[…]{speaker=…}`` and each block quote closed by
    ``{speaker=…}``: (speaker, words as printed)."""
    found = [(start, speaker, words) for start, _, speaker, words in quoted_spans(text)]
    block = []
    for at, line in enumerate_lines(text):
        if line.startswith(">"):
            closing = BLOCK_SPEAKER.match(line)
            attributes = ATTRIBUTES.fullmatch(closing.group(1)) if closing else None
            if attributes and attributes.group("speaker"):
                words = " ".join(b.lstrip(">").strip() for _, b in block)
                found.append((block[0][0] if block else at, attributes.group("speaker").strip(), plain(words)))
                block = []
            else:
                block.append((at, line))
        else:
            block = []
    return tuple((speaker, words) for _, speaker, words in sorted(found))


def enumerate_lines(text):
    at = 0
    for line in text.split("\n"):
        yield at, line
        at += len(line) + 1


def plain(markup):
    """Words as written, the quotation markup's attributes and brackets out."""
    return words_only(ATTRIBUTE_BLOCK.sub("", markup).replace("[", "").replace("]", ""))


def read(source):
    """The published `Words` of a report's source."""
    fields, body, _ = header_and_body(source)
    first = {name: values[0] for name, values in fields.items()}
    text = "\n".join(line for line in body.split("\n") if not BLOCK_SPEAKER.match(line))
    return Words(headline=plain(first.get("title", "")), standfirst=plain(first.get("summary", "")),
                 editor_note=plain(first.get("editor_note", "")), text=plain(text),
                 prose=plain(without_quotations(body)),
                 quotations=quotations_in(first.get("title", "")) + quotations_in(first.get("summary", ""))
                 + quotations_in(body),
                 notes=tuple(f"{name.title()}: {value}" for name in NOTES for value in fields.get(name, [])))


def word_changes(old, new):
    """``old`` to ``new`` a word at a time: (kind, words) runs, kind one of
    "same", "removed", "added", in order."""
    before, after = old.split(), new.split()
    runs = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append(("same", " ".join(before[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("removed", " ".join(before[i1:i2])))
        if j2 > j1:
            runs.append(("added", " ".join(after[j1:j2])))
    return runs
