"""What a content file must be before it is published.

Each check returns problems as ``(line, message)``: the line of the file to
look at (1 where the problem is the file as a whole) and what is wrong and
what to write instead. The reader reports every problem of a file at once.
"""

import datetime
import functools
import os
import re
import unicodedata
from urllib.parse import unquote
from zoneinfo import TZPATH, ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pelican.urlwrappers import Author, Category, Tag
from pelican.utils import get_date, set_date_tzinfo

from ..chrome import locales
from . import names
from .slugs import vowelless_scripts
from .safety import LIMITS

# The fields an article cannot go out without, and how to supply each.
ARTICLE_FIELDS = {
    "title": "add 'Title: the headline'",
    "date": "add 'Date: YYYY-MM-DD', the day of publication",
    "category": "add 'Category: the section'",
    "author": "add 'Author: the reporter or publisher'",
    "summary": "add 'Summary: one sentence that tells the story'",
}
PAGE_FIELDS = {"title": ARTICLE_FIELDS["title"]}
# The fields given once a thing each: a report corrected twice has two.
REPEATABLE = {"correction", "update"}
LINK = re.compile(r"\{(filename|static|attach)\}([^)\"'\s>#?]+)")
# Where Pelican's generators keep their articles and pages.
CONTENT_LISTS = ("articles", "translations", "drafts", "drafts_translations", "hidden_articles",
                 "hidden_translations", "pages", "hidden_pages", "draft_pages", "draft_translations")
# How a Date or Modified is written, and the years a report may carry.
# A time may carry its offset from UTC ("Z", "+03:00"); without one, the
# report's Timezone (or the site's TIMEZONE) says where the clock was.
OFFSET = r"(?: ?(?:Z|[+-]\d{2}:?\d{2}))"
OFFSET_PARTS = re.compile(r"([+-])(\d{2}):?(\d{2})$")
DATE = re.compile(rf"^(\d{{4}})-\d{{2}}-\d{{2}}(?:[ T]\d{{1,2}}:\d{{2}}(?::\d{{2}})?{OFFSET}?)?$")
YEARS = range(1900, 2201)
# Where the system keeps IANA's time zones (its tzdata.zi lists which names are links).
TZDIR = next((path for path in TZPATH if os.path.isfile(os.path.join(path, "tzdata.zi"))), "/usr/share/zoneinfo")
# A field's first line in the file's header: "Name: value".
FIELD = re.compile(r"^([A-Za-z][\w-]*)\s*:", re.MULTILINE)
# Python-Markdown's meta extension: a field, and a line that goes on the one before.
META_KEY = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:\s*.*$")
META_MORE = re.compile(r"^[ ]{4,}.*$")
# A person line (model/people.py's format): Name | kind | …
PERSON_LINE = re.compile(r"^[^|\n]+\|\s*(?:person|organi[sz]ation|unnamed)\s*(?:\||$)", re.IGNORECASE)
# The header field that names each kind of term.
TERM_FIELDS = {"category": "Category", "tag": "Tags", "author": "Author"}
TERM_LINK = re.compile(r"\{(tag|category|author)\}([^)\"'\s>#?]+)")


def decode(raw):
    """The file's text, and its problems: it must be UTF-8, not empty, and
    not so big that reading it would stall the build."""
    if len(raw) > LIMITS["bytes"]:
        return None, [(1, f"is {len(raw):,} bytes: a report may have {LIMITS['bytes']:,}; split it")]
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        return None, [(line, "is not UTF-8 text: save the file as UTF-8")]
    if not text.strip():
        return None, [(1, "is empty: write the metadata and the text, or delete the file")]
    return text, []


def line_at(text, index):
    """The line number of ``text[index]``."""
    return text.count("\n", 0, index) + 1


def lang_of(meta):
    """The report's Lang from Markdown's metadata (``md.Meta``): "en"
    where it gives none."""
    return (meta.get("lang") or ["en"])[0]


def field_line(text, name):
    match = re.search(rf"^{re.escape(name)}\s*:", text, re.IGNORECASE | re.MULTILINE)
    return line_at(text, match.start()) if match else 1


