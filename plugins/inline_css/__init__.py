"""Inline the theme's one stylesheet into every page.

A news article is read once, by a reader who came for that page: a linked
stylesheet would cost a second request before the first paint. The CSS is a
few kilobytes, so every page carries it in a ``<style>`` element. Templates
get ``INLINE_CSS`` (the stylesheet, minified by minify-html) and
``INLINE_CSS_HASH`` (its ``sha256-…`` source expression, for the Content
Security Policy): the hash is of the exact text the pages carry.
"""

import base64
import hashlib
import os

import minify_html
from markupsafe import Markup
from pelican import signals


def minified(css):
    style = minify_html.minify(f"<style>{css}</style>", minify_css=True)
    return style.removeprefix("<style>").removesuffix("</style>")


# INLINE_CSS, in the settings, overrides these.
DEFAULTS = {
    # The stylesheet, relative to the theme's folder.
    "STYLESHEET": "css/site.css",
}


def config(settings):
    """INLINE_CSS over DEFAULTS; a name this plugin does not know fails."""
    given = settings.get("INLINE_CSS", {})
    if set(given) - set(DEFAULTS):
        raise ValueError(f"INLINE_CSS has {sorted(set(given) - set(DEFAULTS))}: inline_css knows {list(DEFAULTS)}")
    return {**DEFAULTS, **given}


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
