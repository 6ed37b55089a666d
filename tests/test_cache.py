"""Development rebuilds use Pelican's content cache, and still publish an
edit made since the last build."""

import os
import shutil

from conftest import ARTICLE, ROOT, Site, build


def test_cached_rebuild_picks_up_an_edited_article(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    cache = tmp_path / "cache"
    first = build(tmp_path / "output", content=content, CACHE_PATH=str(cache))
    assert first.returncode == 0, first.stderr
    assert any(cache.iterdir()), "the first build left no content cache"

    source = content / "2021" / "blinken-human-rights-defenders.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("held a videoconference", "held a video call"), encoding="utf-8")
    stamp = os.stat(source).st_mtime + 5  # past the cache's mtime, whatever the clock
    os.utime(source, (stamp, stamp))

    second = build(tmp_path / "output", content=content, CACHE_PATH=str(cache))
    assert second.returncode == 0, second.stderr
    body = Site(tmp_path / "output", "").page(ARTICLE).select_one("article .body").get_text()
    assert "held a video call" in body and "held a videoconference" not in body
