"""A development rebuild renders only the pages whose inputs changed, and
the site it makes is byte for byte the site a fresh build makes.

Each test builds content/ with the corpus through deploy/build.py (as
`make html` and `make devserver` do), changes one thing, builds again, and
looks at which pages were rendered anew: an unchanged page is linked from
the last build, so it keeps its inode; a rendered one is a new file."""

import datetime
import filecmp
import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, build


def files(folder, pattern="*"):
    """Each file's inode: a file linked from the last build keeps its own."""
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob(pattern) if p.is_file()}


def pages(folder):
    return files(folder, "*.html")


def rendered(before, after):
    """The pages of ``after`` that are not ``before``'s files."""
    return {name for name, inode in after.items() if before.get(name) != inode}


def identical(a, b):
    files = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(a, b, files, shallow=False)
    return mismatch + errors


@pytest.fixture(scope="module")
def first_build(tmp_path_factory, corpus_content):
    """A copy of the content, theme and plugins, built once, and a copy of
    that, times and all: where each test's project is put back. (Pelican's
    content cache and the page keys name the project's folder: each test
    works in the same one.)"""
    place = tmp_path_factory.getbasetemp() / "page-cache-project"
    for name in ("theme", "plugins"):
        shutil.copytree(ROOT / name, place / name, ignore=shutil.ignore_patterns("__pycache__", "tests"))
    # Without its history: these builds are about the page cache, not the record.
    shutil.copytree(corpus_content, place / "content", ignore=shutil.ignore_patterns(".git"))
    built(place)
    kept = tmp_path_factory.mktemp("page-cache-built") / "project"
    shutil.copytree(place, kept, symlinks=True)
    return place, kept


@pytest.fixture
def project(first_build):
    """The content, theme and plugins, and their development build, for
    this test to change: as the first build left them."""
    place, kept = first_build
    shutil.rmtree(place)
    shutil.copytree(kept, place, symlinks=True)
    return place


def built(project, output="output", conf="pelicanconf.py", **overrides):
    return pages(project / output) if building(project, output, conf, **overrides) else None


def building(project, output="output", conf="pelicanconf.py", **overrides):
    """The build of ``project`` into ``output``, which must pass: what it printed."""
    settings = {"THEME": str(project / "theme"), "PLUGIN_PATHS": [str(project / "plugins")],
                "CACHE_PATH": str(project / f"{output}-cache"), **overrides}
    result = build(project / output, conf, project / "content", **settings)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def recorded(project, output="output"):
    """Each page as the last build recorded it in the store: ``(key, digest)``,
    what it was made from and the SHA-256 of the bytes it made."""
    with contextlib.closing(sqlite3.connect(project / f"{output}-cache" / "store.sqlite")) as db:
        return {name: (key, digest) for name, key, digest in db.execute("SELECT name, key, digest FROM outputs")}


def keys(project, output="output"):
    """Each page's key, as the last build recorded it: what it was made from."""
    return {name: key for name, (key, _) in recorded(project, output).items()}


def fresh(project, conf="pelicanconf.py", **overrides):
    """A build from nothing (no cache) of the project as it is now."""
    shutil.rmtree(project / "fresh", ignore_errors=True)
    shutil.rmtree(project / "fresh-cache", ignore_errors=True)
    built(project, "fresh", conf, **overrides)
    return project / "fresh"


def a_report(project):
    """The newest published report of the content (wherever in content/ it
    is: the first the home page lists, whatever else content/ holds), and
    its page."""
    published = pages(project / "output")

    def field(source, name):
        return next((line.split(": ", 1)[1] for line in source.read_text(encoding="utf-8").splitlines()
                     if line.startswith(f"{name}: ")), "")

    listed = [source for source in (project / "content").rglob("*.md") if field(source, "Status") in ("", "published")]
    for source in sorted(listed, key=lambda source: field(source, "Date"), reverse=True):
        slug = next((line.split(": ", 1)[1] for line in source.read_text(encoding="utf-8").splitlines()
                     if line.startswith("Slug: ")), None)
        page = next((name for name in published if slug and name.endswith(f"/{slug}.html")
                     and not name.startswith("drafts/")), None)
        if page is not None:
            return source, page
    raise AssertionError("content/ has no published report with a Slug")


