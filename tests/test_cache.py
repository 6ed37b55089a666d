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


def test_an_edit_that_keeps_the_files_time_is_published_too(tmp_path):
    """cp -p, tar and rsync -t keep a file's modification time: the cache
    knows a reading by the file's bytes, never by its time."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    cache = tmp_path / "cache"
    assert build(tmp_path / "output", content=content, CACHE_PATH=str(cache)).returncode == 0
    source = content / "2021" / "blinken-human-rights-defenders.md"
    before = os.stat(source)
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("held a videoconference", "held a video call!"[:-1]), encoding="utf-8")
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))  # the time kept, as cp -p keeps it
    second = build(tmp_path / "output", content=content, CACHE_PATH=str(cache))
    assert second.returncode == 0, second.stderr
    body = Site(tmp_path / "output", "").page(ARTICLE).select_one("article .body").get_text()
    assert "held a video call" in body and "held a videoconference" not in body
