"""What the site says inside a report's body, left by the reader as a slot
where it goes and filled when the body is first rendered
(`output/body_slots.py`): the labels around the report's own words
("Notes", "Photo: …", "Back to reference 2", "Table", the comma between a
person's name and role in a block quotation's caption) in the report's
language, and each photo's ``<picture>`` (``partials/picture.html``, the
theme's or the plugin's own).

So a reading, which Pelican's content cache keeps from build to build,
holds what the report's file says and nothing the site says around it: a
label reworded or the picture's markup changed is a change to pages, and
no report is read again for it.

A slot is ``\\x1a`` kind ``\\x1f`` argument … ``\\x1a``. No report can
write one (a source holding a control character is refused,
`reading/safety.py`), and Markdown's serializer writes them as they are.
"""

import re

MARK, SEPARATOR = "\x1a", "\x1f"
SLOT = re.compile("\x1a([^\x1a]*)\x1a")


def slot(kind, *arguments):
    return MARK + SEPARATOR.join((kind, *map(str, arguments))) + MARK


def fill(text, fillers):
    """``text`` with each slot replaced by ``fillers[kind](*arguments)``."""
    def filled(match):
        kind, *arguments = match.group(1).split(SEPARATOR)
        return fillers[kind](*arguments)
    return SLOT.sub(filled, text)
