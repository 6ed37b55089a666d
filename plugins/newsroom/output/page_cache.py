"""A rebuild renders only the pages whose inputs changed.

Pelican renders and writes every page on every build; its content cache
saves only the reading. After one report is edited, a development rebuild
of 10,000 reports spent four fifths of its time rendering 16,000 pages that
came out as they were. Here each page Pelican writes is given a key, a hash
of all it is made from:

- the build: the theme's files, the plugins' code, the settings, the
  versions of the packages that render; the site's pages (every page's
  navigation lists them) and the register of people;
- the page: its template, file and address, and what its last rendering
  read: each name its template (with all it extends, includes and
  imports, and the functions it calls that read the context) looked up,
  recorded in the store as it rendered (`Reading`); each such value
  Pelican hands it or the site's context holds, a report or page in full
  (its text, and the address of each file the text links to), a list of
  reports as a listing shows them (everything but their text); a
  paginated list as the page's own slice and the pages it links to. A
  report is described by what it was read from (the reader's digest of
  its file and photos, cached with the reading) and what was joined to it
  since (its people, translations, address, status), not by describing
  its reading again in every build. A rendering reads the same names
  while the values it read are the same, so the names the last one read
  are the names to compare; a page the store has no record of renders.

So a report added changes the key of its own page, of the first page of
each listing it is in (numbered from the oldest, a listing's later pages
keep their slice: `pages/pagination.py`) and of the pages that read every
report (the archives, the corrections, the index of topics); no other.

Where the last build recorded the same key for that file, and the file it
left still holds the bytes it recorded making (their SHA-256: a live page
edited, its size and time kept, is rendered again), that file is kept where
it is (``deploy/build.py`` builds beside the live site: the file is noted
as kept, `build_store.Store.place`) or, building in place, left; nothing
is rendered. Everything else is rendered as
ever, and Pelican's signals fire for every page alike (the sitemap hears of
each). Anything the keys cannot tell apart from run to run (an object
without a stable description) makes its page render every time: a miss,
never a stale page.

On with the content cache (``LOAD_CONTENT_CACHE``): development builds and
``make publish`` (each with a cache of its own).

Keys and digests: the build store's ``outputs`` table (plugins/build_store).
The last build's pages are in ``LIVE_OUTPUT`` where ``deploy/build.py``
builds beside the live site, else in the output folder itself.
"""

import dataclasses
import datetime
import enum
import hashlib
import json
import logging
import marshal
import os
import typing
from importlib.metadata import version
from pathlib import Path

import build_store
import jinja2.runtime
from pelican.contents import Content
from pelican.log import console
from pelican.urlwrappers import URLWrapper

from ..model.people import Person
from ..model.report import JOINED
from ..pelican_internals import LinkingWriter, body_as_read
from ..people.register import register_files
from ..reading.checks import file_links, link_target

logger = logging.getLogger(__name__)

# What renders a page besides our own code and the theme.
PACKAGES = ("pelican", "jinja2", "markupsafe", "markdown", "rcssmin")
# Settings that say where things are, not what they are; and whether the
# search index is made (the search page reads what it made, SEARCH_SHARDS:
# no other page differs).
PLACES = {"OUTPUT_PATH", "CACHE_PATH", build_store.SETTING, build_store.LIVE, "SEARCH_INDEX"}
# What a listing shows of a report or page besides its metadata: the
# model (`model/report.py`, its address included), and what Pelican works out.
FACE = ("status", "lang", "summary", "translations", "report")
# Where a reading's digest stands for it, what Pelican works out once the
# items are read (and what later stages join to the model: `JOINED`).
AFTER_READING = ("status", "translations", "url", "save_as", "in_default_lang")

