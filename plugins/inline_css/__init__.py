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


def stylesheet(theme):
    with open(os.path.join(theme, "css", "site.css"), encoding="utf-8") as f:
        css = minified(f.read())
    digest = hashlib.sha256(css.encode("utf-8")).digest()
    return Markup(css), "sha256-" + base64.b64encode(digest).decode("ascii")


def add_to_context(generators):
    context = generators[0].context
    context["INLINE_CSS"], context["INLINE_CSS_HASH"] = stylesheet(context["THEME"])


def register():
    # Once per build, after every generator has its context and before any
    # page is written; read anew on each rebuild of `make devserver`.
    signals.all_generators_finalized.connect(add_to_context)
