"""Fail the build on any warning or error, and name them all at once.

Pelican logs most bad content (an article it cannot read, a link it cannot
resolve) and goes on with exit code 0. Its ``--fatal warnings`` stops at the
first such line, and does nothing at all together with ``-q``. This plugin
collects every warning and error logged while the site builds and raises one
`BuildRefused` that lists them all, so the build exits non-zero and the
author can fix every problem in one go. It looks twice: once all content is
read, before a page is written (so bad content never reaches the writer),
and when the build is over.
"""

import logging

from pelican import signals

logger = logging.getLogger(__name__)


class BuildRefused(Exception):
    """The build logged warnings or errors; the message lists them."""


# Pelican's line for a file its reader refused; the reader has already said
# why, naming the file, so this line only repeats it.
COULD_NOT_PROCESS = "Could not process %s"


class Collector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records = []

    def emit(self, record):
        if record.name != __name__:
            self.records.append(record)

    def take(self):
        """The problems logged so far, each once; and start afresh."""
        records, self.records = self.records, []
        messages = [r.getMessage() for r in records]
        return [
            message for record, message in zip(records, messages)
            if not (record.msg == COULD_NOT_PROCESS
                    and any(f"{record.args[0]}:" in m for m in messages if m != message))
        ]


collector = Collector()


def start_collecting(pelican):
    root = logging.getLogger()
    if collector not in root.handlers:
        root.addHandler(collector)


def refuse_if_any(sender):
    problems = collector.take()
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
        listing = "\n".join(f"  - {p}" for p in problems)
        raise BuildRefused(f"the build found {count}; fix and build again:\n{listing}")


def register():
    # initialized: Pelican's logging is set up, nothing is read yet.
    signals.initialized.connect(start_collecting)
    # all_generators_finalized: all content is read and checked (list this
    # plugin after those that check it), nothing is written yet.
    signals.all_generators_finalized.connect(refuse_if_any)
    # finalized: every page has been written, so every warning is in.
    signals.finalized.connect(refuse_if_any)
