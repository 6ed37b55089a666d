"""How this newsroom reads its content.

Articles and pages are Markdown, read by `reader.NewsroomReader`:

- every direct quotation is marked up with its speaker (`quotations.py`,
  speakers from the ``Speakers`` field, `speakers.py`);
- raw HTML is text, never markup (`raw_html.py`);
- a file that is not fit to publish (not UTF-8, empty, a required field
  missing, an impossible date, a broken link, a quotation without a speaker)
  is refused with every problem named, file and line (`checks.py`);
- so is a link to a tag, category or author that no article has;
- so are two files that would be published at the same address, and a
  category, tag or author with no letter or digit to make an address from.
"""

import datetime
import logging
import os

from pelican import signals
from pelican.log import console

from . import cache_guard, checks, photos
from .languages import chrome, word_count
from .reader import NewsroomReader
from .structure import PHOTO

logger = logging.getLogger(__name__)


def use_our_reader(readers):
    for extension in NewsroomReader.file_extensions:
        readers.reader_classes[extension] = NewsroomReader


def refuse_unaddressable(generators):
    for path, sources in checks.collisions(generators).items():
        names = " and ".join(os.path.relpath(s) for s in sources)
        logger.error("%s are both published as %s: give one of them another Slug", names, path)
    articles = [a for g in generators for a in getattr(g, "articles", [])]
    for source, field, name in checks.nameless(articles):
        logger.error("%s: %s %r has no letter or digit to make its address from: reword it",
                     os.path.relpath(source), field, name)
    items = [*articles, *(p for g in generators for p in getattr(g, "pages", []))]
    for source, line, link in checks.dead_term_links(items, articles, generators[0].settings):
        logger.error("%s:%d: links to %s, which no article has: correct the name",
                     os.path.relpath(source), line, link)


def remember_addresses(generator):
    """Each article's and page's address, worked out once.

    Pelican recomputes ``url`` and ``save_as`` from their patterns at every
    use (about 90 µs each); a listing or menu on every page made that a fifth
    of a build. Templates use ``item.href`` and ``item.output``."""
    for item in checks.contents(generator):
        item.href, item.output = item.url, item.save_as


# What every article and page has from this plugin, whether or not its file
# gives it: templates read these without asking (StrictUndefined).
DEFAULTS = {
    "editor_note": None, "editor_note_text": "", "summary_text": "", "source": None,
    "source_lang": None, "corrections": [], "original": None, "translated_as": [],
    "photos": [], "quotations": [], "speakers": [],
}


class SettingsError(ValueError):
    """Settings that cannot build the site; the message says what to change."""


# What MACHINE_METADATA needs: the plugins that make the images and the
# JSON-LD the theme then shows.
MACHINE_METADATA_NEEDS = ("share_images", "structured_data")


def check_settings(pelican):
    settings = pelican.settings
    if not settings.get("MACHINE_METADATA"):
        return
    loaded = {str(p).rsplit(".", 1)[-1] for p in settings.get("PLUGINS") or []}
    missing = [name for name in MACHINE_METADATA_NEEDS if name not in loaded]
    if missing:
        raise SettingsError(f"MACHINE_METADATA is on but PLUGINS lacks {', '.join(missing)}: "
                            "add them, or set MACHINE_METADATA = False")
    if not settings["SITEURL"].startswith(("https://", "http://")):
        raise SettingsError(f"MACHINE_METADATA is on but SITEURL {settings['SITEURL']!r} is not an "
                            "absolute address: set SITEURL = 'https://…', or MACHINE_METADATA = False")


def give_defaults(item):
    for name, value in DEFAULTS.items():
        if not hasattr(item, name):
            setattr(item, name, list(value) if isinstance(value, list) else value)


def place_photos(item):
    """Point the photos' addresses at the photos' folder: relative to the
    page where the site's links are, absolute in production (feeds too)."""
    if PHOTO not in getattr(item, "_content", ""):
        return
    if item.settings["RELATIVE_URLS"]:
        depth = item.save_as.count("/")
        prefix = "../" * depth or "./"
    else:
        prefix = item.settings["SITEURL"] + "/"
    item._content = item._content.replace(PHOTO, prefix)


def write_photos(generator, writer):
    published = [item for item in checks.contents(generator) if item.save_as]
    found = {photo.key: photo for item in published for photo in getattr(item, "photos", [])}
    photos.write_variants(found.values(), generator.output_path, generator.settings["CACHE_PATH"])


def link_translations(generators):
    """``Translation_of: slug`` on a report links it and its original both
    ways (hreflang, translationOfWork and workTranslation)."""
    articles = [a for g in generators for a in getattr(g, "articles", [])]
    by_slug = {a.slug: a for a in articles}
    for article in articles:
        slug = getattr(article, "translation_of", None)
        if not slug:
            continue
        original = by_slug.get(slug)
        if original is None or original is article:
            logger.error("%s: Translation_of names %r, which no other published report has: write "
                         "the Slug of the original", os.path.relpath(article.source_path), slug)
            continue
        article.original = original
        original.translated_as.append(article)


def report_held_back(generator):
    """Say which reports the build held back: they are dated in the future."""
    now = datetime.datetime.now(datetime.timezone.utc)
    for draft in generator.drafts:
        if draft.date > now:
            # Said on the console, not logged: build_guard fails a build on
            # any warning, and holding a report back is no problem.
            console.print(f"Held back: {os.path.relpath(draft.source_path)} is dated "
                          f"{draft.date.isoformat()}; it is published by the first build on or after that date.")


def add_filters(generator):
    generator.env.filters["chrome"] = chrome
    generator.env.filters["wordcount_any"] = word_count


def register():
    # readers_init fires after Pelican has listed its own readers and before
    # it makes instances of them: the one moment to swap in ours for .md.
    # initialized: settings read, nothing else; the cache not yet opened.
    signals.initialized.connect(check_settings)
    signals.initialized.connect(cache_guard.drop_stale)
    signals.readers_init.connect(use_our_reader)
    signals.generator_init.connect(add_filters)
    # Each article and page once made, before its content is first rendered.
    signals.content_object_init.connect(give_defaults)
    signals.content_object_init.connect(place_photos)
    signals.article_generator_finalized.connect(report_held_back)
    signals.article_writer_finalized.connect(write_photos)
    signals.page_writer_finalized.connect(write_photos)
    # Once the articles, and the pages, are read and sorted.
    signals.article_generator_finalized.connect(remember_addresses)
    signals.page_generator_finalized.connect(remember_addresses)
    # all_generators_finalized: every article and page is read, none written.
    signals.all_generators_finalized.connect(refuse_unaddressable)
    signals.all_generators_finalized.connect(link_translations)
