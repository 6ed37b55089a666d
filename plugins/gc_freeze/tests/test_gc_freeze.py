"""What a build holds is frozen while it runs, and thawed when it ends."""

import gc

from pelican import signals


def test_the_archive_is_frozen_while_the_build_runs_and_thawed_after(pelican_site):
    frozen = []
    pelican = pelican_site(["gc_freeze"])
    signals.all_generators_finalized.connect(lambda generators: frozen.append(gc.get_freeze_count()), weak=False)
    pelican.run()
    assert frozen and frozen[0] > 0, "the items made, frozen"
    assert gc.get_freeze_count() == 0, "thawed once the run has finished"


def test_a_run_that_failed_frozen_is_thawed_by_the_next(pelican_site):
    gc.freeze()  # as a run that stopped half way leaves it
    pelican_site(["gc_freeze"]).run()
    assert gc.get_freeze_count() == 0
