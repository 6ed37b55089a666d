"""The record: every published version of a report kept and shown, and no
published word changed silently. Each test makes a newsroom's git history
(commits dated as a desk would make them) and builds it as CI does."""

import json
import os
import re
import subprocess

import feedparser
import pytest

from conftest import build, content_with

REPORT = "2021/blinken-human-rights-defenders.md"
PAGE = "2021/04/blinken-human-rights-defenders.html"
VERSIONS = "2021/04/blinken-human-rights-defenders-versions.html"
SAID = "build free, fair and democratic societies"


class Desk:
    """A newsroom's checkout: content/ in git, committed at given times."""

    def __init__(self, folder):
        self.folder = folder
        self.content = content_with(folder)
        self.git("init", "-q", "-b", "main")
        self.commit("2021-04-21T09:00:00+00:00", "Publish")

    def git(self, *arguments, when=None):
        env = {**os.environ, "GIT_AUTHOR_NAME": "Desk", "GIT_AUTHOR_EMAIL": "desk@example.org",
               "GIT_COMMITTER_NAME": "Desk", "GIT_COMMITTER_EMAIL": "desk@example.org"}
        if when:
            env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
        return subprocess.run(["git", "-C", str(self.folder), *arguments], check=True, capture_output=True,
                              env=env, encoding="utf-8").stdout

    def edit(self, old, new):
        report = self.content / REPORT
        text = report.read_text(encoding="utf-8")
        assert old in text
        report.write_text(text.replace(old, new, 1), encoding="utf-8")

    def commit(self, when, message):
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, when=when)
        return self.git("rev-parse", "HEAD").strip()

    def publish(self, settings="publishconf.py"):
        output = self.folder / f"output-{settings.split('.')[0]}"
        return output, build(output, settings, self.content, CACHE_PATH=str(self.folder / "cache"))


@pytest.fixture
def desk(tmp_path):
    return Desk(tmp_path)


def test_a_published_quotation_changed_without_a_word_is_refused_by_line(desk):
    desk.edit(SAID, "build fair and democratic societies")
    desk.commit("2021-04-22T10:00:00+00:00", "Tighten")
    output, result = desk.publish()
    assert result.returncode != 0
    assert (f"{REPORT}:26: the words of quotation 2, published on 2021-04-21, changed: add a Correction "
            "or Update line saying so") in result.stderr, result.stderr
    assert not output.exists(), "nothing published"
    # A development build says so and goes on.
    _, developed = desk.publish("pelicanconf.py")
    assert developed.returncode == 0 and "make publish refuses this" in developed.stdout + developed.stderr


def test_changes_before_the_report_went_public_are_free(desk):
    desk.git("reset", "-q", "--soft", "HEAD")  # one commit, then a draft's edits before its Date
    desk.edit(SAID, "build fair and democratic societies")
    desk.git("commit", "-q", "--amend", "-m", "Draft", when="2021-04-19T10:00:00+00:00")
    desk.edit("build fair and democratic societies", "build free and fair societies")
    desk.commit("2021-04-19T18:00:00+00:00", "Draft again")
    output, result = desk.publish()
    assert result.returncode == 0, result.stderr
    assert not (output / VERSIONS).exists(), "one published version: no versions page"


def test_a_correction_publishes_the_change_and_the_record_shows_every_version(desk):
    first = desk.git("rev-parse", "HEAD").strip()
    desk.edit(SAID, "build fair and democratic societies")
    desk.edit("Summary:", "Correction: 2021-04-22 10:00: An earlier version misquoted the spokesperson.\nSummary:")
    second = desk.commit("2021-04-22T10:00:00+00:00", "Correct")
    desk.edit("Correction:", "Update: 2021-04-23 08:00: Adds the State Department's statement.\nCorrection:")
    desk.edit("He said the conference", "He added the conference")
    third = desk.commit("2021-04-23T08:00:00+00:00", "Update")
    output, result = desk.publish()
    assert result.returncode == 0, result.stderr

    page = (output / VERSIONS).read_text(encoding="utf-8")
    sections = re.findall(r'<section class="version" id="v(\d)" data-commit="(\w*)"', page)
    assert sections == [("3", third), ("2", second), ("1", first)], "every version, newest first, by its commit"
    assert re.search(r'<del><span class="visually-hidden">removed: </span>free,</del>', page)
    assert re.search(r'<ins><span class="visually-hidden">added: </span>added</ins>', page)
    assert "An earlier version misquoted the spokesperson." in page

    article = (output / PAGE).read_text(encoding="utf-8")
    assert 'href="https://rightsdesk.example.org/2021/04/blinken-human-rights-defenders-versions.html"' in article
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', article, re.S).group(1))
    news = next(node for node in data["@graph"] if node["@type"] == "NewsArticle")
    assert news["dateModified"].startswith("2021-04-23T08:00")
    [correction] = news["correction"]
    assert correction["url"].endswith("-versions.html#v2"), "the correction tied to the version it came with"

    changes = feedparser.parse((output / "feeds" / "changes.atom.xml").read_bytes())
    assert [entry.link.rsplit("#", 1)[1] for entry in changes.entries] == ["v3", "v2"]
    listed = (output / "changes.html").read_text(encoding="utf-8")
    assert listed.count("blinken-human-rights-defenders-versions.html#v") == 2


def test_every_version_the_record_lists_is_a_commit_that_changed_the_words(desk):
    """The property, over a run of commits some of which change only what
    readers do not read (a topic, the file's spacing)."""
    desk.edit("Tags:", "Tags: Diplomacy,")
    desk.commit("2021-04-22T09:00:00+00:00", "A topic")
    desk.edit("Summary:", "Correction: 2021-04-22 12:00: Spelling.\nSummary:")
    desk.edit("He said the conference", "He said that the conference")
    changed = desk.commit("2021-04-22T12:00:00+00:00", "Words")
    desk.edit("He said that the conference", "He said that the conference ")
    desk.commit("2021-04-23T12:00:00+00:00", "Spacing")
    output, result = desk.publish()
    assert result.returncode == 0, result.stderr
    listed = re.findall(r'data-commit="(\w*)"', (output / VERSIONS).read_text(encoding="utf-8"))
    assert listed == [changed, desk.git("rev-list", "--max-parents=0", "HEAD").strip()]


def test_a_build_without_history_says_so_and_publishes_without_a_record(tmp_path):
    content = content_with(tmp_path)
    result = build(tmp_path / "output", "publishconf.py", content, CACHE_PATH=str(tmp_path / "cache"))
    assert result.returncode == 0
    assert "No record of versions:" in result.stdout + result.stderr
    assert not list((tmp_path / "output").rglob("*-versions.html"))
