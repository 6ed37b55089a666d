"""Fail the build on any warning or error, and name them all at once.

Pelican logs most bad content (an article it cannot read, a link it cannot
resolve) and goes on with exit code 0. Its ``--fatal warnings`` stops at the
first such line, and does nothing at all together with ``-q``. This plugin
collects every warning and error logged while the site builds and raises one
`BuildRefused` that lists them all, so the build exits non-zero and the
author can fix every problem in one go. It looks twice: once all content is
read, before a page is written (so bad content never reaches the writer),
and when every other plugin has finished (the last of pelican-granular-
signals' stages), whatever the order of ``PLUGINS``. Each run collects
afresh; Pelican's own ``LimitFilter`` still hides a warning logged once
already in the process, so an application that runs Pelican twice in one
process resets that too.
"""

import logging
import re

import blinker
from pelican import signals
from pelican.plugins import granular_signals

logger = logging.getLogger(__name__)


class BuildRefused(Exception):
    """The build logged warnings or errors; the message lists them."""


# Pelican's line for a file its reader refused (its message text, in
# pelican/generators.py: not an API); the reader has already said why,
# naming the file, so this line only repeats it. If Pelican rewords it, the
# line comes back: tests/test_bad_content.py's one-build test fails.
COULD_NOT_PROCESS = "Could not process %s"
# "content/2021/x.md:12: …" or "content/2021/x.md: …"
PLACE = re.compile(r"^(\S+?\.\w+)(?::(\d+))?: ")


class Held(logging.Filter):
    """Keeps the problems being collected off the console: the summary
    prints each once, on a line of its own, as `file:line: what: fix`,
    unwrapped (Pelican's console wraps at 80 columns where it is no
    terminal), so an editor can copy any of them whole. A crash (what
    ``pelican`` logs as CRITICAL when a run raises) is never held: no
    summary follows it."""

    def filter(self, record):
        return record.levelno < logging.WARNING or record.levelno >= logging.CRITICAL or record.name == __name__


HELD = Held()


class Collector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records = []

    def emit(self, record):
        if record.name != __name__:
            self.records.append(record)

    def take(self):
        """The problems logged so far, each once, in file and line order
        (those that name no file last); and start afresh."""
        records, self.records = self.records, []
        messages = [r.getMessage() for r in records]
        kept = [
            message for record, message in zip(records, messages)
            if not (record.msg == COULD_NOT_PROCESS
                    and any(f"{record.args[0]}:" in m for m in messages if m != message))
        ]
        return sorted(dict.fromkeys(kept), key=where)


def where(message):
    """Sort key: (0, file, line) for ``file:line: …``, (1, file, 0) for
    ``file: …``, (2, message) for the rest."""
    match = PLACE.match(message)
    if not match:
        return (2, message, 0)
    return (0 if match.group(2) else 1, match.group(1), int(match.group(2) or 0))


def collector():
    """The collector of the run under way, where logging keeps it (one a
    run: `make devserver` runs many), or None between runs."""
    return next((h for h in logging.getLogger().handlers if isinstance(h, Collector)), None)


def start_collecting(pelican):
    stop_collecting()  # a run that crashed left its own
    root = logging.getLogger()
    root.addHandler(Collector())
    for handler in root.handlers:
        if not isinstance(handler, Collector):
            handler.addFilter(HELD)


def stop_collecting():
    """Problems reach the console again (a crash's, and the next run's
    collector is made afresh)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, Collector):
            root.removeHandler(handler)
        else:
            handler.removeFilter(HELD)


def held():
    """The problems the run under way has held back so far, taken."""
    current = collector()
    return current.take() if current is not None else []


def take_held():
    """The problems held back so far, for a run that crashed before its
    summary (`deploy/build.py` prints them); and stop collecting."""
    problems = held()
    stop_collecting()
    return problems


def refuse_if_any(sender):
    """The run refused where anything was held: the run ends here, so the
    console hears again what is logged (``pelican`` logs the refusal,
    its list of problems, as it exits)."""
    problems = held()
    if problems:
        stop_collecting()
        count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
        listing = "\n".join(f"  - {p}" for p in problems)
        raise BuildRefused(f"the build found {count}; fix and build again:\n{listing}")


def finish(sender):
    """The last look, once every plugin has had its say; then stop."""
    try:
        refuse_if_any(sender)
    finally:
        stop_collecting()


def register():
    # The stages after `finalized` (sitemap, optimize, minify, compress,
    # deploy), so that this plugin's last look comes after every other
    # plugin's work whatever the order of PLUGINS.
    granular_signals.register()
    # get_generators: sent at the start of every run, before anything is read.
    signals.get_generators.connect(start_collecting)
    # all_generators_finalized: all content is read and checked, nothing is
    # written yet: bad content never reaches the writer.
    signals.all_generators_finalized.connect(refuse_if_any)
    # deploy: the last of the stages, after the sitemap and compression.
    blinker.signal("deploy").connect(finish)
