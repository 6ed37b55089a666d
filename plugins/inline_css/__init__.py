"""Inline the theme's one stylesheet into every page.

A news article is read once, by a reader who came for that page: a linked
stylesheet would cost a second request before the first paint. The CSS is a
few kilobytes, so every page carries it in a ``<style>`` element. Templates
get ``INLINE_CSS`` (the stylesheet, minified by rcssmin) and
``INLINE_CSS_HASH`` (its ``sha256-…`` source expression, for the Content
Security Policy): the hash is of the exact text the pages carry.

rcssmin is a small library that minifies in the build's own process in
milliseconds: nothing is kept between builds, so nothing kept can be
planted (a cached stylesheet with ``::after{content:…}`` would add words
after every quotation, and the page's hash would allow it).
"""

import base64
import hashlib
import os

import rcssmin
from markupsafe import Markup
from pelican import signals
from plugin_support import section


def minified(css):
    return rcssmin.cssmin(css)


# INLINE_CSS, in the settings, overrides these.
DEFAULTS = {
    # The stylesheet, relative to the theme's folder.
    "STYLESHEET": "css/site.css",
}


def config(settings):
    """INLINE_CSS over DEFAULTS; a name this plugin does not know fails."""
    return section(settings, "INLINE_CSS", DEFAULTS, "inline_css")


def stylesheet(theme, name=DEFAULTS["STYLESHEET"]):
    with open(os.path.join(theme, name), encoding="utf-8") as f:
        css = minified(f.read())
    digest = hashlib.sha256(css.encode("utf-8")).digest()
    return Markup(css), "sha256-" + base64.b64encode(digest).decode("ascii")


def add_to_context(generators):
    context = generators[0].context
    name = config(context)["STYLESHEET"]
    context["INLINE_CSS"], context["INLINE_CSS_HASH"] = stylesheet(context["THEME"], name)


def check(pelican):
    config(pelican.settings)


def register():
    # Before anything is read: an unknown setting fails now.
    signals.initialized.connect(check)
    # Once per build, after every generator has its context and before any
    # page is written; read anew on each rebuild of `make devserver`.
    signals.all_generators_finalized.connect(add_to_context)
