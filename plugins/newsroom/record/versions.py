"""Every published version of every report, from the site's git history.

``content/`` is in git (docs/publishing.md says how CI clones it with its
history). A version of a report is a commit of the branch being built that
changed its published words (`words.py`: headline, standfirst, editor's
note, text, quotations and their speakers); the working tree's file, where
it differs from the last commit, is the version this build publishes. A
version is published when it is committed once the report's Date has
passed; versions before that are drafts, and their changes free.

Read in two git processes for the whole site, whatever its size: one
``git log`` over content/ for which commits touched which files, one ``git
cat-file --batch`` for their contents. A checkout without history (a
tarball, a shallow clone) gives no record: the build says so in one line
and publishes without one, rather than inventing one.
"""

import datetime
import os
import subprocess
from dataclasses import dataclass, field

from . import words as report_words


@dataclass(frozen=True)
class Version:
    """One version of a report: the commit (None: this build's own, not
    committed), when it was made, and its words."""
    commit: str | None
    date: datetime.datetime
    words: report_words.Words
    changed: tuple = field(default=())  # what it changed of the version before (`Words.changes`)


def git(folder, *arguments, stdin=None):
    """git's answer; a machine without git answers as a folder outside a
    checkout does (the build then says it has no record, and why)."""
    try:
        return subprocess.run(["git", "-C", folder, *arguments], input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        return subprocess.CompletedProcess(["git"], 127, b"", b"git is not installed")


def repository(content):
    """``(top, None)`` for the git checkout ``content`` is in, or ``(None,
    why)`` where there is no history to read."""
    inside = git(content, "rev-parse", "--show-toplevel")
    if inside.returncode == 127:
        return None, "git is not installed (apt-get install git)"
    if inside.returncode != 0:
        return None, f"{content} is not in a git checkout"
    top = inside.stdout.decode().strip()
    if git(top, "rev-parse", "--is-shallow-repository").stdout.decode().strip() == "true":
        return None, "the checkout is shallow (clone with its history: git clone, or fetch-depth: 0 in CI)"
    if git(top, "rev-parse", "--verify", "-q", "HEAD").returncode != 0:
        return None, "the checkout has no commit yet"
    return top, None


def commits_by_file(top, content):
    """Each file under ``content`` (by its path in the checkout) to the
    commits of HEAD that changed it, oldest first: ``(sha, when)``."""
    log = git(top, "log", "--no-renames", "--format=%x00%H %cI", "--name-only", "HEAD", "--",
              os.path.relpath(content, top)).stdout.decode("utf-8", "replace")
    found = {}
    for entry in log.split("\0")[1:]:
        head, *names = entry.strip("\n").split("\n")
        sha, when = head.split(" ")
        date = datetime.datetime.fromisoformat(when)
        for name in filter(None, names):
            found.setdefault(name, []).append((sha, date))
    return {name: list(reversed(commits)) for name, commits in found.items()}


def contents(top, wanted):
    """The file at each ``(sha, path)`` of ``wanted``, as text (None where
    the commit removed it)."""
    if not wanted:
        return {}
    request = "".join(f"{sha}:{path}\n" for sha, path in wanted).encode()
    out = git(top, "cat-file", "--batch", stdin=request).stdout
    found, at = {}, 0
    for key in wanted:
        line_end = out.index(b"\n", at)
        header = out[at:line_end].split(b" ")
        at = line_end + 1
        if header[-1] == b"missing":
            found[key] = None
            continue
        size = int(header[2])
        found[key] = out[at:at + size].decode("utf-8", "replace")
        at += size + 1
    return found


def record(content, sources, now):
    """``(versions, None)``: each source's published versions (its path as
    the reports know it: ``sources``, path -> the report's Date), oldest
    first, each word-changing commit after the first published one a
    version; or ``({}, why)`` without history."""
    top, why = repository(content)
    if top is None:
        return {}, why
    history = commits_by_file(top, content)
    relative = {path: os.path.relpath(os.path.realpath(path), os.path.realpath(top)) for path in sources}
    wanted = [(sha, name) for name in relative.values() for sha, _ in history.get(name, [])]
    texts = contents(top, wanted)
    found = {}
    for path, published_on in sources.items():
        name = relative[path]
        steps = [(sha, date, texts.get((sha, name))) for sha, date in history.get(name, [])]
        with open(path, encoding="utf-8") as f:
            steps.append((None, now, f.read()))
        found[path] = versions(steps, published_on)
    return found, None


def versions(steps, published_on):
    """The published versions among ``steps`` (``(commit, when, text)``,
    oldest first): the first committed once ``published_on`` had passed
    (or the last before it, which went public then), then each that
    changed the words."""
    kept = []
    for commit, date, text in steps:
        if text is None:
            continue
        read = report_words.read(text)
        if kept and kept[-1].words == read:
            continue
        if kept and date <= published_on:  # not yet public: the draft's changes are free
            kept[-1] = Version(commit, kept[-1].date, read)
            continue
        if not kept:
            kept.append(Version(commit, max(date, published_on), read))
            continue
        changed = tuple(kept[-1].words.changes(read))
        if changed or read.notes != kept[-1].words.notes:
            kept.append(Version(commit, date, read, changed))
        else:
            kept[-1] = Version(commit, kept[-1].date, read, kept[-1].changed)
    return kept


def silent(versions):
    """What the newest version changed of the words without saying so (no
    new Correction or Update line), or ()."""
    if len(versions) < 2:
        return ()
    before, newest = versions[-2], versions[-1]
    said = set(newest.words.notes) - set(before.words.notes)
    return () if said or not newest.changed else newest.changed
