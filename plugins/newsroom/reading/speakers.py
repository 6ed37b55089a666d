"""A report's ``Speakers`` field: every name a speaker goes by, mapped to
its `Speaker`.

One line a speaker, in the format of the register (`model/people.py`), so
a line of ``content/people.txt`` may be pasted in as it is::

    Speakers: Antony Blinken | person | U.S. Secretary of State | Blinken, John Blinken
        Human Rights Watch | organisation | rights group | HRW
        Court spokesperson | unnamed | a spokesperson for the court

In a report the description is the role the speaker spoke in then. A
quotation may name its speaker by any of the names, or by ``#id`` where the
line gives one (two speakers of one name); it is always published under the
first name.
"""

import re

from . import names
from ..model.people import FORMAT, Speaker
from ..model.people import PersonLineError as SpeakerError
from ..model.people import speaker as speaker_of

__all__ = ["Speaker", "SpeakerError", "parse_speakers", "unknown"]


def parse_speakers(lines):
    """Map every name a speaker goes by, as `names.comparable` writes it,
    to its `Speaker`."""
    by_name, shared = {}, set()
    for line in lines:
        speaker = speaker_of(line)
        name = speaker.name
        if not speaker.handle:
            raise SpeakerError(f"Speakers line {line!r} names nobody: write the name in words", line)
        for given in (speaker.name, *speaker.other_names):
            if why := names.problem(given):
                raise SpeakerError(f"Speakers line {line.strip()!r}: the name {given!r} {why}", line)
        same = [s for s in by_name.values() if s.handle == speaker.handle and s != speaker]
        if same:
            raise SpeakerError(f"Speakers names {same[0].name!r} and {name!r}, which machines cannot tell "
                               "apart: write each speaker once", line)
        for alias in (speaker.name, *speaker.other_names, *([f"#{speaker.id}"] if speaker.id else [])):
            alias = names.comparable(alias)
            if alias in shared or (alias in by_name and speaker.id and by_name[alias].id):
                # Two speakers of one name, each with an id: quotations name them by id.
                shared.add(alias)
                by_name.pop(alias, None)
                continue
            if alias in by_name:
                raise SpeakerError(
                    f"Speakers gives the name {alias!r} to {by_name[alias].name} and to {name}: "
                    "give each name to one speaker only",
                    line,
                )
            by_name[alias] = speaker
    return by_name


def unknown(name, speakers):
    """Why ``name`` is not a speaker, and what to write instead."""
    declared = list(dict.fromkeys(speakers.values()))
    name = names.comparable(name)
    homonyms = [s for s in declared if name in map(names.comparable, (s.name, *s.other_names))]
    if homonyms:
        ids = " or ".join(f"{{speaker=#{s.id}}}" for s in homonyms)
        return f"names speaker {name!r}, whom several speakers share: write {ids}"
    sharing = [s for s in declared if name in re.split(r"[\s.]+", " ".join((s.name, *s.other_names)))]
    if len(sharing) > 1:
        could_be = " or ".join(s.name for s in sharing)
        return (f"names speaker {name!r}, who could be {could_be}: write the full name, "
                "or give each an other name of their own")
    if sharing:
        return (f"names speaker {name!r}, who is not in the Speakers field: write "
                f"{{speaker={sharing[0].name}}}, or add {name!r} to their other names")
    return (f"names speaker {name!r}, who is not in the Speakers field: add a line "
            f"{FORMAT} under Speakers")
