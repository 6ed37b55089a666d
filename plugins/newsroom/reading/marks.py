"""Quotation marks as newsrooms print them, and telling them from apostrophes.

Copy reaches us with English curly marks (“…”, ‘…’), straight ones from a
keyboard ("…", '…'), Chinese and Japanese corner brackets (「…」, 『…』, and
their halfwidth, fullwidth and vertical forms), guillemets («…», ‹…›, and
»…« as German prints them), low-high marks („…“, „…”, ‚…‘), reversed and
prime marks (‟…”, ‛…’, 〝…〟) and ornaments (❝…❞). `PAIRS` maps each
opening mark to the marks that may close it. Every character of Unicode's
Quotation_Mark property (and the ornaments) is a mark here (`MARKS`).

`stray_mark` finds a quotation mark in text that no markup claims, and
leaves apostrophes alone: it’s, Wang’s, O'Brien, the States’ (possessive),
rock 'n' roll, ’tis and the ’90s are words, not quotations. `entity_mark`
finds a mark written as an HTML entity (``&ldquo;``, ``&#8220;``), which
would reach readers as a mark that no check had seen.
"""

import html
import re

import regex

from ..chrome.scripts import UNSPACED

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
    "›": "‹",
    "„": "“”",
    "‚": "‘’",
    "‟": "”",
    "‛": "’",
    "⹂": "“”",
    "〝": "〞〟",
    "＂": "＂",
    "＇": "＇",
    "｢": "｣",
    "﹁": "﹂",
    "﹃": "﹄",
    "❝": "❞",
    "❛": "❜",
    "🙶": "🙷",
}
OPENING = "".join(PAIRS)
CLOSING = "".join(dict.fromkeys("".join(PAIRS.values())))
# Unicode's Quotation_Mark property, and the ornaments that print as marks.
MARKS = "".join(dict.fromkeys(OPENING + CLOSING + "🙸"))
# Single marks, which may also be apostrophes; every other mark only ever quotes.
SINGLE_OPENING_MARKS = "'‘‛＇❛"
SINGLE_CLOSING_MARKS = "'’＇❜"
ALWAYS = "".join(m for m in MARKS if m not in SINGLE_OPENING_MARKS + SINGLE_CLOSING_MARKS)
ALWAYS_MARK = re.compile(f"[{re.escape(ALWAYS)}]")
# Elisions that start with an apostrophe: 'n' (rock 'n' roll), 'em, 'tis…
ELISIONS = re.compile(r"(?:n['’](?!\w)|(?:em|tis|twas|til|cause|cos|bout|round|s)\b)", re.IGNORECASE)
# A decade or a year ('90s, '05): an elision too, unless a mark closes it.
DECADE = re.compile(r"\d\d(?:s\b|(?!\d))")
# An opening single mark: not after a letter or digit (O'Brien), before a
# letter, a digit or an ellipsis, or an opening bracket before one ('(twice)').
SINGLE_OPENING = re.compile(f"(?<![^\\W_])([{re.escape(SINGLE_OPENING_MARKS)}])(?=[(\\[]?(?:[^\\W_]|…|\\.\\.\\.))")
# Single marks that open a quotation whether or not it closes.
OPENS_ONLY = "‘‛❛"
# A closing single mark: after a non-space, not followed by a letter or digit.
SINGLE_CLOSING = re.compile(f"(?<=\\S)[{re.escape(SINGLE_CLOSING_MARKS)}](?![^\\W_])")
# A single mark beside a CJK character: Chinese has no apostrophe, so it
# always quotes ('只表示…', 说‛…’).
SINGLE_BY_CJK = regex.compile(f"{UNSPACED.pattern}[{re.escape(SINGLE_OPENING_MARKS + SINGLE_CLOSING_MARKS)}]|"
                              f"[{re.escape(SINGLE_OPENING_MARKS + SINGLE_CLOSING_MARKS)}]{UNSPACED.pattern}",
                              regex.V1)
# An HTML character reference (named or numbered) in text.
REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

