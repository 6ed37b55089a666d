"""The garbage collector leaves alone what a build holds for all its run.

CPython's collector walks every container object it tracks each time it
runs in full, and it runs in full whenever those objects have grown by a
quarter since. A build loads its whole archive and holds it to the end
(at 10,000 reports: the content cache's readings, then Pelican's items and
their reports, 400,000 objects, then the records of the pages and files
of the live site), so a publish of one new report into 10,000 spent
1.5 s of its 16 walking them again and again, freeing nothing.
`gc.freeze` moves every object tracked so far into a generation the
collector skips: once the content cache is loaded (``article_generator_preread``,
before the first report is read), and once every item is made
(``all_generators_finalized``). Each run begins, and a run that finished
ends, with them thawed (``get_generators``, and granular_signals' last
stage, ``deploy``), so a process that runs many builds (``pelican -r``,
the tests) collects what each left behind. No settings.
"""

import gc

import blinker
from pelican import signals
from pelican.plugins import granular_signals


def freeze(*_):
    gc.freeze()


def thaw(*_):
    gc.unfreeze()


def register():
    granular_signals.register()
    signals.get_generators.connect(thaw)
    signals.article_generator_preread.connect(freeze)
    signals.all_generators_finalized.connect(freeze)
    blinker.signal("deploy").connect(thaw)
