"""A readable address for a report whose Title has no Latin letters.

Pelican makes a report's address from its Title, romanised letter by
letter (Unidecode): Russian, Tibetan, Greek or Chinese come out readable
(``sud-ostavil-v-sile-prigovor``, ``bod-kyi-slob-grw``). Two cases do not:

- Uyghur in Arabic script writes every vowel, so it has an exact Latin
  form, Uyghur Latin (ULY): ``ئۇيغۇر ئالىمى`` is ``uyghur-alimi`` here,
  where letter-by-letter romanisation gives ``yuygur-ylmy``; Uyghur in
  Cyrillic too (``Уйғур`` is ``uyghur``, not ``uigur``).
- Scripts that leave vowels unwritten (Arabic, Persian, Hebrew, Syriac,
  Thaana) have no readable letter-by-letter form: such a report is asked
  for a ``Slug``, by file and line.

A report with a ``Slug``, or with any Latin letter in its Title, is left
to Pelican.
"""

import re
import unicodedata

from markupsafe import escape
from pelican.utils import slugify

from ..chrome import locales, scripts

# Uyghur's Arabic letters in Uyghur Latin, without its accents (é, ö, ü) in
# an address; the hamza that carries a vowel at a syllable's start is silent.
UYGHUR_LATIN = str.maketrans({
    "ا": "a", "ە": "e", "ب": "b", "پ": "p", "ت": "t", "ج": "j", "چ": "ch", "خ": "x", "د": "d", "ر": "r",
    "ز": "z", "ژ": "zh", "س": "s", "ش": "sh", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ک": "k", "گ": "g",
    "ڭ": "ng", "ل": "l", "م": "m", "ن": "n", "ھ": "h", "ه": "h", "و": "o", "ۇ": "u", "ۆ": "o", "ۈ": "u",
    "ۋ": "w", "ې": "e", "ى": "i", "ي": "y", "ی": "y", "ئ": "", "ء": "", "ح": "h", "ع": "",
    "،": ",", "؛": ";", "؟": "?",
})
# Uyghur's own Cyrillic letters in Uyghur Latin (letter-by-letter
# romanisation drops ә and writes ғ, қ, ң as g, k, n); the rest are Russian's.
UYGHUR_CYRILLIC = str.maketrans({
    "ә": "e", "Ә": "E", "ө": "o", "Ө": "O", "ү": "u", "Ү": "U", "ң": "ng", "Ң": "Ng", "ғ": "gh", "Ғ": "Gh",
    "қ": "q", "Қ": "Q", "җ": "j", "Җ": "J", "һ": "h", "Һ": "H", "х": "x", "Х": "X", "й": "y", "Й": "Y",
    "ю": "yu", "Ю": "Yu", "я": "ya", "Я": "Ya",
})
# Letters only Uyghur writes, of the Arabic and the Cyrillic alphabets: a
# name with one is Uyghur.
UYGHUR_ARABIC_LETTERS = set("ېۇۆۈۋڭەى")
UYGHUR_CYRILLIC_LETTERS = set("әөүңғқҗһ")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def exact_latin(text, lang=""):
    """``text`` in Uyghur Latin where it is Uyghur (by ``lang``, or, for a
    name, which has none, by the letters only Uyghur writes), else None."""
    letters = {c for c in text if unicodedata.category(c).startswith("L")}
    writing = locales.writing(lang) if lang else None
    if all_in(letters, scripts.ARABIC) and (writing == ("ug", "Arab")
                                            or (not lang and letters & UYGHUR_ARABIC_LETTERS)):
        return text.translate(UYGHUR_LATIN)
    if all_in(letters, scripts.CYRILLIC) and (writing == ("ug", "Cyrl")
                                              or (not lang and letters & UYGHUR_CYRILLIC_LETTERS)):
        return text.translate(UYGHUR_CYRILLIC)
    return None


def all_in(letters, script):
    return bool(letters) and all(script.match(c) for c in letters)


def readable(text, settings, lang=""):
    """``text`` as an address's last part: Uyghur in Uyghur Latin, the rest
    as Pelican makes it (romanised letter by letter)."""
    # Escaped: Pelican's slugify strips what looks like a tag ("<30 days rose; >90").
    return slugify(escape(exact_latin(text, lang) or text), regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []))


def vowelless_scripts(text):
    """The scripts ``text`` has letters of that write no vowels (ABJADS'
    names), in order."""
    letters = [c for c in text if unicodedata.category(c).startswith("L")]
    return sorted(name for name, script in scripts.ABJADS.items() if any(script.match(c) for c in letters))


def slug_for(title, lang, settings):
    """(slug, problem): the address a Title gets, or why it gets none."""
    if not title:
        return None, None
    if LATIN.search(title):
        return readable(title, settings) or None, None
    if exact_latin(title, lang) is not None:
        return readable(title, settings, lang) or None, None
    unwritten = vowelless_scripts(title)
    if unwritten:
        return None, (f"the Title is in {unwritten[0]}, which writes no vowels, so no readable address can be "
                      "made from it: add a Slug line in Latin letters, such as Slug: court-upholds-sentence")
    return None, None
