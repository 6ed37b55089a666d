"""The stylesheet, minified, with the hash a Content Security Policy needs."""

import base64
import hashlib
import sys

import pytest

import inline_css


def test_the_hash_is_of_the_exact_text_pages_carry(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.css").write_text("body {\n  color: red;\n}\n/* gone */\n")
    css, source = inline_css.stylesheet(str(tmp_path))
    assert css == "body{color:red}"
    assert source == "sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()


def test_the_minified_stylesheet_is_kept_until_the_stylesheet_changes(tmp_path):
    cache = tmp_path / "cache"
    assert inline_css.minified("a {\n  color: red;\n}\n", str(cache)) == "a{color:red}"
    [kept] = cache.iterdir()
    kept.write_text("a{color:blue}", encoding="utf-8")
    assert inline_css.minified("a {\n  color: red;\n}\n", str(cache)) == "a{color:blue}", "from the cache"
    assert inline_css.minified("b {\n  color: red;\n}\n", str(cache)) == "b{color:red}"
    assert len(list(cache.iterdir())) == 1, "only the last stylesheet is kept"
    assert inline_css.minified('q::before { content: "“" }', str(cache)) == 'q:before{content:"“"}'


def test_a_build_does_not_load_the_minifier_into_its_own_memory(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.css").write_text("body { color: red }", encoding="utf-8")
    inline_css.stylesheet(str(tmp_path))
    assert "minify_html" not in sys.modules


def test_another_stylesheet_may_be_named_and_unknown_settings_fail():
    assert inline_css.config({"INLINE_CSS": {"STYLESHEET": "print.css"}})["STYLESHEET"] == "print.css"
    with pytest.raises(ValueError, match="inline_css knows"):
        inline_css.config({"INLINE_CSS": {"FILE": "x.css"}})
