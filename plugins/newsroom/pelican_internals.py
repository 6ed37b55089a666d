"""Every name Pelican keeps private that the newsroom uses, in one place.

Pelican 4.12 (pinned in the locks) offers no public way to do these
things. Each is here with the reason it is needed and the test that fails
if Pelican changes what it relies on, so a Pelican upgrade means reading
this file and running ``make test-fast``, nothing else. The rest of the
newsroom touches Pelican only through its signals, its public classes
(``Generator``, ``Writer``, ``MarkdownReader``, ``URLWrapper``) and
``pelican.utils``.

| private name | why | the test that notices a change |
| --- | --- | --- |
| ``Content._content``, ``Content._update_content`` | a body is held compressed and rendered on demand (`bodies.py`); photos' addresses are put in when the body is first read, before Pelican renders its links; page_cache hashes the body as read | tests/test_bodies.py, tests/test_photos.py, tests/test_page_keys.py (fast); tests/test_page_cache.py (page level) |
| ``Content._summary`` | a standfirst's quotations are credited to the register's person once the register is joined (`people/register.py`); Pelican writes ``_summary`` back over the metadata before rendering | plugins/newsroom/tests/test_identity.py |
| ``item.__class__`` swapped | the compressed body is a property of the item's class | tests/test_bodies.py |
| ``CachingGenerator._cache_data_policy``, its ``get_cached_data`` and ``cache_data`` replaced on the instance | a generator that caches nothing (the readers cache, not it: ``CONTENT_CACHING_LAYER = "reader"``) still hashes each source twice to look up and fill an empty cache: with the readers' hash, three reads of every report a build | plugins/newsroom/tests/test_internals.py |
| the readers' ``cache_data``, ``get_cached_data``, ``save_cache`` and ``read_file`` replaced on the instance; their ``_cache``, ``_cache_path``, ``_cache_open`` and ``_cache_data_policy`` | the content cache holds the article's compressed body instead of a second string, the article holds that same one, the cache is not written again when nothing was read anew, and what was read anew is written to a file of its own (`Recent`), not the whole cache again | plugins/newsroom/tests/test_cache_guard.py |
| the readers' ``_get_file_stamp`` replaced on the instance | Pelican reads and hashes every source on every build to find its cached reading (``CHECK_MODIFIED_METHOD = "sha256"``: a time alone can be set back); the build store gives the same SHA-256 at one ``stat`` for a file it hashed whose identity, change time included, is unchanged (`build_store.Store.source_digest`) | plugins/newsroom/tests/test_internals.py |
| ``ArticlesGenerator._build_period_archives`` | Pelican's year pages are quadratic in the site's size | tests/test_listings.py |
| ``Writer._open_w``, ``_written_files``, ``_overridden_files`` | an unchanged page is linked from the last build instead of written: Pelican's ``write_file`` runs its own steps for it with a template that renders nothing (`output/page_cache.py`'s ``Reusing``) | tests/test_page_cache.py (page level) |
| ``Content._expand_settings``, ``url_format`` | Pelican works an address out again at every use (a copy of the metadata, the date formatted): 71,000 times in a publish of 10,000 reports | plugins/newsroom/tests/test_internals.py |
| ``Paginator._get_num_pages``, ``Page._from_settings`` | listing pages numbered from the oldest keep their contents (`pages/pagination.py`); Pelican's paginator counts pages and names addresses in these | plugins/newsroom/tests/test_pagination.py |
| ``pelican.log.LimitFilter._raised_messages``, ``._group_count`` | Pelican drops a warning logged once already in the process, so a second run in one process (``pelican -r``, the tests) would pass a problem unseen | tests/test_internals.py |

Fixes for Pelican itself are patches in docs/upstream/ (the quadratic
listings: `pelican-linear-listings.patch`; `pages/listings.py` works around
it meanwhile with a public list subclass, no private name), with what
stays worked around until a release has them.
"""

import contextlib
import functools
import os
import pickle
import shutil
import string

import build_store
from pelican.contents import Content
from pelican.log import LimitFilter
from pelican.paginator import Page, Paginator
from pelican.utils import path_to_url, sanitised_join
from pelican.writers import Writer

from .output.bodies import Body
from .pages import pagination

# -- Bodies (output/bodies.py) ------------------------------------------------

