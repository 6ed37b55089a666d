"""A name is one person's: no name may look like another's.

A quotation is credited by name, so a name that looks exactly like a
registered person's but is made of other characters (a Cyrillic ``у`` for
the Latin ``y``, a Greek ``Α``, full-width letters, a zero-width space, a
trailing right-to-left mark) would publish words under their name on a page
of its own. Each name is therefore:

- compared in its compatibility form (`comparable`: NFKC, which also
  composes a decomposed name as macOS copy gives it, and maps full-width
  and other compatibility letters to the letters they stand for);
- refused if it holds an invisible (format) character (`problem`), except
  the zero-width joiner and non-joiner between letters of a script that
  needs them (Persian, the scripts of India);
- refused if a word of it mixes scripts (`problem`): Latin beside Cyrillic
  or Greek in one word; Han, kana and Hangul together are one writing, as
  Japanese and Korean names mix them;
- refused if its confusable skeleton (`skeleton`, Unicode Technical
  Standard #39, section 4) is another person's while its letters are not
  (people.register names both lines).

The confusables and scripts come from confusable-homoglyphs (pinned), which
ships Unicode's ``confusables.txt`` and ``Scripts.txt`` as data and needs
nothing compiled: ICU's spoof checker (PyICU) would be the reference, but
it is built from source against the system's ICU, which a machine with
only Python, make and git cannot do. Its ``confusables.json`` maps each
source character of ``confusables.txt`` to its prototype, and each
single-character prototype back to its sources; `skeleton` reads it as the
standard's mapping (`PROTOTYPE`).
"""

import functools
import unicodedata

import opencc
from confusable_homoglyphs import categories, utils

# Writings that mix scripts within a word as a matter of course.
ONE_WRITING = {"HAN": "CJK", "HIRAGANA": "CJK", "KATAKANA": "CJK", "HANGUL": "CJK", "BOPOMOFO": "CJK"}
# Scripts with no letters of their own: they go with any.
ANY_SCRIPT = {"COMMON", "INHERITED", "Unknown"}
JOINERS = "\u200c\u200d"
# Scripts that look like Latin, where a joiner is never needed.
NO_JOINERS = {"LATIN", "GREEK", "CYRILLIC", "ARMENIAN", "CHEROKEE"}


def _prototypes():
    """Each character ``confusables.txt`` maps, to its prototype. A
    source's entries are its prototype alone; a prototype's are its
    sources. The two are told apart as the file is made: a prototype maps
    to nothing else, so it is the one of a pair whose entries name more
    characters, or, one each, the lower code point, as in the file. The
    file is read here, not through the package's ``confusables`` module,
    which would hold its 900 KB of JSON as 6 MiB of objects for the life of
    the build, where this mapping needs one."""
    data = utils.load("confusables.json")
    mapping = {}
    for character, entries in data.items():
        targets = [entry["c"] for entry in entries]
        if len(targets) != 1 or len(character) != 1:
            continue  # a prototype of several sources
        target = targets[0]
        if len(target) > 1:
            mapping[character] = target  # m ; rn
            continue
        back = [entry["c"] for entry in data.get(target, [])]
        if len(back) > 1 or (len(back) == 1 and ord(target) < ord(character)):
            mapping[character] = target
    return mapping


PROTOTYPE = _prototypes()


def comparable(name):
    """``name`` as names are compared: NFKC, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", name).split())


@functools.cache
def _simplified():
    return opencc.OpenCC("t2s.json")


def one_writing(name):
    """``name`` as compared across the two writings of Chinese: in
    simplified characters (OpenCC's t2s), so that 人權 and 人权 are one
    word and 王毅 and 汪毅 stay two."""
    return _simplified().convert(comparable(name))


@functools.lru_cache(maxsize=8192)
def skeleton(name):
    """UTS #39's skeleton: NFD, each character to its prototype, NFD again.
    Two names with one skeleton look alike."""
    decomposed = unicodedata.normalize("NFD", comparable(name))
    return unicodedata.normalize("NFD", "".join(PROTOTYPE.get(c, c) for c in decomposed))


@functools.lru_cache(maxsize=4096)
def script(character):
    found = categories.alias(character)
    return ONE_WRITING.get(found, found)


@functools.lru_cache(maxsize=8192)
def problem(name):
    """Why ``name`` cannot be published as a name, or None (asked once a
    name: a register's people speak in report after report)."""
    for at, character in enumerate(name):
        if unicodedata.category(character) != "Cf":
            continue
        around = {script(c) for c in name[at - 1:at] + name[at + 1:at + 2]} if at else {"COMMON"}
        if character in JOINERS and len(around) == 1 and not around & (NO_JOINERS | ANY_SCRIPT):
            continue
        return (f"holds an invisible character, U+{ord(character):04X} "
                f"({unicodedata.name(character, 'format character')}), at {at + 1}: retype the name without it")
    for word in comparable(name).replace("-", " ").split():
        scripts = {script(c) for c in word if unicodedata.category(c)[0] in "LM"} - ANY_SCRIPT
        if len(scripts) > 1:
            return (f"mixes {' and '.join(s.title() for s in sorted(scripts))} letters in the word {word!r}: "
                    "retype it in one script")
    return None