def newest_report(project, quoting=None, title="The newest report"):
    """A report newer than every other, dated yesterday: today on this
    machine's clock may be tomorrow in the site's time zone, and a report
    dated then waits for its embargo. With ``quoting``, it quotes that
    person once."""
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    speakers, text = (f"Speakers: {quoting}\n", f"[“Nothing has changed.”]{{speaker={quoting}}}") if quoting \
        else ("", "Text.")
    (project / "content" / f"{title.lower().replace(' ', '-')}.md").write_text(
        f"Title: {title}\nDate: {yesterday}\nCategory: Human rights\nTags: Courts\n"
        f"Author: Rights Desk\nSummary: The newest report of all.\n{speakers}\n{text}\n", encoding="utf-8")


def test_a_rebuild_with_nothing_changed_renders_nothing(project):
    first = built(project)
    assert rendered(first, built(project)) == set()


def test_an_edit_to_a_reports_text_renders_that_report_alone(project):
    first = built(project)
    source, page = a_report(project)
    source.write_text(source.read_text(encoding="utf-8") + "\nA sentence the editor added.\n", encoding="utf-8")
    assert rendered(first, built(project)) == {page}
    assert "A sentence the editor added." in (project / "output" / page).read_text(encoding="utf-8")
    assert identical(project / "output", fresh(project)) == []


def test_an_edit_to_a_headline_renders_the_pages_that_list_it(project):
    first = built(project)
    source, page = a_report(project)
    text = source.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("Title: "))
    source.write_text(text.replace(title, title + " (updated)", 1), encoding="utf-8")
    before = keys(project)
    again = built(project)
    # Made from something new, and changed: the report and the listings that show its headline.
    remade = {name for name, key in keys(project).items() if before.get(name) != key}
    assert {page, "index.html", "archives.html"} <= remade & set(again) < set(again)
    assert {page, "index.html"} <= rendered(first, again)
    # The data files of the people it quotes (their records name it), and no other.
    naming = {f"people/{path.name}" for path in (project / "output" / "people").glob("*.json")
              if any(q["report_headline"].endswith(" (updated)") for q in json.loads(path.read_bytes())["quotations"])}
    assert remade - set(again) == naming
    assert identical(project / "output", fresh(project)) == []


