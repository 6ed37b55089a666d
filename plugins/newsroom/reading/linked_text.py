"""Plain text as HTML, its web addresses as links: a report's ``Source``,
which may name the original by its address."""

import re

from markupsafe import Markup, escape

ADDRESS = re.compile(r"https?://[^\s<>\"]+")
# Punctuation after an address is the sentence's, not the address's.
TRAILING = re.compile(r"[.,;:!?'\"”’」』。，、；：！？]+$")


def linked(text):
    """``text`` escaped, each http(s) address in it a link to itself."""
    parts, last = [], 0
    for match in ADDRESS.finditer(text or ""):
        address = TRAILING.sub("", match.group(0))
        # A closing bracket without its opening one closes the sentence's.
        while address.endswith(")") and address.count("(") < address.count(")"):
            address = address[:-1]
        parts += [escape(text[last:match.start()]), Markup('<a href="{0}">{0}</a>').format(address)]
        last = match.start() + len(address)
    return Markup("").join([*parts, escape((text or "")[last:])])