def place_of(item, *fields):
    """``file:line`` of the first of ``fields`` the item's file gives, else
    ``file``: for a message about an item already read (the file is read
    again only then)."""
    with open(item.source_path, encoding="utf-8-sig") as f:
        text = f.read()
    for name in fields:
        if re.search(rf"^{re.escape(name)}\s*:", text, re.IGNORECASE | re.MULTILINE):
            return f"{os.path.relpath(item.source_path)}:{field_line(text, name)}"
    return os.path.relpath(item.source_path)


def gives_time(value):
    """Whether a Date or Modified gives a time of day, not only a day."""
    return bool(DATE.match(value.strip())) and len(value.strip()) > 10


@functools.lru_cache(maxsize=4096)
def parsed_date(value):
    """Pelican's reading of ``value``, a date written as DATE says
    (`pelican.utils.get_date`, whose default fills only what such a date
    leaves out: the time, as midnight), once for each way a date is
    written: a report's Date is read by its checks, by its model and by
    Pelican, and dateutil's parser was a tenth of a report's reading."""
    return get_date(value)


def is_date(value):
    """Whether ``value`` is a real date, written as DATE says."""
    return date_problem("Date", value) is None


def date_problem(field, value, zone_name="UTC", now=None):
    """Why ``value`` cannot be the ``field`` (Date, Modified, a
    Correction's date) of a report whose clock is in ``zone_name``, or
    None: written YYYY-MM-DD[ HH:MM[ ±HH:MM]], real, within the years a
    site can publish; an offset a clock can have; a local time that its
    zone had once and only once (not skipped or repeated when the clocks
    changed); given ``now``, not after it (a change cannot be dated in the
    future)."""
    value = value.strip()
    form = DATE.match(value)
    if not form:
        return (f"{field} '{value}' is not written YYYY-MM-DD (a time may follow, and its offset from UTC: "
                "YYYY-MM-DD HH:MM or YYYY-MM-DD HH:MM +03:00): other forms are ambiguous")
    offset = OFFSET_PARTS.search(value)
    if offset and (int(offset.group(3)) > 59 or int(offset.group(2)) * 60 + int(offset.group(3))
                   > (14 if offset.group(1) == "+" else 12) * 60):
        return (f"{field} '{value}' gives the offset {offset.group().strip()}, which no clock has: write one "
                "from -12:00 to +14:00")
    try:
        date = parsed_date(value)
        date.utcoffset()
    except (ValueError, OverflowError):
        return f"{field} '{value}' is not a real date: write YYYY-MM-DD"
    if int(form.group(1)) not in YEARS:
        return (f"{field} '{value}' is not a year this site can publish: write a year from {YEARS.start} to "
                f"{YEARS.stop - 1}")
    if date.tzinfo is None and gives_time(value) and (place := zone(zone_name)):
        first, second = date.replace(tzinfo=place, fold=0), date.replace(tzinfo=place, fold=1)
        if first.utcoffset() != second.utcoffset():
            real = first.astimezone(datetime.timezone.utc).astimezone(place)
            what = f"never showed {date:%H:%M}" if real.replace(tzinfo=None) != date else f"showed {date:%H:%M} twice"
            return (f"{field} '{value}': the clocks in {zone_name} {what} that day, as they changed: "
                    "give the offset from UTC with the time (YYYY-MM-DD HH:MM +01:00)")
    if now is not None and set_date_tzinfo(date, zone_name) > now:
        return f"{field} '{value}' is in the future: date a change when it was made"
    return None


@functools.cache
def canonical_zones():
    """IANA's zone names, without the links to them that it keeps for old
    names (Asia/Calcutta, US/Eastern), as {name: its canonical name}: from
    the system's tzdata.zi where it has one, else every zone Python knows."""
    try:
        with open(os.path.join(TZDIR, "tzdata.zi"), encoding="utf-8") as f:
            lines = [line.split() for line in f]
    except OSError:
        return {name: name for name in available_timezones()}
    names = {parts[1]: parts[1] for parts in lines if parts[:1] == ["Z"]}
    names |= {parts[2]: parts[1] for parts in lines if parts[:1] == ["L"]}
    return {**names, "UTC": "UTC"}  # a link to Etc/UTC, and the name everyone writes


