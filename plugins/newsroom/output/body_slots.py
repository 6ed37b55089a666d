"""A report's body as published: the slots the reader left in it
(`model/slots.py`) filled before Pelican first renders its links, when the
body is first read in a build (content_object_init asks for it:
`pelican_internals.rewrite_body`), so a page the build keeps costs none.

- A label, in the report's language: text escaped as Markdown escapes it,
  and in a report written right to left, its Latin words isolated as the
  reader isolates the report's own (`reading/isolation.py`); a label in an
  attribute escaped for one.
- A photo: the macro in ``partials/picture.html``, the theme's where it
  has one, else this plugin's (``templates/`` beside this file), its files'
  addresses relative to the page in development (the site works from any
  folder) and absolute in production (feeds too).
"""

import os
import re
import xml.etree.ElementTree as etree

import build_store
import jinja2
from markdown.serializers import to_html_string

from .. import pelican_internals
from ..chrome import locales
from ..chrome.languages import chrome
from ..model import slots
from ..reading import isolation

PLACEHOLDER = re.compile(r"\{\w+\}")
ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def fill_body(item):
    body = pelican_internals.body_as_read(item)
    if slots.MARK not in body:
        return
    labels, rtl = chrome(item.lang), locales.direction(item.lang) == "rtl"
    folder = photos_folder(item)

    def label(key, part):
        element = etree.Element("span")
        element.text = PLACEHOLDER.split(labels[key])[int(part)]
        if rtl:
            isolation.isolate(element)
        return to_html_string(element)[len("<span>"):-len("</span>")]

    def label_attribute(key, *values):
        return labels.say(key, **dict(zip(values[::2], values[1::2]))).translate(ATTRIBUTE)

    def photo(index, loading):
        picture = templates(item.settings).get_template("partials/picture.html").module.picture
        return picture(item.report.photos[int(index)], folder, loading == "eager")

    fillers = {"label": label, "label_attribute": label_attribute, "photo": photo}
    pelican_internals.rewrite_body(item, lambda text: slots.fill(text, fillers))


def photos_folder(item):
    """Where the photos' folder is from ``item``'s page."""
    if item.settings["RELATIVE_URLS"]:
        return "../" * item.save_as.count("/") or "./"
    return item.settings["SITEURL"] + "/"


def templates(settings):
    """The theme's templates as Pelican's writer finds them (overrides
    first), then this plugin's own, in the build's environment settings:
    made once a build."""
    store = build_store.of(settings)
    work = store.work if store is not None else {}
    if "templates" not in work:
        theme = [*settings.get("THEME_TEMPLATES_OVERRIDES", []), os.path.join(settings["THEME"], "templates")]
        loader = jinja2.FileSystemLoader([*theme, os.path.join(os.path.dirname(__file__), "templates")])
        work["templates"] = jinja2.Environment(loader=loader, **settings.get("JINJA_ENVIRONMENT", {}))
    return work["templates"]