class Packed:
    """Mixed into an article's or page's class: its body is a `Body`."""

    @property
    def _content(self):
        return self._body.text()

    @_content.setter
    def _content(self, text):
        self._body = Body(text)

    def get_content(self, siteurl):
        # Not memoised, unlike Content.get_content: that would keep every body whole.
        return self._update_content(self._content, siteurl)

    def get_static_links(self):
        # Pelican's own, over the body as read where what the build puts in
        # it is not made yet: no change puts in a link (`rewrite_body`), and
        # Pelican asks every item, kept pages' too. Asked while reading,
        # before any page renders or the search index's thread starts: no
        # one else reads the body while it is swapped.
        body = self._body
        self._body = body.as_read()
        try:
            return super().get_static_links()
        finally:
            self._body = body


@functools.cache
def _packed_class(cls):
    # The same name and module as the item's own class: templates and page_cache's keys see no change.
    return type(cls.__name__, (Packed, cls), {"__module__": cls.__module__})


def pack_body(item, body=None):
    """Hold the item's body compressed from now on: as ``body`` where that
    is given and holds the item's very text."""
    text = item.__dict__.get("_content")
    if not isinstance(text, str) or not text:
        return
    del item.__dict__["_content"]
    item.__class__ = _packed_class(type(item))
    item._body = body or Body(text)


def body_as_read(item):
    """The body as the reader made it, links to other items unresolved
    (``content`` would resolve them, at the cost of a rendering)."""
    return getattr(item, "_content", None) or ""  # a static file (a PDF) has None


def set_summary(item, html):
    """Change the standfirst after reading: Pelican writes ``_summary``
    back over ``metadata["summary"]`` before it renders (no public setter:
    its ``summary`` setter does nothing)."""
    item.metadata["summary"] = item._summary = html


def rewrite_body(item, change):
    """Change the body as read, before Pelican first renders its links
    (no public setter exists): in a body held compressed, when its text is
    first read (`bodies.Rewritten`). ``change`` puts in and takes out no
    link to a file of content/ ({static}, {attach}, {filename}): Pelican's
    list of the files to copy is made from the body as read."""
    if isinstance(item, Packed):
        item._body = item._body.rewritten(change)
    else:
        item._content = change(item._content)


# Within one readers' read_file call (one at a time): the text the content
# cache packed or unpacked, and its Body.
_reading = []


def pack_as_read(item):
    """content_object_init, before any other receiver: the item holds its
    body compressed from now on, as the very `Body` the content cache holds
    where its text is the reading's (`cache_bodies_compressed`), so what
    later receivers change in it is made when the text is first read."""
    text, body = _reading or (None, None)
    pack_body(item, body if item.__dict__.get("_content") is text else None)


def cache_bodies_compressed(readers):
    """readers_init: the readers' cache keeps bodies as a `Body`, through
    the methods Pelican reads and fills its cache with, and the item each
    ``read_file`` makes holds that same `Body` (`pack_as_read`); a reading
    whose photos changed since (replaced, deleted) is no longer in the
    cache, as Pelican checks only the report's own file; and the cache's
    file is written in proportion to what was read anew (`Recent`)."""
    keep, find, read = readers.cache_data, readers.get_cached_data, readers.read_file
    recent = Recent(readers)

    def cache_data(path, data):
        recent.start()
        body, metadata = data
        if isinstance(body, str) and body:
            _reading[:] = body, Body(body)
            body = _reading[1]
        keep(path, (body, metadata))
        recent.anew.add(path)

    def get_cached_data(path, default=None):
        recent.start()
        found = find(path, default)
        if found is default:
            return found
        recent.found = True
        report = found[1].get("report")
        if report is not None and not all(photo.unchanged() for photo in report.photos):
            return default
        if not isinstance(found[0], Body):
            return found
        _reading[:] = found[0].text(), found[0]
        return _reading[0], found[1]

    def read_file(*args, **kwargs):
        _reading.clear()
        try:
            return read(*args, **kwargs)
        finally:
            _reading.clear()

    readers.cache_data, readers.get_cached_data, readers.save_cache = cache_data, get_cached_data, recent.save
    readers.read_file = read_file


