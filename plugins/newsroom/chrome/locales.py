"""What CLDR knows about a language tag: its script, the direction that
script runs, the Babel locale that writes its dates and numbers, and the
quotation marks it prints.

A tag names a language and, often, leaves its script implied: ``ug`` is
Uyghur in Arabic script, ``ug-Cyrl`` Uyghur in Cyrillic, ``zh-TW``
traditional Chinese. `script` fills the gap from CLDR's likely subtags, so
two tags are the same writing where their language and script are.

`locale` is the Babel locale for a tag only where CLDR has that language in
that script: Babel itself would take ``ug-Cyrl`` for ``ug`` and write its
dates in Arabic script; here it gets none, and its catalogue's own names.

`quotation_marks` is CLDR's delimiters (quotationStart, quotationEnd and the
alternate pair) for a tag. Babel does not carry them, so
``quotation_marks.json`` holds them, taken from CLDR 48.2's
``cldr-misc-full`` (npm) ``main/<tag>/delimiters.json``, a tag kept only
where its marks differ from its parent's.
"""

import functools
import json
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global

# Scripts written right to left (CLDR's scriptMetadata, "rtl": "YES", of
# the scripts in use today).
RIGHT_TO_LEFT = {"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg", "Mand", "Samr", "Mend", "Yezi"}
QUOTATION_MARKS = json.loads((Path(__file__).parent / "quotation_marks.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def subtags(tag):
    """(language, script, territory) of a BCP 47 tag, as CLDR spells them;
    missing ones are ""."""
    parts = (tag or "en").replace("_", "-").split("-")
    language, script, territory = parts[0].lower(), "", ""
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha() and not script:
            script = part.title()
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            territory = territory or part.upper()
    return language, script, territory


@functools.lru_cache(maxsize=None)
def script(tag):
    """The script ``tag`` is written in: its own, else CLDR's likely one
    for its language (and territory: ``zh-TW`` is Hant)."""
    language, own, territory = subtags(tag)
    if own:
        return own
    likely = get_global("likely_subtags")  # "zh_TW": "zh_Hant_TW"
    found = likely.get(f"{language}_{territory}") or likely.get(language) or ""
    return subtags(found)[1]


@functools.lru_cache(maxsize=None)
def writing(tag):
    """(language, script): what makes two tags the same writing."""
    return subtags(tag)[0], script(tag)


@functools.lru_cache(maxsize=None)
def direction(tag):
    """"rtl" for a language written right to left, else "ltr"."""
    return "rtl" if script(tag) in RIGHT_TO_LEFT else "ltr"


@functools.lru_cache(maxsize=None)
def locale(tag):
    """The Babel locale that writes ``tag``'s dates and numbers, or None
    where CLDR does not have its language in its script."""
    language, _, territory = subtags(tag)
    written = script(tag)
    for parts in ((language, written, territory), (language, written), (language, territory), (language,)):
        try:
            found = Locale.parse("_".join(part for part in parts if part))
        except (UnknownLocaleError, ValueError):
            continue
        if writing(str(found)) == writing(tag):
            return found
    return None


@functools.lru_cache(maxsize=None)
def quotation_marks(tag):
    """CLDR's quotation marks for ``tag``: (opening, closing, inner opening,
    inner closing), from the most particular entry in the tag's script;
    English's where CLDR has none for it."""
    language, written, territory = subtags(tag)[0], script(tag), subtags(tag)[2]
    for key in (f"{language}-{written}-{territory}", f"{language}-{territory}", f"{language}-{written}", language):
        if key in QUOTATION_MARKS and script(key) == written:
            return tuple(QUOTATION_MARKS[key])
    return tuple(QUOTATION_MARKS["en"])
