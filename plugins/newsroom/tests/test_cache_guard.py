"""The content cache is dropped when what reads the content changes, and only then."""

import contextlib
import gzip
import pickle
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest

from newsroom.output import cache_guard
from newsroom.output.bodies import Body


def run(cache, **settings):
    settings = {"LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(cache), "MARKDOWN": {}, **settings}
    cache_guard.drop_stale(SimpleNamespace(settings=settings))


def test_readings_are_dropped_when_the_markdown_settings_change(tmp_path):
    run(tmp_path)
    with gzip.open(tmp_path / "ArticlesGenerator-Readers", "wb") as f:
        pickle.dump({"readings": 1}, f)
    # As Pelican's build does once it has saved them: signed.
    cache_guard.remember_cache(SimpleNamespace(settings={
        "LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True, "CACHE_PATH": str(tmp_path), "MARKDOWN": {}}))
    (tmp_path / "objects").mkdir()
    (tmp_path / "objects" / "a").write_text("photo")

    run(tmp_path)
    assert (tmp_path / "ArticlesGenerator-Readers").exists(), "nothing changed: the cache stays"

    run(tmp_path, MARKDOWN={"extensions": ["markdown.extensions.tables"]})
    assert not (tmp_path / "ArticlesGenerator-Readers").exists()
    assert (tmp_path / "objects" / "a").exists(), "the build store's objects are its own: kept"


def test_production_builds_which_load_no_cache_leave_it_alone(tmp_path):
    (tmp_path / "ArticlesGenerator-Readers").write_text("readings")
    run(tmp_path, LOAD_CONTENT_CACHE=False)
    assert (tmp_path / "ArticlesGenerator-Readers").exists()


def test_a_damaged_cache_is_discarded_and_the_build_goes_on(tmp_path, pelican_site):
    pelican = pelican_site(["newsroom"], **SETTINGS)
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


SETTINGS = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "GZIP_CACHE": True}
# Ten reports, a file each.
TEN = {f"r{n}.md": f"Title: Report {n}\nDate: 2021-04-20\nCategory: News\nTags: Courts\nAuthor: Desk\n"
                   "Summary: One line.\n\nText.\n" for n in range(10)}


class Planted:
    """What a planted cache file runs when it is unpickled."""
    ran = []

    def __reduce__(self):
        return (Planted.ran.append, ("code ran",))


def plant(path):
    with gzip.open(path, "wb") as f:
        pickle.dump(Planted(), f)


def test_a_cache_file_this_machine_did_not_leave_is_discarded_unread(tmp_path, pelican_site):
    pelican_site(["newsroom"], **SETTINGS).run()
    [cache] = (tmp_path / "cache").glob("ArticlesGenerator-Readers")
    Planted.ran.clear()
    plant(cache)
    pelican_site(["newsroom"], **SETTINGS).run()
    assert Planted.ran == [] and (tmp_path / "output" / "a-report.html").is_file()


def test_a_cache_under_a_stamp_signed_with_another_key_is_discarded_unread(tmp_path, pelican_site, monkeypatch):
    """As a CI cache restored from elsewhere: only a build holding the key
    (CACHE_KEY, a secret) could have signed it."""
    monkeypatch.setenv("CACHE_KEY", "the desk's own")
    pelican_site(["newsroom"], **SETTINGS).run()
    stamp = (tmp_path / "cache" / "fingerprint").read_text().splitlines()
    [cache] = (tmp_path / "cache").glob("ArticlesGenerator-Readers")
    plant(cache)
    lines = [line for line in stamp[:-1] if not line.startswith(cache.name)] + [
        f"{cache.name} {cache_guard.state(cache).split()[1]}"]
    monkeypatch.setenv("CACHE_KEY", "an attacker's")
    (tmp_path / "cache" / "fingerprint").write_text("\n".join([*lines, "signature " + cache_guard.signature(lines)]))
    monkeypatch.setenv("CACHE_KEY", "the desk's own")
    Planted.ran.clear()
    pelican_site(["newsroom"], **SETTINGS).run()
    assert Planted.ran == [] and (tmp_path / "output" / "a-report.html").is_file()


def test_the_cache_this_machine_left_is_used_even_after_a_refused_build(tmp_path, pelican_site, monkeypatch):
    from build_guard import BuildRefused
    from newsroom.reading.reader import NewsroomReader

    settings = {**SETTINGS, "CHECK_MODIFIED_METHOD": "md5"}  # pelican_site writes each file anew
    reads = []
    read = NewsroomReader.read
    monkeypatch.setattr(NewsroomReader, "read", lambda self, path: reads.append(path) or read(self, path))
    pelican_site(["newsroom", "build_guard"], **settings).run()
    bad = tmp_path / "content" / "bad.md"
    bad.write_text("Title: Bad\n\nNo date, no section.\n", encoding="utf-8")
    refused = pelican_site(["newsroom", "build_guard"], **settings)  # kept: its store is not yet collected
    with pytest.raises(BuildRefused):
        refused.run()
    with contextlib.closing(sqlite3.connect(tmp_path / "cache" / "store.sqlite", timeout=0)) as other:
        other.execute("BEGIN IMMEDIATE")  # "database is locked" where the refused build wrote and held on
    bad.unlink()
    reads.clear()
    pelican_site(["newsroom", "build_guard"], **settings).run()
    assert reads == [], "the unchanged report came from the cache the refused build left"


def test_a_cached_reading_follows_its_photos(tmp_path, pelican_site, caplog):
    """Pelican's cache checks the report's own file: a photo replaced or
    deleted since makes the report read again."""
    from PIL import Image

    settings = {**SETTINGS, "CHECK_MODIFIED_METHOD": "md5"}
    report = ("Title: Photo\nDate: 2021-04-20\nCategory: News\nAuthor: Desk\nSummary: One.\n\n"
              "![A grey square](images/p.jpg)\nCaption: Grey.\n")
    (tmp_path / "content" / "images").mkdir(parents=True)
    photo = tmp_path / "content" / "images" / "p.jpg"
    Image.new("RGB", (900, 600), (120, 120, 120)).save(photo)
    pelican_site(["newsroom"], files={"report.md": report}, **settings).run()
    page = tmp_path / "output" / "photo.html"
    first = page.read_text(encoding="utf-8")
    Image.new("RGB", (900, 600), (200, 30, 30)).save(photo)
    pelican_site(["newsroom"], files={"report.md": report}, **settings).run()
    second = page.read_text(encoding="utf-8")
    assert second != first and "photos/p-" in second, "the new photo's variants, not the old"
    photo.unlink()
    caplog.clear()
    pelican_site(["newsroom"], files={"report.md": report}, **settings).run()
    assert any("photo 'images/p.jpg' does not exist" in r.getMessage() for r in caplog.records)


def test_a_build_that_read_nothing_anew_leaves_the_cache_file_as_it_was(tmp_path, pelican_site):
    pelican = pelican_site(["newsroom"], **SETTINGS)
    pelican.run()
    [cache] = (tmp_path / "cache").glob("ArticlesGenerator-Readers")
    written = cache.stat().st_mtime_ns
    pelican.run()
    assert cache.stat().st_mtime_ns == written
    report = tmp_path / "content" / "report.md"
    report.write_text(report.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    pelican.run()
    assert cache.stat().st_mtime_ns != written
    assert "One more sentence." in (tmp_path / "output" / "a-report.html").read_text(encoding="utf-8")


def test_a_cache_kept_in_the_other_format_is_discarded_unread():
    """GZIP_CACHE changed between builds: Pelican would find the file
    unreadable and warn (a refused build, where build_guard runs); a
    fingerprint of other settings drops it first."""
    settings = {"MARKDOWN": {}, "TIMEZONE": "UTC"}
    assert cache_guard.fingerprint({**settings, "GZIP_CACHE": True}) != \
        cache_guard.fingerprint({**settings, "GZIP_CACHE": False})


@pytest.mark.parametrize("spoil, says", [
    (lambda key: key.chmod(0o644), "is not yours alone"),
    (lambda key: (key.rename(key.with_name("elsewhere")), key.symlink_to(key.with_name("elsewhere"))),
     "cannot be opened as a file of its own"),
])
def test_a_cache_key_others_can_read_or_that_is_a_link_is_refused(tmp_path, monkeypatch, spoil, says):
    monkeypatch.delenv("CACHE_KEY", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    made = cache_guard.key()
    key = tmp_path / "rightsdesk" / "cache-key"
    assert len(made) == 64 and key.stat().st_mode & 0o777 == 0o600
    spoil(key)
    with pytest.raises(cache_guard.CacheRefused, match=says):
        cache_guard.key()


def test_a_build_writes_the_readings_it_made_anew_not_the_whole_cache_and_the_next_loads_them(
        tmp_path, pelican_site, monkeypatch):
    """A publish of one new report into 10,000 wrote all 10,000 readings
    again; now it writes the recent ones beside them, until they are an
    eighth of all and are folded in."""
    from newsroom.reading.reader import NewsroomReader

    reads = []
    read = NewsroomReader.read
    monkeypatch.setattr(NewsroomReader, "read", lambda self, path: reads.append(path) or read(self, path))
    files = dict(TEN)
    settings = {**SETTINGS, "CHECK_MODIFIED_METHOD": "md5"}  # pelican_site writes each file anew
    cache, recent = tmp_path / "cache" / "ArticlesGenerator-Readers", tmp_path / "cache" / "ArticlesGenerator-Recent-Readers"

    def build(edited=None):
        if edited is not None:
            files[edited] += "\nOne more sentence.\n"
        reads.clear()
        pelican_site(["newsroom"], files=files, **settings).run()
        return [Path(path).name for path in reads]

    assert len(build()) == 10 and not recent.exists()
    whole = cache.stat().st_mtime_ns
    assert build("r3.md") == ["r3.md"]
    assert cache.stat().st_mtime_ns == whole and recent.is_file(), "the one reading made anew, in a file of its own"
    written = recent.stat().st_mtime_ns
    assert build() == [], "the recent reading is loaded over the older one"
    assert (cache.stat().st_mtime_ns, recent.stat().st_mtime_ns) == (whole, written)
    assert "One more sentence." in (tmp_path / "output" / "report-3.html").read_text(encoding="utf-8")
    assert build("r5.md") == ["r5.md"]
    assert cache.stat().st_mtime_ns != whole and not recent.exists(), "two of ten: folded into the whole"
    assert build() == []
    assert all("One more sentence." in (tmp_path / "output" / f"report-{n}.html").read_text(encoding="utf-8")
               for n in (3, 5))


def test_a_recent_readings_file_this_machine_did_not_leave_is_discarded_unread(tmp_path, pelican_site):
    files = dict(TEN)
    settings = {**SETTINGS, "CHECK_MODIFIED_METHOD": "md5"}
    pelican_site(["newsroom"], files=files, **settings).run()
    files["r3.md"] += "\nOne more sentence.\n"
    pelican_site(["newsroom"], files=files, **settings).run()
    recent = tmp_path / "cache" / "ArticlesGenerator-Recent-Readers"
    assert recent.is_file()
    Planted.ran.clear()
    plant(recent)
    pelican_site(["newsroom"], files=files, **settings).run()
    assert Planted.ran == []
    assert "One more sentence." in (tmp_path / "output" / "report-3.html").read_text(encoding="utf-8")
