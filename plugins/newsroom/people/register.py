"""One register of the people and organisations our reports quote.

Every file named ``people.txt`` under content/ is part of the register (a
newsroom keeps one; the test corpus adds its own). One line a person or
organisation, in the format a report's ``Speakers`` uses too
(`model/people.py`)::

    # Name | kind | description | other names | links
    Antony Blinken | person | U.S. Secretary of State, 2021–2025 | Blinken, John Blinken | https://www.wikidata.org/wiki/Q…

A report's ``Speakers`` names someone by any of those spellings and gives
their role at the time of the report (`speakers.py`): each of its speakers
is matched to one person of the register here, once all reports are read,
so a changed register needs no report read again. A speaker the register
does not know still gets a page of their own, and the build says how to add
them; unnamed sources get none. A spelling given to two people of the
register, or a report's speaker who matches two, is refused naming the line.
"""

import logging
import os
import re
from types import SimpleNamespace

from markupsafe import Markup
from pelican.log import console

from .. import pelican_internals
from ..model.people import Person, PersonLineError, read_person_line
from ..model.people import speaker as speaker_line
from ..reading import checks, marks, names, safety
from ..reading.slugs import readable

logger = logging.getLogger(__name__)
NAME = "people.txt"


def register_files(content):
    for folder, _, files in sorted(os.walk(content)):
        if NAME in files:
            yield os.path.join(folder, NAME)


def register_text(path, content):
    """The register file's lines, or a problem as (file, line, message): it
    must be in content/ (links followed) and UTF-8 (a byte-order mark is
    dropped), with no character that hides or breaks text."""
    if not checks.inside(path, content):
        return [], (path, 1, f"is a link to {os.path.realpath(path)}, outside content/: keep the register in "
                    "content/ itself")
    with open(path, "rb") as f:
        raw = f.read()
    if not raw.strip():
        return [], None  # an empty register: no one yet
    text, problems = checks.decode(raw)
    if text is None:
        line, message = problems[0]
        return [], (path, line, message)
    found = safety.characters(text, checks.line_at)
    if found:
        line, message = found[0]
        return [], (path, line, message)
    return text.splitlines(), None


