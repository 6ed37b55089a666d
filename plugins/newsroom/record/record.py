"""The record in the build: each report's versions joined to its model,
no published word changed silently, and the pages that show the record.

Once the reports are read (``article_generator_finalized``), `gather`
reads the versions of every published report from git
(`versions.py`) into ``report.versions``; a report with more than one
gets ``report.changes_href``, the address of its versions page, and its
``modified`` date from its newest version. A newest version that changed
published words without a new Correction or Update line is refused where
``RECORD_REFUSES_SILENT_CHANGES`` is set (`make publish`), by the file's
line, saying what changed and when it was published; a development build
says so in one line and goes on.

A site keeps the record where it sets ``CHANGES_SAVE_AS``.
`RecordGenerator` writes each versions page (``{slug}-versions.html``
beside the report: every version, newest first, its date, the notes it
added and what it changed, word by word, as ``del`` and ``ins``), the
site's ``changes.html`` (``CHANGES_SAVE_AS``) and, where
``CHANGES_FEED_ATOM`` is set, its feed of changes from the first change on.
A version this build's own working tree makes (uncommitted edits) is dated
now: a preview shows it; a publish from a clean checkout has none.
"""

import dataclasses
import datetime
import hashlib
import json
import logging
import os
import zlib
from pathlib import Path

import build_store
from feedgenerator import Atom1Feed
from pelican.generators import Generator
from pelican.log import console

from ..people.pages import published
from ..reading import checks
from ..reading.reader import CORRECTION
from . import versions as record_versions
from .words import Words, header_and_body, plain, word_changes, words_only

logger = logging.getLogger(__name__)
# The fields of a report's header the record compares: as `Words` names
# them, as a message names them (`Words.changes`), as the header writes them.
FIELDS = (("headline", "the headline", "Title"), ("standfirst", "the standfirst", "Summary"),
          ("editor_note", "the editor's note", "Editor_note"))


class KeptWords:
    """The words of each blob of a report's history, kept in the build store
    (kind ``record-words``, keyed by the code that reads them and the
    blob's id; each object checked against its digest when it is read): a
    build reads from git and parses only the blobs new since the last, and
    one new report costs one reading, not the archive's."""

    KIND = "record-words"

    def __init__(self, store):
        self.store, self.read, self.paths = store, {}, {}
        code = Path(__file__).resolve().parents[1]
        digest = hashlib.sha256()
        for module in sorted([*code.glob("reading/*.py"), code / "record" / "words.py"]):
            digest.update(module.read_bytes())
        self.reader = digest.hexdigest()[:16]

    def key(self, blob):
        return f"{self.reader} {blob}"

    def path(self, blob):
        """The kept words' file, believed (once a build), else None."""
        if blob not in self.paths:
            self.paths[blob] = self.store.made(self.KIND, self.key(blob))
        return self.paths[blob]

    def __contains__(self, blob):
        """Whether the blob's words are kept (believed, not read)."""
        return blob in self.read or self.path(blob) is not None

    def get(self, blob):
        if blob not in self.read:
            path = self.path(blob)
            if path is None:
                return None
            with open(path, "rb") as f:
                fields = json.loads(zlib.decompress(f.read()))
            fields["quotations"] = tuple(map(tuple, fields["quotations"]))
            fields["notes"] = tuple(fields["notes"])
            self.read[blob] = Words(**fields)
        return self.read[blob]

    def put(self, blob, words):
        self.read[blob] = words
        data = zlib.compress(json.dumps(dataclasses.asdict(words), ensure_ascii=False).encode())
        self.store.record(self.KIND, self.key(blob), self.store.add_bytes(data))


def versions_page(url, save_as):
    """A report's versions page, beside it: its address and its file
    (``2021/04/x-versions.html``; with pretty addresses, ``2021/04/x/`` has
    ``2021/04/x/versions/``, in ``2021/04/x/versions/index.html``)."""
    if url.endswith("/"):
        return f"{url}versions/", os.path.join(os.path.dirname(save_as), "versions", "index.html")
    stem, extension = os.path.splitext(url)
    file_stem, file_extension = os.path.splitext(save_as)
    return f"{stem}-versions{extension}", f"{file_stem}-versions{file_extension}"


def gather(generator):
    articles = published(generator.context)
    if not articles or not generator.settings.get("CHANGES_SAVE_AS"):
        return
    now = datetime.datetime.now(datetime.timezone.utc)
    store = build_store.of(generator.settings)
    known = KeptWords(store) if store is not None else None
    found, why = record_versions.record(generator.path, {a.source_path: a.date for a in articles}, now, known)
    if store is not None:
        store.forget_unused(KeptWords.KIND)
    if why:
        console.print(f"No record of versions: {why}; published without one.")
        return
    refuse = generator.settings.get("RECORD_REFUSES_SILENT_CHANGES")
    for article in articles:
        kept = tuple(found.get(article.source_path, ()))
        article.report.versions = kept
        if len(kept) > 1:
            article.report.changes_href, _ = versions_page(article.report.href or article.url, article.save_as)
            newest = kept[-1].date
            if newest > getattr(article, "modified", article.date):
                article.modified = newest
        changed = record_versions.silent(kept)
        if changed:
            message = silent_message(article, kept, changed)
            if refuse:
                logger.error(message)
            else:
                console.print(f"{message} (make publish refuses this)")


def silent_message(article, kept, changed):
    """``file:line: what changed, published on …, changed: the fix``."""
    with open(article.source_path, encoding="utf-8-sig") as f:
        text = f.read()
    line = line_of_change(text, kept[-2].words, kept[-1].words, changed[0])
    published_on = kept[-2].date.date().isoformat()
    what = " and ".join([", ".join(changed[:-1]), changed[-1]] if len(changed) > 1 else changed)
    return (f"{os.path.relpath(article.source_path)}:{line}: {what}, published on {published_on}, changed: add "
            "a Correction or Update line saying so (Correction: YYYY-MM-DD: what was corrected)")


