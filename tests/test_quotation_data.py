"""Every published quotation as data (quotations.jsonl, quotations.csv,
people/<slug>.json): read as a consumer reads them, and held against the
pages' own JSON-LD, quotation by quotation."""

import csv
import json

import pytest


def jsonl(site):
    return [json.loads(line) for line in site.text("quotations.jsonl").splitlines()]


def graph(site, name):
    script = site.page(name).find("script", type="application/ld+json")
    return json.loads(script.string)["@graph"] if script else []


def creator_id(node):
    creator = node["creator"]
    return creator["creator"]["@id"] if creator.get("@type") == "Role" else creator["@id"]


@pytest.fixture(params=["prod_site", "corpus_prod_site"])
def published_site(request):
    return request.getfixturevalue(request.param)


def test_each_reports_quotations_are_its_json_ld_quotations_in_order(published_site):
    site = published_site
    records = jsonl(site)
    by_report = {}
    for record in records:
        by_report.setdefault(record["report"], []).append(record)
    pages_quoting = {}
    for name in site.html_files():
        news = [node for node in graph(site, name) if node.get("@type") == "NewsArticle"]
        if news and news[0]["hasPart"]:
            pages_quoting[news[0]["url"]] = news[0]["hasPart"]
    assert pages_quoting and set(by_report) == set(pages_quoting), "the same reports, none more, none fewer"
    for url, parts in pages_quoting.items():
        data = by_report[url]
        assert [r["number"] for r in data] == list(range(1, len(parts) + 1))
        assert [r["words"] for r in data] == [part["text"] for part in parts]
        assert [r["url"] for r in data] == [part.get("url", url) for part in parts]
        for record, part in zip(data, parts):
            speaker = creator_id(part)
            assert record["speaker"]["id"] == speaker or (record["speaker"]["id"] is None
                                                          and speaker.startswith("#speaker-")), (record, part)


def test_the_csv_holds_the_same_quotations_as_the_json_lines(published_site):
    records = jsonl(published_site)
    rows = list(csv.DictReader(published_site.text("quotations.csv").splitlines(keepends=True)))
    assert len(rows) == len(records)
    for row, record in zip(rows, records):
        assert row["words"] == record["words"] and row["printed"] == record["printed"]
        assert row["speaker_name"] == record["speaker"]["name"] and row["report"] == record["report"]
        assert int(row["number"]) == record["number"]


def test_only_published_reports_are_in_the_data(published_site):
    site = published_site
    for record in jsonl(site):
        page = record["report"].removeprefix(site.url + "/")
        assert (site.path / page).is_file() and not page.startswith("drafts/"), page
        assert site.listed(page), f"{page} is hidden"


def test_each_persons_file_holds_their_quotations(published_site):
    site = published_site
    records = jsonl(site)
    people = sorted((site.path / "people").glob("*.json"))
    assert people
    for path in people:
        person = json.loads(path.read_text(encoding="utf-8"))
        theirs = [{k: v for k, v in r.items() if k != "speaker"} for r in records if r["speaker"]["id"] == person["id"]]
        assert person["quotations"] == theirs and theirs, path.name
        assert person["page"] == f"{site.url}/people/{path.stem}.html"
