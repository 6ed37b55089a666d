"""Which writing system a character is in, by Unicode's own properties
(Script, Bidi_Class), as the `regex` module reads them: one place for the
site's questions about scripts, which Unicode answers for every new
character, where ranges written by hand go stale.

(A speaker's name is checked for mixed scripts by the same property, read
from Unicode's Scripts.txt as UTS #39 data: `reading/names.py`.)
"""

import regex

# The letters of scripts written without spaces between words, each read
# as (part of) a word: Chinese, Japanese kana (the long-vowel mark ー too,
# which both kana use), Bopomofo; not their punctuation.
UNSPACED = regex.compile(r"[[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Bopomofo}]&&[\p{L}\p{Nl}]]",
                         regex.V1)
# What Noto Sans CJK draws, by block: a font's coverage, not a script
# (CJK radicals to CJK ideographs, Hangul syllables, compatibility
# ideographs, full-width forms).
EAST_ASIAN = regex.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
# A letter written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko…).
RIGHT_TO_LEFT = regex.compile(r"[\p{Bidi_Class=R}\p{Bidi_Class=AL}]")
# Tibetan, and a Tibetan syllable: letters and signs between tshegs and shads.
TIBETAN = regex.compile(r"\p{Script=Tibetan}")
TIBETAN_SYLLABLE = regex.compile(r"[\p{Script=Tibetan}&&[\p{L}\p{M}]]+", regex.V1)
ARABIC = regex.compile(r"\p{Script=Arabic}")
CYRILLIC = regex.compile(r"\p{Script=Cyrillic}")
# Scripts that leave vowels unwritten, by the name a message gives them.
ABJADS = {"Arabic script": ARABIC, "Hebrew": regex.compile(r"\p{Script=Hebrew}"),
          "Syriac": regex.compile(r"\p{Script=Syriac}"), "Thaana": regex.compile(r"\p{Script=Thaana}")}