@pytest.mark.parametrize("change", ["template", "plugin", "setting"])
def test_a_change_to_what_every_page_is_made_from_renders_every_page(project, change):
    first = built(project)
    overrides = {}
    if change == "template":
        footer = project / "theme" / "templates" / "partials" / "site_footer.html"
        footer.write_text(footer.read_text(encoding="utf-8").replace("</footer>", "<p>Changed.</p></footer>"),
                          encoding="utf-8")
    elif change == "plugin":
        code = project / "plugins" / "newsroom" / "chrome" / "languages.py"
        code.write_text(code.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    else:
        overrides["SITENAME"] = "Another Desk"
    before = keys(project)
    built(project, **overrides)
    # Every page made anew (one whose bytes come out the same keeps the
    # live file: deploy/build.py).
    assert not [name for name, key in keys(project).items() if before.get(name) == key]
    assert {name for name in keys(project) if name.endswith(".html")} == set(first)
    assert all((project / "output" / name).is_file() for name in keys(project))
    assert identical(project / "output", fresh(project, **overrides)) == []


def test_a_change_to_the_register_shows_where_it_should(project):
    built(project)
    register, line = next((path, line) for path in sorted((project / "content").rglob("people.txt"))
                          for line in path.read_text(encoding="utf-8").splitlines()
                          if line.strip() and not line.startswith("#"))
    text = register.read_text(encoding="utf-8")
    name, kind, description, *_ = line.split(" | ")
    register.write_text(text.replace(f"{name} | {kind} | {description}", f"{name} | {kind} | Described anew", 1),
                        encoding="utf-8")
    again = built(project)
    assert any("Described anew" in (project / "output" / page).read_text(encoding="utf-8") for page in again)
    assert identical(project / "output", fresh(project)) == []


@pytest.mark.parametrize("change", ["translation added", "photo replaced"])
def test_a_change_in_another_file_reaches_the_report_it_joins(project, change):
    """A report's key stands on what its file was read from and on what was
    joined to it since: a translation made elsewhere, a photo's new bytes."""
    built(project)
    if change == "translation added":
        source, page = a_report(project)
        slug = next(line.split(": ", 1)[1] for line in source.read_text(encoding="utf-8").splitlines()
                    if line.startswith("Slug: "))
        (source.parent / "translated.md").write_text(
            f"Title: Un rapport traduit\nDate: 2025-01-01\nCategory: Human rights\nAuthor: Rights Desk\n"
            f"Summary: Un rapport.\nSlug: {slug}-fr\nLang: fr\nTranslation_of: {slug}\n\nTexte.\n",
            encoding="utf-8")
    else:
        photo, *others = sorted((project / "content").rglob("*.jpg"))
        shutil.copy(next(p for p in others if p.read_bytes() != photo.read_bytes()), photo)
    built(project)
    assert identical(project / "output", fresh(project)) == []


def test_a_page_changed_by_hand_in_the_output_is_rendered_again(project):
    first = built(project)
    _, page = a_report(project)
    (project / "output" / page).write_text("tampered", encoding="utf-8")
    assert page in rendered(first, built(project))
    assert identical(project / "output", fresh(project)) == []


def test_a_removed_report_leaves_with_its_page(project):
    built(project)
    source, page = a_report(project)
    source.unlink()
    again = built(project)
    assert page not in again
    assert identical(project / "output", fresh(project)) == []


def quoted_on_many_pages(project):
    """The name of someone whose quotations fill more than one page of
    their speaker page, and their page's name."""
    speaker = next(name.split("/")[1] for name in sorted(pages(project / "output"))
                   if name.startswith("people/") and "/page/" in name)
    heading = BeautifulSoup((project / "output" / "people" / f"{speaker}.html").read_text(encoding="utf-8"),
                            "html.parser").h1
    heading.find(class_="label").decompose()
    return heading.get_text(strip=True), speaker


def test_new_reports_leave_the_listings_numbered_pages_alone(project):
    """Numbered from the oldest, a listing's later pages keep what they list:
    a new report renders its own page and the listings' first pages, and at
    most the newest numbered page of each (whose "newer" link moves when
    the first page fills up). Each new report quotes someone whose
    quotations fill more than one page: their count grows (and of two
    reports, one fills no new page), and no page may keep the old count."""
    built(project, DEFAULT_PAGINATION=2)
    name, speaker = quoted_on_many_pages(project)
    for report in ("newest", "newer still"):
        before = pages(project / "output")
        numbered = {name: inode for name, inode in before.items() if name.startswith("page/") or "/page/" in name}
        assert numbered, "the content has listings of more than one page"
        newest_report(project, quoting=name, title=f"The {report} report")
        again = built(project, DEFAULT_PAGINATION=2)
        assert any(name.endswith(f"/the-{report.replace(' ', '-')}-report.html") for name in again)
        moved = [name for name, inode in numbered.items() if again.get(name) != inode]
        listings = [name.rsplit("page/", 1)[0] for name in moved]
        assert len(listings) == len(set(listings)), moved
        assert identical(project / "output", fresh(project, DEFAULT_PAGINATION=2)) == [], report
    # The count is on the speaker's first page; the later ones do not repeat it.
    people = project / "output" / "people"
    assert "quotations" in byline(people / f"{speaker}.html")
    later = [byline(page) for page in (people / speaker / "page").iterdir()]
    assert later and not [text for text in later if "quotation" in text]


def test_a_new_report_remakes_the_data_of_the_person_it_quotes_and_keeps_everyone_elses(project):
    """A speaker's data file (every quotation of theirs) is made again
    when one is added, and every other speaker's is the very file the last
    build left, as an unchanged page is."""
    def written(folder):  # each file's inode and time: rewritten in place, a file keeps its inode
        return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.glob("*.json")}

    built(project, DEFAULT_PAGINATION=2)
    name, speaker = quoted_on_many_pages(project)
    before = written(project / "output" / "people")
    newest_report(project, quoting=name)
    built(project, DEFAULT_PAGINATION=2)
    after = written(project / "output" / "people")
    assert [file for file, state in after.items() if before.get(file) != state] == [f"{speaker}.json"]
    said = json.loads((project / "output" / "people" / f"{speaker}.json").read_bytes())["quotations"]
    assert said[0]["report_headline"] == "The newest report"
    assert identical(project / "output", fresh(project, DEFAULT_PAGINATION=2)) == []


