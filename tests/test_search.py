"""Search (plugins/newsroom/search), in Chromium, over the fixture corpus's
development build served under a sub-path: words in English, a phrase in
traditional and one in simplified Chinese, a speaker filter that finds the
quotations credited under every spelling of that person, nothing of a
draft, an embargoed or a hidden report, a result's link landing on its
quotation, every search its own address; by keyboard; without script, or
opened from a folder, the page says why and leads to the listings."""

import datetime
import re
from urllib.parse import urlencode, urljoin

import pytest

import pypdfium2

from axe import axe_script
from conftest import CORPUS, ROOT, build, content_with

SEARCH = "search.html"
DONE = re.compile(r"\d+ results?|Nothing found")


def search(page, base, **query):
    """The search page at the address of ``query``, once it has answered:
    each entry's headline, address, language and quotations (words,
    speaker, address)."""
    page.goto(f"{base}/{SEARCH}?{urlencode(query)}")
    return answered(page)


def answered(page):
    from playwright.sync_api import expect

    expect(page.locator("#search-status")).to_have_text(DONE, timeout=15000)
    return page.evaluate("""() => [...document.querySelectorAll('#search-results > li')].map(li => ({
        headline: li.querySelector('h2').textContent,
        href: li.querySelector('h2 a').href,
        lang: li.closest('[lang]').lang,
        quotations: [...li.querySelectorAll('.result-quotations li')].map(q => ({
            words: q.querySelector('q').textContent,
            speaker: q.textContent.split(' — ').pop(),
            href: q.querySelector('a').href})),
    }))""")


@pytest.fixture()
def page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    yield page
    page.close()


def source(name):
    return (CORPUS / name).read_text(encoding="utf-8")


def test_english_words_find_their_report_and_the_quotation_they_are_in(page, corpus_mirror):
    assert "[\"The court has heard nothing it did not hear before.\"]{speaker=Lin}" in source("2030-court-hearing.md")
    found = search(page, corpus_mirror, q="heard nothing")
    report = f"{corpus_mirror}/2025/03/court-hears-appeal.html"
    [entry] = [e for e in found if e["href"] == report]
    [quotation] = entry["quotations"]
    assert quotation["words"] == "The court has heard nothing it did not hear before."
    assert quotation["speaker"] == "Mei Lin" and quotation["href"].startswith(f"{report}#q")


@pytest.mark.parametrize("phrase, report, lang", [
    ("燭光守夜", "2025/05/families-hold-vigil-zh-hant.html", "zh-Hant"),
    ("缺乏证据", "2025/04/lawyer-says-charge-lacks-evidence.html", "zh"),
])
def test_a_chinese_phrase_finds_its_report_in_its_own_script(page, corpus_mirror, corpus_dev_site, phrase, report, lang):
    assert phrase in corpus_dev_site.text(report)
    found = search(page, corpus_mirror, q=phrase)
    assert f"{corpus_mirror}/{report}" in [e["href"] for e in found]
    entry = next(e for e in found if e["href"].endswith(report))
    assert entry["lang"] == ("zh-Hans" if lang == "zh" else lang)


def credited(site, base, slug):
    """Every quotation the reports credit to a person, under whatever
    spelling: the addresses their speaker page links to."""
    page = f"people/{slug}.html"
    links = site.page(page).select(".quoted-list figcaption a[href]")
    return {urljoin(f"{base}/{page}", a["href"]) for a in links}


@pytest.mark.parametrize("person, slug, spellings", [
    ("Fujibiao", "fujibiao", {"Fujibiao", "Fujimoto"}),  # and in two reports
    ("Mei Lin", "mei-lin", {"Lin", "Mei Lin"}),
])
def test_a_speaker_filter_finds_every_quotation_under_every_spelling(page, corpus_mirror, corpus_dev_site,
                                                                     person, slug, spellings):
    texts = [p.read_text(encoding="utf-8") for p in (*CORPUS.glob("*.md"), *(ROOT / "content").glob("**/*.md"))]
    assert all(any(f"{{speaker={s}}}" in t for t in texts) for s in spellings), "the corpus spells them so"
    expected = credited(corpus_dev_site, corpus_mirror, slug)
    assert len(expected) >= 2
    found = search(page, corpus_mirror, speaker=slug)
    hrefs = {q["href"] for e in found for q in e["quotations"]}
    assert hrefs == expected
    assert {q["speaker"] for e in found for q in e["quotations"]} == {person}


