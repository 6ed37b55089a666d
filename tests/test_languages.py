"""Reports in every language, as readers and machines get them: their
language and direction marked, the chrome in their language where the
catalogue has it (and marked English where not), dates as CLDR writes
them, quotations in their own marks, feeds that say each entry's language.

Over every report of the fixture corpus: English, Chinese, French, Uyghur
(Arabic script and Cyrillic), Russian, Tibetan and Persian."""

import json
import re
import tomllib
from pathlib import Path

import feedparser
import pytest
from babel import Locale, UnknownLocaleError, localedata
from babel.dates import format_date

CATALOGUE = Path(__file__).parents[1] / "plugins/newsroom/chrome/catalogue"
CATALOGUED = {path.stem for path in CATALOGUE.glob("*.toml")}
RIGHT_TO_LEFT_SCRIPTS = {"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg"}
# The English chrome's words, as a reader would spot them: every label with
# its {placeholders} and punctuation taken out, of two letters or more.
ENGLISH = sorted({phrase for label in tomllib.loads((CATALOGUE / "en.toml").read_text(encoding="utf-8"))["labels"].values()
                  for phrase in re.split(r"\{\w+\}|[.:,;·—]", label) if len(phrase.strip()) > 3
                  and phrase.strip() not in ("Atom", "English")}, key=len, reverse=True)
# Where a report's page shows chrome (the report's own words aside).
CHROME = [".skip-link", ".site-header", ".byline", ".quoted-here h2", ".taxonomy", ".source-line",
          ".translations", ".site-footer p:first-child", ".corrections h2", ".editor-note h2"]
UYGHUR, RUSSIAN = "2025/05/qamalghan-alimning-singlisi-akamdin-uch-yildin-beri-xewer-yoq.html", \
    "2025/05/sud-ostavil-v-sile-prigovor-pravozashchitniku.html"


def lang_of(page):
    return page.html["lang"]


def right_to_left(tag):
    """Whether CLDR writes the tag right to left (by its script where the tag names one)."""
    script = next((part.title() for part in tag.split("-")[1:] if len(part) == 4), None)
    if script:
        return script in RIGHT_TO_LEFT_SCRIPTS
    try:
        return Locale.parse(tag, sep="-").character_order == "right-to-left"
    except (ValueError, UnknownLocaleError):
        return False


def reports(site):
    return [(name, site.page(name)) for name in site.reports()]


def catalogue_of(tag):
    """The catalogue a tag's chrome should come from, by language and script."""
    if tag in CATALOGUED:
        return tag
    language = tag.split("-")[0]
    if language == "zh":
        return "zh-Hant" if tag.lower().endswith(("hant", "tw", "hk", "mo")) else "zh-Hans"
    return language if language in CATALOGUED and "-" not in tag else None


def test_the_corpus_has_reports_in_every_writing_this_issue_promises(corpus_dev_site):
    found = {lang_of(page) for _, page in reports(corpus_dev_site)}
    assert {"ug", "ug-Cyrl", "ru", "bo", "fa", "fr", "zh", "zh-Hant", "en"} <= found


def test_every_report_says_its_language_and_the_direction_it_runs(corpus_build):
    for name, page in reports(corpus_build):
        lang, report = lang_of(page), page.select_one("article.report")
        assert report.get("dir") == ("rtl" if right_to_left(lang) else None), name
        if right_to_left(lang):
            # The site around it stays left to right.
            assert page.html.get("dir") is None and page.select_one(".site-header").get("dir") in (None, "ltr")


def test_a_report_in_a_catalogued_language_shows_no_english_label(corpus_build):
    for name, page in reports(corpus_build):
        own = catalogue_of(lang_of(page))
        if own in (None, "en"):
            continue
        # Words the language writes as English does ("Archives" in French) are its own.
        its_own = " ".join(tomllib.loads((CATALOGUE / f"{own}.toml").read_text(encoding="utf-8"))["labels"].values())
        for selector in CHROME:
            for element in page.select(selector):
                if element.get("lang", lang_of(page)).startswith("en"):
                    continue
                for bdi in element.select("bdi, [lang]:not([lang|=" + lang_of(page).split("-")[0] + "])"):
                    bdi.decompose()  # names, and words in another language, marked so
                text = " ".join(element.get_text(" ").split())
                found = [phrase for phrase in ENGLISH if re.search(rf"\b{re.escape(phrase.strip())}\b", text)
                         and phrase.strip() not in its_own]
                assert not found, f"{name} {selector}: English {found} in {text!r}"


