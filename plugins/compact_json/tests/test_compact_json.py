"""tojson writes JSON-LD as compact as JSON allows, and still safe in a script."""

import json
from types import SimpleNamespace

import jinja2

import compact_json


def render(value):
    generator = SimpleNamespace(env=jinja2.Environment())
    compact_json.compact(generator)
    return generator.env.from_string("{{ value|tojson }}").render(value=value)


def test_no_spaces_and_text_as_utf8():
    assert render({"b": "«non»", "a": [1, 2]}) == '{"a":[1,2],"b":"«non»"}'


def test_nothing_can_end_the_script_element():
    text = render({"x": "</script><script>alert(1)</script>"})
    assert "<" not in text and json.loads(text.replace("\\u003c", "<"))["x"].startswith("</script>")
