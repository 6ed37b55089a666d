"""Builds are safe and repeatable: the same commit builds byte for byte the
same site anywhere, and a failed publish leaves the last one untouched."""

import filecmp
import shutil

from conftest import build, content_with


def tree(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def same_bytes(a, b):
    files = tree(a)
    assert files == tree(b)
    match, mismatch, errors = filecmp.cmpfiles(a, b, files, shallow=False)
    return mismatch + errors


def test_two_builds_in_different_folders_are_identical(prod_site, tmp_path):
    # Another checkout, another time: the content copied elsewhere, and no
    # cache from the first build.
    content = content_with(tmp_path)
    output = tmp_path / "elsewhere" / "output"
    result = build(output, "publishconf.py", content, CACHE_PATH=str(tmp_path / "cache"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "cache" / "share-images").is_dir()
    assert same_bytes(prod_site.path, output) == []


def test_failed_publish_leaves_the_last_good_site_byte_for_byte(tmp_path):
    output = tmp_path / "output"
    assert build(output, "publishconf.py").returncode == 0
    before = tmp_path / "before"
    shutil.copytree(output, before)

    broken = content_with(tmp_path / "broken", "no-title.md")
    result = build(output, "publishconf.py", broken)

    assert result.returncode != 0
    assert "left as it was" in result.stderr
    assert same_bytes(before, output) == []
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith("-new")], "staging left behind"


def test_successful_publish_replaces_the_site_whole(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "stale.html").write_text("from an older build")
    assert build(output, "publishconf.py").returncode == 0
    assert not (output / "stale.html").exists()
    assert (output / "index.html").is_file()


def test_a_development_build_with_an_absolute_siteurl_builds(tmp_path):
    result = build(tmp_path / "output", SITEURL="https://news.example")
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_without_their_plugins_say_what_is_missing(tmp_path):
    plugins = ["newsroom", "inline_css", "compact_json", "build_guard", "content_sitemap", "precompress"]
    result = build(tmp_path / "output", "publishconf.py", PLUGINS=plugins)
    assert result.returncode != 0
    assert "MACHINE_METADATA is on but PLUGINS lacks share_images, structured_data" in result.stderr
