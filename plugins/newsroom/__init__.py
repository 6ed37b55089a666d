"""The newsroom: how this site turns reports into pages, as one Pelican plugin.

Laid out by the stage of the build each part serves, in the order data
flows through them (README.md beside this file has the map):

- ``model``: what a report is made of (`Report`, `Speaker`, `Person`,
  `Quotation`, `Correction`, `Photo`), attached to each article and page
  as ``item.report``; everything after reading reads it.
- ``reading``: Markdown in, a checked `Report` out (the reader, the
  quotation syntax, the checks every file must pass).
- ``people``: each report's speakers joined to the register, and a page
  for everyone quoted.
- ``pages``: what Pelican does with the reports once read (addresses,
  listings, translations, embargoes, feeds, JSON-LD).
- ``output``: what is written beside the pages (photos, share cards) and
  what makes rebuilds cheap (bodies held compressed, the content cache
  guarded, unchanged pages not rendered again).
- ``search``: the search page, and Pagefind's index of every report,
  quotation and person quoted.
- ``chrome``: labels, dates and reading time in each report's language.

Every use of a name Pelican keeps private is in `pelican_internals.py`.
"""

from pelican import signals

from . import pelican_internals
from .chrome import languages
from .output import cache_guard, page_cache, photo_output, share_images
from .pages import addresses, contract, embargo, feeds, listings, structured_data, translations
from .people import pages as speaker_pages
from .people import register as people
from .reading.reader import NewsroomReader
from .search import generator as search


def use_our_reader(readers):
    for extension in NewsroomReader.file_extensions:
        readers.reader_classes[extension] = NewsroomReader


def finish_body(item):
    """The body as published: photos' addresses in place, then held
    compressed (in that order, so one receiver)."""
    photo_output.place_photos(item)
    pelican_internals.pack_body(item)


def register():
    # initialized: settings read, nothing else; the cache not yet opened.
    signals.initialized.connect(contract.check_settings)
    signals.initialized.connect(cache_guard.drop_stale)
    signals.initialized.connect(pelican_internals.paginate_from_the_oldest)
    signals.initialized.connect(pelican_internals.remember_addresses)
    # get_generators: at the start of every run; ours runs after the
    # articles are read and people resolved.
    signals.get_generators.connect(pelican_internals.forget_logged_messages)
    signals.get_generators.connect(speaker_pages.add_generator)
    # The search page and its index: after the speaker pages, whose people it offers.
    signals.get_generators.connect(search.add_generator)
    # readers_init fires after Pelican has listed its own readers and before
    # it makes instances of them: the one moment to swap in ours for .md.
    signals.readers_init.connect(use_our_reader)
    signals.readers_init.connect(pelican_internals.cache_bodies_compressed)
    # Each generator makes its own Jinja environment, before it renders.
    signals.generator_init.connect(languages.add_filters)
    signals.generator_init.connect(structured_data.add_function)
    signals.generator_init.connect(listings.add_filters)
    # Each article and page once made, before its content is first rendered.
    signals.content_object_init.connect(contract.attach_report)
    signals.content_object_init.connect(finish_body)
    # Once the articles are read, before Pelican groups them.
    signals.article_generator_pretaxonomy.connect(pelican_internals.linear_period_archives)
    signals.article_generator_pretaxonomy.connect(addresses.give_term_addresses)
    # Once the articles, and the pages, are read and sorted; Pelican has
    # just saved each generator's readings: signed for the next build.
    signals.article_generator_finalized.connect(cache_guard.remember_cache)
    signals.page_generator_finalized.connect(cache_guard.remember_cache)
    signals.article_generator_finalized.connect(embargo.report_held_back)
    signals.article_generator_finalized.connect(listings.linear_term_pages)
    # Before any later generator (speaker pages) reads who said what.
    signals.article_generator_finalized.connect(people.resolve)
    signals.article_generator_finalized.connect(addresses.remember_addresses)
    signals.article_generator_finalized.connect(share_images.announce)
    signals.page_generator_finalized.connect(addresses.remember_addresses)
    # all_generators_finalized: every article and page is read, none written.
    signals.all_generators_finalized.connect(addresses.refuse_unaddressable)
    signals.all_generators_finalized.connect(addresses.refuse_overwrites)
    signals.all_generators_finalized.connect(translations.link_translations)
    signals.all_generators_finalized.connect(page_cache.remember_context)
    signals.get_writer.connect(page_cache.get_writer)
    # Each feed once made, before it is written.
    signals.feed_generated.connect(feeds.entries_like_pages)
    # Photos' variants: made from when a generator's items are read, linked
    # into the output once its pages are written.
    signals.article_generator_finalized.connect(photo_output.start_photos)
    signals.page_generator_finalized.connect(photo_output.start_photos)
    signals.article_writer_finalized.connect(photo_output.write_photos)
    signals.page_writer_finalized.connect(photo_output.write_photos)
    signals.finalized.connect(photo_output.forget_unused)
    signals.finalized.connect(share_images.write)
    signals.finalized.connect(page_cache.save)
