"""Where each article and page is published, worked out once and checked.

Two files published at one address, a category, tag or author with no
letter or digit to make an address from, two of different names that
would share one, and a ``{tag}``, ``{category}``
or ``{author}`` link that no article answers are refused, naming the files.
"""

import logging
import os
import re

from pelican.log import console

from ..reading import checks

logger = logging.getLogger(__name__)


def refuse_unaddressable(generators):
    for paths, sources in checks.collisions(generators).items():
        names = " and ".join(os.path.relpath(s) for s in sources)
        if len(paths) == 1:
            logger.error("%s are both published as %s: give one of them another Slug", names, paths[0])
        else:
            logger.error("%s are published as %s, which a file system or CDN that ignores case or Unicode "
                         "normalisation holds as one file: give one of them another Slug", names,
                         " and ".join(paths))
    articles = [a for g in generators for a in getattr(g, "articles", [])]
    for source, field, name in checks.nameless(articles):
        logger.error("%s: %s %r has no letter or digit to make its address from: reword it",
                     os.path.relpath(source), field, name)
    for field, address, names in checks.shared_addresses(articles):
        logger.error("%s gives %s one address, %s, and its page would be headed with one of them: reword one, "
                     "or write it as the other does if they are one", field,
                     " and ".join(f"{name!r} ({os.path.relpath(source)})" for name, source in names.items()), address)
    items = [*articles, *(p for g in generators for p in getattr(g, "pages", []))]
    for source, line, link in checks.dead_term_links(items, articles, generators[0].settings):
        logger.error("%s:%d: links to %s, which no article has: correct the name",
                     os.path.relpath(source), line, link)


def give_term_addresses(generator):
    """article_generator_pretaxonomy, before Pelican groups the reports: a
    section, topic or author that TERM_ADDRESSES names takes the address
    given there. One named in a script that writes no vowels (Arabic,
    Persian, Hebrew…) and given none keeps the address of its consonants
    (tag/lbhryn.html), which works everywhere an address must be ASCII,
    and the build says, once, how to give it a readable one."""
    given = generator.settings.get("TERM_ADDRESSES", {})
    told = set()
    for article in checks.contents(generator):
        for kind, term in checks.terms(article):
            if term.name in given:
                term.slug = given[term.name]
            elif checks.unwritten_vowels(term.name, article.lang) and term.name not in told:
                told.add(term.name)
                console.print(f"{os.path.relpath(article.source_path)}: {checks.TERM_FIELDS[kind]} {term.name!r} is written "
                              f"without vowels, so its address is its consonants ({kind}/{term.slug}): give it a "
                              f"readable one in pelicanconf.py: TERM_ADDRESSES = {{\"{term.name}\": "
                              "\"a-name-in-latin\"}", soft_wrap=True, markup=False, highlight=False)


# Folders only the build writes into (photos, share images, feeds).
MADE_FOLDERS = ("photos/", "images/", "feeds/", "theme/")
CONTENT_PATTERNS = ("ARTICLE", "PAGE", "DRAFT", "STATIC")  # where content goes: not the build's
FEEDS = ("FEED_", "CATEGORY_FEED", "TAG_FEED", "AUTHOR_FEED", "TRANSLATION_FEED")
# What each field of an address pattern may stand for.
FIELDS = {"date:%Y": r"\d{4}", "date:%m": r"\d{2}", "date:%d": r"\d{2}", "date:%b": r"[A-Za-z]{3}",
          "number": r"\d+"}


def pattern(address):
    """An address pattern (``{date:%Y}/index.html``,
    ``category/{slug}/page/{number}.html``) as a regular expression of the
    addresses it makes."""
    parts = re.split(r"(\{[^}]*\})", address)
    expression = "".join(FIELDS.get(part[1:-1], r"[^/]+") if part.startswith("{") else re.escape(part)
                         for part in parts)
    return re.compile(expression)


def made_by_the_build(settings):
    """What the build makes itself, which no content may be published over:
    files (each *_SAVE_AS that names one: the home page, listings,
    robots.txt…; the sitemap), folders (of patterned listings, category/…,
    people/…; feeds, photos, share images) and patterns (year archives,
    each listing's later pages, page/2.html)."""
    files, folders, patterns = {"sitemap.xml"}, set(MADE_FOLDERS), []
    for key, value in settings.items():
        if not isinstance(value, str) or not value:
            continue
        if (key.endswith("_SAVE_AS") and not key.startswith(CONTENT_PATTERNS)) or key.startswith(FEEDS):
            if "{" not in value:
                files.add(value)
                continue
            folder = value.split("{", 1)[0]
            if "/" in folder:
                folders.add(folder[: folder.rindex("/") + 1])
            else:
                patterns.append(pattern(value))
    patterns += [pattern(page) for page in later_pages(settings)]
    return files, folders, patterns


def later_pages(settings):
    """Each paginated listing's later pages, as patterns: the home page's
    ``page/{number}.html``, a section's ``category/{slug}/page/{number}.html``
    (as Pelican's paginator names them from PAGINATION_PATTERNS)."""
    for template in settings.get("PAGINATED_TEMPLATES", {}):
        listing = settings.get(f"{template.upper()}_SAVE_AS") or f"{template}.html"
        name, extension = os.path.splitext(listing)
        folder, file = os.path.split(listing)
        base = folder if file in ("index.htm", "index.html") else name
        for number, _, save_as in settings.get("PAGINATION_PATTERNS", ()):
            if number > 1:
                yield (save_as.replace("{name}", name).replace("{base_name}", base)
                       .replace("{extension}", extension).lstrip("/"))


def refuse_overwrites(generators):
    files, folders, patterns = made_by_the_build(generators[0].settings)
    for generator in generators:
        for item in checks.contents(generator):
            saved = checks.saved_as(item)
            if not saved:
                continue
            # The path itself, or a folder the build writes into, or a file
            # where the build needs a folder ("category" beside category/).
            taken = (saved in files or saved.startswith(tuple(folders))
                     or f"{saved}/" in folders or any(p.fullmatch(saved) for p in patterns)
                     or any(f.startswith(f"{saved}/") for f in files))
            if taken:
                logger.error("%s: would be published as %s, which the build makes itself: give it another "
                             "Slug, or remove its Save_as", checks.place_of(item, "save_as", "slug"), saved)


def remember_addresses(generator):
    """Each article's and page's address, worked out once.

    Pelican recomputes ``url`` and ``save_as`` from their patterns at every
    use (about 90 µs each); a listing or menu on every page made that a fifth
    of a build. Templates use ``item.report.href`` and ``.output``."""
    for item in checks.contents(generator):
        item.report.href, item.report.output = item.url, item.save_as
