"""Templates compiled once for every generator and build, and never run
from code compiled of another source or under other rules."""

import types

import jinja2
import pytest

from newsroom.output import compiled_templates


@pytest.fixture
def compiles(monkeypatch):
    """The names of the templates compiled from source, in order."""
    compiled = []
    original = jinja2.Environment.compile

    def compile_(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", compile_)
    return compiled


def generator(tmp_path, **options):
    """A generator as generator_init hands it: its own environment over
    the templates in ``tmp_path``/templates, sharing the build's cache."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path / "templates"), **options)
    made = types.SimpleNamespace(env=env, settings={"CACHE_PATH": str(tmp_path / "cache")})
    compiled_templates.share(made)
    return made


def template(tmp_path, text):
    (tmp_path / "templates").mkdir(exist_ok=True)
    (tmp_path / "templates" / "page.html").write_text(text, encoding="utf-8")


def test_every_generator_and_the_next_build_use_the_template_compiled_once(tmp_path, compiles):
    template(tmp_path, "<p>{{ words }}</p>")
    for _ in range(3):  # three generators of a build, then of the next
        assert generator(tmp_path).env.get_template("page.html").render(words="said") == "<p>said</p>"
    assert compiles == ["page.html"]


def test_an_edited_template_is_compiled_again(tmp_path, compiles):
    template(tmp_path, "<p>{{ words }}</p>")
    generator(tmp_path).env.get_template("page.html").render(words="said")
    template(tmp_path, "<blockquote>{{ words }}</blockquote>")
    assert generator(tmp_path).env.get_template("page.html").render(words="said") == "<blockquote>said</blockquote>"
    assert compiles == ["page.html", "page.html"]


@pytest.mark.parametrize("options", [{"trim_blocks": True}, {"autoescape": True},
                                     {"variable_start_string": "[[", "variable_end_string": "]]"}])
def test_code_compiled_under_other_rules_is_never_run(tmp_path, options):
    """The same source, the environment's rules changed (JINJA_ENVIRONMENT
    edited): rendered as those rules say, not as the cached code would."""
    template(tmp_path, "{% if true %}\n<p>{{ words }}[[ words ]]</p>{% endif %}")
    fresh = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path / "templates"), **options)
    generator(tmp_path).env.get_template("page.html").render(words="<b>")
    cached = generator(tmp_path, **options).env.get_template("page.html").render(words="<b>")
    assert cached == fresh.get_template("page.html").render(words="<b>")


def test_an_environment_whose_rules_have_no_lasting_description_keeps_nothing(tmp_path):
    env = jinja2.Environment(autoescape=jinja2.select_autoescape())
    assert compiled_templates.compiled_by(env) is None
    template(tmp_path, "<p>{{ words }}</p>")
    assert generator(tmp_path, autoescape=jinja2.select_autoescape()).env.bytecode_cache is None
