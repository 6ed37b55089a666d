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

from pelican.log import console
from pelican.utils import slugify

from ..model.people import Person, PersonLineError, read_person_line
from ..reading import checks

logger = logging.getLogger(__name__)
NAME = "people.txt"


def register_files(content):
    for folder, _, files in sorted(os.walk(content)):
        if NAME in files:
            yield os.path.join(folder, NAME)


def read_register(content, settings):
    """Everyone in every people.txt, by each of their names; problems as
    (file, line, message)."""
    by_name, problems = {}, []
    for path in register_files(content):
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        for number, line in enumerate(lines, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                read = read_person_line(line, "register line")
            except PersonLineError as error:
                problems.append((path, number, str(error)))
                continue
            if read.kind == "unnamed":
                problems.append((path, number, f"register line {line.strip()!r} is of kind unnamed: the "
                                 "register lists those named; describe an unnamed source in the report"))
                continue
            person = Person(read.name, read.kind, read.description, read.other_names, read.links,
                            slug_of(read.name, settings))
            for alias in person.names:
                if alias in by_name and by_name[alias] != person:
                    problems.append((path, number, f"{alias!r} is already {by_name[alias].name}'s: give each "
                                     "spelling to one person, and write the full name in reports"))
                by_name.setdefault(alias, person)
    return by_name, problems


def slug_of(name, settings):
    """The name as the last part of its page's address, as Pelican slugifies."""
    return slugify(name, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []))


def unregistered(speaker, settings):
    return Person(speaker.name, speaker.kind, speaker.role, speaker.other_names, speaker.links,
                  slug_of(speaker.name, settings))


def where(item, speaker):
    """``file:line`` of the speaker's Speakers line, for a message: the file
    is read again only then, never for a speaker all is well with."""
    with open(item.source_path, encoding="utf-8") as f:
        text = f.read()
    at = text.find(speaker.name + " ")
    at = at if at >= 0 else text.find(speaker.name)
    line = checks.line_at(text, at) if at >= 0 else checks.field_line(text, "speakers")
    return f"{os.path.relpath(item.source_path)}:{line}"


def resolve(generator):
    """Give every report ``people``: each named speaker's `Person`, by the
    name the report gives them (once the articles are read, before any
    other generator reads them), and the context ``PEOPLE``: everyone."""
    settings = generator.settings
    register, problems = read_register(settings["PATH"], settings)
    for path, number, message in problems:
        logger.error("%s:%d: %s", os.path.relpath(path), number, message)
    people = {}
    for item in checks.contents(generator):
        item.report.people = found_people = {}
        for speaker in item.report.speakers:
            if not speaker.named:
                continue
            found = list(dict.fromkeys(register[n] for n in (speaker.name, *speaker.other_names) if n in register))
            if len(found) > 1:
                logger.error("%s: Speakers %r matches %s in the register: give the report's speaker "
                             "only the spellings of one of them", where(item, speaker), speaker.name,
                             " and ".join(p.name for p in found))
                continue
            person = found[0] if found else people.get(speaker.name) or unregistered(speaker, settings)
            if not found and speaker.name not in people:
                console.print(f"{where(item, speaker)}: {speaker.name} is not in the register: add a line to "
                              f"content/{NAME}: {speaker.name} | {person.kind} | what they are | "
                              f"{', '.join(speaker.other_names)} | {' '.join(speaker.links)}".rstrip())
            people[speaker.name if not found else person.name] = person
            found_people[speaker.name] = person
    generator.context["PEOPLE"] = sorted(set(people.values()), key=lambda p: p.name.lower())
    slugs = {}
    for person in generator.context["PEOPLE"]:
        if person.slug in slugs and slugs[person.slug] != person:
            logger.error("%s and %s would share the page people/%s: give one of them its full name",
                         person.name, slugs[person.slug].name, person.slug)
        slugs[person.slug] = person
