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
from ..model.slots import SLOT
from . import checks
from .quotations import PLACEHOLDER

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
        if locales.direction(checks.lang_of(getattr(self.md, "Meta", {}))) == "rtl":
            isolate(root)


def hidden(match):
    return "\x00" * len(match.group())


def split(text):
    """``text`` as the words before its first Latin run, and each run as a
    ``bdi`` whose tail is the words after it; None where it has no run."""
    # Markdown's placeholders (an entity, raw HTML: \x02wzxhzdk:0\x03) are
    # restored after this runs, and the site's slots filled (their labels
    # isolated then): no run may cut one.
    runs = list(LATIN_RUN.finditer(SLOT.sub(hidden, PLACEHOLDER.sub(hidden, text or ""))))
    if not runs:
        return None
    isolated = []
    for number, run in enumerate(runs):
        element = etree.Element("bdi")
        element.text = run.group()
        element.tail = text[run.end(): runs[number + 1].start() if number + 1 < len(runs) else len(text)]
        isolated.append(element)
    return text[: runs[0].start()], isolated


def isolate(element):
    """Every Latin run in ``element``'s text and its descendants' as ``bdi``."""
    children = list(element)
    if found := split(element.text):
        element.text, isolated = found
        element[0:0] = isolated
    for child in children:
        if child.tag not in LEFT_ALONE and child.get("dir") is None:
            isolate(child)
        if found := split(child.tail):
            child.tail, isolated = found
            at = list(element).index(child) + 1
            element[at:at] = isolated