class Recent:
    """The readings a build read anew, saved beside the readers' cache file
    (``ArticlesGenerator-Readers``) in a file of their own
    (``ArticlesGenerator-Recent-Readers``, which cache_guard signs and
    checks as it does the other), loaded over it: a publish of one new
    report into 10,000 writes one reading, not the 13 MB of them all
    again. Once the recent readings are an eighth of all, they are folded
    into the cache's file and their own is removed. A build that read
    nothing anew writes neither."""

    SHARE = 8  # the recent readings are folded in once they are 1/SHARE of all

    def __init__(self, readers):
        # At readers_init Pelican has not loaded its cache yet: that is
        # done once the readers are first asked (`start`).
        self.readers, self.save_whole = readers, readers.save_cache
        self.held, self.anew, self.found = None, set(), False

    def start(self):
        if self.held is None:
            readers = self.readers
            self.path = readers._cache_path.removesuffix("-Readers") + "-Recent-Readers"
            self.held = self._load() if readers._cache else {}
            readers._cache.update(self.held)

    def _load(self):
        # As Pelican loads its own file: what cannot be read is read afresh.
        try:
            with self.readers._cache_open(self.path, "rb") as f:
                held = pickle.load(f)
        except (OSError, EOFError, pickle.PickleError, UnicodeDecodeError, ValueError):
            return {}
        return held if isinstance(held, dict) else {}

    def save(self):
        readers = self.readers
        self.start()
        if not readers._cache_data_policy or not (self.anew or not self.found):
            return  # nothing read anew into a cache loaded from its file: it holds it already
        held = {**self.held, **{path: readers._cache[path] for path in self.anew}}
        if not os.path.isfile(readers._cache_path) or len(held) * self.SHARE >= len(readers._cache):
            # Removed first: no older recent reading is ever loaded over the whole.
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)
            self.save_whole()
            return
        partial = f"{self.path}.{os.getpid()}"
        with readers._cache_open(partial, "wb") as f:
            pickle.dump(held, f)
        os.replace(partial, self.path)


def hash_sources_once(generator):
    """article_generator_init, page_generator_init: a generator that caches
    no readings of its own (its readers do) looks up none and files none.
    Pelican's would hash the source to find it absent from an empty cache
    and again to file it nowhere, beside the readers' own hash: 20,000
    reads of sources a build at 10,000 reports that decide nothing."""
    if not generator._cache_data_policy and not generator._cache:
        generator.get_cached_data = lambda path, default=None: default
        generator.cache_data = lambda path, data: None


def stamp_sources_from_store(readers):
    """readers_init: each source's stamp, where Pelican hashes it with
    SHA-256, from the build store (`build_store.Store.source_digest`): a
    source hashed by an earlier build and unchanged since is not read
    again (10,000 reads a build at 10,000 reports, 0.7 s of a publish).
    Pelican's own where the file cannot be read (it warns, and reads the
    file anew)."""
    store = build_store.of(readers.settings)
    if store is None or readers.settings.get("CHECK_MODIFIED_METHOD") != "sha256":
        return
    pelicans = readers._get_file_stamp  # Pelican sets its hash function after this signal

    def stamp(filename):
        try:
            return store.source_digest(filename)
        except OSError:
            return pelicans(filename)

    readers._get_file_stamp = stamp


# -- Year pages in linear time (pages/listings.py) -------------------------------

def linear_period_archives(generator):
    """article_generator_pretaxonomy, before Pelican builds the year (month,
    day) archives: Pelican's ``_build_period_archives`` gives each period
    ``[a for a in articles if a in dates]``, ``dates`` being the period's
    list (71 s of a profiled 100,000-report rebuild). Here Pelican builds
    the periods with nothing to scan, and each period's articles are
    filled in in one pass, in the same order."""
    build = generator._build_period_archives

    def _build_period_archives(sorted_articles, articles, settings):
        archives = build(sorted_articles, [], settings)  # Pelican's, with nothing to scan
        for periods in archives.values():
            period_of = {id(article): period for period in periods for article in period["dates"]}
            for period in periods:
                period["articles"] = []
            for article in articles:
                if (period := period_of.get(id(article))) is not None:
                    period["articles"].append(article)
        return archives

    generator._build_period_archives = _build_period_archives


# -- A writer that can keep the last build's file (output/page_cache.py) ---------

class LinkingWriter(Writer):
    """Pelican's writer, which puts the last build's file in place of a
    page that `link_instead` names, instead of writing it: its own steps
    (the page's local context, its folder, ``content_written``) run for
    every page, rendered or not."""

    def link_instead(self, filename):
        """The last build's copy of ``filename`` to link, or None to write it."""
        return None

    def path(self, name):
        """Where the page ``name`` is written, as Pelican's writer names it."""
        return sanitised_join(self.output_path, name)

    def written(self, filename):
        """Whether this run has written (or overwritten) ``filename`` already."""
        return filename in self._written_files or filename in self._overridden_files

    def _open_w(self, filename, encoding, override=False):
        source = self.link_instead(filename)
        if source is None:
            if filename in self._written_files and os.path.exists(filename):
                os.unlink(filename)  # written again: never through a link into the last build's file
            return super()._open_w(filename, encoding, override)
        self._link(source, filename, override)
        return NullFile()

    def _link(self, source, filename, override):
        """``source`` at ``filename`` (`place`), counted as written
        (``_written_files``)."""
        self._written_files.add(filename)
        if override:
            self._overridden_files.add(filename)
        if os.path.abspath(source) != os.path.abspath(filename):
            self.place(source, filename)

    def place(self, source, filename):
        """The last build's ``source`` at ``filename``: linked."""
        try:
            os.link(source, filename)
        except OSError:  # another file system
            shutil.copy2(source, filename)


