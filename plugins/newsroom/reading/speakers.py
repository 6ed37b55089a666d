"""The people and organisations an article quotes, read from ``Speakers``.

One line a speaker, up to four fields separated by ``|``::

    Speakers: Antony Blinken | U.S. Secretary of State | Blinken, John Blinken
        Human Rights Watch | rights group | HRW | organisation
        Court spokesperson | a spokesperson for the court | | unnamed

The name to show and to give machines; what the speaker is (shown in
captions); the other ways the text prints the name; and the kind: ``person``
(the default), ``organisation`` or ``unnamed`` (a source the report
describes but does not name: the name is only the handle quotations use,
and readers and machines are given the description). A quotation may name
its speaker by any of the names; it is always published under the first.
"""

import functools
import re
from dataclasses import dataclass, field

KINDS = {
    "person": "Person",
    "organisation": "Organization",
    "organization": "Organization",
    "unnamed": "Person",
}
FORMAT = "'Name | role | other names | kind'"


class SpeakerError(ValueError):
    """A ``Speakers`` line that cannot be read; ``line`` is its text."""

    def __init__(self, message, line=""):
        super().__init__(message)
        self.line = line


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    role: str = ""
    other_names: tuple[str, ...] = field(default=())
    kind: str = "person"

    @property
    def named(self):
        return self.kind != "unnamed"

    @property
    def label(self):
        """How readers see the speaker credited: the unnamed by description."""
        return self.name if self.named else (self.role or self.name)

    @property
    def caption(self):
        """How a caption credits the speaker: name, then role."""
        if not self.named:
            return self.label
        return f"{self.name}, {self.role}" if self.role else self.name

    @property
    def schema_id(self):
        """The speaker's node name in the page's JSON-LD graph."""
        return "#speaker-" + "-".join(re.sub(r"[^\w\s-]", "", self.name.lower()).split())

    @property
    def schema(self):
        """The speaker as a schema.org Person or Organization."""
        node = {"@type": KINDS[self.kind], "@id": self.schema_id}
        if self.named:
            node["name"] = self.name
        if self.role:
            node["description"] = self.role
        if self.other_names:
            node["alternateName"] = list(self.other_names)
        return node


@functools.lru_cache(maxsize=4096)
def interned(*fields):
    """One `Speaker` for one declaration, however many reports repeat it
    (a site quotes the same people thousands of times)."""
    return Speaker(*fields)


def parse_speakers(lines):
    """Map every name a speaker goes by to its `Speaker`."""
    by_name = {}
    for line in lines:
        name, role, others, kind, *extra = [part.strip() for part in line.split("|")] + ["", "", ""]
        if not name or any(extra):
            raise SpeakerError(f"Speakers line {line!r} is not {FORMAT}", line)
        kind = (kind or "person").lower()
        if kind not in KINDS:
            raise SpeakerError(
                f"Speakers line {line!r} gives the kind {kind!r}: write person, organisation or unnamed",
                line,
            )
        speaker = interned(name, role, tuple(n.strip() for n in others.split(",") if n.strip()), kind)
        if not speaker.schema_id.removeprefix("#speaker-"):
            raise SpeakerError(f"Speakers line {line!r} names nobody: write the name in words", line)
        same = [s for s in by_name.values() if s.schema_id == speaker.schema_id and s != speaker]
        if same:
            raise SpeakerError(f"Speakers names {same[0].name!r} and {name!r}, which machines cannot tell "
                               "apart: write each speaker once", line)
        for alias in (speaker.name, *speaker.other_names):
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
    sharing = [s for s in declared if name in re.split(r"[\s.]+", " ".join((s.name, *s.other_names)))]
    if len(sharing) > 1:
        names = " or ".join(s.name for s in sharing)
        return (f"names speaker {name!r}, who could be {names}: write the full name, "
                "or give each an other name of their own")
    if sharing:
        return (f"names speaker {name!r}, who is not in the Speakers field: write "
                f"{{speaker={sharing[0].name}}}, or add {name!r} to their other names")
    return (f"names speaker {name!r}, who is not in the Speakers field: add a line "
            f"{FORMAT} under Speakers")
