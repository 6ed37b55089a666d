"""Who said what: every quotation of every report on its speaker's page,
once, linked to its place in the report; one @id for a person on every
page; the register's spellings resolved, its ambiguities refused."""

import json
from collections import Counter
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest

from conftest import build, content_with, creator_id


def graph(site, name):
    script = site.page(name).find("script", type="application/ld+json")
    return json.loads(script.string)["@graph"] if script else []


def person_pages(site):
    return [n for n in site.html_files() if n.startswith("people/")]


def entries(site):
    """(person page, report page, anchor) for every quotation listed on every
    speaker's page, every page of it."""
    found = []
    for name in person_pages(site):
        for link in site.page(name).select(".quoted-list figcaption a"):
            url = urlsplit(urljoin(f"{site.url}/{name}", link["href"]))
            report = url.path.removeprefix(urlsplit(site.url).path).lstrip("/")
            found.append((name.split("/page/")[0].removesuffix(".html"), report, url.fragment))
    return found


def test_every_quotation_is_on_its_speakers_page_once_and_links_back(corpus_prod_site):
    site = corpus_prod_site
    listed = Counter(entries(site))
    assert listed and max(listed.values()) == 1, "a quotation listed twice"
    pages = {}
    for name in person_pages(site):
        for node in graph(site, name):
            if node["@type"] == "ProfilePage":
                pages[node["mainEntity"]["@id"]] = name.split("/page/")[0].removesuffix(".html")
    expected = set()
    for report in filter(site.listed, site.reports()):
        page = site.page(report)
        news = next(n for n in graph(site, report) if n["@type"] == "NewsArticle")
        for quotation in news["hasPart"]:
            anchor = quotation["url"].split("#")[1]
            if not anchor.startswith(":~:text="):  # a headline's or standfirst's: its words, found by the browser
                assert page.find(id=anchor).get("data-speaker"), (report, anchor)
            creator = creator_id(quotation)
            if creator in pages:  # a named speaker: on their page, linking here
                expected.add((pages[creator], report, anchor))
    assert set(listed) == expected


def unmarked(text):
    """Words alone: quotation marks and spacing aside."""
    return " ".join("".join(c for c in text if c not in "“”«»「」『』„‟‚\"‘’‹›'").split())


def test_off_its_report_a_quotation_shows_exactly_the_words_the_json_ld_gives_its_speaker(corpus_prod_site):
    """A speaker's page shows each quotation's words as the report's JSON-LD
    credits them: the reporter's asides elided, never shown as theirs."""
    site = corpus_prod_site
    said = {}
    for report in site.reports():
        for node in graph(site, report):
            for quotation in node.get("hasPart", []) if node["@type"] == "NewsArticle" else []:
                said.setdefault(report, set()).add(" ".join(quotation["text"].split()))
    shown = 0
    for name in person_pages(site):
        for figure in site.page(name).select(".quoted-list figure"):
            report = urlsplit(urljoin(f"{site.url}/{name}", figure.select_one("figcaption a")["href"])).path
            report = report.removeprefix(urlsplit(site.url).path).lstrip("/")
            words = unmarked(figure.blockquote.get_text(" "))
            assert words in {unmarked(text) for text in said[report]}, (name, words)
            shown += 1
    assert shown and any("[…]" in text for texts in said.values() for text in texts), "the corpus has an aside"


def test_one_id_for_a_person_on_their_page_and_in_every_report(corpus_prod_site):
    site = corpus_prod_site
    ids = {}
    for name in person_pages(site):
        [profile] = [n for n in graph(site, name) if n["@type"] == "ProfilePage"]
        ids[profile["mainEntity"]["@id"]] = profile["mainEntity"]["name"]
    assert "https://rightsdesk.example.org/people/fujibiao.html#id" in ids
    for name in filter(site.listed, site.reports()):
        nodes = graph(site, name)
        news = next(n for n in nodes if n["@type"] == "NewsArticle")
        people = {n["@id"]: n for n in nodes if n["@type"] in ("Person", "Organization")}
        for quotation in news["hasPart"]:
            creator = creator_id(quotation)
            assert creator in people, (name, creator)
            if "name" in people[creator]:  # named: the same @id as on their page
                assert ids[creator] == people[creator]["name"], (name, creator)
            # Its element's id, or for a headline's or standfirst's a text fragment of its words.
            assert quotation["url"].startswith((f"{site.url}/{name}#q", f"{site.url}/{name}#:~:text="))