class NullFile:
    def write(self, text):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


# -- Logging ---------------------------------------------------------------------

def forget_logged_messages(pelican):
    """get_generators, at the start of every run: Pelican's loggers drop a
    warning already logged once in the process (``LimitFilter``, private
    class state), so a problem left unfixed would pass a second run in the
    same process unseen (build_guard could not refuse it)."""
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()


# -- Listing pages numbered from the oldest (pages/pagination.py) ------------------
# Pelican's Paginator and Page with the arithmetic of pages/pagination.py: the
# number of pages (``_get_num_pages``, which Pelican's ``num_pages`` property
# reads) and a page's address (``_from_settings``) are private to Pelican.

class StablePaginator(Paginator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._made = {}  # number -> page

    def _get_num_pages(self):
        return pagination.sealed_pages(self.count, self.per_page) + 1

    num_pages = property(_get_num_pages)

    def page(self, number):
        """The page at ``number`` from the newest (1 is the first page):
        made once (Pelican's writer asks for each page three times, as the
        page, the next one's previous and the previous one's next)."""
        if number not in self._made:
            self._made[number] = self._page(number)
        return self._made[number]

    def _page(self, number):
        first, end, stable = pagination.page_slice(self.count, self.per_page, number)
        return StablePage(self.name, self.url, self.object_list[first:end], number, self, self.settings,
                          stable=stable)


class StablePage(Page):
    def __init__(self, *args, stable=None):
        super().__init__(*args)
        # The number in a later page's address (1 the oldest); None for the first page.
        self.stable_number = stable

    def _from_settings(self, key):
        """As Pelican's: the last PAGINATION_PATTERNS rule for this page's
        place (``min_page``; -1 for the last page), formatted with the
        stable number."""
        if self.stable_number is None:
            return super()._from_settings(key)
        rule = None
        for candidate in self.settings["PAGINATION_PATTERNS"]:
            if candidate.min_page == -1:
                if not self.has_next():
                    rule = candidate
                    break
            elif candidate.min_page <= self.number:
                rule = candidate
        address = getattr(rule, key).format(save_as=self.full_name, url=self.base_url, name=self.name,
                                            base_name=self.base_name, extension=self.extension,
                                            number=self.stable_number)
        return address[1:] if address.startswith("/") else address

    url = property(lambda self: self._from_settings("URL"))
    save_as = property(lambda self: self._from_settings("SAVE_AS"))


def paginate_from_the_oldest(pelican):
    """initialized: Pelican's writer makes its paginators from the name it
    imported (pelican/writers.py); it makes ours instead."""
    from pelican import writers

    writers.Paginator = StablePaginator


# -- Addresses worked out once (Content._expand_settings) ---------------------------

@functools.cache
def _fields(pattern):
    """The names an address pattern reads: ``{date:%Y}/{slug}.html`` reads
    date and slug."""
    return tuple(dict.fromkeys(name.split(".")[0].split("[")[0]
                               for _, name, _, _ in string.Formatter().parse(pattern) if name))


def _field(item, name):
    """``name`` as ``Content.url_format`` gives it to a pattern (an item
    without a date, which Pelican would date now, raises AttributeError)."""
    if name == "path":
        return path_to_url(item.metadata.get("path", item.get_relative_source_path()))
    if name in ("slug", "lang"):
        return getattr(item, name, {"slug": "", "lang": "en"}[name])
    if name == "date":
        return item.date
    if name in ("author", "category"):
        return getattr(item, name).slug if hasattr(item, name) else ""
    return item.metadata[name]


_pelicans_expand_settings = Content._expand_settings


def _expand_settings(self, key, klass=None):
    """Pelican's, remembered on the item for the values its pattern reads:
    the same values give the same address, and any value changed (a slug,
    a language) works it out again."""
    pattern = str(self.settings[f"{klass or self.__class__.__name__}_{key}".upper()])
    try:
        values = (pattern, *(_field(self, name) for name in _fields(pattern)))
        known = self.__dict__.setdefault("_newsroom_addresses", {})
        address = known.get(values)
    except (KeyError, AttributeError, TypeError):  # a name Pelican would fail on, an unhashable value
        return _pelicans_expand_settings(self, key, klass)
    if address is None:
        address = known[values] = _pelicans_expand_settings(self, key, klass)
    return address


def remember_addresses(pelican):
    """initialized: every report's and page's address is worked out once."""
    Content._expand_settings = _expand_settings
