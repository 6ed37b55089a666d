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
from .output import body_slots, cache_guard, compiled_templates, page_cache, photo_output, share_images
from .pages import addresses, contract, embargo, feeds, listings, structured_data, translations
from .people import pages as speaker_pages
from .people import register as people
from .reading.reader import NewsroomReader
from .record import quotations_data, record
from .search import generator as search


def use_our_reader(readers):
    for extension in NewsroomReader.file_extensions:
        readers.reader_classes[extension] = NewsroomReader


def connect(signal, *receivers):
    for receiver in receivers:
        signal.connect(receiver)


def register():
    """Every stage on Pelican's signals, in the order the build sends them
    (a signal's receivers run in the order given)."""
    # Settings read, nothing else; the cache not yet opened.
    connect(signals.initialized, contract.check_settings, cache_guard.drop_stale,
            pelican_internals.paginate_from_the_oldest, pelican_internals.remember_addresses)
    # At the start of every run; the speaker pages and then the search page
    # (which offers the people) run after the articles are read and people
    # resolved.
    connect(signals.get_generators, pelican_internals.forget_logged_messages, speaker_pages.add_generator,
            search.add_generator, quotations_data.add_generator, record.add_generator)
    # After Pelican has listed its own readers and before it makes
    # instances of them: the one moment to swap in ours for .md.
    connect(signals.readers_init, use_our_reader, pelican_internals.cache_bodies_compressed,
            pelican_internals.stamp_sources_from_store)
    # The articles' and pages' generators made, their caches opened.
    connect(signals.article_generator_init, pelican_internals.hash_sources_once)
    connect(signals.page_generator_init, pelican_internals.hash_sources_once)
    # Each generator makes its own Jinja environment, before it renders (its
    # templates note what they read, for the page cache, and are compiled
    # once for every generator and build).
    connect(signals.generator_init, languages.add_filters, structured_data.add_function, listings.add_filters,
            page_cache.record_reads, compiled_templates.share)
    # Each article and page once made, before its content is first rendered:
    # held compressed from then on (cache_bodies_compressed), and what the
    # site puts in its body put in when the body is first read.
    connect(signals.content_object_init, pelican_internals.pack_as_read, contract.attach_report,
            body_slots.fill_body)
    # Once the articles are read, before Pelican groups them.
    connect(signals.article_generator_pretaxonomy, pelican_internals.linear_period_archives,
            addresses.give_term_addresses)
    # Once the articles, and the pages, are read and sorted: Pelican has just
    # saved each generator's readings (signed for the next build); people are
    # resolved before any later generator (speaker pages) reads who said
    # what; photos' variants are made from now, while pages render.
    connect(signals.article_generator_finalized, cache_guard.remember_cache, embargo.report_held_back,
            listings.linear_term_pages, people.resolve, addresses.remember_addresses, record.gather,
            share_images.announce, photo_output.start_photos)
    connect(signals.page_generator_finalized, cache_guard.remember_cache, addresses.remember_addresses,
            photo_output.start_photos)
    # Every article and page is read, none written.
    connect(signals.all_generators_finalized, addresses.refuse_unaddressable, addresses.refuse_overwrites,
            translations.link_translations, page_cache.remember_context, search.index_site)
    connect(signals.get_writer, page_cache.get_writer)
    # Each feed once made, before it is written.
    connect(signals.feed_generated, feeds.entries_like_pages)
    # Each generator's pages written: its photos' variants linked in.
    connect(signals.article_writer_finalized, photo_output.write_photos)
    connect(signals.page_writer_finalized, photo_output.write_photos)
    connect(signals.finalized, photo_output.forget_unused, share_images.write, page_cache.save)
