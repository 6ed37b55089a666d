"""The search page and its index.

``SEARCH_SAVE_AS`` (``search.html``): the page, rendered from the theme's
``search.html`` with the filters it offers (``SEARCH_FILTERS``: sections,
languages, years, people, each as the page shows it) and the index's
bundles (``SEARCH_SHARDS``, the first the one the page loads, which merges
the others; ``SEARCH_OLDER_SHARDS``, the years' before the newest, merged
when a search needs them: a reader's first search fetches the newest
year's page lists, however many years the site has published). Beside
it, ``pagefind/<shard>.<language>/``: Pagefind's index of
`records.by_shard`: a bundle for the newest month, one for the rest of its
year, one for the years before and one for the people, each in an index
language (`records.index_language`: Chinese and Japanese segmented, every
other language in words as spaced), each with the part of Pagefind's
bundle the page's script loads (its default interfaces are left out: the
theme has its own).

Each bundle is made once for its records and kept in the build store
(plugins/build_store): a build links those whose records did not change,
and indexes the others again (one new report: its month), in Pagefind's
own process, started as soon as the records are known so they run while
the pages render. Their files carry a hash of what they hold in their
name (`reproducible.py` sees that the same records give the same bytes),
and the store keeps each file once under the digest of its bytes, so a
file a bundle made again still holds is the very file the last one
placed, and a publish sends only what changed.
"""

import hashlib
import json
import os
import shutil
import threading
from collections import Counter
from importlib.metadata import version
from pathlib import Path

import build_store
from pelican.generators import Generator

from ..chrome.languages import language_name
from ..output import page_cache
from . import records as site_records
from .pagefind_index import Service
from .reproducible import make_reproducible

FOLDER = "pagefind"
LIVE = "(the live site's file)"  # a bundle's file the live site holds as the object recorded (`Bundle.recorded`)
KIND = "search"  # what the bundles are filed as in the store
# What a bundle is made by, beside its records: a bundle made otherwise is
# not reused (the binary's version, an index a language, the code that
# speaks to it and puts its files in order).
MADE_BY = [version("pagefind-bin-extended"), "by-language",
           *(hashlib.sha256(Path(__file__).with_name(name).read_bytes()).hexdigest()
             for name in ("pagefind_index.py", "reproducible.py"))]
# What Pagefind writes that the page does not load: its own interfaces.
UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")


class SearchGenerator(Generator):
    """The search page, and the index's bundles: which there are, and the
    filters the records offer, worked out here from the reports; each
    bundle's key, and the bundles the store lacks made, once every report
    is joined (`index_site`)."""

    def generate_context(self):
        self.index, self.shards = None, None
        offered = {"section": set(), "language": set(), "year": set()}
        if not self.settings.get("SEARCH_INDEX"):
            # The page without an index (a development build not asked to
            # index): its script says search could not load one.
            self.context["SEARCH_FILTERS"] = filters_offered(offered, self.context)
            self.context["SEARCH_SHARDS"] = self.context["SEARCH_OLDER_SHARDS"] = []
            return
        self.shards = site_records.shards(self.context)
        self.people = site_records.people_records(self.context, self.settings)
        # What a report's records are filtered by, from the report.
        for articles in self.shards.values():
            for article in articles:
                section = getattr(article, "category", None)
                offered["section"].update([section.name] if section else [])
                offered["language"].add(site_records.language_filter(article.lang))
                offered["year"].add(str(article.date.year))
        for record in self.people:
            offered["language"].update(record["filters"].get("language", ()))
        self.context["SEARCH_FILTERS"] = filters_offered(offered, self.context)
        made = {(shard, site_records.index_language(article.lang))
                for shard, articles in self.shards.items() for article in articles}
        made |= {("people", record["language"]) for record in self.people}
        names = [f"{shard}.{language}" for shard, language in sorted(made, key=self.bundle_order)]
        # The newest month's, its year's and the people's bundles load with
        # the page; the years' before when a search needs them (search.js).
        archive = f"{site_records.ARCHIVE}."
        self.context["SEARCH_SHARDS"] = [name for name in names if not name.startswith(archive)]
        self.context["SEARCH_OLDER_SHARDS"] = [name for name in names if name.startswith(archive)]

    def bundle_order(self, bundle):
        return bundle_order(bundle, site_records.index_language(self.settings.get("DEFAULT_LANG")))

    def start_index(self, keys):
        """The bundles, found in the store by keys made from what each
        report was read from and what was joined to it since (``keys``, the
        page cache's), their records made only for a bundle the store
        lacks; those made in Pagefind's process from now, while the pages
        render. Without keys (a build whose settings have no stable
        description), every bundle is keyed by its records."""
        if keys is not None and keys.build is not None:
            names = self.settings.get("SECTION_NAMES", {})
            grouped = [(shard, Described(articles, keys, names)) for shard, articles in self.shards.items()]
            grouped += [("people", self.people)] if self.people else []
        else:
            grouped = site_records.by_shard(self.context, self.settings)
        self.index = Index(grouped, build_store.of(self.settings),
                           os.path.join(self.settings["CACHE_PATH"], "search-work"),
                           site_records.index_language(self.settings.get("DEFAULT_LANG")))

    def generate_output(self, writer):
        writer.write_file(self.settings["SEARCH_SAVE_AS"], self.get_template("search"), self.context,
                          self.settings["RELATIVE_URLS"], template_name="search",
                          url=self.settings["SEARCH_URL"], page_name="search")
        if self.index is not None:
            self.index.place(os.path.join(self.output_path, FOLDER))