def test_a_theme_that_counts_on_every_page_has_every_page_say_the_new_count(project):
    """A template that shows a list's length on a numbered page: that page
    renders again as the list grows, never keeping the old length."""
    template = project / "theme" / "templates" / "person.html"
    text = template.read_text(encoding="utf-8")
    assert "{% set counted = not quotations_page.stable_number %}" in text
    template.write_text(text.replace("{% set counted = not quotations_page.stable_number %}",
                                     "{% set counted = true %}"), encoding="utf-8")
    built(project, DEFAULT_PAGINATION=2)
    name, speaker = quoted_on_many_pages(project)
    for report in ("newest", "newer still"):
        newest_report(project, quoting=name, title=f"The {report} report")
        built(project, DEFAULT_PAGINATION=2)
        assert identical(project / "output", fresh(project, DEFAULT_PAGINATION=2)) == [], report
        people = project / "output" / "people"
        counts = {byline(page) for page in [people / f"{speaker}.html", *(people / speaker / "page").iterdir()]}
        assert len(counts) == 1, counts


def byline(page):
    found = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("main .byline")
    return found.get_text() if found else ""


def test_a_publish_writes_only_what_changed_and_is_the_site_a_fresh_publish_makes(project):
    """A production publish beside the live site: unchanged pages, feeds'
    compressed files, photos and cards are the live site's files, linked;
    one new report changes its own page and the listings' first pages."""
    built(project, conf="publishconf.py")
    live = files(project / "output")
    built(project, conf="publishconf.py")
    assert sorted(name for name, inode in files(project / "output").items() if live.get(name) != inode) == [], \
        " ".join(sorted(name for name, inode in files(project / "output").items() if live.get(name) != inode))
    newest_report(project)
    said = building(project, conf="publishconf.py")
    now = files(project / "output")
    changed = {name for name, inode in now.items() if live.get(name) != inode}
    # Only what changed went live, and the build says so: the new report's
    # files and the listings', out of the whole site's.
    added, replaced, removed = set(now) - set(live), changed - (set(now) - set(live)), set(live) - set(now)
    assert f"{len(added)} files added, {len(replaced)} changed, {len(removed)} removed" in said, said
    assert len(changed) < len(now) / 4
    pages_changed = {name for name in changed if name.endswith(".html")}
    assert any(name.endswith("/the-newest-report.html") for name in pages_changed)
    assert len(pages_changed) < len([n for n in live if n.endswith(".html")]) / 2, sorted(pages_changed)
    # What the next publish will find: each page's recorded digest is the
    # live file's (a page rendered as it was is the live file, kept).
    stale = [name for name, (_, digest) in recorded(project).items()
             if hashlib.sha256((project / "output" / name).read_bytes()).hexdigest() != digest]
    assert stale == []
    assert identical(project / "output", fresh(project, "publishconf.py")) == []


