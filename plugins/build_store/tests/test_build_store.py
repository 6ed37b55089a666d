"""The store believes an object only as it recorded it, keeps a build's
records only once the build finished, and removes only what it made."""

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

import build_store
from build_store import Store, StoreRefused


def test_an_object_is_kept_under_its_digest_and_found_again_by_what_made_it(tmp_path):
    store = Store(tmp_path / "cache")
    digest = store.add_bytes(b"<p>made</p>")
    store.record("page", "inputs-1", digest)
    store.commit()
    again = Store(tmp_path / "cache")
    path = Path(again.made("page", "inputs-1"))
    assert path.read_bytes() == b"<p>made</p>" and path.name == digest
    assert not os.access(path, os.W_OK) or os.getuid() == 0, "objects are read-only"


def made_once(folder, data):
    """The object a finished build made of ``data`` (as a page, "k") in the
    store in ``folder``/cache."""
    store = Store(folder / "cache")
    digest = store.add_bytes(data)
    store.record("page", "k", digest)
    store.commit()
    return Path(store.object_path(digest))


def replace(path, data):
    """``data`` put at ``path`` as a restored or planted cache holds it: a
    new file, a new inode."""
    os.chmod(path, 0o644)
    partial = path.with_name("partial")
    partial.write_bytes(data)
    os.replace(partial, path)


def test_an_object_whose_bytes_were_replaced_is_not_believed_and_is_removed(tmp_path):
    path = made_once(tmp_path, b"the words printed")
    replace(path, b"other words")
    assert Store(tmp_path / "cache").made("page", "k") is None
    assert not path.exists()


def test_an_object_restored_with_its_bytes_is_believed_after_hashing(tmp_path):
    path = made_once(tmp_path, b"same bytes")
    replace(path, b"same bytes")
    assert Store(tmp_path / "cache").made("page", "k") == str(path)


def test_objects_believed_many_at_once_are_the_ones_one_at_a_time_would_believe(tmp_path, monkeypatch):
    """Read as recorded in a few queries, never hashed; a replaced one is
    left to `believed`, which removes it; one never made is not believed."""
    store = Store(tmp_path / "cache")
    kept, swapped = (Path(store.object_path(store.add_bytes(data))) for data in (b"kept as made", b"swapped after"))
    store.record("page", "a", kept.name)
    store.record("page", "b", swapped.name)
    store.commit()
    replace(swapped, b"other bytes")
    store = Store(tmp_path / "cache")
    hashed = []
    monkeypatch.setattr(build_store, "file_digest", lambda path: hashed.append(path) or "0" * 64)
    store.believe_many([kept.name, swapped.name, "f" * 64])
    assert hashed == []
    assert store.checked == {kept.name: str(kept)}
    assert store.all_believed([kept.name]) and not store.all_believed([swapped.name])
    assert not swapped.exists()


def test_made_many_at_once_finds_what_made_one_at_a_time_finds_and_counts_them_used(tmp_path):
    """Found as `made` finds each (a replaced object not believed, and
    removed; a key never recorded, none), and each key asked for is used by
    this build: `forget_unused` keeps its record."""
    store = Store(tmp_path / "cache")
    paths = {key: Path(store.object_path(store.add_bytes(key.encode()))) for key in ("a", "b", "c")}
    for key, path in paths.items():
        store.record("card", key, path.name)
    store.commit()
    replace(paths["b"], b"planted")
    store = Store(tmp_path / "cache")
    store.begin()
    assert store.made_many("card", ["a", "b", "never", "a"]) == {"a": str(paths["a"]), "b": None, "never": None}
    assert not paths["b"].exists()
    store.forget_unused("card")
    store.commit()
    store = Store(tmp_path / "cache")
    assert store.made("card", "a") == str(paths["a"]) and store.made("card", "c") is None


def test_a_live_file_is_kept_only_where_it_is_that_very_file_and_not_a_link_to_it(tmp_path):
    """A build beside a live site places nothing where the live site holds
    the object itself (its inode); a copy of its bytes, a link to it, or
    nothing there, and the object is placed in the build's folder."""
    live, new = tmp_path / "live", tmp_path / "new"
    live.mkdir()
    store = Store(tmp_path / "cache", new, live)
    source = store.believed(store.add_bytes(b"<p>page</p>"))
    os.link(source, live / "same.html")
    (live / "copy.html").write_bytes(b"<p>page</p>")
    os.symlink(source, live / "link.html")
    for name in ("same.html", "copy.html", "link.html", "absent.html"):
        store.place(source, str(new / name))
    assert store.kept == {"same.html"}
    assert sorted(p.name for p in new.iterdir()) == ["absent.html", "copy.html", "link.html"]
    assert all((new / name).samefile(source) for name in ("absent.html", "copy.html", "link.html"))
    with pytest.raises(OSError):  # nothing to place: never taken for kept
        store.place(str(tmp_path / "missing"), str(new / "missing.html"))
    assert store.kept == {"same.html"}
    # The live page itself, kept where it is (the page cache's: it has read it).
    (live / "kept.html").write_bytes(b"<p>kept</p>")
    store.place(str(live / "kept.html"), str(new / "kept.html"))
    assert "kept.html" in store.kept and not (new / "kept.html").exists()