def line_of_change(text, old, new, what):
    """The line of ``text`` where ``what`` (`Words.changes`) is."""
    for _, named, field in FIELDS:
        if what == named:
            return checks.field_line(text, field)
    if what.startswith(("the words of quotation", "the speaker of quotation")):
        number = int(what.rsplit(" ", 1)[1])
        words = new.quotations[number - 1][1] if number <= len(new.quotations) else ""
        probe = words.split()[0] if words.split() else ""
        at = text.find(probe) if probe else -1
        return checks.line_at(text, at) if at >= 0 else 1
    # The text: its first line whose words the version before did not have.
    _, body, start = header_and_body(text)
    for number, line in enumerate(body.split("\n"), start):
        if line.strip() and plain(line) not in old.text:
            return number
    return start


def diff_runs(old, new, context=8):
    """``old`` to ``new``, word by word, as runs for a template: each
    (kind, words), kind "same", "removed", "added" or "gap" (words left out
    far from any change)."""
    runs = []
    for kind, words in word_changes(old, new):
        if kind != "same":
            runs.append((kind, words))
            continue
        split = words.split()
        if len(split) <= 2 * context + 1:
            runs.append((kind, words))
            continue
        head = " ".join(split[:context]) if runs else ""
        tail = " ".join(split[-context:])
        runs += [r for r in (("same", head), ("gap", "…"), ("same", tail)) if r[1]]
    if runs and runs[-1][0] == "same" and len(runs) > 1:  # after the last change: some words, not the rest
        last = runs[-1][1].split()
        if len(last) > context:
            runs[-1:] = [("same", " ".join(last[:context])), ("gap", "…")]
    return runs


# Each field's label in the catalogue.
LABELS = {"headline": "field_headline", "standfirst": "field_standfirst", "editor_note": "editor_note",
          "text": "field_text"}


def changes_of(before, after):
    """What a version changed, field by field, for its template: ``(label,
    number, runs)`` for each field whose words changed (``label`` the
    catalogue's; ``number`` a quotation's, else None)."""
    found = []
    for name, label in LABELS.items():
        old, new = getattr(before.words, name), getattr(after.words, name)
        if words_only(old) != words_only(new):
            found.append((label, None, diff_runs(old, new)))
    for number, (old, new) in enumerate(zip(before.words.quotations, after.words.quotations), 1):
        if old != new:
            found.append(("quotation_n", number, diff_runs(f"{old[0]}: {old[1]}", f"{new[0]}: {new[1]}")))
    return found


def said(note):
    """What a ``Correction: YYYY-MM-DD HH:MM: …`` line says, after its date."""
    match = CORRECTION.match(note.split(":", 1)[1])
    return match.group(2).strip() if match else note


class VersionView:
    """One version as its page shows it, its date on the report's clock."""

    def __init__(self, number, version, before, zone):
        self.number, self.date, self.commit = number, version.date.astimezone(zone), version.commit
        # What the Correction and Update lines it added say.
        self.notes = [said(n) for n in version.words.notes if before is None or n not in before.words.notes]
        self.changes = changes_of(before, version) if before is not None else []
        self.first = before is None


class RecordGenerator(Generator):
    def generate_context(self):
        self.changed = [a for a in published(self.context) if len(a.report.versions) > 1]
        self.context["CHANGED_REPORTS"] = self.changed

    def views(self, article):
        kept = article.report.versions
        zone = article.date.tzinfo
        return [VersionView(n, v, kept[n - 2] if n > 1 else None, zone) for n, v in enumerate(kept, 1)][::-1]

    def generate_output(self, writer):
        template = self.get_template("versions")
        every = []
        for article in self.changed:
            shown = self.views(article)
            every += [(view, article) for view in shown if not view.first]
            url, save_as = versions_page(article.report.href or article.url, article.save_as)
            # The report as ``versioned``: a page about it, not the report.
            writer.write_file(save_as, template, self.context, self.settings["RELATIVE_URLS"],
                              template_name="versions", url=url, versioned=article, versions=shown,
                              address=url, lastmod=article.report.versions[-1].date)
        every.sort(key=lambda pair: pair[0].date, reverse=True)
        writer.write_file(self.settings["CHANGES_SAVE_AS"], self.get_template("changes"), self.context,
                          self.settings["RELATIVE_URLS"], template_name="changes",
                          url=self.settings["CHANGES_URL"], changes=every)
        self.feed(every)

    def feed(self, every):
        """The feed of changes, from the first change on (a feed of none
        would be dated by the build's own clock)."""
        path = self.settings.get("CHANGES_FEED_ATOM")
        if not path or not every:
            return
        site = self.settings["SITEURL"]
        feed = Atom1Feed(title=f"{self.settings['SITENAME']}: changes to published reports",
                         link=f"{site}/{self.settings['CHANGES_URL']}", feed_url=f"{site}/{path}",
                         description="", language=self.settings.get("DEFAULT_LANG") or "en")
        for view, article in every[: self.settings["FEED_MAX_ITEMS"]]:
            link = f"{site}/{article.report.changes_href}#v{view.number}"
            said = "; ".join(view.notes)
            feed.add_item(title=article.title, link=link, unique_id=link, pubdate=view.date, updateddate=view.date,
                          description=said)
        target = os.path.join(self.output_path, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as f:
            feed.write(f, "utf-8")


def add_generator(pelican):
    """The record's pages where the site keeps one (``CHANGES_SAVE_AS``)."""
    return RecordGenerator if pelican.settings.get("CHANGES_SAVE_AS") else None

