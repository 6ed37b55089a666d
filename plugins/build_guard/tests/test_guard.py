"""build_guard fails a run on any warning, whichever plugin logs it and
whatever the order of PLUGINS, and each run starts afresh."""

import logging
import sys
import weakref

import blinker
import pytest
from pelican import Pelican, signals
from pelican.settings import read_settings

import build_guard

def late_plugin(folder, stage):
    """A plugin, listed after build_guard, that warns at ``stage``."""
    folder.mkdir(exist_ok=True)
    connect = "signals.finalized" if stage == "finalized" else f"blinker.signal({stage!r})"
    (folder / f"late_{stage}.py").write_text(
        "import logging\nimport blinker\nfrom pelican import signals\n\n"
        "def warn(sender):\n"
        f"    logging.getLogger('late').warning('warned at {stage}')\n\n"
        f"def register():\n    {connect}.connect(warn)\n"
    )
    return f"late_{stage}"


def site(tmp_path, plugins):
    content = tmp_path / "content"
    content.mkdir(exist_ok=True)
    (content / "a.md").write_text("Title: A\nDate: 2021-01-01\n\nText.\n")
    settings = read_settings(override={
        "PATH": str(content), "OUTPUT_PATH": str(tmp_path / "output"), "PLUGINS": plugins,
        "PLUGIN_PATHS": [str(tmp_path / "plugins")], "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False,
        "FEED_ALL_ATOM": None, "CATEGORY_FEED_ATOM": None, "AUTHOR_FEED_ATOM": None,
        "AUTHOR_FEED_RSS": None, "TRANSLATION_FEED_ATOM": None,
    })
    return Pelican(settings)


SIGNALS = (signals.get_generators, signals.all_generators_finalized, signals.finalized,
           *map(blinker.signal, ("sitemap", "compress", "deploy")))


@pytest.fixture(autouse=True)
def fresh_signals():
    """Each test connects its plugins anew, as each build process does:
    afterwards, whatever it connected is disconnected and forgotten."""
    before = {signal: set(signal.receivers) for signal in SIGNALS}
    yield
    for signal in SIGNALS:
        for key in set(signal.receivers) - before[signal]:
            reference = signal.receivers[key]
            receiver = reference() if isinstance(reference, weakref.ref) else reference
            if receiver is not None:
                signal.disconnect(receiver)
    for name in [n for n in sys.modules if n.startswith("late_")]:
        del sys.modules[name]


@pytest.mark.parametrize("stage", ["finalized", "sitemap", "compress"])
def test_a_warning_from_a_plugin_listed_after_the_guard_fails_the_run(tmp_path, stage):
    pelican = site(tmp_path, ["build_guard", late_plugin(tmp_path / "plugins", stage)])
    with pytest.raises(build_guard.BuildRefused, match=f"warned at {stage}"):
        pelican.run()


def test_a_clean_run_passes_and_leaves_no_handler_behind(tmp_path):
    before = list(logging.getLogger().handlers)
    site(tmp_path, ["build_guard"]).run()
    assert logging.getLogger().handlers == before


def test_each_run_collects_afresh(tmp_path):
    pelican = site(tmp_path, ["build_guard", late_plugin(tmp_path / "plugins", "sitemap")])
    for _ in range(2):
        with pytest.raises(build_guard.BuildRefused) as refused:
            pelican.run()
        assert str(refused.value).count("warned at sitemap") == 1