def test_bytes_are_written_unless_the_live_site_holds_them_in_a_file_of_its_own_not_a_link(tmp_path):
    live, new = tmp_path / "live", tmp_path / "new"
    live.mkdir()
    store = Store(tmp_path / "cache", new, live)
    (live / "same.xml").write_bytes(b"<feed/>")
    (live / "other.xml").write_bytes(b"<feed>old</feed>")
    (tmp_path / "elsewhere.xml").write_bytes(b"<feed/>")
    os.symlink(tmp_path / "elsewhere.xml", live / "link.xml")
    for name in ("same.xml", "other.xml", "link.xml", "absent.xml"):
        store.write(str(new / name), b"<feed/>")
    assert store.kept == {"same.xml"}
    assert sorted(p.name for p in new.iterdir()) == ["absent.xml", "link.xml", "other.xml"]
    assert all((new / name).read_bytes() == b"<feed/>" and not (new / name).is_symlink()
               for name in ("absent.xml", "link.xml", "other.xml"))


def test_a_file_the_store_did_not_make_is_never_read_and_never_pruned(tmp_path):
    store = Store(tmp_path / "cache")
    planted = tmp_path / "cache" / "objects" / "ab" / ("ab" + "0" * 62)
    planted.parent.mkdir(parents=True)
    planted.write_bytes(b"pagefind.js of someone else's")
    assert store.made("search", "anything") is None
    store.commit()
    assert planted.exists(), "not the store's to remove"


def test_what_a_build_did_not_use_is_forgotten_and_its_objects_removed(tmp_path):
    store = Store(tmp_path / "cache")
    old, kept = store.add_bytes(b"old"), store.add_bytes(b"kept")
    store.record("variant", "a", old)
    store.record("variant", "b", kept)
    store.commit()
    store = Store(tmp_path / "cache")
    assert store.made("variant", "b")
    store.forget_unused("variant")
    store.commit()
    assert not os.path.exists(store.object_path(old)) and os.path.exists(store.object_path(kept))


def test_a_build_that_does_not_finish_leaves_the_store_as_the_last_one_that_did(tmp_path):
    store = Store(tmp_path / "cache")
    store.record("page", "k", store.add_bytes(b"first"))
    store.commit()
    failing = Store(tmp_path / "cache")
    failing.record("page", "k", failing.add_bytes(b"second"))
    failing.close()  # no commit: the build failed
    assert Path(Store(tmp_path / "cache").made("page", "k")).read_bytes() == b"first"


def test_a_table_an_earlier_version_made_in_another_shape_is_made_anew_and_the_others_kept(tmp_path):
    store = Store(tmp_path / "cache")
    store.record("page", "k", store.add_bytes(b"kept"))
    store.db.execute("DROP TABLE outputs")
    store.db.execute("CREATE TABLE outputs (name TEXT PRIMARY KEY, key TEXT NOT NULL)")  # an older shape
    store.db.execute("INSERT INTO outputs VALUES ('index.html', 'old')")
    store.commit()
    store.close()
    again = Store(tmp_path / "cache")
    assert build_store.columns_of(again.db, "outputs") == build_store.COLUMNS["outputs"]
    assert list(again.rows("outputs")) == []
    assert Path(again.made("page", "k")).read_bytes() == b"kept"


def test_a_store_that_is_not_sqlite_is_set_aside_and_started_anew(tmp_path, capsys):
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / build_store.NAME).write_bytes(b"not a database at all" * 100)
    store = Store(tmp_path / "cache")
    assert store.made("page", "k") is None
    assert (tmp_path / "cache" / "store.unreadable").exists()
    assert "could not be read" in capsys.readouterr().out
    with sqlite3.connect(tmp_path / "cache" / build_store.NAME) as db:
        assert {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} >= {
            "objects", "made", "outputs", "files", "facts"}


def test_a_cache_folder_that_is_a_link_is_refused_and_what_it_points_to_left_alone(tmp_path):
    victim = tmp_path / "someones"
    victim.mkdir()
    (victim / "precious").write_text("theirs")
    (tmp_path / "cache").symlink_to(victim)
    with pytest.raises(StoreRefused, match="is a link to"):
        Store(tmp_path / "cache")
    assert [p.name for p in victim.iterdir()] == ["precious"]
    Store(tmp_path / "own")  # none yet: made


def test_a_cache_folder_others_can_write_is_refused(tmp_path):
    (tmp_path / "cache").mkdir()
    os.chmod(tmp_path / "cache", 0o777)
    with pytest.raises(StoreRefused, match="can be written by others"):
        Store(tmp_path / "cache")


