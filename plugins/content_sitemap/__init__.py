"""sitemap.xml: every published HTML page, with an absolute ``loc`` and a
``lastmod`` taken from the content.

pelican-plugins/sitemap gives every listing page the time of the build as
its ``lastmod``: crawlers are told the whole site changed at each build, and
two builds of the same content differ. Here an article or page is as new as
its ``Modified`` or ``Date``, and a listing as new as the newest article it
lists. Hidden pages (the 404 page) are left out.

Past ``YEARLY_ABOVE`` addresses (1,000), or where one file would pass
sitemaps.org's limits (50,000 addresses or 50 MB), ``sitemap.xml`` is a
sitemap index of a sitemap a year, by each address's ``lastmod``
(``sitemap-2026.xml``; ``sitemap-2026-1.xml``, ``-2``… past the limits;
``sitemap-undated.xml``): a new report changes its year's file and the
index, and an archive's older years keep their bytes, so a publish does not
compress and send every address the site has. ``SITEMAP = {"MAX_URLS": …,
"MAX_BYTES": …, "YEARLY_ABOVE": …}``.
"""

import os
from urllib.parse import quote
from xml.sax.saxutils import escape

import blinker
import build_store
from pelican import signals
from pelican.plugins import granular_signals
from plugin_support import section

HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
# What an address's path keeps as it is: RFC 3986's reserved and unreserved
# characters, and % (an address already encoded stays so).
ADDRESS_SAFE = "/:@!$&'()*+,;=-._~%"
ENTRY = "<url><loc>{loc}</loc><lastmod>{lastmod}</lastmod></url>\n"
FOOTER = "</urlset>\n"
INDEX_HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
INDEX_FOOTER = "</sitemapindex>\n"
# SITEMAP, in the settings, overrides these: sitemaps.org's limits per file.
DEFAULTS = {"MAX_URLS": 50_000, "MAX_BYTES": 50_000_000, "YEARLY_ABOVE": 1_000}
WORK = "sitemap"  # the run's pages, address -> last change, in the store's work

def start(pelican):
    """Each run's pages, as they are written, held by the run's build store."""
    build_store.of(pelican.settings).work[WORK] = {}


def last_change(item):
    return getattr(item, "modified", None) or item.date


def paginated(context):
    """The page of a paginated listing being written (``articles_page``,
    or any other ``…_page`` a plugin paginates), or None."""
    pages = [v for k, v in context.items() if k.endswith("_page") and hasattr(v, "object_list")
             and not k.endswith(("_previous_page", "_next_page"))]
    return pages[0] if pages else None


def address(path, context):
    """The page's URL as Pelican names it (``url``, ``*_URL``), or as the
    page says it (``address`` in its context), never its file path: with
    pretty URLs the two differ."""
    if context.get("address"):
        return context["address"]
    item = context.get("article") or context.get("page")
    if item is not None:
        return item.url
    listing = paginated(context)
    if listing is not None:
        return listing.url
    if context.get("period") is not None:  # a year's (month's, day's) archive
        granularity = ("YEAR", "MONTH", "DAY")[len(context["period"]) - 1]
        return context[f"{granularity}_ARCHIVE_URL"].format(date=context["dates"][0].date)
    saved = os.path.relpath(path, context["OUTPUT_PATH"]).replace(os.sep, "/")
    named = {context[k]: context[k.removesuffix("SAVE_AS") + "URL"] for k in context
             if k.endswith("_SAVE_AS") and isinstance(context[k], str) and k.removesuffix("SAVE_AS") + "URL" in context}
    return named.get(saved, saved)


def queue(path, context):
    if not path.endswith(".html"):
        return
    item = context.get("article") or context.get("page")
    if item is not None:
        if item.status != "published":
            return
        dated = [item] if hasattr(item, "date") else context["articles"]
    elif context.get("lastmod") is not None:  # a page that says how new it is
        dated = []
    elif context.get("period") is not None:  # a year's archive: its reports
        dated = context["dates"]
    elif context.get("articles_page") is not None:
        dated = context["articles_page"].object_list
    else:
        dated = context["articles"]
    lastmod = context.get("lastmod") or max((last_change(a) for a in dated), default=None)
    build_store.of(context).work[WORK][address(path, context)] = lastmod