class Index:
    """The site's index, one Pagefind bundle a shard (`records.by_shard`: the
    newest month's reports, the rest of its year's, the years' before, or
    the people), which the search page merges: a new report indexes its
    month again, not the archive (indexed again once a year, and when a
    report of a past year is edited). The bundles
    the build store lacks are made one after another in a thread, from now
    (their work is Pagefind's own process), each into a folder of its own
    under ``work``; `place` waits for them, files them in the store and
    places every bundle's files into the output."""

    def __init__(self, grouped, store, work, first_language="und"):
        """``grouped``: ``(shard, records)`` for each shard, each made a
        bundle for each index language its records are in (or `Described`
        reports, whose records are made only where the store lacks the
        bundle described); the first the page loads is in
        ``first_language`` (the page's: Pagefind searches that index as the
        page's language)."""
        self.store, self.work = store, work
        bundles = []
        for shard, records in grouped:
            if isinstance(records, Described):
                bundles += [Bundle(shard, language, None, store, records.key(language), records.maker(language))
                            for language in records.languages()]
            else:
                bundles += [Bundle(shard, language, part, store) for language, part in by_language(records)]
        self.bundles = sorted(bundles, key=lambda b: bundle_order((b.shard, b.language), first_language))
        self.error = None
        needed = [bundle for bundle in self.bundles if bundle.files is None]
        if needed:
            shutil.rmtree(work, ignore_errors=True)
            os.makedirs(work)
        # Pagefind started here, in the build's own thread (see `Service`).
        self.service = Service() if needed else None
        self.thread = threading.Thread(target=self._make, args=(needed,), daemon=True)
        self.thread.start()

    def _make(self, needed):
        try:
            for bundle in needed:
                bundle.make(self.service, os.path.join(self.work, bundle.name))
        except Exception as error:  # raised again in the build's own thread
            self.error = error

    def place(self, output):
        self.thread.join()
        if self.service:
            self.service.close()
        if self.error:
            raise self.error
        for bundle in self.bundles:
            bundle.place(os.path.join(output, bundle.name))
        shutil.rmtree(self.work, ignore_errors=True)
        self.store.forget_unused(KIND)


def bundle_order(bundle, first_language):
    """``(shard, language)``: the page's language first, then the newest
    first (`records.shard_order`)."""
    shard, language = bundle
    return language != first_language, site_records.shard_order(shard), language


class Described:
    """A shard's reports, described as the page cache describes a report
    in full (`page_cache.Keys.whole`: what it was read from, what was
    joined to it since, where its links lead) with everything the build is
    made from but its theme (the code that makes a record, the settings,
    the register): a bundle's key without making its records, which at
    10,000 reports took longer than anything else a publish of one report
    did for search. Its records are made only where the store has no
    bundle for the description: to find the bundle made from the same
    records (`Bundle`), and again, in Pagefind's thread, where it has none."""

    def __init__(self, articles, keys, section_names):
        self.keys, self.section_names = keys, section_names
        self.made_with = {name: digest for name, digest in keys.parts.items()
                          if not name.startswith(("theme ", "template ")) and name != "pages"}
        self.by_language = {}
        for article in sorted(articles, key=lambda a: a.url):
            self.by_language.setdefault(site_records.index_language(article.lang), []).append(article)

    def languages(self):
        return sorted(self.by_language)

    def key(self, language):
        reports = [self.keys.whole(article) for article in self.by_language[language]]
        return hashlib.sha256(json.dumps(["described", MADE_BY, self.made_with, reports]).encode()).hexdigest()

    def maker(self, language):
        """What makes the records of ``language``'s bundle, when it must be made."""
        return lambda: site_records.shard_records(self.by_language[language], self.section_names)


def by_language(records):
    """``(index language, records)`` for each index ``records`` go in."""
    grouped = {}
    for record in records:
        grouped.setdefault(record["language"], []).append(record)
    return sorted(grouped.items())