def unpublished():
    """The corpus's reports that no build may publish: drafts, reports
    held back by their embargo, hidden ones (published, found nowhere)."""
    for path in sorted(CORPUS.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        fields = dict(re.findall(r"^(\w+): (.*)$", text.split("\n\n")[0], re.M))
        if fields.get("Status") in ("draft", "hidden") or fields["Date"][:4] > "2098":
            body = text.split("\n\n", 1)[1].strip()
            yield pytest.param(fields["Slug"], body, id=path.stem)


@pytest.mark.parametrize("slug, body", list(unpublished()))
def test_an_unpublished_report_is_found_nowhere(page, corpus_mirror, slug, body):
    found = search(page, corpus_mirror, q=body)
    assert not [e for e in found if slug in e["href"]]
    assert not [q for e in found for q in e["quotations"] if slug in q["href"]]


def test_a_result_link_lands_on_its_quotation(page, corpus_mirror):
    found = search(page, corpus_mirror, speaker="fujibiao")
    first = found[0]["quotations"][0]
    with page.expect_navigation():
        page.click(f'#search-results a[href="{first["href"]}"]')
    assert page.url == first["href"]
    target = page.evaluate("""() => {
        const e = document.querySelector(':target'), box = e.getBoundingClientRect();
        return {speaker: e.dataset.speaker, text: e.textContent, top: box.top, height: innerHeight};
    }""")
    # The quotation itself, credited there as the report spells the name.
    assert target["speaker"] and first["words"] in target["text"]
    assert 0 <= target["top"] < target["height"]


def test_each_search_has_its_own_address_by_keyboard_too(page, corpus_mirror):
    page.goto(f"{corpus_mirror}/{SEARCH}")
    page.focus("#search-q")
    page.keyboard.type("court")
    page.keyboard.press("Enter")
    typed = answered(page)
    page.keyboard.press("Tab")  # the search button, then the filters
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "search-speaker"
    page.select_option("#search-section", "Courts")
    # The address changes as the new search starts (the status still says the last one's).
    page.wait_for_url(re.compile(r"section=Courts"))
    narrowed = answered(page)
    address = page.url
    assert "q=court" in address and "section=Courts" in address
    assert narrowed and len(narrowed) <= len(typed)
    page.goto("about:blank")
    assert search(page, address.split("?")[0].rsplit("/", 1)[0], q="court", section="Courts") == narrowed
    assert page.input_value("#search-q") == "court" and page.input_value("#search-section") == "Courts"


def test_without_script_the_page_says_so_and_leads_to_the_listings(browser, corpus_mirror):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{corpus_mirror}/{SEARCH}?q=court")
    status = page.locator("#search-status")
    assert "JavaScript" in status.inner_text()
    links = status.evaluate("s => [...s.querySelectorAll('a')].map(a => a.href)")
    assert [link.rsplit("/", 1)[1] for link in links] == ["archives.html", "categories.html", "people.html"]
    context.close()


def test_from_a_folder_the_page_says_search_needs_a_web_server(page, corpus_dev_site):
    page.goto((corpus_dev_site.path / SEARCH).as_uri())
    status = page.locator("#search-status")
    from playwright.sync_api import expect

    expect(status).to_contain_text("web server")
    assert status.evaluate("s => s.querySelectorAll('a').length") == 3


def test_the_search_page_loads_only_from_its_own_host(browser, corpus_mirror):
    page = browser.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    search(page, corpus_mirror, q="court")
    page.close()
    assert requests and all(url.startswith(f"{corpus_mirror}/") for url in requests)


@pytest.mark.parametrize("width, scheme", [(390, "dark"), (1280, "light")])
def test_results_pass_axe(browser, corpus_mirror, width, scheme):
    # axe is injected as a script: let it past the page's own CSP.
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    assert search(page, corpus_mirror, q="court")
    page.add_script_tag(content=axe_script())
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    context.close()
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []


def test_printed_results_are_the_results(page, corpus_mirror, tmp_path):
    found = search(page, corpus_mirror, q="court")
    page.pdf(path=str(tmp_path / "results.pdf"), format="A4")
    document = pypdfium2.PdfDocument(str(tmp_path / "results.pdf"))
    text = " ".join(" ".join(p.get_textpage().get_text_range() for p in document).split())
    document.close()
    assert found and all(entry["headline"].split()[0] in text for entry in found)
    assert "More results" not in text


def corpus_text():
    """Every report's source in the corpus and content/: where a word is checked to be in none."""
    return "\n".join(p.read_text(encoding="utf-8") for p in (*CORPUS.glob("*.md"), *(ROOT / "content").rglob("*.md")))


# A word of each language in no report, beginning as a short common word of
# it does (in, de, a, ال, и, ئا, 宗教): none may find anything, nor list
# a quotation as if someone had said it.
@pytest.mark.parametrize("word", ["inquisitorial", "dévastatrice", "ametralladora", "الصين", "инквизиция",
                                  "ئاسمانپەلەك", "宗教裁判所", "Cumhuriyetçilik"])
def test_a_word_in_no_report_finds_nothing(page, corpus_mirror, word):
    assert word.lower() not in corpus_text().lower()
    assert search(page, corpus_mirror, q=word) == []


# Each language's own words find their report, and every quotation listed
# holds the word searched.
@pytest.mark.parametrize("word, report", [
    ("heard", "2025/03/court-hears-appeal.html"),
    ("équitable", "2025/02/ong-denonce-proces.html"),
    ("desaparecidos", "2025/06/familias-de-desaparecidos-piden-a-la-fiscalia-que-reabra-las-investigaciones.html"),
    ("موكلينا", "2025/06/activists-sentenced-after-mass-trial.html"),
    ("обжаловать", "2025/05/sud-ostavil-v-sile-prigovor-pravozashchitniku.html"),
    ("خەۋەر", "2025/05/qamalghan-alimning-singlisi-akamdin-uch-yildin-beri-xewer-yoq.html"),
    ("庭审", "2025/04/lawyer-says-charge-lacks-evidence.html"),
    ("delil", "2025/06/gazeteciler-durusma-oncesi-adliye-onunde-aciklama-yapti.html"),
])
def test_each_languages_words_find_their_report_and_only_quotations_that_hold_them(page, corpus_mirror, word, report):
    assert word in corpus_text()
    found = search(page, corpus_mirror, q=word)
    assert f"{corpus_mirror}/{report}" in [e["href"] for e in found], (word, [e["href"] for e in found])
    for entry in found:
        for quotation in entry["quotations"]:
            assert word.lower() in quotation["words"].lower(), (word, quotation)


@pytest.mark.parametrize("name, slug, label", [("Prison Watch", "prison-watch", "Organisation quoted"),
                                               ("Mei Lin", "mei-lin", "Person quoted")])
def test_someone_quoted_is_found_as_what_they_are(page, corpus_mirror, name, slug, label):
    search(page, corpus_mirror, q=name)
    entry = page.locator(f"#search-results > li:has(h2 a[href$='people/{slug}.html'])")
    assert entry.locator(".result-meta").inner_text().startswith(label)


def test_a_first_search_fetches_the_newest_year_and_the_years_before_when_the_reader_asks(browser, tmp_path):
    """A page of results from the newest year is found without fetching
    the years before (whose page lists grow with the archive: 443 kB at
    10,000 reports); "More results" past the newest year's fetches them and
    adds what they hold. A word the newest year holds too seldom to fill a
    page is searched in every year at once (the other tests: the corpus's
    older reports)."""
    from browser import serve

    content = content_with(tmp_path)
    newest = datetime.date.today() - datetime.timedelta(days=1)
    for number in range(12):
        (content / f"harbour-{number}.md").write_text(
            f"Title: Harbour workers meet, day {number}\nDate: {newest}\nCategory: Labour\n"
            f"Author: Rights Desk\nSummary: A meeting at the harbour.\nSlug: harbour-{number}\n\n"
            "The harbour workers met again.\n", encoding="utf-8")
    (content / "harbour-old.md").write_text(
        "Title: The old harbour strike\nDate: 2019-06-01\nCategory: Labour\nAuthor: Rights Desk\n"
        "Summary: A strike at the harbour.\nSlug: harbour-old\n\nThe harbour workers struck.\n", encoding="utf-8")
    result = build(tmp_path / "site", content=content, SEARCH_INDEX=True)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(tmp_path / "site") as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        fetched = []
        page.on("request", lambda request: fetched.append(request.url))
        found = search(page, base, q="harbour")
        assert len(found) == 10 and all("/harbour-old" not in entry["href"] for entry in found)
        assert not [url for url in fetched if "/pagefind/archive." in url]
        page.click("#search-more")  # the rest of the newest year's
        page.locator("#search-results > li").nth(11).wait_for()
        assert not [url for url in fetched if "/pagefind/archive." in url]
        page.click("#search-more")  # the years before
        page.locator("#search-results > li").nth(12).wait_for()
        headlines = page.locator("#search-results h2").all_text_contents()
        assert "The old harbour strike" in headlines and len(headlines) == len(set(headlines)) == 13
        assert [url for url in fetched if "/pagefind/archive." in url]
        page.close()
