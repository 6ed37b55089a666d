"""Latin words inside right-to-left text, isolated so that they never
scramble the sentence around them.

In a report written right to left (Uyghur in Arabic script, Persian,
Arabic), a Latin name, the number after it or a web address runs left to
right inside the sentence. Left to the Unicode bidirectional algorithm
alone, the digits and punctuation beside such a run join it: in
"… Human Rights Watch 2024-يىلى …" the year moves to the wrong side of the
name. Each run of Latin words (with the digits and punctuation inside it,
not the sentence's own after it) becomes ``<bdi>``: its own direction, the
sentence's order around it kept. Code, and elements that already say their
direction, are left as they are.
"""

import re
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..chrome import locales

LETTER = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
ENDS = LETTER + "0-9/"
INSIDE = ENDS + ".,'’/:@&+%#?=~_\\-"
WORD = f"[{LETTER}](?:[{INSIDE}]*[{ENDS}])?"
# Latin words, each from a letter to a letter or digit, with the spaces
# between; a number after them is the sentence's ("2024-يىلى", in 2024).
LATIN_RUN = re.compile(f"{WORD}(?:[ \u00a0]+{WORD})*")
LEFT_ALONE = {"code", "pre", "bdi", "kbd", "samp", "script", "style"}


class IsolationExtension(Extension):
    def extendMarkdown(self, md):
        md.registerExtension(self)
        # After the quotations are collected and checked (-10): the words
        # they hold are the source's, whatever elements isolate them.
        md.treeprocessors.register(Isolate(md), "isolate_latin", -20)


class Isolate(Treeprocessor):
    def run(self, root):
        lang = (getattr(self.md, "Meta", {}).get("lang") or ["en"])[0]
        if locales.direction(lang) == "rtl":
            isolate(root)


def pieces(text):
    """``text`` split into (text, isolated) pieces."""
    found, at = [], 0
    for match in LATIN_RUN.finditer(text or ""):
        found += [(text[at: match.start()], False), (match.group(), True)]
        at = match.end()
    return found + [(text[at:], False)] if found else None


def isolated(words):
    element = etree.Element("bdi")
    element.text = words
    return element


def isolate(element):
    """Every Latin run in ``element``'s text and its descendants' as ``bdi``."""
    children = list(element)
    split = pieces(element.text)
    if split:
        element.text, inserted = split[0][0], [isolated(w) if own else w for w, own in split[1:]]
        attach(element, 0, inserted)
    for child in children:
        if child.tag not in LEFT_ALONE and child.get("dir") is None:
            isolate(child)
        split = pieces(child.tail)
        if split:
            child.tail = split[0][0]
            attach(element, list(element).index(child) + 1, [isolated(w) if own else w for w, own in split[1:]])


def attach(parent, index, parts):
    """``parts`` (an element, the text after it, an element…) into
    ``parent`` from ``index``."""
    for part in parts:
        if isinstance(part, str):
            last.tail = part
        else:
            parent.insert(index, part)
            index, last = index + 1, part
