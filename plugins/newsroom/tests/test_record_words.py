"""The record's reading of a version: its published words, what a version
changed of the one before, and which commits are versions at all."""

import datetime
import os

from hypothesis import given, settings, strategies as st

from examples import examples
from newsroom.record import versions, words

SOURCE = """Title: Court jails [“subversive”]{term} lawyer
Date: 2021-04-20
Summary: Mei Lin said [“we will appeal”]{speaker=Mei Lin}.
Speakers: Mei Lin | person | sister of a detainee
    Wang Wenbin | person | spokesman

The court sat for an hour. Mei Lin said [“We will go on.”]{speaker=Mei Lin}

> “He has not seen his daughter once.”
> {speaker=Mei Lin}

Wang said [“This is [“interference”]{term}.”]{speaker=Wang Wenbin}
"""


def test_a_version_is_read_for_its_words_and_its_quotations_with_their_speakers():
    read = words.read(SOURCE)
    assert read.headline == "Court jails “subversive” lawyer"
    assert read.standfirst == "Mei Lin said “we will appeal”."
    assert read.quotations == (("Mei Lin", "“we will appeal”"), ("Mei Lin", "“We will go on.”"),
                               ("Mei Lin", "“He has not seen his daughter once.”"),
                               ("Wang Wenbin", "“This is “interference”.”"))
    assert read.prose == "The court sat for an hour. Mei Lin said Wang said"
    assert read.notes == ()


def edited(old, new, source=SOURCE):
    assert old in source
    return words.read(source.replace(old, new, 1))


def test_what_a_version_changed_is_named_as_a_reader_would():
    before = words.read(SOURCE)
    assert before.changes(edited("We will go on.", "We will go on to the end.")) == ["the words of quotation 2"]
    assert before.changes(edited("{speaker=Wang Wenbin}", "{speaker=Mei Lin}")) == ["the speaker of quotation 4"]
    assert before.changes(edited("sat for an hour", "sat for two hours")) == ["the text"]
    assert before.changes(edited("Court jails", "Court sentences")) == ["the headline"]
    # Not words: the spacing, a topic, the register's line for a speaker.
    assert before.changes(edited("The court sat", "The  court\nsat")) == []
    assert before.changes(edited("Date: 2021-04-20", "Date: 2021-04-20\nTags: Courts")) == []


def at(day, hour=12):
    return datetime.datetime(2021, 4, day, hour, tzinfo=datetime.timezone.utc)


PUBLISHED = at(20, 0)


KNOWN = versions.Known()


def read(steps):
    """``(commit, when, source)`` steps as `versions.versions` takes them:
    each source's blob, its words in KNOWN."""
    found = []
    for commit, when, source in steps:
        blob = versions.blob_id(source.encode())
        KNOWN.put(blob, words.read(source))
        found.append((commit, when, blob))
    return found


def test_drafts_merge_into_the_first_published_version_and_unchanged_words_make_no_version():
    steps = read([("a", at(18), SOURCE), ("b", at(19), SOURCE.replace("an hour", "two hours")),
                  ("c", at(21), SOURCE.replace("an hour", "two hours").replace("Date:", "Tags: X\nDate:")),
                  ("d", at(22), SOURCE.replace("an hour", "three hours"))])
    kept = versions.versions(steps, PUBLISHED, KNOWN)
    assert [(v.commit, v.date) for v in kept] == [("b", PUBLISHED), ("d", at(22))]
    assert kept[1].changed == ("the text",)
    assert versions.silent(kept) == ("the text",)


def test_a_new_correction_or_update_line_says_what_changed():
    corrected = SOURCE.replace("Summary:", "Correction: 2021-04-22: The hearing lasted three hours.\nSummary:")
    steps = read([("a", at(21), SOURCE), ("b", at(22), corrected.replace("an hour", "three hours"))])
    kept = versions.versions(steps, PUBLISHED, KNOWN)
    assert len(kept) == 2 and versions.silent(kept) == ()
    # A line kept from an earlier version says nothing of a later change.
    steps += read([("c", at(23), corrected.replace("an hour", "four hours"))])
    assert versions.silent(versions.versions(steps, PUBLISHED, KNOWN)) == ("the text",)


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c", "“x”", "d"]), max_size=12),
       st.lists(st.sampled_from(["a", "b", "c", "“x”", "e"]), max_size=12))