def config(settings):
    """SITEMAP over DEFAULTS; a name this plugin does not know fails."""
    return section(settings, "SITEMAP", DEFAULTS, "content_sitemap")


def check(pelican):
    config(pelican.settings)
    build_store.require(pelican.settings, "content_sitemap")


def parts(entries, max_urls, max_bytes):
    """The entries, in files of at most ``max_urls`` entries and
    ``max_bytes`` bytes each (sitemaps.org: 50,000 and 50 MB)."""
    part, size = [], len(HEADER) + len(FOOTER)
    for entry, lastmod in entries:
        if part and (len(part) == max_urls or size + len(entry.encode()) > max_bytes):
            yield part
            part, size = [], len(HEADER) + len(FOOTER)
        part.append((entry, lastmod))
        size += len(entry.encode())
    yield part


def write(pelican):
    settings = pelican.settings
    limits = config(settings)
    entries = []
    for url, lastmod in sorted(build_store.of(settings).work.pop(WORK).items()):
        # An address as RFC 3986 writes it (sitemaps.org asks for that):
        # a right-to-left Slug's letters percent-encoded, not raw.
        loc = escape(f"{settings['SITEURL']}/{quote(url, safe=ADDRESS_SAFE)}")
        date = lastmod.isoformat() if lastmod else ""
        entries.append((ENTRY.format(loc=loc, lastmod=date) if date else f"<url><loc>{loc}</loc></url>\n", lastmod))
    # One file for a small site, where one holds it (split a year's way otherwise).
    small = len(entries) <= limits["YEARLY_ABOVE"]
    whole = list(parts(entries, limits["MAX_URLS"], limits["MAX_BYTES"])) if small else []
    if len(whole) == 1:
        save(pelican.output_path, "sitemap.xml", HEADER + "".join(e for e, _ in whole[0]) + FOOTER)
    else:
        index = []
        for name, part in yearly(entries, limits):
            save(pelican.output_path, name, HEADER + "".join(e for e, _ in part) + FOOTER)
            newest = max((m for _, m in part if m), default=None)
            index.append(f"<sitemap><loc>{escape(settings['SITEURL'])}/{name}</loc>"
                         + (f"<lastmod>{newest.isoformat()}</lastmod>" if newest else "") + "</sitemap>\n")
        save(pelican.output_path, "sitemap.xml", INDEX_HEADER + "".join(index) + INDEX_FOOTER)


def yearly(entries, limits):
    """``(file name, entries)`` for each year of the entries' ``lastmod``
    (the oldest first, then those without one), a year past the limits
    in numbered parts."""
    years = {}
    for entry, lastmod in entries:
        years.setdefault(str(lastmod.year) if lastmod else "undated", []).append((entry, lastmod))
    for year in sorted(years, key=lambda y: (y == "undated", y)):
        files = list(parts(years[year], limits["MAX_URLS"], limits["MAX_BYTES"]))
        for number, part in enumerate(files, 1):
            yield (f"sitemap-{year}.xml" if len(files) == 1 else f"sitemap-{year}-{number}.xml"), part


def save(output, name, text):
    with open(os.path.join(output, name), "w", encoding="utf-8") as f:
        f.write(text)


def register():
    granular_signals.register()
    # Before anything is read: an unknown setting fails now.
    signals.initialized.connect(check)
    signals.get_generators.connect(start)
    # content_written fires for every file Pelican writes, with the context
    # that made it: what the page shows, so how new it is.
    signals.content_written.connect(queue)
    # The "sitemap" stage after `finalized`: before compression, so the
    # sitemap is compressed too, and before build_guard's last look.
    blinker.signal("sitemap").connect(write)