# How each kind of mark is named in a message.
NAMES = {
    '"': "a straight double quotation mark",
    "'": "a straight single quotation mark",
    "“": "an opening quotation mark",
    "”": "a closing quotation mark",
    "‘": "an opening single quotation mark",
    "’": "a closing single quotation mark",
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
    "‟": "a reversed opening quotation mark",
    "‛": "a reversed single opening quotation mark",
    "⹂": "a low reversed opening quotation mark",
    "〝": "an opening double prime quotation mark",
    "〞": "a closing double prime quotation mark",
    "〟": "a low closing double prime quotation mark",
    "＂": "a fullwidth quotation mark",
    "＇": "a fullwidth single quotation mark",
    "｢": "a halfwidth opening corner bracket",
    "｣": "a halfwidth closing corner bracket",
    "﹁": "a vertical opening corner bracket",
    "﹂": "a vertical closing corner bracket",
    "﹃": "a vertical opening white corner bracket",
    "﹄": "a vertical closing white corner bracket",
    "❝": "an ornamental opening quotation mark",
    "❞": "an ornamental closing quotation mark",
    "❛": "an ornamental single opening quotation mark",
    "❜": "an ornamental single closing quotation mark",
    "🙶": "an ornamental opening quotation mark",
    "🙷": "an ornamental closing quotation mark",
    "🙸": "an ornamental quotation mark",
}
# Marks of one family look alike to a reader, whichever pair they belong
# to: inside “…”, a " or a ” closes just as well.
FAMILIES = ["“”\"„‟⹂〝〞〟＂❝❞🙶🙷🙸", "‘’'‚‛＇❛❜", "«»", "‹›", "「」｢｣﹁﹂", "『』﹃﹄"]
FAMILY = {mark: family for family in FAMILIES for mark in family}
# The opening mark of the pair a closing mark ends (for a message's example).
OPENED_BY = {closing: opening for opening, closings in reversed(PAIRS.items()) for closing in closings}


def closes(opening, text):
    """Whether ``text`` (a quotation's words with their opening mark) ends
    with a mark that closes ``opening``."""
    return len(text) > 1 and text[-1] in PAIRS[opening]


def family_closings(opening):
    """The closing marks of ``opening``'s family: its own, and those of
    every pair that looks like it."""
    return "".join(mark for mark in FAMILY[opening] if mark in CLOSING)


def stray_mark(text):
    """The index of the first quotation mark in ``text``, or None.

    Every double mark, every mark that is never an apostrophe, and every
    single mark beside a CJK character counts.
    A single mark counts where it opens a quoted word (‘moderate’,
    'moderate', said:‘We…, ‘1,000…’, '…and'), and is closed later in the
    same text; an opening ‘ counts whether closed or not; an apostrophe
    inside or at the end of a word, or before an elision, never does."""
    found = [m.start()] if (m := ALWAYS_MARK.search(text)) else []
    if m := SINGLE_BY_CJK.search(text):
        found.append(m.start() + (0 if text[m.start()] in SINGLE_OPENING_MARKS + SINGLE_CLOSING_MARKS else 1))
    for match in SINGLE_OPENING.finditer(text):
        at = match.start(1)
        if ELISIONS.match(text, at + 1):
            continue
        opens = text[at] in OPENS_ONLY and not DECADE.match(text, at + 1)
        if opens or SINGLE_CLOSING.search(text, at + 2):
            found.append(at)
            break
    return min(found, default=None)


def entity_mark(text):
    """The first character reference in ``text`` that stands for a
    quotation mark, as (index, reference, mark), or None."""
    for match in REFERENCE.finditer(text):
        character = html.unescape(match.group())
        if character in MARKS:
            return match.start(), match.group(), character
    return None


def describe(mark):
    return NAMES.get(mark, f"a quotation mark (U+{ord(mark):04X})")


def example(mark, default="“"):
    """The markup to write, in the marks the source used around ``mark``;
    ``default`` (the language's opening mark) where it shows none."""
    opening = mark if mark in PAIRS else OPENED_BY.get(mark, default)
    closing = PAIRS[opening][0]
    pair = f"{opening}…{closing}"
    return (f"write [{pair}]{{speaker=Name}} for a quotation, [{pair}]{{term}} for a quoted term, [{pair}]{{name}} "
            f"for the name of an organisation, a publication or an event, or [{pair}]{{title}} for a title")
