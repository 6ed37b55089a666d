"""What page keys are hashed from: the same description in every run for
the same value, and a refusal (so the page renders) where there is none."""

import dataclasses
import datetime
import logging

import pytest

from newsroom.output.page_cache import Describer, Unstable


@dataclasses.dataclass(frozen=True)
class Said:
    words: str
    by: object


def test_values_are_described_by_what_they_hold():
    describe = Describer()
    when = datetime.datetime(2025, 3, 11, 9, 30)
    assert describe({"b": [1, "two"], "a": (when, None)}) == describe({"a": (when, None), "b": [1, "two"]})
    assert describe(Said("Free them", "Lin")) == describe(Said("Free them", "Lin"))
    assert describe(Said("Free them", "Lin")) != describe(Said("Free them all", "Lin"))
    assert describe({"x", "y"}) == describe({"y", "x"})


def test_a_function_is_described_by_its_code():
    def newest(item):
        return item.date

    def oldest(item):
        return -item.date

    assert Describer()(newest) != Describer()(oldest)
    assert Describer()(newest) == Describer()(newest)


def test_a_value_without_a_stable_description_is_refused():
    with pytest.raises(Unstable):
        Describer()(object())
    # Inside a record, too; the record is then described field by field.
    with pytest.raises(Unstable):
        Describer()(Said("Free them", object()))


def test_a_person_every_report_names_is_described_once_a_build_and_as_who_they_are(monkeypatch):
    from newsroom.model.people import Person

    describe = Describer(remember=False)  # as a report's inside is described: nothing else remembered
    lin = Person("Lin Wei", description="A lawyer", same_as=("https://example.org/lin",))
    described, real = [], Describer.describe
    monkeypatch.setattr(Describer, "describe", lambda self, value: described.append(value) or real(self, value))
    reports = [{"people": {"Lin": lin}, "n": n} for n in range(50)]
    assert len({describe(report) for report in reports}) == 50
    assert described.count(lin) == 1
    assert describe(lin) != describe(dataclasses.replace(lin, description="A judge"))


def test_long_descriptions_are_kept_as_hashes():
    described = Describer()(["a quotation of some length"] * 100)
    assert described.startswith("#") and len(described) == 65


def test_settings_no_key_can_describe_make_every_page_render_and_the_build_pass(pelican_site, caplog):
    """A miss, never a refused build: build_guard refuses on any warning."""
    caplog.set_level(logging.INFO)
    for _ in range(2):
        pelican_site(["newsroom", "build_guard"], CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True,
                     SOMETHING_OPAQUE=object()).run()  # its repr changes from run to run
    assert any("every page renders" in r.getMessage() for r in caplog.records)


MOTTO_PLUGIN = '''
from pathlib import Path

import jinja2
from pelican import signals


@jinja2.pass_context
def motto(context):
    return context["MOTTO"]


def add(generator):
    generator.context["MOTTO"] = Path(generator.settings["MOTTO_FILE"]).read_text()
    generator.env.globals["motto"] = motto


def register():
    signals.generator_init.connect(add)
'''


def test_a_value_a_page_reads_only_through_a_function_is_in_its_key(pelican_site, tmp_path):
    """What a page depends on is what its rendering looked up, recorded:
    here a value no template names, read by a function the template calls
    (a template's text names only the function)."""
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "motto.py").write_text(MOTTO_PLUGIN)
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "article.html").write_text("<p>{{ motto() }}</p><h1>{{ article.title }}</h1>\n")
    motto, page = tmp_path / "motto.txt", tmp_path / "output" / "a-report.html"
    settings = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "MOTTO_FILE": str(motto),
                "THEME_TEMPLATES_OVERRIDES": [str(tmp_path / "overrides")]}

    def build():
        pelican_site(["newsroom", "motto"], **settings).run()
        return page.read_text(), page.stat().st_ino

    motto.write_text("Facts first")
    first, made = build()
    assert "<p>Facts first</p>" in first
    assert build() == (first, made), "unchanged, the page is kept, not rendered again"
    motto.write_text("Sources always")
    assert "<p>Sources always</p>" in build()[0]


def test_a_changed_template_makes_every_page_again_and_says_what_changed(pelican_site, tmp_path, capsys):
    """Templates in THEME_TEMPLATES_OVERRIDES count as the theme's."""
    (tmp_path / "overrides").mkdir()
    template = tmp_path / "overrides" / "article.html"
    settings = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True,
                "THEME_TEMPLATES_OVERRIDES": [str(tmp_path / "overrides")]}
    template.write_text("<h1>{{ article.title }}</h1>\n")
    pelican_site(["newsroom"], **settings).run()
    capsys.readouterr()
    template.write_text("<h1 class=headline>{{ article.title }}</h1>\n")
    pelican_site(["newsroom"], **settings).run()
    assert '<h1 class=headline>A report</h1>' in (tmp_path / "output" / "a-report.html").read_text()
    said = [line for line in capsys.readouterr().out.splitlines() if "made again" in line]
    assert said == [f"Every page is made again: template {template.as_posix()} changed."], said
