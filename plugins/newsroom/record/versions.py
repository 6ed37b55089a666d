"""Every published version of every report, from the site's git history.

``content/`` is in git (docs/publishing.md says how CI clones it with its
history). A version of a report is a commit of the branch being built that
changed its published words (`words.py`: headline, standfirst, editor's
note, text, quotations and their speakers); the working tree's file, where
it differs from the last commit, is the version this build publishes. A
version is published when it is committed once the report's Date has
passed; versions before that are drafts, and their changes free.

Read in at most two git processes for the whole site: one ``git log``
over content/ for which commits made which blob of which file, and one
``git cat-file --batch`` for the blobs whose words are not kept already
(``known``, the build store's: a blob's words never change, so a build
reads only the blobs new since the last). A checkout without history (a
tarball, a shallow clone) gives no record: the build says so in one line
and publishes without one, rather than inventing one.
"""

import datetime
import hashlib
import os
import subprocess
from dataclasses import dataclass, field

from . import words as report_words


@dataclass(frozen=True)
class Version:
    """One version of a report: the commit (None: this build's own, not
    committed), when it was made, the blob its file was (its bytes' id),
    and what it changed of the version before. Its words are read from
    ``known`` when asked for: most reports have one version, whose words
    no page shows."""
    commit: str | None
    date: datetime.datetime
    blob: str
    changed: tuple = field(default=())  # what it changed of the version before (`Words.changes`)
    known: object = field(default=None, compare=False, repr=False)

    @property
    def words(self):
        return self.known.get(self.blob)


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
    commits of HEAD that changed it, oldest first: ``(sha, when, blob)``,
    the blob None where the commit removed the file."""
    log = git(top, "-c", "core.quotePath=false", "log", "--no-renames", "--raw", "--no-abbrev",
              "--format=%x00%H %cI", "HEAD", "--", os.path.relpath(content, top)).stdout.decode("utf-8", "replace")
    found = {}
    for entry in log.split("\0")[1:]:
        head, *changes = entry.strip("\n").split("\n")
        sha, when = head.split(" ")
        date = datetime.datetime.fromisoformat(when)
        for change in filter(None, changes):
            modes, name = change.split("\t", 1)
            blob = modes.split(" ")[3]
            found.setdefault(name, []).append((sha, date, None if blob.strip("0") == "" else blob))
    return {name: list(reversed(commits)) for name, commits in found.items()}


def blob_id(data):
    """The id git gives a file of these bytes."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def text_of(data):
    """A source's bytes as the words are read from: UTF-8, lines ending in \\n."""
    return data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")


def blobs(top, ids):
    """The bytes of each blob of ``ids``, read in one git process."""
    if not ids:
        return {}
    out = git(top, "cat-file", "--batch", stdin="".join(f"{blob}\n" for blob in ids).encode()).stdout
    found, at = {}, 0
    for blob in ids:
        line_end = out.index(b"\n", at)
        header = out[at:line_end].split(b" ")
        at = line_end + 1
        if header[-1] == b"missing":
            continue
        size = int(header[2])
        found[blob] = out[at:at + size]
        at += size + 1
    return found


def record(content, sources, now, known=None):
    """``(versions, None)``: each source's published versions (its path as
    the reports know it: ``sources``, path -> the report's Date), oldest
    first, each word-changing commit after the first published one a
    version; or ``({}, why)`` without history. ``known`` keeps the words
    of each blob read (``get(blob)``, ``put(blob, words)``)."""
    top, why = repository(content)
    if top is None:
        return {}, why
    known = known if known is not None else Known()
    history = commits_by_file(top, content)
    # The sources' names in the checkout, from one resolved folder (each
    # path resolved alone took seconds at ten thousand reports).
    inside = os.path.relpath(os.path.realpath(content), os.path.realpath(top))
    names = {path: os.path.normpath(os.path.join(inside, os.path.relpath(path, content))) for path in sources}
    current = {}
    for path in sources:
        with open(path, "rb") as f:
            data = f.read()
        current[path] = blob_id(data)
        if current[path] not in known:
            known.put(current[path], report_words.read(text_of(data)))
    needed = {blob for name in names.values() for _, _, blob in history.get(name, ()) if blob}
    for blob, data in blobs(top, sorted(b for b in needed if b not in known)).items():
        known.put(blob, report_words.read(text_of(data)))
    found = {}
    for path, published_on in sources.items():
        # A blob git could not give (a partial clone's) is no version.
        steps = [(sha, date, blob if blob in known else None) for sha, date, blob in history.get(names[path], [])]
        steps.append((None, now, current[path]))
        found[path] = versions(steps, published_on, known)
    return found, None


class Known(dict):
    """Words by blob, for one build (the build store keeps them between
    builds: `record.KeptWords`)."""

    def put(self, blob, words):
        self[blob] = words


def versions(steps, published_on, known):
    """The published versions among ``steps`` (``(commit, when, blob)``,
    oldest first; the blob None where the file was removed), their words
    in ``known``: the first committed once ``published_on`` had passed (or
    the last before it, which went public then), then each that changed
    the words. A blob the version before was is the same words, unread."""
    kept = []
    for commit, date, blob in steps:
        if blob is None:
            continue
        if not kept:
            kept.append(Version(commit, max(date, published_on), blob, known=known))
            continue
        if blob == kept[-1].blob:
            continue
        read = known.get(blob)
        if kept[-1].words == read:
            continue
        if date <= published_on:  # not yet public: the draft's changes are free
            kept[-1] = Version(commit, kept[-1].date, blob, known=known)
            continue
        changed = tuple(kept[-1].words.changes(read))
        if changed or read.notes != kept[-1].words.notes:
            kept.append(Version(commit, date, blob, changed, known))
        else:
            kept[-1] = Version(commit, kept[-1].date, blob, kept[-1].changed, known)
    return kept


def silent(versions):
    """What the newest version changed of the words without saying so (no
    new Correction or Update line), or ()."""
    if len(versions) < 2:
        return ()
    before, newest = versions[-2], versions[-1]
    said = set(newest.words.notes) - set(before.words.notes)
    return () if said or not newest.changed else newest.changed
