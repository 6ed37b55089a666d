"""Builds are safe and repeatable: the same commit builds byte for byte the
same site anywhere, and a failed publish leaves the last one untouched."""

import filecmp
import importlib.util
import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, build, content_with


def tree(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def same_bytes(a, b):
    files = tree(a)
    assert files == tree(b)
    match, mismatch, errors = filecmp.cmpfiles(a, b, files, shallow=False)
    return mismatch + errors


def test_two_builds_of_reports_of_one_day_are_identical(corpus_prod_site, corpus_content, tmp_path):
    # The corpus has two reports of the same day: listed in one order, always.
    output = tmp_path / "output"
    result = build(output, "publishconf.py", corpus_content, CACHE_PATH=str(tmp_path / "cache"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert same_bytes(corpus_prod_site.path, output) == []


def test_two_builds_in_different_folders_are_identical(prod_site, tmp_path):
    # Another checkout, another time: the content copied elsewhere, and no
    # cache from the first build.
    content = content_with(tmp_path)
    output = tmp_path / "elsewhere" / "output"
    result = build(output, "publishconf.py", content, CACHE_PATH=str(tmp_path / "cache"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "cache" / "store.sqlite").is_file()
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


def test_a_development_build_indexes_search_only_when_asked(tmp_path):
    """`make html` leaves Pagefind's index out (most of a large site's
    build), its search page saying search could not load one; `make html
    SEARCH=1` and `make publish` make it. Every other page is the same."""
    plain, searched = tmp_path / "plain", tmp_path / "searched"
    assert build(plain, SEARCH_INDEX=False).returncode == 0
    assert not (plain / "pagefind").exists()
    assert 'data-shards=""' in (plain / "search.html").read_text(encoding="utf-8")
    assert build(searched, SEARCH_INDEX=True).returncode == 0
    assert list((searched / "pagefind").iterdir())
    pages = [name for name in tree(plain) if name != "search.html"]
    _, mismatch, errors = filecmp.cmpfiles(plain, searched, pages, shallow=False)
    assert mismatch + errors == []


def test_a_development_build_with_an_absolute_siteurl_builds(tmp_path):
    result = build(tmp_path / "output", SITEURL="https://news.example")
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_with_a_relative_siteurl_say_what_to_change(tmp_path):
    result = build(tmp_path / "output", "publishconf.py", SITEURL="")
    assert result.returncode != 0
    assert "MACHINE_METADATA is on but SITEURL '' is not an absolute address" in result.stderr


@pytest.mark.parametrize("where", ["content", ".", "theme", "plugins", "content/2021", "/"])
def test_an_output_folder_that_would_swallow_sources_is_refused_and_nothing_changes(where, tmp_path):
    # A copy of the project, so that a build which did not refuse could not
    # harm the checkout, and other tests' builds running beside this one do
    # not show up as changes.
    project = tmp_path / "project"
    for name in ("content", "theme", "plugins", "deploy"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__", "tests"))
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, project / name)
    before = {p: p.stat().st_mtime_ns for p in project.rglob("*")}
    target = where if where.startswith("/") else str(project / where)
    result = subprocess.run([sys.executable, "deploy/build.py", target, "content", "-s", "pelicanconf.py"],
                            cwd=project, capture_output=True, encoding="utf-8")
    assert result.returncode != 0 and "Refused to build into" in result.stderr
    assert {p: p.stat().st_mtime_ns for p in project.rglob("*")} == before


def test_make_clean_refuses_what_a_build_refuses_and_removes_an_output(tmp_path):
    """`make clean OUTPUTDIR=…` (deploy/build.py --clean): never the content
    (here a copy, in case it did not refuse), and an output whole."""
    content = content_with(tmp_path)
    for target in (content, content / "2021", content.parent):
        result = subprocess.run([sys.executable, "deploy/build.py", "--clean", str(target), str(content),
                                 "-s", "pelicanconf.py"], cwd=ROOT, capture_output=True, encoding="utf-8")
        assert result.returncode != 0 and "Refused to remove" in result.stderr, target
        assert (content / "2021" / "blinken-human-rights-defenders.md").is_file()
    output = tmp_path / "output"
    (output / "2021").mkdir(parents=True)
    (output / "2021" / "x.html").write_text("x")
    result = subprocess.run([sys.executable, "deploy/build.py", "--clean", str(output), str(content),
                             "-s", "pelicanconf.py"], cwd=ROOT, capture_output=True, encoding="utf-8")
    assert result.returncode == 0 and not output.exists(), result.stderr
    assert "deploy/build.py --clean" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_an_output_folder_holding_a_checkout_is_refused(tmp_path):
    (tmp_path / "site" / ".git").mkdir(parents=True)
    result = build(tmp_path / "site")
    assert result.returncode != 0 and "it holds a git checkout" in result.stderr
    assert (tmp_path / "site" / ".git").is_dir()


def test_concurrent_builds_of_one_output_take_turns(tmp_path):
    output = tmp_path / "output"
    command = [sys.executable, "deploy/build.py", str(output), "content", "-s", "pelicanconf.py", "-e",
               f'CACHE_PATH="{tmp_path / "cache"}"']
    runs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, encoding="utf-8")
            for _ in range(3)]
    results = [(run.wait(timeout=120), run.stderr.read()) for run in runs]
    assert [code for code, _ in results] == [0, 0, 0], results
    assert (output / "index.html").is_file() and (output / "2021/04/blinken-human-rights-defenders.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output.lock", "cache", "output"]


def test_a_symlinked_output_is_swapped_where_it_points_and_stays_a_link(tmp_path):
    (tmp_path / "srv" / "current").mkdir(parents=True)
    (tmp_path / "srv" / "current" / "stale.html").write_text("old")
    (tmp_path / "output").symlink_to(tmp_path / "srv" / "current", target_is_directory=True)
    assert build(tmp_path / "output").returncode == 0
    assert (tmp_path / "output").is_symlink()
    assert os.readlink(tmp_path / "output") == str(tmp_path / "srv" / "current")
    assert (tmp_path / "srv" / "current" / "index.html").is_file()
    assert not (tmp_path / "srv" / "current" / "stale.html").exists()
    assert sorted(p.name for p in (tmp_path / "srv").iterdir()) == [".current.lock", "current"]


def load_build_script():
    spec = importlib.util.spec_from_file_location("deploy_build", ROOT / "deploy" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_build_goes_live_new_files_first_then_changed_then_removals(tmp_path, monkeypatch):
    """A reader of the live site never meets a link to a page not there yet
    (new files go in before the pages that link to them change) nor a page
    gone that a page still links to (removals come last); a file the build
    made with the bytes it has already stays, its time kept; what the build
    kept in place stays."""
    placing = load_build_script()
    live, staging = tmp_path / "live", tmp_path / "staging"
    for folder, files in ((live, {"index.html": "old list", "gone.html": "gone", "same.html": "same",
                                  "kept.html": "kept", "old/only.html": "x"}),
                          (staging, {"index.html": "new list", "new/report.html": "new", "same.html": "same"})):
        for name, text in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text)
    same_inode = (live / "same.html").stat().st_ino
    steps = []
    replace, unlink = os.replace, os.unlink
    monkeypatch.setattr(os, "replace", lambda a, b: steps.append(("put", os.path.relpath(b, live))) or replace(a, b))
    monkeypatch.setattr(os, "unlink", lambda a: steps.append(("remove", os.path.relpath(a, live))) or unlink(a))

    assert placing.put_live(str(staging), str(live), {"kept.html"}) == (
        ["new/report.html"], ["index.html"], ["gone.html", "old/only.html"])
    assert steps == [("put", "new/report.html"), ("put", "index.html"), ("remove", "gone.html"),
                     ("remove", "old/only.html")]
    assert sorted(p.relative_to(live).as_posix() for p in live.rglob("*")) == [
        "index.html", "kept.html", "new", "new/report.html", "same.html"]
    assert (live / "index.html").read_text() == "new list"
    assert (live / "same.html").stat().st_ino == same_inode


def test_a_build_goes_live_where_the_site_changed_shape(tmp_path):
    """A page where a folder was, and a folder where a page was."""
    placing = load_build_script()
    live, staging = tmp_path / "live", tmp_path / "staging"
    (live / "a").mkdir(parents=True)
    (live / "a" / "x.html").write_text("x")
    (live / "b.html").write_text("b")
    (staging / "b.html").mkdir(parents=True)
    (staging / "b.html" / "y.html").write_text("y")
    (staging / "a").write_text("now a file")
    placing.put_live(str(staging), str(live), set())
    assert (live / "a").read_text() == "now a file"
    assert (live / "b.html" / "y.html").read_text() == "y"


def test_a_publish_ends_at_once_with_its_site_in_place_its_words_said_and_nothing_left_running(tmp_path):
    """deploy/build.py exits without freeing the build's objects one by one
    (15 s at 100,000 reports): what exit must do is still done. The
    workers and Pagefind's service are stopped (no process of its group
    is left), and what it printed is all there."""
    output = tmp_path / "site"
    extra = [f"CACHE_PATH={json.dumps(str(tmp_path / 'cache'))}"]
    for _ in range(2):  # the site made, then published beside it
        process = subprocess.Popen([sys.executable, "deploy/build.py", str(output), str(ROOT / "content"),
                                    "-s", "publishconf.py", "-e", *extra], cwd=ROOT, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, encoding="utf-8", start_new_session=True)
        said, _ = process.communicate(timeout=600)
        assert process.returncode == 0, said
        with pytest.raises(ProcessLookupError):
            os.killpg(process.pid, 0)
    assert f"{output}: 0 files added, 0 changed, 0 removed" in said, said
    assert (output / "index.html").is_file() and (output / "pagefind").is_dir()