def test_the_word_changes_read_back_to_both_versions(old, new):
    runs = words.word_changes(" ".join(old), " ".join(new))
    assert " ".join(w for kind, w in runs if kind != "added" and w).split() == old
    assert " ".join(w for kind, w in runs if kind != "removed" and w).split() == new


def test_a_change_is_found_at_its_line():
    from newsroom.record.record import line_of_change
    changed = SOURCE.replace("sat for an hour", "sat for two hours")
    assert line_of_change(changed, words.read(SOURCE), words.read(changed), "the text") == 7
    assert line_of_change(changed, words.read(SOURCE), words.read(changed), "the headline") == 1
    quoted = SOURCE.replace("This is [“interference”]{term}.", "This is [“meddling”]{term}.")
    assert line_of_change(quoted, words.read(SOURCE), words.read(quoted), "the words of quotation 4") == 12


def test_a_machine_without_git_publishes_without_a_record_and_says_why(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no git on it
    found, why = versions.record(str(tmp_path), {}, at(22))
    assert found == {} and why == "git is not installed (apt-get install git)"


def committed(tmp_path, *sources):
    """A checkout whose report.md was committed once as each of ``sources``."""
    import subprocess
    content = tmp_path / "content"
    content.mkdir()
    subprocess.run(["git", "init", "-q", str(content)], check=True)
    for number, source in enumerate(sources):
        (content / "report.md").write_text(source, encoding="utf-8")
        subprocess.run(["git", "-C", str(content), "add", "-A"], check=True)
        subprocess.run(["git", "-C", str(content), "-c", "user.name=Desk", "-c", "user.email=desk@example.org",
                        "commit", "-qm", f"version {number}"], check=True,
                       env={**os.environ, "GIT_COMMITTER_DATE": at(21 + number).isoformat()})
    return content


def test_a_blobs_words_are_read_once_and_kept_only_as_the_store_wrote_them(tmp_path, monkeypatch):
    """A second build reads no blob from git; a kept reading tampered with
    is not believed: the blob is read again, its words as written."""
    import build_store
    from newsroom.record.record import KeptWords
    content = committed(tmp_path, SOURCE, SOURCE.replace("an hour", "three hours"))
    sources = {str(content / "report.md"): PUBLISHED}
    asked = []
    real = versions.blobs
    monkeypatch.setattr(versions, "blobs", lambda top, ids: asked.append(list(ids)) or real(top, ids))

    def build():
        store = build_store.Store(tmp_path / "cache")
        found, why = versions.record(str(content), sources, at(25), KeptWords(store))
        store.commit()
        store.close()
        return [(v.commit is not None, v.changed) for v in found[str(content / "report.md")]]

    first = build()
    assert first == [(True, ()), (True, ("the text",))] and len(asked[-1]) == 1, "the first version, from git"
    assert build() == first and asked[-1] == [], "nothing read again"
    for kept in (tmp_path / "cache" / "objects").rglob("*"):
        if kept.is_file():
            kept.chmod(0o600)
            kept.write_bytes(kept.read_bytes()[:-1] + b"x")
    assert build() == first and len(asked[-1]) == 1


def test_a_blob_git_cannot_give_is_no_version(tmp_path, monkeypatch):
    """A partial clone may lack old blobs: the record has the versions it
    can read, and the build goes on."""
    content = committed(tmp_path, SOURCE, SOURCE.replace("an hour", "three hours"))
    monkeypatch.setattr(versions, "blobs", lambda top, ids: {})
    found, why = versions.record(str(content), {str(content / "report.md"): PUBLISHED}, at(25))
    assert why is None and [v.commit is not None for v in found[str(content / "report.md")]] == [True]
