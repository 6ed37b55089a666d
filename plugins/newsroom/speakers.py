"""The people an article quotes, read from its ``Speakers`` field.

One line a person, three fields separated by ``|``::

    Speakers: Antony Blinken | U.S. Secretary of State | Blinken, John Blinken
        Price | State Department spokesperson

The name to show and to give machines, what the person is (shown in captions),
and the other ways the text prints the name. A quotation may name its speaker
by any of these names; it is always published under the first.
"""

from dataclasses import dataclass, field


class SpeakerError(ValueError):
    """A ``Speakers`` line that cannot be read."""


@dataclass(frozen=True)
class Speaker:
    name: str
    role: str = ""
    other_names: tuple[str, ...] = field(default=())

    @property
    def caption(self):
        """How a caption credits the speaker: name, then role."""
        return f"{self.name}, {self.role}" if self.role else self.name

    @property
    def schema_id(self):
        """The Person's node name in the page's JSON-LD graph."""
        return "#person-" + "-".join(self.name.lower().split())

    @property
    def schema(self):
        """The speaker as a schema.org Person."""
        person = {"@type": "Person", "@id": self.schema_id, "name": self.name}
        if self.role:
            person["description"] = self.role
        if self.other_names:
            person["alternateName"] = list(self.other_names)
        return person


def parse_speakers(lines):
    """Map every name a speaker goes by to its `Speaker`."""
    by_name = {}
    for line in lines:
        name, role, others, *extra = [part.strip() for part in line.split("|")] + ["", ""]
        if not name or any(extra):
            raise SpeakerError(
                f"Speakers line {line!r} is not 'Name | role | other names'"
            )
        speaker = Speaker(
            name, role, tuple(n.strip() for n in others.split(",") if n.strip())
        )
        for alias in (speaker.name, *speaker.other_names):
            if alias in by_name:
                raise SpeakerError(f"Speakers gives the name {alias!r} twice")
            by_name[alias] = speaker
    return by_name
