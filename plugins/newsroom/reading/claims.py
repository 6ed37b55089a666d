"""What markup that says "nobody's words" may hold.

``{term}``, ``{name}`` and ``{title}`` publish what is inside their marks
as nobody's words: a charge, a scare quote, an organisation, the title of a
work. Nothing stops an editor in a hurry, or a contributor in bad faith,
from putting a sentence someone said in those marks and publishing it
unattributed (``[“We will crush every lawyer who defends them.”]{term}``).
So what they hold must look like what they claim to be:

- no sentence ends inside it (``. ! ? 。 ！ ？ ؟ ۔ ।`` before more words,
  or at its end), except a title's question or exclamation, as titles
  print them ("China: Where are they? Time for answers about…");
- not several clauses (a ``;`` or ``；``, or a term or name whose
  comma-separated parts each read as a clause of three words or more);
- no more words than the kind needs (`BOUNDS`).

The bounds are measured, not guessed: ``tests/data/claims/`` holds real
charges, scare quotes, organisations, events, publications and report
titles in the site's languages (their sources in its README), and
``bench/claims.py`` prints their longest and the bound each kind is set
to; the longest real title there is 17 words, the longest name 10, the
longest term 7. A CJK character counts as half a word (Chinese words are
one to two characters long), a Tibetan syllable as one.

Where the editor has checked that what breaks a rule really is a term, a
name or a title (a title that is a whole sentence, a 30-word treaty name),
``confirmed`` says so in the markup (``{title confirmed}``), and the rule
gives way: the build takes the editor's word, and the markup keeps it on
record for whoever reads the source next.
"""

import re

from ..chrome.scripts import TIBETAN_SYLLABLE, UNSPACED

# Words each kind may hold: the longest measured (see above), and room.
BOUNDS = {"term": 10, "name": 14, "title": 25}
# What ends a sentence, in the scripts the site publishes.
SENTENCE_END = ".!?。！？؟۔।"
# A word and the sentence's end after it (closing marks or brackets may follow).
ENDING = re.compile(rf"([^\W_]+)([{re.escape(SENTENCE_END)}]+)([\"'”’」』»«›‹)）]*)")
# Abbreviations that end in a full stop inside names and titles.
ABBREVIATIONS = {"inc", "ltd", "co", "corp", "llc", "plc", "jr", "sr", "st", "dr", "mr", "mrs", "ms", "prof", "no",
                 "vs", "bros", "dept", "univ", "assn", "gen", "col", "lt", "sgt", "rev", "ave", "mt", "ft", "vol"}
# An ending a title may carry.
TITLE_ENDS = "?!？！؟"
CLAUSES = re.compile(r"[;；؛]")
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def sentence_ends(text):
    """Each sentence's end in ``text``, as (its punctuation, whether more
    words follow it). A full stop after an initial (U.S.) or a known
    abbreviation (Ltd.) ends nothing."""
    for match in ENDING.finditer(text):
        word, punctuation = match.group(1), match.group(2)
        if punctuation == "." and (len(word) == 1 or word.casefold() in ABBREVIATIONS
                                   or text[match.end():match.end() + 1].isalnum()):
            continue  # U.S., Ltd., 3.5, example.org
        yield punctuation, bool(text[match.end():].strip())


def words(text):
    """How many words ``text`` is: a CJK character half a word, a Tibetan
    syllable one, any other run of letters and digits one."""
    rest = TIBETAN_SYLLABLE.sub(" x ", UNSPACED.sub(" ", text))
    return len(UNSPACED.findall(text)) / 2 + len(WORD.findall(rest))


def reads_as_speech(kind, text):
    """Why ``text`` (inside its marks) cannot be a ``kind`` (term, name,
    title), or None where it can."""
    text = " ".join(text.split())
    for punctuation, goes_on in sentence_ends(text):
        if kind == "title" and punctuation[-1] in TITLE_ENDS:
            continue  # a title may ask or exclaim, anywhere in it
        return "holds a sentence's end with more words after it" if goes_on else "ends as a sentence ends"
    if CLAUSES.search(text):
        return "holds several clauses"
    if kind != "title" and sum(1 for part in text.split(",") if words(part) >= 3) > 1:
        return "holds several clauses"
    count = words(text)
    if count > BOUNDS[kind]:
        return f"is {count:g} words long, and a {kind} needs at most {BOUNDS[kind]}"
    return None
