"""The content cache is dropped when what reads the content changes, and only then."""

from types import SimpleNamespace

from newsroom import cache_guard


def run(cache, **settings):
    settings = {"LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(cache), "MARKDOWN": {}, **settings}
    cache_guard.drop_stale(SimpleNamespace(settings=settings))


def test_readings_are_dropped_when_the_markdown_settings_change(tmp_path):
    run(tmp_path)
    (tmp_path / "ArticlesGenerator-Readers").write_text("readings")
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
