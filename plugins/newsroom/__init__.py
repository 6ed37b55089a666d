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
  category, tag or author with no letter or digit to make an address from
  (`addresses.py`).

Around reading: the settings the theme relies on are checked and every item
gets the fields it documents (`contract.py`, and README.md beside this
file); photos are placed and written (`photo_output.py`); translations are
linked (`translations.py`); bodies are held compressed until written
(`bodies.py`); reports dated in the future are held back
(`embargo.py`); the content cache is dropped when the code that reads it
changes (`cache_guard.py`); templates get the report's language's chrome
(`languages.py`).
"""

from pelican import signals

from . import (addresses, bodies, cache_guard, contract, embargo, feeds, languages, listings, people, photo_output,
               translations)
from .reader import NewsroomReader


def use_our_reader(readers):
    for extension in NewsroomReader.file_extensions:
        readers.reader_classes[extension] = NewsroomReader


def finish_body(item):
    """The body as published: photos' addresses in place, then held
    compressed (one receiver: blinker does not keep the order of two)."""
    photo_output.place_photos(item)
    bodies.pack(item)


def register():
    # initialized: settings read, nothing else; the cache not yet opened.
    signals.initialized.connect(contract.check_settings)
    signals.initialized.connect(cache_guard.drop_stale)
    signals.initialized.connect(photo_output.forget_used)
    # readers_init fires after Pelican has listed its own readers and before
    # it makes instances of them: the one moment to swap in ours for .md.
    signals.readers_init.connect(use_our_reader)
    signals.readers_init.connect(cache_guard.pack_bodies)
    # Each generator makes its own Jinja environment, before it renders.
    signals.generator_init.connect(languages.add_filters)
    # Each article and page once made, before its content is first rendered.
    signals.content_object_init.connect(contract.give_defaults)
    signals.content_object_init.connect(finish_body)
    # Once the articles are read, before Pelican groups them.
    signals.article_generator_pretaxonomy.connect(listings.linear_period_archives)
    # Once the articles, and the pages, are read and sorted.
    signals.article_generator_finalized.connect(embargo.report_held_back)
    signals.article_generator_finalized.connect(listings.linear_term_pages)
    # Before any later generator (speaker_pages) reads who said what.
    signals.article_generator_finalized.connect(people.resolve)
    signals.article_generator_finalized.connect(addresses.remember_addresses)
    signals.page_generator_finalized.connect(addresses.remember_addresses)
    # all_generators_finalized: every article and page is read, none written.
    signals.all_generators_finalized.connect(addresses.refuse_unaddressable)
    signals.all_generators_finalized.connect(addresses.refuse_overwrites)
    signals.all_generators_finalized.connect(translations.link_translations)
    # Each feed once made, before it is written.
    signals.feed_generated.connect(feeds.keep_titles)
    # Once each generator's pages are written: their photos too.
    signals.article_writer_finalized.connect(photo_output.write_photos)
    signals.page_writer_finalized.connect(photo_output.write_photos)
    signals.finalized.connect(photo_output.prune_unused)