@pytest.mark.parametrize("builds", [1, 2])
def test_a_live_page_whose_words_were_changed_with_its_size_and_time_kept_is_made_again(project, builds):
    """`cp -p`, `rsync -t`, an editor that keeps times: the live page holds
    other words of the same length, at the same modification time. The
    next build renders it from its source, never links it: after the build
    that wrote it, and after one that kept it, which the next believes
    without reading."""
    for _ in range(builds):
        built(project)
    page = next((project / "output").rglob("*.html"))
    words = page.read_bytes()
    state = page.stat()
    changed = words.replace(b"<h1", b"<h2", 1)
    assert changed != words
    page.write_bytes(changed)  # the same file, written through: its inode kept
    os.utime(page, ns=(state.st_atime_ns, state.st_mtime_ns))
    assert page.stat().st_size == state.st_size
    built(project)
    assert (project / "output" / page.relative_to(project / "output")).read_bytes() == words


DESCRIBE_SETTINGS = """
import sys
sys.path[:0] = [{plugins!r}]
from newsroom.output.page_cache import Describer
from pelican.settings import read_settings
describe = Describer()
for name, value in sorted(read_settings({conf!r}).items()):
    print(name, describe(value))
"""


@pytest.mark.parametrize("conf", ["pelicanconf.py", "publishconf.py"])
def test_the_settings_are_described_alike_by_every_process_that_reads_them(conf, tmp_path):
    """The site's settings described by the build that reads them and by
    the same build under a profiler (which holds the code of the functions
    it saw called): a description that followed reference counts (marshal's
    default format does) made every page again, "setting ARTICLE_ORDER_BY
    changed", on nothing changed."""
    script = tmp_path / "describe.py"
    script.write_text(DESCRIBE_SETTINGS.format(plugins=str(ROOT / "plugins"), conf=str(ROOT / conf)),
                      encoding="utf-8")
    run = lambda *how: subprocess.run([sys.executable, *how, script], capture_output=True, text=True,  # noqa: E731
                                      check=True, cwd=ROOT).stdout
    assert run() == run("-m", "cProfile", "-o", os.devnull)


def test_a_live_page_or_variant_made_a_link_to_a_file_elsewhere_is_made_a_file_again(project, tmp_path):
    """A link in the live site is never taken for the file it names, even
    one to the very bytes: whoever can write where it points could change
    the page later, without a publish. The next publish puts files of the
    site's own in their places."""
    building(project, conf="publishconf.py")
    _, page = a_report(project)
    live = project / "output"
    for name in (page, "index.html.gz"):
        elsewhere = tmp_path / name.replace("/", "-")
        shutil.copy(live / name, elsewhere)
        (live / name).unlink()
        (live / name).symlink_to(elsewhere)
    building(project, conf="publishconf.py")
    for name in (page, "index.html.gz"):
        assert not (live / name).is_symlink() and (live / name).is_file(), name
    assert identical(live, fresh(project, "publishconf.py")) == []


def test_live_files_written_over_where_they_stand_with_their_size_and_time_kept_are_made_again(project):
    """A card, a search file and a compressed page go live as links to the
    build store's objects: whoever writes into one writes into the store.
    With its size and time put back, the next publish still finds it out
    (the inode's change time) and puts the site's own bytes back."""
    building(project, conf="publishconf.py")
    building(project, conf="publishconf.py")  # what deploy/build.py moved into place, believed again
    live = project / "output"
    card = next((live / "images" / "share").glob("*.png"))
    search = max((live / "pagefind").rglob("*.pf_fragment"), key=lambda p: p.stat().st_size)
    for path in (card, search, live / "index.html.gz"):
        state = path.stat()
        path.chmod(0o644)
        path.write_bytes(bytes(state.st_size))
        os.utime(path, ns=(state.st_atime_ns, state.st_mtime_ns))
    building(project, conf="publishconf.py")
    assert identical(live, fresh(project, "publishconf.py")) == []
