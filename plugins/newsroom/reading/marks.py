"""Quotation marks as newsrooms print them, and telling them from apostrophes.

Copy reaches us with English curly marks (“…”, ‘…’), straight ones from a
keyboard ("…", '…'), Chinese and Japanese corner brackets (「…」, 『…』),
guillemets («…», ‹…›, and »…« as German prints them) and low-high marks
(„…“, „…”, ‚…‘). `PAIRS` maps each opening mark to the marks that may close
it. `stray_mark` finds a quotation mark in text that no markup claims, and
leaves apostrophes alone: it’s, Wang’s, O'Brien, the States’ (possessive),
rock 'n' roll, ’tis and the ’90s are words, not quotations.
"""

import re

PAIRS = {
    "“": "”",
    '"': '"',
    "‘": "’",
    "'": "'",
    "「": "」",
    "『": "』",
    "«": "»",
    "‹": "›",
    "»": "«",
    "„": "“”",
    "‚": "‘’",
}
OPENING = "".join(PAIRS)
# Marks that only ever quote: any of these outside markup is a quotation.
ALWAYS = "“”\"「」『』«»‹›„‚"
ALWAYS_MARK = re.compile(f"[{re.escape(ALWAYS)}]")
# Elisions that start with an apostrophe: 'n' (rock 'n' roll), 'em, 'tis…
ELISIONS = re.compile(r"(?:n['’](?!\w)|(?:em|tis|twas|til|cause|cos|bout|round|s)\b)", re.IGNORECASE)
# An opening single mark: at the start of a word (after nothing, a space, a
# bracket or a dash), before a letter; a digit after it is an elision ('90s).
SINGLE_OPENING = re.compile(r"(?:^|(?<=[\s(\[—–-]))(['‘])(?=[^\W\d_])")
# A closing single mark: after a non-space, not followed by a letter or digit.
SINGLE_CLOSING = re.compile(r"(?<=\S)['’](?![^\W_])")

# How each kind of mark is named in a message.
NAMES = {
    '"': "a straight double quotation mark",
    "'": "a straight single quotation mark",
    "“": "an opening quotation mark",
    "”": "a closing quotation mark",
    "‘": "an opening single quotation mark",
    "「": "an opening corner bracket",
    "」": "a closing corner bracket",
    "『": "an opening white corner bracket",
    "』": "a closing white corner bracket",
    "«": "a guillemet",
    "»": "a guillemet",
    "‹": "a single guillemet",
    "›": "a single guillemet",
    "„": "a low opening quotation mark",
    "‚": "a low single opening quotation mark",
}


def closes(opening, text):
    """Whether ``text`` (a quotation's words with their opening mark) ends
    with a mark that closes ``opening``."""
    return len(text) > 1 and text[-1] in PAIRS[opening]


def stray_mark(text):
    """The index of the first quotation mark in ``text``, or None.

    Every double mark, and the low single mark, counts. A single mark counts where it opens a quoted
    word (‘moderate’, 'moderate') and is closed later in the same text, and
    an opening ‘ counts whether closed or not; an apostrophe inside or at
    the end of a word never does."""
    found = [m.start()] if (m := ALWAYS_MARK.search(text)) else []
    for match in SINGLE_OPENING.finditer(text):
        at = match.start(1)
        if ELISIONS.match(text, at + 1):
            continue
        if text[at] == "‘" or SINGLE_CLOSING.search(text, at + 2):
            found.append(at)
            break
    return min(found, default=None)


def describe(mark):
    return NAMES.get(mark, "a quotation mark")