class Bundle:
    """Pagefind's bundle for one shard's ``records`` in one index language,
    named ``<shard>.<language>`` (``2026-11.und``, ``2026-11.zh``): the one
    the build store recorded making from the same records (each of its
    files an object of the store, believed as it recorded it), else made by
    `make` (through a Pagefind `Service`). Only the files the store recorded
    are placed: a file added to the cache is never published. A language
    a bundle: Pagefind's page merges a bundle once, and every index of one
    bundle would be searched with one language's rules."""

    def __init__(self, shard, language, records, store, key=None, maker=None):
        """``records``, or the ``key`` of a description of the records
        ``maker`` makes (`Described`)."""
        self.shard, self.language, self.store = shard, language, store
        self.name = f"{shard}.{language}"
        self.maker, self.alias, self.files = maker, None, None
        if records is None:
            # Described: the bundle the store found for the same
            # description, else the one it made from the same records (a
            # change of code that leaves them as they were: at 10,000
            # reports 30 s of Pagefind's CPU and 400 MB not spent), else
            # made, its records made again in Pagefind's thread.
            self.alias = f"{self.name}-described-{key}"
            self.key = self.described()
            self.files = self.key and self.recorded()
            if not self.files:
                self.key = self.records_key(self.payload_of(maker()))
                self.files = self.recorded()
            self.payload = None
        else:
            payload = self.payload_of(records)
            self.key = self.records_key(payload)
            self.files = self.recorded()
            # Kept only to be indexed, and as JSON: a third of the records'
            # memory, and none once made.
            self.payload = None if self.files is not None else payload

    @staticmethod
    def payload_of(records):
        return json.dumps([MADE_BY, records], sort_keys=True, ensure_ascii=False).encode()

    def records_key(self, payload):
        return f"{self.name}-{hashlib.sha256(payload).hexdigest()}"

    def described(self):
        """The key of the records the store recorded for this bundle's
        description, else None."""
        found = self.store.made(KIND, self.alias)
        key = found and Path(found).read_text()
        return key if key and key.startswith(f"{self.name}-") else None

    def recorded(self):
        """``{path in the bundle: object}`` as the store recorded making it
        for these records, each object believed (or `LIVE`: the live site
        holds the very object at its place, kept at one look: 31,000 files
        at 10,000 reports); else None."""
        listing = self.store.made(KIND, self.key)
        if listing is None:
            return None
        with open(listing, "rb") as f:
            listed = json.load(f)
        live = self.store.live_objects((self.in_site(name), digest) for name, digest in listed.items())
        rest = {name: digest for name, digest in listed.items() if self.in_site(name) not in live}
        self.store.believe_many(rest.values())
        files = {name: self.store.believed(digest) if name in rest else LIVE for name, digest in listed.items()}
        return None if None in files.values() else files

    def in_site(self, name):
        """A file of the bundle by its name in the site (where `Index.place` puts it)."""
        return f"{FOLDER}/{self.name}/{name}"

    def make(self, service, folder):
        records = self.maker() if self.payload is None else json.loads(self.payload)[1]
        service.index(records, folder)
        self.payload = records = None
        make_reproducible(folder)
        for name in os.listdir(folder):
            if name.startswith(UNUSED):
                os.remove(os.path.join(folder, name))
        self.made = folder

    def place(self, output):
        if self.files is None:  # made by this build: filed in the store
            listing = {}
            for folder, _, names in os.walk(self.made):
                for name in names:
                    path = os.path.join(folder, name)
                    listing[os.path.relpath(path, self.made)] = self.store.add_object(path)
            self.files = {name: self.store.object_path(digest) for name, digest in listing.items()}
            self.store.record(KIND, self.key, self.store.add_bytes(json.dumps(listing, sort_keys=True).encode()))
            # Each object kept while the bundle is.
            self.store.record_all((KIND, f"{self.key}/{name}", digest) for name, digest in listing.items())
        else:
            self.store.used_under(KIND, f"{self.key}/")
        if self.alias:
            self.store.record(KIND, self.alias, self.store.add_bytes(self.key.encode()))
        for name, path in sorted(self.files.items()):
            if path is LIVE:
                self.store.kept.add(self.in_site(name))
            else:
                self.store.place(path, os.path.join(output, name))


def filters_offered(offered, context):
    """What the search page offers to narrow a search by, as ``(value,
    shown, lang)``, from the values the records have (``offered``:
    ``section``, ``language``, ``year``): sections by their own names,
    languages by their own names (where the catalogue has them), years
    newest first, and every person quoted, with the other names reports
    give them (and what they are, where two share a name)."""
    people = [person for person, _ in context.get("PEOPLE_QUOTED", [])]  # by name, as the register sorts them
    names = Counter(person.name for person in people)
    return {
        "sections": [(name, name, None) for name in sorted(offered["section"], key=str.lower)],
        "languages": [(tag, *language_name(tag)) for tag in sorted(offered["language"])],
        "years": [(year, year, None) for year in sorted(offered["year"], reverse=True)],
        "people": [(person.slug, person_label(person, names[person.name] > 1), None) for person in people],
    }


def person_label(person, shared_name):
    label = person.name
    if shared_name and person.description:
        label += f" — {person.description}"
    if person.other_names:
        label += f" ({', '.join(person.other_names)})"
    return label


def index_site(generators):
    """all_generators_finalized, every report read and joined to the rest
    (translations linked), the page cache's keys made
    (`page_cache.remember_context`), no page rendered: the index started."""
    for generator in generators:
        if isinstance(generator, SearchGenerator) and generator.shards is not None:
            store = build_store.of(generator.settings)
            generator.start_index(page_cache.keys_of(store) if store is not None else None)


def add_generator(pelican):
    """A search page where ``SEARCH_SAVE_AS`` puts it; none without it."""
    return SearchGenerator if pelican.settings.get("SEARCH_SAVE_AS") else None