def test_an_object_written_through_the_live_sites_link_to_it_with_its_size_and_time_kept_is_not_believed(tmp_path):
    """Objects go live as links: writing into the live file writes into
    the object. Its size and modification time put back, only the inode's
    change time tells; the object is then hashed, removed and made again,
    and the live file is never kept."""
    live, output = tmp_path / "live", tmp_path / "output"
    live.mkdir()
    output.mkdir()
    store = Store(tmp_path / "cache", output, live)
    digest = store.add_bytes(b"the words as said")
    store.record("card", "a report's", digest)
    store.place(store.object_path(digest), str(output / "said.txt"))
    store.commit()
    store.close()
    (output / "said.txt").replace(live / "said.txt")  # as deploy/build.py puts it live
    store = Store(tmp_path / "cache", output, live)
    assert store.keep_live([("said.txt", digest)]) == set(), "moved since it was recorded"
    assert store.believed(digest) is not None, "moved into place, still its bytes: believed, hashed once"
    store.recorded("card", "a report's")  # used by this build too
    store.commit()
    store.close()
    store = Store(tmp_path / "cache", output, live)
    assert store.keep_live([("said.txt", digest)]) == {"said.txt"}, "the very object, as recorded: one look"
    store.close()

    said = live / "said.txt"
    state = said.stat()
    said.chmod(0o644)
    said.write_bytes(b"the words unsaid!")
    os.utime(said, ns=(state.st_atime_ns, state.st_mtime_ns))
    assert said.stat().st_size == state.st_size
    store = Store(tmp_path / "cache", output, live)
    assert store.keep_live([("said.txt", digest)]) == set()
    assert store.believed(digest) is None and not Path(store.object_path(digest)).exists()


def settled(path, seconds=10):
    """``path``'s change time made ``seconds`` old, as an edit long before the
    build leaves it (the change time cannot be set: the clock is moved)."""
    return os.stat(path).st_ctime_ns + seconds * 1_000_000_000


def digest_in_a_finished_build(cache, path, now=None, monkeypatch=None):
    store = Store(cache)
    if now is not None:
        monkeypatch.setattr(build_store.time, "time_ns", lambda: now)
    digest = store.source_digest(str(path))
    store.commit()
    return digest


def test_a_source_settled_and_unchanged_since_a_build_hashed_it_is_not_read_again(tmp_path, monkeypatch):
    source = tmp_path / "report.md"
    source.write_text("Title: A\n\nWords.\n")
    expected = hashlib.sha256(source.read_bytes()).digest()
    assert digest_in_a_finished_build(tmp_path / "cache", source, settled(source), monkeypatch) == expected
    read = []
    monkeypatch.setattr(build_store.hashlib, "file_digest", lambda *a: read.append(a) or pytest.fail("read again"))
    assert Store(tmp_path / "cache").source_digest(str(source)) == expected
    assert read == []


def test_a_source_edited_with_its_size_and_time_restored_is_read_again(tmp_path, monkeypatch):
    source = tmp_path / "report.md"
    source.write_text("He said yes.\n")
    digest_in_a_finished_build(tmp_path / "cache", source, settled(source), monkeypatch)
    before = os.stat(source)
    source.write_text("He said yep.\n")  # the same size
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(source).st_size == before.st_size and os.stat(source).st_mtime_ns == before.st_mtime_ns
    monkeypatch.undo()
    assert Store(tmp_path / "cache").source_digest(str(source)) == hashlib.sha256(b"He said yep.\n").digest()


def test_a_source_hashed_just_after_it_changed_is_hashed_again_next_build(tmp_path, monkeypatch):
    """A second write in the same tick of the file system's clock, at the
    same size, would leave its identity as it was."""
    source = tmp_path / "report.md"
    source.write_text("He said yes.\n")
    digest_in_a_finished_build(tmp_path / "cache", source, os.stat(source).st_ctime_ns + 1, monkeypatch)
    monkeypatch.undo()
    read = []
    real = build_store.hashlib.file_digest
    monkeypatch.setattr(build_store.hashlib, "file_digest", lambda *a: read.append(1) or real(*a))
    Store(tmp_path / "cache").source_digest(str(source))
    assert read == [1]


def test_what_a_build_that_did_not_finish_hashed_is_not_believed(tmp_path, monkeypatch):
    source = tmp_path / "report.md"
    source.write_text("Words.\n")
    store = Store(tmp_path / "cache")
    monkeypatch.setattr(build_store.time, "time_ns", lambda: settled(source))
    store.source_digest(str(source))
    store.close()  # no commit
    read = []
    real = build_store.hashlib.file_digest
    monkeypatch.setattr(build_store.hashlib, "file_digest", lambda *a: read.append(1) or real(*a))
    Store(tmp_path / "cache").source_digest(str(source))
    assert read == [1]


def test_a_missing_source_raises_as_reading_it_would(tmp_path):
    with pytest.raises(OSError):
        Store(tmp_path / "cache").source_digest(str(tmp_path / "gone.md"))
