"""The content cache is dropped when what reads the content changes, and only then."""

import gzip
import pickle
from types import SimpleNamespace

from newsroom import cache_guard


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
