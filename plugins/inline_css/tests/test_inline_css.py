"""The stylesheet, minified, with the hash a Content Security Policy needs."""

import base64
import hashlib

import pytest

import inline_css


def test_the_hash_is_of_the_exact_text_pages_carry(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.css").write_text("body {\n  color: red;\n}\n/* gone */\n")
    css, source = inline_css.stylesheet(str(tmp_path))
    assert css == "body{color:red}"
    assert source == "sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()


def test_the_minifier_keeps_what_a_reader_sees_and_keeps_nothing_between_builds(tmp_path):
    assert inline_css.minified('q::before { content: "“" }') == 'q::before{content:"“"}'
    assert inline_css.minified("@media (prefers-color-scheme: dark) {\n  a { color: #fff }\n}") == \
        "@media (prefers-color-scheme:dark){a{color:#fff}}"
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.css").write_text("a {\n  color: red;\n}\n", encoding="utf-8")
    before = set(tmp_path.rglob("*"))
    inline_css.stylesheet(str(tmp_path))
    assert set(tmp_path.rglob("*")) == before


def test_another_stylesheet_may_be_named_and_unknown_settings_fail():
    assert inline_css.config({"INLINE_CSS": {"STYLESHEET": "print.css"}})["STYLESHEET"] == "print.css"
    with pytest.raises(ValueError, match="inline_css knows"):
        inline_css.config({"INLINE_CSS": {"FILE": "x.css"}})