def zone(name):
    """The time zone of a canonical IANA name ("Asia/Taipei"), or None
    (an alias, "localtime", a path)."""
    name = name.strip()
    if canonical_zones().get(name) != name:
        return None
    try:
        return ZoneInfo(name)
    except (ValueError, ZoneInfoNotFoundError):
        return None


def report_zone(meta, site_zone):
    """Where the clock of a date without an offset was: the report's
    Timezone where it names a zone, else the site's (``site_zone``)."""
    given = meta.get("timezone", [""])[0].strip()
    return given if zone(given) else site_zone


def metadata(meta, text, is_article, site_zone="UTC"):
    """Required fields present and given once; dates written YYYY-MM-DD[
    HH:MM[ ±HH:MM]] (other forms are ambiguous), real, within the years a
    site can publish, and Modified not before Date; a Timezone that names
    one."""
    problems = []
    required = ARTICLE_FIELDS if is_article else PAGE_FIELDS
    for name, fix in required.items():
        if not " ".join(meta.get(name, [])).strip():
            problems.append((1, f"{name.capitalize()} is missing: {fix}"))
    header = text.split("\n\n", 1)[0]
    problems += header_lines(text)
    names = [m.group(1).lower() for m in FIELD.finditer(header)]
    for name in dict.fromkeys(n for n in names if names.count(n) > 1 and n not in REPEATABLE):
        problems.append((field_line(text, name), f"{name.capitalize()} is given {names.count(name)} times: "
                         "keep one (a long value goes on, indented, on the lines below)"))
    given_zone = meta.get("timezone", [site_zone])[0].strip()
    if not zone(given_zone):
        canonical = canonical_zones().get(given_zone)
        instead = f"write {canonical}, the name IANA keeps" if canonical else (
            "write the IANA name of the place, such as Asia/Taipei or Europe/London")
        problems.append((field_line(text, "timezone"), f"Timezone '{given_zone}' is not a time zone's name: "
                         f"{instead} (a date must mean the same on every machine)"))
    dates, clock = {}, report_zone(meta, site_zone)
    for name in ("date", "modified"):
        if not meta.get(name):
            continue
        value = meta[name][0].strip()
        now = datetime.datetime.now(datetime.timezone.utc) if name == "modified" else None
        problem = date_problem(name.capitalize(), value, clock, now)
        if problem is None:
            dates[name] = set_date_tzinfo(parsed_date(value), clock)
        else:
            problems.append((field_line(text, name), problem))
    if "date" in dates and "modified" in dates and dates["modified"] < dates["date"]:
        problems.append(
            (field_line(text, "modified"), "Modified is earlier than Date: an update cannot precede publication")
        )
    return problems


def header_lines(text):
    """Every line of the header is a field (``Name: value``) or goes on
    the one before, indented by four spaces or more: Python-Markdown ends
    the header at any other line, and what follows would be published as
    the report's first words. And the text does not open with what is a
    person line (``Name | kind | …``), left out of the Speakers above it."""
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        if not line.strip():
            break
        if not (META_KEY.match(line) or (number > 1 and META_MORE.match(line))):
            indent = len(line) - len(line.lstrip(" "))
            how = f"is indented by {indent} space{'s' if indent != 1 else ''}" if indent else "is no field"
            return [(number, f"header line '{line.strip()[:60]}' {how}: the header would end before it and "
                     "it would be published as the report's text: indent a line that goes on the one above by "
                     "four spaces, or leave a blank line between the header and the text")]
    body_start = text.find("\n\n")
    first = text[body_start:].lstrip("\n").split("\n", 1)[0] if body_start >= 0 else ""
    if PERSON_LINE.match(first.strip()):
        return [(line_at(text, text.index(first, body_start)), f"the text opens with '{first.strip()[:60]}', a "
                 "person line: put it under Speakers, indented by four spaces, with no blank line before it")]
    return []


def inside(path, root):
    """Whether ``path``, links followed, is within the folder ``root``."""
    return os.path.realpath(path).startswith(os.path.realpath(root) + os.sep)


