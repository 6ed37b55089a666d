"""sitemap.xml: every published HTML page, with an absolute ``loc`` and a
``lastmod`` taken from the content.

pelican-plugins/sitemap gives every listing page the time of the build as
its ``lastmod``: crawlers are told the whole site changed at each build, and
two builds of the same content differ. Here an article or page is as new as
its ``Modified`` or ``Date``, and a listing as new as the newest article it
lists. Hidden pages (the 404 page) are left out.
"""

import os
from xml.sax.saxutils import escape

import blinker
from pelican import signals
from pelican.plugins import granular_signals

HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
ENTRY = "<url><loc>{loc}</loc><lastmod>{lastmod}</lastmod></url>\n"
FOOTER = "</urlset>\n"

# The pages of the run under way: emptied when a run starts.
queued = {}


def start(pelican):
    queued.clear()


def last_change(item):
    return getattr(item, "modified", None) or item.date


def paginated(context):
    """The page of a paginated listing being written (``articles_page``,
    or any other ``…_page`` a plugin paginates), or None."""
    pages = [v for k, v in context.items() if k.endswith("_page") and hasattr(v, "object_list")
             and not k.endswith(("_previous_page", "_next_page"))]
    return pages[0] if pages else None


def address(path, context):
    """The page's URL as Pelican names it (``url``, ``*_URL``), never its
    file path: with pretty URLs the two differ."""
    item = context.get("article") or context.get("page")
    if item is not None:
        return item.url
    listing = paginated(context)
    if listing is not None:
        return listing.url
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
    elif context.get("articles_page") is not None:
        dated = context["articles_page"].object_list
    else:
        dated = context["articles"]
    lastmod = context.get("lastmod") or max((last_change(a) for a in dated), default=None)
    queued[address(path, context)] = lastmod


def write(pelican):
    settings = pelican.settings
    lines = []
    for url, lastmod in sorted(queued.items()):
        loc = escape(f"{settings['SITEURL']}/{url}")
        date = lastmod.isoformat() if lastmod else ""
        lines.append(ENTRY.format(loc=loc, lastmod=date) if date else f"<url><loc>{loc}</loc></url>\n")
    with open(os.path.join(pelican.output_path, "sitemap.xml"), "w", encoding="utf-8") as f:
        f.write(HEADER + "".join(lines) + FOOTER)
    queued.clear()


def register():
    granular_signals.register()
    signals.get_generators.connect(start)
    # content_written fires for every file Pelican writes, with the context
    # that made it: what the page shows, so how new it is.
    signals.content_written.connect(queue)
    # The "sitemap" stage after `finalized`: before compression, so the
    # sitemap is compressed too, and before build_guard's last look.
    blinker.signal("sitemap").connect(write)
