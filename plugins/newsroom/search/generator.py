"""The search page and its index.

``SEARCH_SAVE_AS`` (``search.html``): the page, rendered from the theme's
``search.html`` with the filters it offers (``SEARCH_FILTERS``: sections,
languages, years, people, each as the page shows it). Beside it,
``pagefind/``: Pagefind's index of `records.site_records`, and the part
of Pagefind's bundle the page's script loads (its default interfaces are
left out: the theme has its own).

The index is made once for each set of records: a build whose records are
those of the last one (a rebuild after a template change) links the
bundle it made, kept in ``CACHE_PATH/search/<digest>``; a build with any
record changed (one report added) indexes them all again, in Pagefind's
own process, started as soon as the records are known so it runs while
the pages render. Its files carry a hash of what they hold in their name
(`reproducible.py` sees that the same records give the same bytes), so
those whose bytes did not change keep their names, and a publish sends
only the rest.
"""

import hashlib
import json
import os
import shutil
import threading
from collections import Counter
from importlib.metadata import version

from pelican.generators import Generator

from plugin_support import place

from ..chrome.languages import language_name
from . import records as site_records
from .pagefind_index import write_index
from .reproducible import make_reproducible

FOLDER = "pagefind"
# The one language Pagefind indexes every record in: Chinese, so that the
# extended binary segments Chinese text into words (English, Russian and
# the rest are split at spaces all the same; none is stemmed).
INDEX_LANGUAGE = "zh"
# What a bundle is made by, beside its records: a bundle made otherwise is
# not reused (the binary's version, the language, our putting it in order).
MADE_BY = [version("pagefind-bin-extended"), INDEX_LANGUAGE, "reproducible"]
# What Pagefind writes that the page does not load: its own interfaces.
UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")


class SearchGenerator(Generator):
    def generate_context(self):
        self.records = site_records.site_records(self.context, self.settings)
        self.context["SEARCH_FILTERS"] = filters_offered(self.records, self.context)
        self.bundle = Bundle(self.records, os.path.join(self.settings["CACHE_PATH"], "search"))

    def generate_output(self, writer):
        writer.write_file(self.settings["SEARCH_SAVE_AS"], self.get_template("search"), self.context,
                          self.settings["RELATIVE_URLS"], template_name="search",
                          url=self.settings["SEARCH_URL"], page_name="search")
        self.bundle.place(os.path.join(self.output_path, FOLDER))


class Bundle:
    """Pagefind's bundle for ``records``, in ``cache``/<their digest>: the
    one made for the same records before, else made now (started at once,
    in Pagefind's own process); `place` waits for it, links it into the
    output, and forgets every other bundle."""

    def __init__(self, records, cache):
        payload = json.dumps([MADE_BY, records], sort_keys=True, ensure_ascii=False).encode()
        self.folder = os.path.join(cache, hashlib.sha256(payload).hexdigest()[:20])
        self.indexing = None if os.path.isdir(self.folder) else Indexing(records, self.folder)

    def place(self, output):
        if self.indexing:
            self.indexing.finish()
        forget_other_bundles(self.folder)
        for folder, _, names in os.walk(self.folder):
            target = os.path.join(output, os.path.relpath(folder, self.folder))
            os.makedirs(target, exist_ok=True)
            for name in names:
                place(os.path.join(folder, name), os.path.join(target, name))


class Indexing:
    """Pagefind indexing ``records`` into ``bundle``, in a thread (the work
    is Pagefind's own process's), from start to `finish`."""

    def __init__(self, records, bundle):
        self.bundle, self.error = bundle, None
        self.partial = f"{bundle}.partial"
        shutil.rmtree(self.partial, ignore_errors=True)
        os.makedirs(os.path.dirname(bundle), exist_ok=True)
        self.thread = threading.Thread(target=self._run, args=(records,), daemon=True)
        self.thread.start()

    def _run(self, records):
        try:
            write_index(records, self.partial, INDEX_LANGUAGE)
            make_reproducible(self.partial)
            share_unchanged(self.partial, os.path.dirname(self.bundle))
            for name in os.listdir(self.partial):
                if name.startswith(UNUSED):
                    os.remove(os.path.join(self.partial, name))
            os.replace(self.partial, self.bundle)
        except Exception as error:  # raised again in the build's own thread
            self.error = error

    def finish(self):
        self.thread.join()
        if self.error:
            raise self.error


def share_unchanged(made, cache):
    """Each file of the bundle just ``made`` that an earlier bundle in
    ``cache`` holds, byte for byte, becomes a link to that one: the live
    site's file, placed from it, keeps its inode, so a publish (and the
    upload after it) sees it unchanged. Most of a bundle is the fragments of
    records that did not change."""
    for name in os.listdir(cache):
        earlier = os.path.join(cache, name)
        if earlier == made or name.endswith(".partial") or not os.path.isdir(earlier):
            continue
        for folder, _, names in os.walk(made):
            for file in names:
                path = os.path.join(folder, file)
                old = os.path.join(earlier, os.path.relpath(path, made))
                if os.path.isfile(old) and not os.path.samefile(old, path) and same_bytes(old, path):
                    os.link(old, f"{path}.link")
                    os.replace(f"{path}.link", path)


def same_bytes(a, b):
    if os.path.getsize(a) != os.path.getsize(b):
        return False
    with open(a, "rb") as f, open(b, "rb") as g:
        return f.read() == g.read()


def forget_other_bundles(kept):
    """Only the bundle this build used stays in the cache."""
    parent = os.path.dirname(kept)
    for name in os.listdir(parent):
        if os.path.join(parent, name) != kept:
            shutil.rmtree(os.path.join(parent, name), ignore_errors=True)


def filters_offered(records, context):
    """What the search page offers to narrow a search by, as ``(value,
    shown, lang)``: sections by their own names, languages by their own
    names (where the catalogue has them), years newest first, and every
    person quoted, with the other names reports give them (and what they
    are, where two share a name)."""
    offered = {"section": set(), "language": set(), "year": set()}
    for record in records:
        for key, values in offered.items():
            values.update(record["filters"].get(key, ()))
    people = sorted((person for person, _ in context.get("PEOPLE_QUOTED", [])), key=lambda p: (p.name.lower(), p.slug))
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


def add_generator(pelican):
    """A search page where ``SEARCH_SAVE_AS`` puts it; none without it."""
    return SearchGenerator if pelican.settings.get("SEARCH_SAVE_AS") else None