def link_target(target, source_path, content_root):
    """The file a {filename}, {static} or {attach} link's ``target`` names:
    from content/ where it starts with /, else from the linking file's folder."""
    target = unquote(target)
    base = content_root if target.startswith("/") else os.path.dirname(source_path)
    return os.path.normpath(os.path.join(base, target.lstrip("/")))


def file_links(text):
    """Each (kind, target) of the {filename}, {static} and {attach} links in
    ``text``, once, in order."""
    return tuple(sorted(set(LINK.findall(text))))


def links(text, source_path, content_root):
    """Every {filename}, {static} or {attach} link names a file that exists
    inside content/ (links followed: no file from elsewhere is published)."""
    problems = []
    for match in LINK.finditer(text):
        path = link_target(match.group(2), source_path, content_root)
        line = line_at(text, match.start())
        if not inside(path, content_root):
            problems.append((line, f"links to {match.group(0)}, which is outside content/: link only to files in content/"))
        elif not os.path.exists(path):
            problems.append((line, f"links to {match.group(0)}, which does not exist: correct the path"))
    return problems


def terms(article):
    """The article's category, tags and authors, each as (kind, term)."""
    yield "category", article.category
    for tag in getattr(article, "tags", []):
        yield "tag", tag
    for author in getattr(article, "authors", []):
        yield "author", author


def term_links(text):
    """The {tag}, {category} and {author} links of a file: (line, kind, name).
    Whether each leads anywhere is known only once every article is read."""
    return [(line_at(text, m.start()), m.group(1), m.group(2)) for m in TERM_LINK.finditer(text)]


def dead_term_links(items, articles, settings):
    """Links to a tag, category or author no article has: (source, line, link)."""
    wrappers = {"tag": Tag, "category": Category, "author": Author}
    known = {(kind, term.slug) for article in articles for kind, term in terms(article)}
    for item in items:
        for line, kind, name in getattr(item, "term_links", []):
            if (kind, wrappers[kind](name, settings).slug) not in known:
                yield item.source_path, line, f"{{{kind}}}{name}"


def nameless(articles):
    """Categories, tags and authors that give no address: a tag of nothing
    but punctuation would be published at tag/.html."""
    for article in articles:
        for kind, term in terms(article):
            if not term.slug:
                yield article.source_path, TERM_FIELDS[kind], term.name


@functools.lru_cache(maxsize=4096)
def unwritten_vowels(name, lang):
    """Whether ``name`` is in a script that writes no vowels (Arabic,
    Persian, Hebrew…; not Uyghur, which writes them in Arabic letters).
    Asked once a term of each report, of a few hundred terms: kept."""
    if locales.writing(lang or "en")[0] == "ug":
        return False
    return bool(vowelless_scripts(name))


def shared_addresses(articles):
    """Categories, tags or authors of different names whose pages would be
    one address (王毅 and 汪毅 are both tag/wang-yi; 人權 and 人权, one word
    in two writings, are one): (kind, address, {name: first source})."""
    found = {}
    for article in articles:
        for kind, term in terms(article):
            if term.slug:
                found.setdefault((TERM_FIELDS[kind], folded(term.slug)), {}).setdefault(term.name, article.source_path)
    for (field, address), given in found.items():
        if len({names.one_writing(name) for name in given}) > 1:  # 人權 and 人权 are one
            yield field, address, given


def contents(generator):
    """Every article or page a generator holds, whatever its status."""
    for kind in CONTENT_LISTS:
        yield from getattr(generator, kind, [])


def saved_as(item):
    """Where ``item`` is written: worked out once (addresses.py), as Pelican
    recomputes ``save_as`` from its pattern at every use."""
    return item.report.output or item.save_as


def folded(address):
    """An address as a case-insensitive, normalising file system or CDN
    holds it (macOS, several object stores): NFC, case folded."""
    return unicodedata.normalize("NFC", address).casefold()


def collisions(generators):
    """Files that would be written to one output path, or to paths that
    are one when folded: {(path, …): [source, …]}."""
    published = {}
    for generator in generators:
        for item in contents(generator):
            path = saved_as(item)
            if path:  # drafts in production are not written at all
                published.setdefault(folded(path), {})[item.source_path] = path
    return {tuple(sorted(set(found.values()))): sorted(found) for found in published.values() if len(found) > 1}