def test_the_lawyers_three_spellings_are_one_person(corpus_dev_site):
    counts = Counter(person for person, _, _ in entries(corpus_dev_site))
    assert counts["people/fujibiao"] == 5, "four in content/, one in the corpus under another spelling"
    assert counts["people/anna-varga"] == 3, "English and traditional Chinese spellings (a standfirst's too), one person"


def test_the_people_index_counts_each_ones_quotations(corpus_dev_site):
    counts = Counter(person for person, _, _ in entries(corpus_dev_site))
    index = corpus_dev_site.page("people.html")
    for item in index.select("main li"):
        link = item.a["href"].removesuffix(".html").lstrip("./")
        assert item.select_one(".count").get_text() == f"({counts[link]})", link


def test_each_speaker_has_an_atom_feed_of_their_quotations(corpus_prod_site):
    site = corpus_prod_site
    for name in (n for n in person_pages(site) if "/page/" not in n):
        feed = feedparser.parse(site.text(f"feeds/people/{name.removeprefix('people/').removesuffix('.html')}.atom.xml"))
        assert not feed.bozo and feed.entries, name
        assert all(e.link.startswith(f"{site.url}/") and ("#q" in e.link or "#:~:text=" in e.link) for e in feed.entries)


def with_register(tmp_path, register, report=None):
    content = content_with(tmp_path)
    (content / "people.txt").write_text(register, encoding="utf-8")
    if report:
        (content / "2021" / "report.md").write_text(report, encoding="utf-8")
    return build(tmp_path / "output", content=content)


# Names no report of content/ uses, whatever an editor has put there.
@pytest.mark.parametrize("register, report, says", [
    ("Qorvath Ann | person | a lawyer | Qorvath |\nQorvath Min | person | a judge | Qorvath |\n", None,
     "people.txt:2: 'Qorvath' is already Qorvath Ann's: give each spelling to one person"),
    ("Qorvath Ann | person | a lawyer | |\nQorvath Min | person | a judge | |\n",
     "Title: Two Qorvaths\nDate: 2021-04-21\nCategory: Tests\nAuthor: Desk\nSummary: One.\n"
     "Speakers: Qorvath | a lawyer | Qorvath Ann, Qorvath Min\n\n[“No.”]{speaker=Qorvath}\n",
     "report.md:6: Speakers 'Qorvath' matches Qorvath Ann #qorvath-ann ("),
], ids=["a spelling given to two people", "a speaker matching two people"])
def test_who_is_meant_is_never_guessed_the_line_is_refused(tmp_path, register, report, says):
    result = with_register(tmp_path, register, report)
    assert result.returncode != 0
    assert says in result.stderr


def test_a_speaker_not_in_the_register_gets_a_page_and_the_build_says_how_to_add_them(tmp_path):
    report = ("Title: New voice\nDate: 2021-04-21\nCategory: Tests\nAuthor: Desk\nSummary: One.\n"
              "Speakers: Qorvath Wei | a witness\n\n[“I saw it.”]{speaker=Qorvath Wei}\n")
    result = with_register(tmp_path, "", report)
    assert result.returncode == 0, result.stderr
    # On one line, to copy whole.
    assert "Qorvath Wei is not in the register: add a line to content/people.txt: Qorvath Wei | person" in result.stdout
    assert (tmp_path / "output" / "people" / "qorvath-wei.html").is_file()
