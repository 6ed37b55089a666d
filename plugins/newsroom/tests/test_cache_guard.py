"""The content cache is dropped when what reads the content changes, and only then."""

import gzip
import pickle
from types import SimpleNamespace

from newsroom.output import cache_guard
from newsroom.output.bodies import Body


def run(cache, **settings):
    settings = {"LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(cache), "MARKDOWN": {}, **settings}
    cache_guard.drop_stale(SimpleNamespace(settings=settings))


def test_readings_are_dropped_when_the_markdown_settings_change(tmp_path):
    run(tmp_path)
    with gzip.open(tmp_path / "ArticlesGenerator-Readers", "wb") as f:
        pickle.dump({"readings": 1}, f)
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "a.webp").write_text("photo")

    run(tmp_path)
    assert (tmp_path / "ArticlesGenerator-Readers").exists(), "nothing changed: the cache stays"

    run(tmp_path, MARKDOWN={"extensions": ["markdown.extensions.tables"]})
    assert not (tmp_path / "ArticlesGenerator-Readers").exists()
    assert (tmp_path / "photos" / "a.webp").exists(), "photos are keyed by content: kept"


def test_production_builds_which_load_no_cache_leave_it_alone(tmp_path):
    (tmp_path / "ArticlesGenerator-Readers").write_text("readings")
    run(tmp_path, LOAD_CONTENT_CACHE=False)
    assert (tmp_path / "ArticlesGenerator-Readers").exists()


def test_a_damaged_cache_is_discarded_and_the_build_goes_on(tmp_path, pelican_site):
    pelican = pelican_site(["newsroom"], CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True, GZIP_CACHE=True)
    pelican.run()
    [cache] = (tmp_path / "cache").glob("ArticlesGenerator-Readers")
    cache.write_bytes(cache.read_bytes()[:20])  # as a full disk leaves it
    pelican_site(["newsroom"], CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True, GZIP_CACHE=True).run()
    assert (tmp_path / "output" / "a-report.html").is_file()


def test_cached_bodies_are_compressed_and_read_back_as_written(tmp_path, pelican_site):
    """Pickling a body with a curly quote would keep a UTF-8 copy inside
    the article's string: the cache holds compressed bytes instead."""
    report = "Title: Quoted\nDate: 2021-04-20\nCategory: News\nTags: Courts\nAuthor: Desk\nSummary: One.\n\nSaid [“yes”]{term}, 是.\n"
    settings = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "GZIP_CACHE": True}
    pelican_site(["newsroom"], files={"report.md": report}, **settings).run()
    page = (tmp_path / "output" / "quoted.html").read_bytes()
    with gzip.open(tmp_path / "cache" / "ArticlesGenerator-Readers", "rb") as f:
        [(_, (body, _))] = pickle.load(f).values()
    assert isinstance(body, Body) and body.packed

    (tmp_path / "output" / "quoted.html").unlink()
    pelican_site(["newsroom"], files={"report.md": report}, **settings).run()
    assert (tmp_path / "output" / "quoted.html").read_bytes() == page, "read back from the cache as written"


def test_a_cache_as_the_last_finished_build_left_it_is_not_unpickled_twice(tmp_path, pelican_site, monkeypatch):
    settings = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "GZIP_CACHE": True}
    pelican_site(["newsroom"], **settings).run()
    checked = []
    monkeypatch.setattr(cache_guard, "readable", lambda path, zipped: checked.append(path) or True)
    pelican_site(["newsroom"], **settings).run()
    assert checked == [], "Pelican loads it; the guard need not"
    [cache] = (tmp_path / "cache").glob("ArticlesGenerator-Readers")
    cache.write_bytes(cache.read_bytes() + b"\0")  # changed since: checked again
    pelican_site(["newsroom"], **settings).run()
    assert checked == [cache]
