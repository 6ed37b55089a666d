"""The page of a report just saved, made alone and put in the development
site at once; the whole site is built after it (`deploy/devserver.py`).

    python deploy/preview.py OUTPUT CONTENT SETTINGS [pelican -e settings...]

then a line on standard input: the saved reports' paths, separated by
tabs. Started ahead of need, so that Python, Pelican and the plugins are
imported before a report is saved: a saved edit is served 0.56 s after the
save at 1,000 reports, 0.72 s at 10,000, where the whole site is built
again 3.5 s and 21.5 s after it (`bench/preview.py`). One preview a
process, as one build a process: nothing carries from one to the next.

Pelican reads the saved reports alone (``ARTICLE_PATHS`` naming each file:
Pelican reads a file named there as it reads a folder), with the reports
each links to as an original or a translation (as the last build found
them, and the original a report names now), the site's pages, settings,
theme and register, into a folder of its own beside OUTPUT with a build
store of its own (photos' variants are not made: their addresses come from
the photo's bytes, and the whole build makes them); each report's page is
then put in OUTPUT in one rename. The listings and every other page are the
whole build's, moments later.

Prints one line a page put in place (``page NAME SECONDS``), else the
first line of what stopped it; exits 0 either way (the whole build says
what is wrong).
"""

import contextlib
import importlib
import io
import json
import os
import re
import shutil
import sys
import tempfile
import time

from pelican import Pelican, parse_arguments, signals
from pelican.settings import read_settings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The header's field naming a translation's original (docs/markup.md).
TRANSLATION_OF = re.compile(r"^Translation_of:[ \t]*(.+)$", re.MULTILINE | re.IGNORECASE)


def pelican_overrides(extra):
    """The settings Pelican's command line ``extra`` gives (``-e NAME=value``)."""
    return parse_arguments(list(extra)).overrides or {}


def imported(settings_file, extra):
    """The site's settings, and its plugins imported ahead of need, where
    Pelican will find them (its plugin loader imports by name)."""
    settings = read_settings(settings_file, override=pelican_overrides(extra))
    for folder in settings["PLUGIN_PATHS"]:
        sys.path.insert(0, os.path.abspath(folder))
    for name in settings["PLUGINS"]:
        importlib.import_module(name if isinstance(name, str) else name.__name__)
    return settings


def linked(content, paths, settings):
    """The reports those of ``paths`` link to as an original or a
    translation: as the last build found them (the build store's
    ``translations``), and the original a report names now."""
    import build_store

    recorded = json.loads(build_store.last_fact(settings["CACHE_PATH"], "translations") or "{}")
    related, slugs = recorded.get("related", {}), recorded.get("slugs", {})
    found = set()
    for path in paths:
        found.update(related.get(path, []))
        with open(os.path.join(content, path), encoding="utf-8", errors="replace") as report:
            named = TRANSLATION_OF.search(report.read())
        if named and named.group(1).strip() in slugs:
            found.add(slugs[named.group(1).strip()])
    return sorted(found - set(paths))


def preview(output, content, settings_file, reports, extra, site):
    """Each of ``reports`` (paths) made alone into a folder beside
    ``output`` and its page put in ``output``; the pages' names. ``site``:
    the site's settings, as `imported` read them."""
    from newsroom.reading import checks

    content = os.path.abspath(content)
    pages = [os.path.join(content, folder) + os.sep for folder in site["PAGE_PATHS"]]
    # Reports only: a page (content/pages/) would be read as an article.
    paths = [os.path.relpath(report, content) for report in map(os.path.abspath, reports)
             if report.startswith(content + os.sep) and not report.startswith(tuple(pages))]
    if not paths:
        return []
    made = {}

    def remember(generator):
        for article in checks.contents(generator):  # whatever its status
            if article.get_relative_source_path() in paths and checks.saved_as(article):
                made[article.source_path] = checks.saved_as(article)

    with tempfile.TemporaryDirectory(prefix=".preview-", dir=os.path.dirname(os.path.abspath(output))) as work:
        settings = read_settings(settings_file, override={
            **pelican_overrides(extra), "PATH": content, "ARTICLE_PATHS": paths + linked(content, paths, site),
            "OUTPUT_PATH": os.path.join(work, "output"), "CACHE_PATH": os.path.join(work, "cache"),
            "LOAD_CONTENT_CACHE": False, "CACHE_CONTENT": False, "SEARCH_INDEX": False,
            "PHOTO_VARIANTS": False, "DELETE_OUTPUT_DIRECTORY": False,
        })
        signals.article_generator_finalized.connect(remember)
        with contextlib.redirect_stdout(io.StringIO()):  # Pelican's summary: the whole build says it
            Pelican(settings).run()
        names = []
        for name in made.values():
            source, target = os.path.join(work, "output", name), os.path.join(output, name)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(source, target + ".preview")
            os.replace(target + ".preview", target)
            names.append(name)
        return names


def main():
    output, content, settings_file, *extra = sys.argv[1:]
    site = imported(settings_file, extra)
    line = sys.stdin.readline()
    if not line.strip():
        return
    started = time.monotonic()
    try:
        names = preview(output, content, settings_file, line.rstrip("\n").split("\t"), extra, site)
    except Exception as error:  # the whole build that follows lists every problem
        print(f"not previewed: {str(error).splitlines()[0] if str(error) else type(error).__name__}", flush=True)
        return
    for name in names:
        print(f"page {name} {time.monotonic() - started:.2f}", flush=True)


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
