"""The private Pelican names pelican_internals.py relies on that no other
fast test exercises."""

import datetime
import os
import time

import pytest

import build_guard
from newsroom import pelican_internals


def warning_plugin(folder):
    """A plugin that logs the same warning in every run."""
    folder.mkdir(exist_ok=True)
    (folder / "late_warning.py").write_text(
        "import logging\nfrom pelican import signals\n\n"
        "def warn(sender):\n    logging.getLogger('late').warning('the same warning')\n\n"
        "def register():\n    signals.finalized.connect(warn)\n")
    return "late_warning"


def test_a_warning_repeated_in_a_second_run_in_one_process_is_refused_again(pelican_site, tmp_path):
    # Pelican's LimitFilter would drop the second run's warning as seen before.
    pelican = pelican_site(["newsroom", "build_guard", warning_plugin(tmp_path / "plugins")])
    for _ in range(2):
        with pytest.raises(build_guard.BuildRefused, match="the same warning"):
            pelican.run()


def test_the_logging_state_pelican_keeps_is_still_where_the_newsroom_clears_it():
    from pelican.log import LimitFilter

    LimitFilter._raised_messages.add(("x", "y"))
    pelican_internals.forget_logged_messages(None)
    assert not LimitFilter._raised_messages and not LimitFilter._group_count


def test_an_address_is_worked_out_once_and_again_when_a_value_its_pattern_reads_changes(pelican_site,
                                                                                        monkeypatch):
    from pelican.contents import Article

    worked_out = []
    pelicans = pelican_internals._pelicans_expand_settings
    monkeypatch.setattr(pelican_internals, "_pelicans_expand_settings",
                        lambda *a: worked_out.append(a[1:]) or pelicans(*a))

    pelican = pelican_site(["newsroom"])  # installs the remembering
    settings = {**pelican.settings, "ARTICLE_URL": "{date:%Y}/{lang}/{slug}-{kind}.html"}
    article = Article("<p>x</p>", {"title": "T", "slug": "first", "date": datetime.datetime(2021, 4, 20),
                                   "kind": "report"}, settings=settings)
    assert article.url == "2021/en/first-report.html"
    assert article.url == "2021/en/first-report.html" and worked_out == [("url", "article")]
    article.slug = "second"
    article.metadata["kind"] = "brief"
    assert article.url == "2021/en/second-brief.html"
    article.date = datetime.datetime(2022, 1, 1)
    assert article.url == "2022/en/second-brief.html"
    # As Pelican: a name the metadata lacks fails, an unhashable one still formats.
    article.settings = {**settings, "ARTICLE_URL": "{missing}.html"}
    with pytest.raises(KeyError):
        article.url
    article.settings = {**settings, "ARTICLE_URL": "{kinds}.html"}
    article.metadata["kinds"] = ["a"]
    assert article.url == "['a'].html"


def test_each_source_is_hashed_once_a_build_and_a_reading_is_still_reused_by_its_hash(pelican_site, monkeypatch):
    from pelican.cache import FileStampDataCacher

    from newsroom.reading.reader import NewsroomReader

    stamped, parsed = [], []
    stamp, read = FileStampDataCacher._get_file_stamp, NewsroomReader.read
    monkeypatch.setattr(FileStampDataCacher, "_get_file_stamp", lambda self, path: stamped.append(path) or stamp(self, path))
    monkeypatch.setattr(NewsroomReader, "read", lambda self, path: parsed.append(path) or read(self, path))
    report = "Title: {}\nDate: 2021-04-2{}\nCategory: News\nAuthor: Desk\nSummary: One line.\n\nText.\n"
    files = {f"r{n}.md": report.format(f"Report {n}", n) for n in range(3)}
    pelican = pelican_site(["newsroom"], files, CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True,
                           CHECK_MODIFIED_METHOD="md5")  # Pelican's own hashing: the store gives SHA-256
    for build in range(2):
        stamped.clear()
        parsed.clear()
        pelican.run()
        sources = sorted(path.rsplit("/", 1)[1] for path in stamped if path.endswith(".md"))
        # Read anew: hashed to look it up and again to file it, as read;
        # found: hashed once, and not read again.
        assert sources == sorted([*files] * (2 if build == 0 else 1))
        assert len(parsed) == (3 if build == 0 else 0)


def test_a_source_a_build_hashed_is_not_read_again_until_edited_even_with_its_size_and_time_restored(
        pelican_site, monkeypatch, tmp_path):
    import build_store

    from newsroom.reading.reader import NewsroomReader

    later = time.time_ns() + 10 ** 10  # every source written long before the build
    monkeypatch.setattr(build_store.time, "time_ns", lambda: later)
    hashed, parsed = [], []
    digest, read = build_store.hashlib.file_digest, NewsroomReader.read
    monkeypatch.setattr(build_store.hashlib, "file_digest", lambda f, *a: hashed.append(f.name) or digest(f, *a))
    monkeypatch.setattr(NewsroomReader, "read", lambda self, path: parsed.append(path) or read(self, path))
    report = "Title: A report\nDate: 2021-04-20\nCategory: News\nAuthor: Desk\nSummary: One line.\n\nHe said yes.\n"
    pelican = pelican_site(["newsroom"], {"r.md": report}, CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True,
                           CHECK_MODIFIED_METHOD="sha256")
    source, page = tmp_path / "content" / "r.md", tmp_path / "output" / "a-report.html"
    pelican.run()
    assert [p for p in hashed if p.endswith(".md")] and parsed
    hashed.clear(), parsed.clear()
    pelican.run()
    assert [p for p in hashed if p.endswith(".md")] == [] and parsed == []
    before = os.stat(source)
    source.write_text(report.replace("yes", "yep"), encoding="utf-8")
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    pelican.run()
    assert parsed and "He said yep." in page.read_text(encoding="utf-8")