PLAIN = {str, int, float, bool, type(None)}
# What many pages hand their templates: the same reports, the same lists,
# the same marked-up text (the stylesheet every page inlines: a ``Markup``).
SHARED = (Content, list, tuple, URLWrapper, str)
# Shared by every report that names them and never changed (frozen, made
# of strings): described once a build by every describer, even one that
# remembers nothing else (a person quoted in 3,000 reports was described
# 3,000 times).
FROZEN = (Person,)


class Unstable(Exception):
    """A value whose description changes from run to run."""


def mention(item):
    """A report or page named inside another's description: its address,
    title and language (its own description would name the first again)."""
    return f"<{type(item).__name__} {item.url} {item.title} {item.lang}>"


class Describer:
    """Descriptions of values that are the same in every run for the same
    value: what the keys are hashed from. ``content`` describes a report or
    page met on the way. With ``remember``, what many pages share (reports,
    lists of them) is described once, the first time: nothing changes while
    pages are written (Pelican has read, sorted and linked everything before
    it makes the writer)."""

    def __init__(self, content=mention, remember=True):
        self.content, self.remember = content, remember
        self.known = {}  # id -> (value, description): the value kept, so its id is not reused
        self.fieldwise = {}  # dataclasses whose repr is not stable: their field names, described one by one

    def __call__(self, value):
        if type(value) in PLAIN:
            return repr(value)
        known = self.known.get(id(value))
        if known is None:
            described = self.describe(value)
            if len(described) > 100:  # kept short: a listing's is made of its items'
                described = "#" + hashlib.sha256(described.encode()).hexdigest()
            if not (self.remember and isinstance(value, SHARED) or isinstance(value, FROZEN)):
                return described
            known = self.known[id(value)] = (value, described)
        return known[1]

    def describe(self, value):
        if value is None or isinstance(value, (str, int, float, bool, datetime.date, datetime.tzinfo, enum.Enum)):
            return repr(value)
        if isinstance(value, (list, tuple)):
            return "[" + ",".join(map(self, value)) + "]"
        if isinstance(value, (set, frozenset)):
            return "{" + ",".join(sorted(map(self, value))) + "}"
        if isinstance(value, dict) or hasattr(value, "items"):
            return "{" + ",".join(sorted(f"{self(k)}:{self(v)}" for k, v in value.items())) + "}"
        if isinstance(value, Content):
            return self.content(value)
        if isinstance(value, URLWrapper):  # a tag, section or author
            return f"<{type(value).__name__} {value.name} {value.url}>"
        if dataclasses.is_dataclass(value):
            names = self.fieldwise.get(type(value))
            if names is None:
                described = repr(value)  # a dataclass's own: every field's, in order
                if " at 0x" not in described:
                    return described
                # It holds something without a stable repr.
                names = self.fieldwise[type(value)] = [f.name for f in dataclasses.fields(value)]
            return f"{type(value).__name__}({','.join(self(getattr(value, name)) for name in names)})"
        if hasattr(value, "__code__"):  # a function: what it does
            # marshal's format 2: the current one marks an object met twice
            # by its reference count, which differs from process to process.
            return hashlib.sha256(marshal.dumps(value.__code__, 2)).hexdigest()
        if isinstance(value, type):
            return f"{value.__module__}.{value.__qualname__}"
        described = repr(value)
        if " at 0x" in described:
            raise Unstable(described)
        return described


