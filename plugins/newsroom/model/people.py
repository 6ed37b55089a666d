"""Who is quoted: a report's `Speaker` and the register's `Person`, and the
one line format both are written in.

One line a speaker, in the register (``content/people.txt``) and under a
report's ``Speakers`` alike, so a register line can be pasted into a
report::

    Name | kind | description | other names | links | roles
    Antony Blinken | person | U.S. Secretary of State from 2021 to 2025 | Blinken, John Blinken | https://www.wikidata.org/wiki/Q… | U.S. Secretary of State; Secretary of State

The name to publish, with ``#id`` after it where two people share it
(``Wang Yi #wang-yi-pastor``: the id is the address of their page, and
what a report writes to say which of them it quotes); the kind, ``person``
(the default), ``organisation`` or, in a report, ``unnamed`` (a source
described but not named: the name is only the handle quotations use); what
they are (in the register: in general; in a report: the role they spoke in
then); other spellings, separated by commas; links that identify them
(``sameAs``), separated by spaces: web addresses (http or https), or a
Wikidata id (``Q4773``) for its page there; and, in the register, the roles reports
may give them, separated by semicolons (a report's role must be one of
these, or the description, for the report's speaker to be taken for this
person). Trailing fields may be left out.

Reports written before the two formats were one give ``Name | role |
other names | kind``: a line whose second field is not a kind is read in
that order, and means the same.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit

# Each kind as an editor may write it: the kind it is, and its schema.org type.
KINDS = {
    "person": ("person", "Person"),
    "organisation": ("organisation", "Organization"),
    "organization": ("organisation", "Organization"),
    "unnamed": ("unnamed", "Person"),
}
FORMAT = "'Name | kind | description | other names | links | roles'"
ID = re.compile(r"^[^\W_](?:[\w-]*[^\W_])?$")


class PersonLineError(ValueError):
    """A line that cannot be read as a person; ``line`` is its text."""

    def __init__(self, message, line=""):
        super().__init__(message)
        self.line = line


@dataclass(frozen=True, slots=True)
class PersonLine:
    """One line of the format, read: what the register and a report share."""
    name: str
    kind: str = "person"
    description: str = ""
    other_names: tuple[str, ...] = field(default=())
    links: tuple[str, ...] = field(default=())
    roles: tuple[str, ...] = field(default=())
    id: str = ""


WIKIDATA = re.compile(r"^Q[1-9]\d*$")
HOST = re.compile(r"^[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)+\.?$")


def web_address(link):
    """A link as published: an absolute http or https address with a host
    name, or a Wikidata id as its page there; None for anything else (a
    javascript: or data: address, a bare word, a file's path)."""
    if WIKIDATA.match(link):
        return f"https://www.wikidata.org/wiki/{link}"
    try:
        parts = urlsplit(link)
        host = parts.hostname or ""
    except ValueError:  # an unclosed [ in the host
        return None
    if parts.scheme in ("http", "https") and HOST.match(host) and not re.search(r"[\x00-\x20\x7f]", link):
        return link
    return None


def read_person_line(line, where="Speakers line"):
    """``line`` in either order (see above) as a `PersonLine`; a line that is
    neither raises `PersonLineError` saying how to write it."""
    parts = [part.strip() for part in line.split("|")]
    if len(parts) > 1 and parts[1].lower() in KINDS:
        name, kind, description, others, links, roles, *extra = parts + [""] * 5
    else:  # Name | role | other names | kind
        name, description, others, kind, *extra = parts + [""] * 3
        links = roles = ""
    name, _, given_id = (part.strip() for part in name.partition(" #"))
    if not name or any(extra):
        raise PersonLineError(f"{where} {line.strip()!r} is not {FORMAT}", line)
    if given_id and not ID.match(given_id):
        raise PersonLineError(f"{where} {line.strip()!r} gives the id {given_id!r}: an id is letters, digits and "
                              "hyphens, as a page's address (wang-yi-pastor)", line)
    kind = (kind or "person").lower()
    if kind not in KINDS:
        raise PersonLineError(f"{where} {line.strip()!r} gives the kind {kind!r}: write person, organisation "
                              "or unnamed", line)
    addresses = []
    for link in links.split():
        address = web_address(link)
        if address is None:
            raise PersonLineError(f"{where} {line.strip()!r} gives the link {link!r}, which is not a web address: "
                                  "write it whole (https://…), or a Wikidata id (Q4773)", line)
        addresses.append(address)
    # One form for every name, as typed on any machine (macOS copies decomposed).
    name, others = unicodedata.normalize("NFC", name), unicodedata.normalize("NFC", others)
    return PersonLine(name, KINDS[kind][0], description, tuple(n.strip() for n in others.split(",") if n.strip()),
                      tuple(addresses), tuple(r.strip() for r in roles.split(";") if r.strip()), given_id)


@dataclass(frozen=True, slots=True)
class Speaker:
    """Someone a report quotes, as its ``Speakers`` field declares them."""
    name: str
    role: str = ""
    other_names: tuple[str, ...] = field(default=())
    kind: str = "person"
    links: tuple[str, ...] = field(default=())
    id: str = ""

    @property
    def named(self):
        return self.kind != "unnamed"

    @property
    def label(self):
        """How readers see the speaker credited: the unnamed by description."""
        return self.name if self.named else (self.role or self.name)

    def caption(self, apposition=", "):
        """How a caption credits the speaker: name, then role, joined as
        the caption's language joins them (``, ``, ``، ``, ``，``)."""
        if not self.named:
            return self.label
        return f"{self.name}{apposition}{self.role}" if self.role else self.name

    @property
    def handle(self):
        """The id, or the name as words alone: what tells two speakers of
        one report apart (and names their node in the page's JSON-LD)."""
        return self.id or "-".join(re.sub(r"[^\w\s-]", "", self.name.lower()).split())


@functools.lru_cache(maxsize=4096)
def speaker(line):
    """One `Speaker` for one declaration, however many reports repeat it
    (a site quotes the same people thousands of times)."""
    read = read_person_line(line)
    return Speaker(read.name, read.description, read.other_names, read.kind, read.links, read.id)


@dataclass(frozen=True, slots=True)
class Person:
    """Someone with a page of their own: from the register, or a report's
    named speaker the register does not know."""
    name: str
    kind: str = "person"
    description: str = ""
    other_names: tuple[str, ...] = field(default=())
    same_as: tuple[str, ...] = field(default=())
    slug: str = ""
    roles: tuple[str, ...] = field(default=())
    # Where they were declared, for messages (file:line).
    origin: str = field(default="", compare=False)

    @property
    def names(self):
        return (self.name, *self.other_names)

    def answers_to(self, role):
        """Whether a report's ``role`` for someone of this name is one this
        person is known by: none given, their description, or a role the
        register lists for them."""
        return not role or normal(role) in {normal(r) for r in (self.description, *self.roles)}

    @property
    def schema_type(self):
        return KINDS[self.kind][1]


def normal(text):
    """``text`` as compared: case, spacing and end punctuation aside."""
    return " ".join(text.casefold().split()).rstrip(".,;:。，；：")
