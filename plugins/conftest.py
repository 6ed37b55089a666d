"""The plugins' own tests import them as Pelican does, from plugins/, and
run Pelican in-process on a few files (as pelican-plugins' tests do)."""

import logging
import os
import sys
import weakref
from pathlib import Path

import blinker
import jinja2
import pytest
from pelican import Pelican, signals
from pelican.settings import read_settings

PLUGINS = Path(__file__).parent
sys.path.insert(0, str(PLUGINS))

REPORT = "Title: A report\nDate: 2021-04-20\nCategory: News\nTags: Courts\nAuthor: Desk\nSummary: One line.\n\nText.\n"
SIGNALS = [getattr(signals, name) for name in dir(signals) if isinstance(getattr(signals, name), blinker.Signal)]
SIGNALS += [blinker.signal(name) for name in ("sitemap", "optimize", "minify", "compress", "deploy")]


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once for the whole test session, not once per
    Pelican run (half of a small site's build): keyed by each template's
    name and source, so a test that changes one gets it compiled anew."""

    def __init__(self):
        self.compiled = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED = CompiledTemplates()


def compile_once(generator):
    """Every generator's templates from the session's compiled ones (not
    through settings, which the content cache pickles with every tag)."""
    generator.env.bytecode_cache = COMPILED


signals.generator_init.connect(compile_once)


# The project's own Markdown settings (tables, footnotes), which every test
# reads with: Pelican's default (extra, codehilite) is not what we publish.
# (The project: the folder above with pelicanconf.py, wherever a copy of
# plugins/ is run, as `make mutate` does.)
PROJECT = next(p for p in PLUGINS.resolve().parents if (p / "pelicanconf.py").is_file())
MARKDOWN = read_settings(str(PROJECT / "pelicanconf.py"))["MARKDOWN"]


@pytest.fixture
def read_file(tmp_path, caplog, monkeypatch):
    """``read(text, name="report.md")``: the file read as the newsroom's
    reader reads it, as (messages logged, metadata), metadata None where the
    file is refused; files are named relative to tmp_path, as a build from
    the project's folder names them."""
    from newsroom.reading.reader import ContentRefused, NewsroomReader

    monkeypatch.chdir(tmp_path)
    reader = NewsroomReader(read_settings(override={"PATH": str(tmp_path), "MARKDOWN": MARKDOWN}))

    def read(text, name="report.md"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        caplog.clear()
        with caplog.at_level(logging.ERROR):
            try:
                content, metadata = reader.read(str(path))
            except ContentRefused:
                return [r.getMessage() for r in caplog.records], None
        return [r.getMessage() for r in caplog.records], {**metadata, "content": content}

    read.reader = reader
    return read


@pytest.fixture
def pelican_site(tmp_path):
    """``make(plugins, files={name: text}, **settings)``: a Pelican ready to
    run on those files (one report by default) into tmp_path/output."""

    def make(plugins, files=None, **settings):
        if "build_store" not in plugins:
            plugins = ["build_store", *plugins]  # as every site of ours has it
        content = tmp_path / "content"
        for name, text in (files or {"report.md": REPORT}).items():
            (content / name).parent.mkdir(parents=True, exist_ok=True)
            (content / name).write_text(text, encoding="utf-8")
        settings = read_settings(override={
            "PATH": str(content), "OUTPUT_PATH": str(tmp_path / "output"), "PLUGINS": plugins,
            "PLUGIN_PATHS": [str(PLUGINS), str(tmp_path / "plugins")], "CACHE_PATH": str(tmp_path / "cache"),
            "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False, "TIMEZONE": "UTC", "MARKDOWN": MARKDOWN,
            "FEED_ALL_ATOM": None, "CATEGORY_FEED_ATOM": None, "AUTHOR_FEED_ATOM": None,
            "AUTHOR_FEED_RSS": None, "TRANSLATION_FEED_ATOM": None, **settings,
        })
        return Pelican(settings)

    yield make
    # A plugin the test wrote (tmp_path/plugins) is imported anew by the next
    # test that writes one of that name.
    own = str(tmp_path / "plugins")
    for name in [n for n, m in sys.modules.items() if (getattr(m, "__file__", None) or "").startswith(own)]:
        del sys.modules[name]


@pytest.fixture(autouse=True)
def fresh_signals():
    """Each test connects its plugins anew, as each build process does:
    afterwards, whatever it connected is disconnected."""
    before = [(signal, signal.receivers.copy()) for signal in SIGNALS]
    yield
    for signal, receivers in before:
        for key in signal.receivers.keys() - receivers.keys():
            reference = signal.receivers[key]
            receiver = reference() if isinstance(reference, weakref.ref) else reference
            if receiver is not None:
                signal.disconnect(receiver)


@pytest.fixture
def cases():
    """``cases(n)``: how many generated cases a property test runs: ``n`` in
    `make test-fast`, PROPERTY_SCALE times as many where it is set (`make
    test` sets 4)."""
    scale = float(os.environ.get("PROPERTY_SCALE", "1"))
    return lambda n: max(1, round(n * scale))


def pytest_collection_modifyitems(items):
    """A test that runs Pelican over a site (`pelican_site`) is marked
    ``integration``, as tests that run Pagefind or encode images are by
    hand: `make test-fast` leaves those to `make test`, where each runs."""
    for item in items:
        if "pelican_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.integration)