def read_register(content, settings):
    """Everyone in every people.txt: by each spelling of their names (a list:
    two people may share a name where each has an id), and by id; problems
    as (file, line, message)."""
    by_name, by_id, problems = {}, {}, []
    given_ids = set()  # the ids the register wrote, not made from a name
    for path in register_files(content):
        lines, problem = register_text(path, content)
        if problem:
            problems.append(problem)
            continue
        for number, line in enumerate(lines, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                read = read_person_line(line, "register line")
            except PersonLineError as error:
                problems.append((path, number, str(error)))
                continue
            if (at := quotation_mark_in(read)) is not None:
                value, index = at
                problems.append((path, number, f"register line {line.strip()!r} has {marks.describe(value[index])} "
                                 f"in '{value}': a register line is plain text and cannot hold a quotation (it "
                                 "is published unattributed): write it without quotation marks"))
                continue
            if why := next(filter(None, (names.problem(n) for n in (read.name, *read.other_names))), None):
                problems.append((path, number, f"register line {line.strip()!r}: a name {why}"))
                continue
            if read.kind == "unnamed":
                problems.append((path, number, f"register line {line.strip()!r} is of kind unnamed: the "
                                 "register lists those named; describe an unnamed source in the report"))
                continue
            origin = f"{os.path.relpath(path)}:{number}"
            person = Person(read.name, read.kind, read.description, read.other_names, read.links,
                            read.id or slug_of(read.name, settings), read.roles, origin)
            if person.slug in by_id:
                problems.append((path, number, f"{read.name} would have the id {person.slug!r} of "
                                 f"{by_id[person.slug].name} ({by_id[person.slug].origin}): give one of them an "
                                 f"id of its own, after the name ({read.name} #{person.slug}-2)"))
                continue
            by_id[person.slug] = person
            if read.id:
                given_ids.add(read.id)
            for alias in dict.fromkeys(map(names.comparable, person.names)):
                others = by_name.setdefault(alias, [])
                if others and not (read.id and all(p.slug in given_ids for p in others)):
                    problems.append((path, number, f"{alias!r} is already {others[0].name}'s: give each spelling "
                                     "to one person, or give each person of that name an id after it (Name #id) "
                                     "for reports to say which is meant"))
                others.append(person)
    return by_name, by_id, problems


def quotation_mark_in(read):
    """(field, index) of the first quotation mark in a register line's
    words (name, description, other names, roles), or None."""
    for value in (read.name, read.description, *read.other_names, *read.roles):
        at = marks.stray_mark(value)
        if at is not None:
            return value, at
    return None


def slug_of(name, settings):
    """The name as the last part of its page's address: a Uyghur name in
    Uyghur Latin, any other as Pelican slugifies it."""
    return readable(name, settings)


def unregistered(speaker, settings, origin):
    """A person the register does not know, first quoted at ``origin``: no
    description (that is the register's to give, with one meaning
    everywhere; a role is a report's)."""
    return Person(speaker.name, speaker.kind, "", speaker.other_names, speaker.links,
                  speaker.id or slug_of(speaker.name, settings), origin=origin)


def where(item, speaker):
    """``file:line`` of the speaker's Speakers line, for a message: the file
    is read again only then, never for a speaker all is well with."""
    with open(item.source_path, encoding="utf-8") as f:
        text = f.read()
    field = re.search(r"^speakers\s*:", text, re.IGNORECASE | re.MULTILINE)
    start = field.start() if field else 0  # the name may be in the title too
    # The line the speaker's own (the name first on it), not another's role that names them.
    at = re.compile(rf"^(?:speakers\s*:)?[ \t]*{re.escape(speaker.name)}(?=\s*(?:#|\||$))",
                    re.IGNORECASE | re.MULTILINE).search(text, start)
    line = checks.line_at(text, at.start()) if at else checks.field_line(text, "speakers")
    return f"{os.path.relpath(item.source_path)}:{line}"


def person_for(speaker, by_name, by_id):
    """The register's person a report's speaker is, None for someone the
    register does not know, or why neither can be said (a message)."""
    if speaker.id:
        person = by_id.get(speaker.id)
        if person and not carries_a_name_of(speaker, person):
            return (f"Speakers '{speaker.name} #{speaker.id}' gives the id of {person.name} ({person.origin}) to a "
                    f"speaker who carries none of their names ({', '.join(person.names)}): if this is "
                    f"{person.name}, write one of those names; if not, give {speaker.name} an id of their own")
        return person
    found = list(dict.fromkeys(p for n in (speaker.name, *speaker.other_names)
                               for p in by_name.get(names.comparable(n), [])))
    if len(found) > 1:
        return (f"Speakers {speaker.name!r} matches " + " and ".join(f"{p.name} #{p.slug} ({p.origin})" for p in found)
                + " in the register: write the id of the one meant after the name "
                f"({speaker.name} #{found[0].slug} | …)")
    if not found or found[0].answers_to(speaker.role):
        return found[0] if found else None
    person = found[0]
    return (f"Speakers '{speaker.name} | {speaker.role}' has the name of the register's {person.name} "
            f"({person.description or person.kind}, {person.origin}), who is not known by that role: if this is "
            f"them, add the role to their line in the register (its last field, roles) or write their id after "
            f"the name ({speaker.name} #{person.slug} | …); if it is someone else, give them an id of their own "
            f"({speaker.name} #{person.slug}-2 | …)")


def carries_a_name_of(speaker, person):
    """Whether a report's speaker is written with one of ``person``'s names:
    an id says which of a name's people is meant, never whose name to use."""
    return bool({names.comparable(n) for n in (speaker.name, *speaker.other_names)}
                & {names.comparable(n) for n in person.names})


def attribute(value):
    """``value`` as Markdown writes it in an attribute (``data-speaker``)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def credit_as_registered(item):
    """Each quotation element's ``data-speaker`` names the person the
    register joined its speaker to («جو ستورك» is Joe Stork), in the body,
    the headline, the standfirst and the editor's note, as the JSON-LD and
    the speaker page do."""
    report = item.report
    renamed = {f'data-speaker="{attribute(name)}"': f'data-speaker="{attribute(person.name)}"'
               for name, person in report.people.items() if person.name != name}
    if not renamed:
        return
    pattern = re.compile("|".join(map(re.escape, renamed)))

    def credited(html):
        return Markup(pattern.sub(lambda m: renamed[m.group()], html))

    pelican_internals.rewrite_body(item, credited)
    report.title_html = credited(report.title_html)
    if report.editor_note:
        report.editor_note = credited(report.editor_note)
    if item.metadata.get("summary"):  # each item's own metadata, not the cache's
        pelican_internals.set_summary(item, credited(item.metadata["summary"]))


def look_alikes(people):
    """Each pair of people with names that look alike (one UTS #39
    skeleton) but are not the same letters: (name, person, other name,
    other person). Homonyms written alike are two people with ids."""
    seen = {}
    for person in people:
        for name in dict.fromkeys(map(names.comparable, person.names)):
            for other_name, other in seen.get(names.skeleton(name), []):
                if other != person and other_name != name:
                    yield name, person, other_name, other
            seen.setdefault(names.skeleton(name), []).append((name, person))


def speakers_field(text):
    """The lines of a file's Speakers field, as the header gives them."""
    lines, found = [], False
    for line in text.split("\n\n", 1)[0].splitlines():
        if re.match(r"^speakers\s*:", line, re.IGNORECASE):
            found = True
            lines.append(line.split(":", 1)[1])
        elif found and line.startswith("    "):
            lines.append(line)
        else:
            found = False
    return [line for line in lines if line.strip()]


def refused_speakers(generator, by_name, by_id):
    """The speakers of each file the reader refused, checked against the
    register all the same: every problem of a file is named in one build,
    not those of its Speakers in the build after its marks are fixed."""
    settings = generator.settings
    for path, made in generator.context.get("generated_content", {}).items():
        if made is not None or not path.endswith(".md"):
            continue
        item = SimpleNamespace(source_path=os.path.join(settings["PATH"], path))
        try:
            with open(item.source_path, encoding="utf-8-sig") as f:
                lines = speakers_field(f.read())
        except (OSError, UnicodeDecodeError):
            continue  # the reader named it
        for line in lines:
            try:
                speaker = speaker_line(line)
            except PersonLineError:
                continue  # the reader named it
            found = person_for(speaker, by_name, by_id) if speaker.named else None
            if isinstance(found, str):
                logger.error("%s: %s", where(item, speaker), found)


def resolve(generator):
    """Give every report ``people``: each named speaker's `Person`, by the
    name the report gives them (once the articles are read, before any
    other generator reads them), and the context ``PEOPLE``: everyone.

    A report's speaker is taken for a person of the register only when
    nothing tells them apart: the report names the person's id, or gives
    one of their spellings and a role the register knows them by (or
    none). Anything else is refused by line, saying how to say who is
    meant: two people are never merged by a name alone."""
    settings = generator.settings
    by_name, by_id, problems = read_register(settings["PATH"], settings)
    for path, number, message in problems:
        logger.error("%s:%d: %s", os.path.relpath(path), number, message)
    people = {}
    for item in checks.contents(generator):
        item.report.people = found_people = {}
        for speaker in item.report.speakers:
            if not speaker.named:
                continue
            found = person_for(speaker, by_name, by_id)
            if isinstance(found, str):
                logger.error("%s: %s", where(item, speaker), found)
                continue
            key = found.slug if found else speaker.id or names.comparable(speaker.name)
            person = found or people.get(key) or unregistered(speaker, settings, where(item, speaker))
            if not found and speaker.id and not carries_a_name_of(speaker, person):
                logger.error("%s: Speakers '%s #%s' gives the id %s was given first (%s), and none of their "
                             "names: give %s an id of their own", where(item, speaker), speaker.name, speaker.id,
                             person.name, person.origin, speaker.name)
                continue
            if found is None and key not in people:
                line = f"{speaker.name}{f' #{speaker.id}' if speaker.id else ''} | {person.kind} | what they are | "
                console.print(f"{person.origin}: {speaker.name} is not in the register: add a line to "
                              f"content/{NAME}: {line}{', '.join(speaker.other_names)} | "
                              f"{' '.join(speaker.links)}".rstrip(),
                              soft_wrap=True, markup=False, highlight=False)  # whole, to copy
            people[key] = person
            found_people[speaker.name] = person
        credit_as_registered(item)
    refused_speakers(generator, by_name, by_id)
    generator.context["PEOPLE"] = sorted(set(people.values()), key=lambda p: (p.name.lower(), p.slug))
    everyone = sorted({*by_id.values(), *people.values()}, key=lambda p: (p.origin, p.slug))
    for name, person, other_name, other in look_alikes(everyone):
        logger.error("%s (%s) looks exactly like %s (%s) but is written with other characters: a reader could "
                     "not tell whose words are whose: write the name as %s does, if this is them, or tell the "
                     "two apart in letters a reader sees", name, person.origin or "a report", other_name,
                     other.origin or "a report", other.origin or "the register")
    slugs = {}
    for person in generator.context["PEOPLE"]:
        page = checks.folded(person.slug)
        other = slugs.get(page)
        if other is not None and other != person:
            logger.error("%s%s and %s%s would share the page people/%s: give one of them an id of its own after "
                         "the name (Name #id)", person.name, f" ({person.origin})" if person.origin else "",
                         other.name, f" ({other.origin})" if other.origin else "", person.slug)
        slugs[page] = person