def file_parts(kind, folders, pattern, whole_paths=False):
    """``{"kind path": digest}`` for every file of ``folders`` matching
    ``pattern`` (not the plugins' tests, which no page is made from), by
    its path in its folder, or its whole path (folders that may hold the
    same names)."""
    parts = {}
    for folder in folders:
        for path in sorted(Path(folder).rglob(pattern)):
            if path.is_file() and not {"__pycache__", "tests"} & set(path.relative_to(folder).parts):
                name = path.absolute() if whole_paths else path.relative_to(folder)
                parts[f"{kind} {name.as_posix()}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return parts


def changed(last, now):
    """What differs between two builds' parts, in a few words: the first
    three names, and how many more."""
    names = sorted({name for name in {*last, *now} if last.get(name) != now.get(name)})
    more = f" and {len(names) - 3} more" if len(names) > 3 else ""
    return ", ".join(names[:3]) + more


def digested(item):
    """The item's model where its reader recorded what the reading was made
    from (`Report.digest`), else None (a file another reader read)."""
    report = getattr(item, "report", None)
    return report if report is not None and report.digest else None


# What a name read and missing from a page's context is looked up as.
ABSENT = object()


class Plan(typing.NamedTuple):
    """A set of names pages read, as `Keys.of` goes through it."""
    sorted: list
    text: str
    not_given: frozenset


class Keys:
    """The keys of one build's pages."""

    def __init__(self, settings, context):
        self.context, self.settings = context, settings
        # Inside a report's description, another report is only mentioned;
        # what is in one report is described once, so not remembered.
        self.inside, self.listed = Describer(remember=False), Describer(self.face)
        self.plans = {}  # (names read, lists paginated) -> Plan
        # A value found to be a function or the setting itself, by name:
        # not part of a page's own values.
        self.skipped = {}
        try:
            self.build = self.built(settings, context)
        except Unstable as error:
            logger.info("page_cache: every page renders: the settings hold %s, which differs in every run",
                        error)
            self.build = None

    def built(self, settings, context):
        """What every page is made from, as named parts (`parts`) and one key."""
        self.parts = self.build_parts(settings, context)
        return hashlib.sha256(json.dumps(self.parts, sort_keys=True).encode()).hexdigest()

    def build_parts(self, settings, context):
        """``{name: digest}`` of each thing every page is made from: each
        package that renders, setting, file of the theme (and of the
        folders of templates that override it) and of the plugins (their
        code, the chrome's catalogue, their templates), the site's pages,
        the register of people (who every report's speakers are: a new
        report's unregistered speaker is in that report's own description)."""
        sha = lambda text: hashlib.sha256(text.encode()).hexdigest()  # noqa: E731
        parts = {f"package {package}": version(package) for package in PACKAGES}
        parts.update({f"setting {k}": sha(self.inside(v)) for k, v in settings.items() if k not in PLACES})
        parts.update(file_parts("theme", [settings["THEME"]], "*"))
        # Templates found before the theme's (Pelican's THEME_TEMPLATES_OVERRIDES).
        parts.update(file_parts("template", settings.get("THEME_TEMPLATES_OVERRIDES", []), "*", whole_paths=True))
        for pattern in ("*.py", "*.toml", "*.html"):
            parts.update(file_parts("plugin", settings["PLUGIN_PATHS"], pattern))
        parts["pages"] = sha(self.listed(list(context.get("pages", ()))))
        register = hashlib.sha256()
        for path in register_files(settings["PATH"]):
            register.update(f"{path}\0".encode() + Path(path).read_bytes() + b"\0")
        parts["the register"] = register.hexdigest()
        return parts

    def face(self, item):
        """A report or page as a listing shows it, all but its text, hashed
        (a listing of thousands is described by thousands of hashes)."""
        report = digested(item)
        if report is not None:
            # What it was read from stands for what the reading made; only
            # what was joined to it since is described.
            shown = {"read": report.digest, **{name: getattr(report, name) for name in JOINED},
                     **{name: getattr(item, name, None) for name in AFTER_READING},
                     "metadata": {k: v for k, v in item.metadata.items() if k not in report.fields and k != "report"}}
            return hashlib.sha256(self.inside(shown).encode()).hexdigest()
        # The reading as cached is in the item's model, joined to others: described there.
        metadata = {name: value for name, value in item.metadata.items() if name != "report"}
        # An attribute that is its metadata (the title) is described once.
        shown = {name: value for name in FACE if (value := getattr(item, name, None)) is not metadata.get(name)}
        shown = self.inside({"metadata": metadata, **shown})
        return hashlib.sha256(shown.encode()).hexdigest()

    def whole(self, item):
        """A report or page in full: its face, its text as read, and the
        addresses of what the text links to ({filename}, {static},
        {attach}), which Pelican puts in when it renders: a report added
        elsewhere changes no other report's key."""
        report = digested(item)
        if report is not None:  # the text is in the digest, its links in the reading
            return self.listed(item) + self.inside(sorted(self.linked(item, report.links)))
        text = body_as_read(item)
        body = hashlib.sha256(text.encode()).hexdigest()
        return self.listed(item) + body + self.inside(sorted(self.linked(item, file_links(text))))

    def linked(self, item, links):
        """``link=address`` for each link (kind, target) of the text to another file."""
        content = self.settings["PATH"]
        for kind, target in links:
            path = os.path.relpath(link_target(target, item.source_path, content), content)
            found = self.context.get("generated_content", {}).get(path) or \
                self.context.get("static_content", {}).get(path)
            yield f"{kind}:{target}={found.url if found is not None else None}"

    def of(self, call, context, names, paginated):
        """The key of the page ``context`` is for, given ``names``, the
        names its rendering reads (recorded as it rendered: `Reading`):
        the call to the writer that makes it (address, template, relative
        or not), each value read that the page is handed or the site's
        context holds, a report in full, a list of reports as a listing
        shows them; settings and the site's pages are in the build's key,
        a paginated list's slice in `page`'s. None where a value read has
        no stable description: the page then renders every time."""
        if self.build is None:
            return None
        names, skipped = self.plan(names, tuple(paginated)), self.skipped
        given, absent = {}, []
        for key in names.sorted:
            value = context.get(key, ABSENT)
            if value is ABSENT:
                absent.append(key)  # a name read and not there: its coming changes the page
                continue
            if key in names.not_given or skipped.get(key, ABSENT) is value:
                continue
            if callable(value) or (key in self.settings and value is self.settings[key]):
                skipped[key] = value  # the next page handed the same is not asked again
                continue
            given[key] = value
        whole = {k: v for k, v in given.items() if isinstance(v, Content)}
        try:
            mine = self.listed({k: v for k, v in given.items() if k not in whole})
            own = "".join(f"{k}={self.whole(v)}" for k, v in sorted(whole.items()))
        except Unstable as error:
            logger.debug("page_cache: %s always renders: %s", context.get("output_file"), error)
            return None
        text = f"{self.build}|{call}|{names.text}|{absent}|{own}|{mine}"
        return hashlib.sha256(text.encode()).hexdigest()

    def plan(self, names, paginated):
        """How `of` goes through ``names`` (thousands of pages read one of a
        few sets): in order, written out for the key, and which are never
        the page's own values (its slice of a list and the pages it links
        to, in `page`'s key; the site's pages, in the build's)."""
        names = names if isinstance(names, frozenset) else frozenset(names)
        found = self.plans.get((names, paginated))
        if found is None:
            ordered = sorted(names)
            per_page = {f"{n}_{part}" for n in paginated for part in ("page", "paginator", "previous_page", "next_page")}
            found = self.plans[names, paginated] = Plan(
                ordered, str(ordered), frozenset({*per_page, *paginated, "pages"}))
        return found

    def page(self, key, context, names, counted):
        """The key of one page of a paginated listing: the call's, and for
        each list what the page shows of it, its address and those of the
        pages it leads to (numbered from the oldest, a later page's slice
        and links stay as they were when reports are added:
        `pages/pagination.py`); where the page shows the list's length
        (``counted``: its last render read it), that too."""
        parts = [key]
        try:
            for name in names:
                page, paginator, previous, following = (context[f"{name}_{part}"] for part in (
                    "page", "paginator", "previous_page", "next_page"))
                # The slice is a list made for this page: described, not
                # remembered (a remembered value is kept for the build).
                parts += [self.listed.describe(list(page.object_list)), page.save_as,
                          str(getattr(page, "stable_number", page.number)),
                          str(paginator.count) if counted else "",
                          previous.url if previous else "", following.url if following else ""]
        except Unstable as error:
            logger.debug("page_cache: %s always renders: %s", context.get("output_file"), error)
            return None
        return hashlib.sha256("|".join(parts).encode()).hexdigest()


class Reading(jinja2.runtime.Context):
    """A template's context (Jinja's ``Environment.context_class``) that
    notes each name looked up in it, by the template, all it extends,
    includes and imports with context, and the functions it calls that
    read the context, into the set its environment's ``page_reads``
    holds while a page renders: what the page's key covers next build.
    A rendering looks up the same names as long as the values it looked
    up are the same (a branch reads only what was looked up before it)."""

    def resolve_or_missing(self, key):
        reads = self.environment.page_reads
        if reads is not None:
            reads.add(key)
        return jinja2.runtime.Context.resolve_or_missing(self, key)


def record_reads(generator):
    """generator_init: the generator's templates note what they read
    (nothing until a page renders)."""
    generator.env.context_class = Reading
    generator.env.page_reads = None


class Reusing:
    """A template that, for a page whose key and last file are unchanged,
    hands back nothing and has the writer link the file instead: Pelican's
    ``write_file`` makes every page's local context and sends
    ``content_written`` for it, rendered or not. A page it renders, it
    renders noting what it reads (`Reading`), and keys by that."""

    def __init__(self, template, writer, call, paginated=()):
        self.template, self.writer, self.call, self.paginated = template, writer, call, paginated

    def __getattr__(self, name):
        return getattr(self.template, name)

    def key(self, context, names, counted):
        call = self.writer.keys.of(self.call, context, names, self.paginated)
        if call is None or not self.paginated:
            return call
        return self.writer.keys.page(call, context, self.paginated, counted)

    def render(self, context):
        name = context["output_file"]
        last = self.writer.last.get(name)
        if last is not None:
            key = self.key(context, last.names, last.counted)
            if key is not None and self.writer.reusable(name, key):
                self.writer.made[name] = last
                self.writer.linking.add(self.writer.path(name))
                return ""
        watched = {f"{list_name}_paginator": Watched(context[f"{list_name}_paginator"])
                   for list_name in self.paginated}
        environment, names = self.template.environment, set()
        environment.page_reads = names
        try:
            page = self.template.render({**context, **watched})
        finally:
            environment.page_reads = None
        counted = any(paginator.read for paginator in watched.values())
        key = self.key(context, names, counted)
        if key is not None:
            self.writer.made[name] = Made(key, None, counted, self.writer.read_set(names))
        # Rendered as it was (a listing whose key changed, not what it
        # shows): the live file is kept, with its time.
        return "" if self.writer.same_as_before(name, page) else page


class Made(typing.NamedTuple):
    """A page as a build made it: its key, the SHA-256 of its bytes,
    whether it showed its list's length, the names its rendering read; and
    the identity of the file found to hold those bytes (`reusable`), if any."""
    key: str
    digest: str | None
    counted: bool
    names: frozenset
    identity: str = ""


class Watched:
    """A listing's paginator as a page's template sees it, noting whether
    the page read anything of it that changes with the list's length (how
    many it holds, how many pages): then that length is in the page's key.
    Whether a page reads it is known from its last render: with the same
    key (template, slice, links) a page reads the same, so a numbered page
    that does not show the length keeps its file while the list grows."""

    LENGTH = {"count", "num_pages", "object_list", "page_range"}

    def __init__(self, paginator):
        self._paginator, self.read = paginator, False

    def __getattr__(self, name):
        if name in self.LENGTH:
            self.read = True
        return getattr(self._paginator, name)


class PageCacheWriter(LinkingWriter):
    """Pelican's writer, which renders only pages whose key changed. Pelican
    makes it once every report is read and linked, before any page is
    written."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings)
        self.store = build_store.of(self.settings)
        run = self.store.work["page_cache"]
        self.keys = keys_of(self.store)
        run["writer"] = self
        last_parts = json.loads(self.store.fact("page_cache_parts") or "{}")
        if self.keys.build is not None and last_parts and last_parts != self.keys.parts:
            console.print(f"Every page is made again: {changed(last_parts, self.keys.parts)} changed.",
                          soft_wrap=True, markup=False, highlight=False)
        # Each set of names read, once (thousands of pages read the same names).
        self.read_sets = {}
        sets = {id_: self.read_set(json.loads(names)) for id_, names in self.store.rows("read_sets")}
        # A page whose set is missing (a store changed by hand) gets one no
        # key was made from: it renders.
        self.last = {name: Made(key, digest, bool(counted), sets.get(read_set, frozenset({"?"})), identity)
                     for name, key, digest, counted, read_set, identity in self.store.rows("outputs")}
        self.digests = {}  # the pages kept: the digests they were checked against
        self.identities = {}  # the pages kept: the identities of the files found to hold them
        self.previous = os.path.abspath(self.settings.get(build_store.LIVE) or output_path)
        self.made, self.linking, self.reused = {}, set(), 0  # made: name -> Made, this build

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        if name:
            # As Pelican's writer: without ``paginated``, the articles and
            # dates handed are the lists to paginate.
            lists = paginated if paginated is not None else {
                k: v for k, v in kwargs.items() if k in ("articles", "dates")}
            pages = list(lists) if lists and template_name in self.settings["PAGINATED_TEMPLATES"] else []
            if self.keys.build is not None:
                template = Reusing(template, self, (name, template_name, url, relative_urls, override_output), pages)
        return super().write_file(name, template, context, relative_urls, paginated, template_name,
                                  override_output, url, **kwargs)

    def derived(self, name, parts, make):
        """A file made from the site's model, not rendered by Pelican's
        writer (a speaker's feed, their data): kept from the last build as
        a page is (`reusable`), where the build's key and what ``parts``
        describe (each report as a listing shows it, anything else by
        value) are as they were; else ``make()``'s bytes, written through
        the store (`build_store.Store.write`). A publish of one report
        made every speaker's feed and data file again to keep all but
        three of them."""
        target = self.path(name)
        try:
            described = "|".join(self.keys.listed(part) if isinstance(part, Content) else self.keys.inside(part)
                                 for part in parts)
        except Unstable:
            key = None
        else:
            key = hashlib.sha256(f"{self.keys.build}|{name}|{described}".encode()).hexdigest()
        if key is not None and self.reusable(name, key):
            self.made[name] = self.last[name]
            self.reused += 1
            self._link(os.path.join(self.previous, name), target, False)
            return
        data = make()
        self.store.write(target, data)
        if key is not None:
            self.made[name] = Made(key, None, False, self.read_set(()))
            self.digests[name] = hashlib.sha256(data).hexdigest()

    def read_set(self, names):
        """``names`` as a frozenset, the one this build holds already where
        another page read the same."""
        names = frozenset(names)
        return self.read_sets.setdefault(names, names)

    def reusable(self, name, key):
        """Whether the last build made ``name`` from ``key`` and the file it
        left holds the bytes it made (a file this build writes twice is left
        to Pelican's rules). The file is read and hashed, unless it is the
        very file a build found to hold them (`build_store.file_identity`:
        nothing has written, moved or linked it since); a link is never
        taken for the file it names."""
        entry, target = self.last.get(name), self.path(name)
        if not entry or entry.key != key or self.written(target):
            return False
        found = build_store.holds(os.path.join(self.previous, name), entry.digest, entry.identity)
        if found is None:
            return False
        self.digests[name], self.identities[name] = entry.digest, found
        return True

    def same_as_before(self, name, page):
        """Whether the last build's ``name`` holds ``page`` already: then it
        is linked instead of written."""
        target, previous = self.path(name), os.path.join(self.previous, name)
        if self.written(target):
            return False
        data = page.encode("utf-8")
        try:  # a link in the live site is not its file (O_NOFOLLOW: it fails to open)
            with open(os.open(previous, os.O_RDONLY | os.O_NOFOLLOW), "rb") as f:
                if os.fstat(f.fileno()).st_size != len(data) or f.read() != data:
                    return False
        except OSError:
            return False
        self.linking.add(target)
        self.digests[name] = hashlib.sha256(data).hexdigest()
        return True

    def place(self, source, filename):
        """A kept page: where the build stands on the live site (whose file
        ``source`` is), left there (`build_store.Store.place`); where
        ``source`` is the live site's file at that very place, which
        ``reusable`` has just found to be a file of its own holding the
        page (its identity noted), at no further look."""
        name = self.store.in_output(filename)
        if name in self.identities and source == os.path.join(self.previous, name):
            self.store.kept.add(name)
        else:
            self.store.place(source, filename)

    def link_instead(self, filename):
        """The last build's file, where ``reusable`` found it unchanged."""
        if filename not in self.linking:
            return None
        self.linking.discard(filename)
        self.reused += 1
        return os.path.join(self.previous, os.path.relpath(filename, self.output_path))

    def save(self):
        """Each page's key, the digest of its bytes, whether it showed its
        list's length and the names it read, into the store: the pages
        kept, as checked; the others hashed as written. The rows go to the
        store as they are made (a list of 20,000 was the build's peak of
        memory)."""
        ids = {}

        def rows():
            for name, made in self.made.items():
                digest = self.digests.get(name)
                if digest is None:
                    try:
                        digest = build_store.file_digest(os.path.join(self.output_path, name))
                    except OSError:
                        continue
                if made.names not in ids:
                    text = json.dumps(sorted(made.names))
                    ids[made.names] = (hashlib.sha256(text.encode()).hexdigest()[:16], text)
                yield name, made.key, digest, made.counted, ids[made.names][0], self.identities.get(name, "")

        self.store.replace_rows("outputs", rows())
        self.store.replace_rows("read_sets", ids.values())
        if self.keys.build is not None:
            self.store.set_fact("page_cache_parts", json.dumps(self.keys.parts, sort_keys=True))
        if self.made:
            logger.info("page_cache: %d of %d pages kept from the last build", self.reused, len(self.made))


def remember_context(generators):
    """The run's context, once every report is read and joined: what the
    writer keys pages by (held by the run's store; the search index keys
    its bundles by the same keys, `keys_of`)."""
    settings = generators[0].settings
    store = build_store.of(settings)
    if store is not None:
        store.work["page_cache"] = {"settings": settings, "context": generators[0].context}


def keys_of(store):
    """The run's `Keys`, made when first asked for (a build that neither
    keeps pages nor indexes search, a report previewed alone, makes none);
    None before every report is read and joined."""
    run = store.work.get("page_cache")
    if run is None:
        return None
    if "keys" not in run:
        run["keys"] = Keys(run["settings"], run["context"])
    return run["keys"]


def write_derived(writer, settings, name, parts, make):
    """``make()``'s bytes at ``name`` in the output: through the page
    cache's writer where it keys pages (`PageCacheWriter.derived`), else
    through the store."""
    if isinstance(writer, PageCacheWriter) and writer.keys.build is not None:
        writer.derived(name, parts, make)
    else:
        build_store.of(settings).write(os.path.join(writer.output_path, name), make())


def get_writer(pelican):
    store = build_store.of(pelican.settings)
    usable = pelican.settings.get("LOAD_CONTENT_CACHE") and store is not None and "page_cache" in store.work
    return PageCacheWriter if usable else None


def save(pelican):
    store = build_store.of(pelican.settings)
    writer = store.work.pop("page_cache", {}).get("writer") if store is not None else None
    if writer is not None and pelican.settings.get("CACHE_CONTENT"):
        writer.save()
