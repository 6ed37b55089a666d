"""build_guard fails a run on any warning, whichever plugin logs it and
whatever the order of PLUGINS, and each run starts afresh."""

import logging

import pytest

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


@pytest.mark.parametrize("stage", ["finalized", "sitemap", "compress"])
def test_a_warning_from_a_plugin_listed_after_the_guard_fails_the_run(pelican_site, tmp_path, stage):
    pelican = pelican_site(["build_guard", late_plugin(tmp_path / "plugins", stage)])
    with pytest.raises(build_guard.BuildRefused, match=f"warned at {stage}"):
        pelican.run()


def test_a_clean_run_passes_and_leaves_no_handler_behind(pelican_site):
    before = list(logging.getLogger().handlers)
    pelican_site(["build_guard"]).run()
    assert logging.getLogger().handlers == before


def test_each_run_collects_afresh(pelican_site, tmp_path):
    """A refused run's problems are not held against the next run."""
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "late_once.py").write_text(
        "import logging\nfrom pelican import signals\n\n"
        "def warn(sender):\n    logging.getLogger('late').warning('warned once')\n\n"
        "def register():\n    signals.finalized.connect(warn)\n")
    with pytest.raises(build_guard.BuildRefused, match="warned once"):
        pelican_site(["build_guard", "late_once"]).run()
    pelican_site(["build_guard"]).run()


def test_problems_come_in_file_and_line_order_each_once():
    collector = build_guard.Collector()
    for message in ["b.md:9: late", "other trouble", "a.md:12: x", "b.md: whole file", "a.md:2: y", "a.md:12: x"]:
        collector.emit(logging.LogRecord("pelican", logging.ERROR, "", 0, message, None, None))
    assert collector.take() == ["a.md:2: y", "a.md:12: x", "b.md:9: late", "b.md: whole file", "other trouble"]


def test_a_run_refused_before_writing_leaves_the_console_hearing_again(pelican_site, tmp_path):
    """Refused once all is read, the run ends: what ``pelican`` logs as it
    exits (the refusal and its list) reaches the console, not a collector
    no summary will empty."""
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "early.py").write_text(
        "import logging\nfrom pelican import signals\n\n"
        "def warn(sender):\n    logging.getLogger('early').warning('warned early')\n\n"
        "def register():\n    signals.generator_init.connect(warn)\n")
    before = list(logging.getLogger().handlers)
    with pytest.raises(build_guard.BuildRefused, match="warned early"):
        pelican_site(["build_guard", "early"]).run()
    assert logging.getLogger().handlers == before
    assert all(build_guard.HELD not in handler.filters for handler in before)


def test_a_crash_is_never_held_back():
    """What ``pelican`` logs when a run raises something else reaches the
    console while problems are held for the summary."""
    crash = logging.LogRecord("pelican", logging.CRITICAL, "", 0, "KeyError: 'x'", None, None)
    warning = logging.LogRecord("pelican", logging.WARNING, "", 0, "a.md:1: late", None, None)
    assert build_guard.HELD.filter(crash) and not build_guard.HELD.filter(warning)