def test_dates_are_written_as_cldr_writes_each_language(corpus_dev_site):
    for name, page in reports(corpus_dev_site):
        lang, time = lang_of(page), page.select_one(".byline time")
        if catalogue_of(lang) in ("en", "zh-Hans", "zh-Hant", "ug-Cyrl") or not localedata.exists(lang.replace("-", "_")):
            continue  # the house's own patterns, and writings CLDR lacks (tests/test_corpus.py, the fast tier)
        moment = __import__("datetime").datetime.fromisoformat(time["datetime"])
        day = format_date(moment, "full", locale=lang.replace("-", "_"))
        if len(time["datetime"]) == 10:  # a Date without a time: the day alone
            assert time.text == day, name
        else:  # with it: the day and the clock where it happened
            assert day in time.text and f"{moment:%H:%M}" in time.text, name


def test_a_right_to_left_report_isolates_its_latin_names(corpus_dev_site):
    page = corpus_dev_site.page(UYGHUR)
    body = page.select_one(".body")
    assert [b.text for b in body.select("bdi")] == ["Human Rights Watch", "https://www.hrw.org/"]
    assert [b.text for b in page.select(".quoted-here bdi")] == ["گۈلنار ئابدۇرېھىم", "Human Rights Watch"]


def test_quotations_keep_their_languages_marks_and_names_are_nobodys_words(corpus_dev_site):
    uyghur, russian = corpus_dev_site.page(UYGHUR), corpus_dev_site.page(RUSSIAN)
    assert [m.text for m in uyghur.select(".body .quotation > .mark")] == ["«", "»", "«", "»"]
    assert [n.text for n in uyghur.select(".name")] == ["«شىنجاڭ قانۇن تورى»"]
    assert [n.text for n in russian.select(".name")] == ["«Интерфакс»", "«Мемориал»"]
    assert not russian.select(".name[data-speaker], .name .quotation")


def test_an_interrupted_quotation_is_one_speakers_words_without_the_reporters(corpus_prod_site):
    page = corpus_prod_site.page(RUSSIAN)
    [quotation] = [q for q in page.select(".body p .quotation") if q.select(".aside")]
    assert quotation["data-speaker"] == "Илья Новиков"
    assert quotation.select_one(".aside").text == "— говорит адвокат Илья Новиков. —"
    graph = json.loads(page.select_one('script[type="application/ld+json"]').string)
    texts = [node["text"] for node in find_quotations(graph)]
    assert "Это дело ненависти, […] Пять лет назад за такие слова никого не судили" in texts  # the aside elided
    assert not [text for text in texts if "говорит адвокат" in text]


def find_quotations(node):
    """Every schema.org Quotation in a JSON-LD graph."""
    if isinstance(node, dict):
        found = [node] if node.get("@type") == "Quotation" else []
        return found + [q for value in node.values() for q in find_quotations(value)]
    if isinstance(node, list):
        return [q for value in node for q in find_quotations(value)]
    return []


def test_listings_and_speaker_pages_give_each_entry_its_language_and_direction(corpus_dev_site):
    index = corpus_dev_site.page("index.html")
    entries = {a.select_one("h2 a")["href"].split("/")[-1]: a for a in index.select("article.summary")}
    uyghur = entries[UYGHUR.split("/")[-1]]
    assert (uyghur["lang"], uyghur["dir"]) == ("ug", "rtl")
    assert "dir" not in entries[RUSSIAN.split("/")[-1]].attrs
    person = corpus_dev_site.page("people/gulnar-abdurehim.html")  # her name in Uyghur Latin
    quoted = person.select(".quoted-list > li")
    assert quoted and all((li["lang"], li["dir"]) == ("ug", "rtl") for li in quoted)
    assert all(li.select_one("figcaption")["dir"] == "ltr" for li in quoted), "the English credit, left to right"


def test_feeds_say_each_entrys_language(corpus_prod_site):
    feed = feedparser.parse(corpus_prod_site.text("feeds/all.atom.xml"))
    assert not feed.bozo and feed.feed.title_detail.language == "en"
    languages = {entry.link.split("/")[-1]: entry.title_detail.language for entry in feed.entries}
    assert languages[UYGHUR.split("/")[-1]] == "ug" and languages[RUSSIAN.split("/")[-1]] == "ru"
    for name, page in reports(corpus_prod_site):
        if corpus_prod_site.listed(name) and name.split("/")[-1] in languages:
            assert languages[name.split("/")[-1]] == lang_of(page), name


@pytest.mark.parametrize("lang, shown", [("ug", "ئۇيغۇرچە"), ("ru", "Русский"), ("bo", "བོད་སྐད།"),
                                         ("fa", "فارسی"), ("ug-Cyrl", "Уйғурчә")])
def test_search_offers_each_language_by_its_own_name(corpus_dev_site, lang, shown):
    option = corpus_dev_site.page("search.html").select_one(f'#search-language option[value="{lang}"]')
    assert (option.text, option["lang"]) == (shown, lang)
