"""Inline the theme's one stylesheet into every page.

A news article is read once, by a reader who came for that page: a linked
stylesheet would cost a second request before the first paint. The CSS is a
few kilobytes, so every page carries it in a ``<style>`` element. Templates
get ``INLINE_CSS`` (the stylesheet, minified by minify-html) and
``INLINE_CSS_HASH`` (its ``sha256-…`` source expression, for the Content
Security Policy): the hash is of the exact text the pages carry.

minify-html is an 18 MB native library: a build that imported it would
keep 10 MiB of it in memory to the end, for one stylesheet of a few
kilobytes. It runs in a child process instead, and only when the
stylesheet (or minify-html) has changed since the last build: the result
is kept in ``CACHE_PATH/inline-css/``.
"""

import base64
import hashlib
import os
import subprocess
import sys
from importlib.metadata import version

from markupsafe import Markup
from pelican import signals
from plugin_support import section

MINIFY = ("import sys, minify_html\n"
          "style = minify_html.minify('<style>' + sys.stdin.read() + '</style>', minify_css=True)\n"
          "sys.stdout.write(style.removeprefix('<style>').removesuffix('</style>'))\n")


def minified(css, cache=None):
    """``css`` minified by minify-html, from ``cache`` (a folder) if it
    has been before."""
    key = hashlib.sha256(f"minify-html {version('minify-html')}\n{css}".encode()).hexdigest()
    kept = os.path.join(cache, f"{key}.css") if cache else None
    if kept and os.path.exists(kept):
        with open(kept, encoding="utf-8") as f:
            return f.read()
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    run = subprocess.run([sys.executable, "-c", MINIFY], input=css.encode(), capture_output=True, env=env)
    if run.returncode:
        raise RuntimeError(f"minify-html could not minify the stylesheet:\n{run.stderr.decode()}")
    result = run.stdout.decode()
    if kept:
        os.makedirs(cache, exist_ok=True)
        for old in os.listdir(cache):  # one stylesheet a site: the last one kept
            os.remove(os.path.join(cache, old))
        with open(kept + ".tmp", "w", encoding="utf-8") as f:
            f.write(result)
        os.replace(kept + ".tmp", kept)
    return result


# INLINE_CSS, in the settings, overrides these.
DEFAULTS = {
    # The stylesheet, relative to the theme's folder.
    "STYLESHEET": "css/site.css",
}


def config(settings):
    """INLINE_CSS over DEFAULTS; a name this plugin does not know fails."""
    return section(settings, "INLINE_CSS", DEFAULTS, "inline_css")


def stylesheet(theme, name=DEFAULTS["STYLESHEET"], cache=None):
    with open(os.path.join(theme, name), encoding="utf-8") as f:
        css = minified(f.read(), cache)
    digest = hashlib.sha256(css.encode("utf-8")).digest()
    return Markup(css), "sha256-" + base64.b64encode(digest).decode("ascii")


def add_to_context(generators):
    context = generators[0].context
    name = config(context)["STYLESHEET"]
    cache = os.path.join(context["CACHE_PATH"], "inline-css")
    context["INLINE_CSS"], context["INLINE_CSS_HASH"] = stylesheet(context["THEME"], name, cache)


def check(pelican):
    config(pelican.settings)


def register():
    # Before anything is read: an unknown setting fails now.
    signals.initialized.connect(check)
    # Once per build, after every generator has its context and before any
    # page is written; read anew on each rebuild of `make devserver`.
    signals.all_generators_finalized.connect(add_to_context)
