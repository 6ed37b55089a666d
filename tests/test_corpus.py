"""What each kind of report in the fixture corpus (tests/data/corpus) must
become: these name fixtures, and hold whatever else content/ holds."""

import html
import json
import re

import pytest

from conftest import add_corpus, build, content_with, creator_id

EMBARGOED = "embargoed-future-hearing"
DRAFT = "draft-awaiting-editor"
ZH_HANS = "2025/04/lawyer-says-charge-lacks-evidence.html"
ZH_HANT = "2025/05/families-hold-vigil-zh-hant.html"
PHOTO = "2025/05/families-hold-vigil.html"
COURT = "2025/03/court-hears-appeal.html"
CORRECTED = "2025/06/prison-census.html"
UPDATED = "2025/07/activist-released.html"
FRENCH = "2025/02/ong-denonce-proces.html"
PERSIAN = "2025/05/court-upholds-activist-sentence-fa.html"
HONG_KONG = "2025/08/families-turned-away.html"


def json_ld(site, name):
    [script] = site.page(name).find_all("script", type="application/ld+json")
    return {n["@type"]: n for n in json.loads(script.string)["@graph"] if n["@type"] != "Person"}


def every_file(site):
    return [p for p in site.path.rglob("*") if p.is_file() and p.suffix in (".html", ".xml", ".txt")]


def test_a_report_dated_in_the_future_appears_nowhere_in_production(corpus_prod_site):
    for file in every_file(corpus_prod_site):
        assert EMBARGOED not in file.read_text(encoding="utf-8"), file


def test_a_draft_appears_nowhere_in_production(corpus_prod_site):
    for file in every_file(corpus_prod_site):
        assert DRAFT not in file.read_text(encoding="utf-8"), file


def test_development_previews_drafts_and_held_back_reports_apart(corpus_dev_site):
    assert {f"drafts/{DRAFT}.html", f"drafts/{EMBARGOED}.html"} <= set(corpus_dev_site.html_files())
    for name in ("index.html", "archives.html"):
        assert DRAFT not in corpus_dev_site.text(name) and EMBARGOED not in corpus_dev_site.text(name)


@pytest.mark.parametrize("name, lang", [(ZH_HANS, "zh"), (ZH_HANT, "zh-Hant")])
def test_chinese_reports_keep_their_language_and_year_folder(corpus_build, name, lang):
    page = corpus_build.page(name)
    assert page.html["lang"] == lang
    assert page.select_one(".byline time").get_text().startswith("2025年")
    assert "分钟" in page.select_one(".byline").get_text() or "分鐘" in page.select_one(".byline").get_text()


def test_traditional_chinese_keeps_its_corner_brackets(corpus_dev_site):
    marks = {marks_of(q) for q in corpus_dev_site.page(ZH_HANT).select(".quotation")}
    assert marks == {("「", "」")}


def marks_of(quotation):
    """A quotation's own printed marks, as text in the page."""
    return tuple(m.get_text() for m in quotation.find_all("span", class_="mark", recursive=False))


def test_quotations_in_titles_and_standfirsts_are_elements_and_plain_text_elsewhere(corpus_prod_site):
    page = corpus_prod_site.page(COURT)
    assert page.h1.select_one("span.term").get_text() == "“subversion”"
    assert page.select_one("header .standfirst .quotation")["data-speaker"] == "Human Rights Watch"
    title = "Court hears appeal of “subversion” sentence"
    assert page.title.get_text() == f"{title} — Rights Desk"
    assert page.find("meta", property="og:title")["content"] == title
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert "‘inciting subversion of state power’ was ‘cruelly farcical’." in description
    assert json_ld(corpus_prod_site, COURT)["NewsArticle"]["headline"] == title


def test_organisations_and_unnamed_sources_are_credited_as_what_they_are(corpus_prod_site):
    [script] = corpus_prod_site.page(COURT).find_all("script", type="application/ld+json")
    nodes = {n.get("@id"): n for n in json.loads(script.string)["@graph"]}
    news = next(n for n in nodes.values() if n["@type"] == "NewsArticle")
    creators = {nodes[creator_id(q)]["@type"] for q in news["hasPart"]}
    assert creators == {"Person", "Organization"}
    unnamed = [n for n in nodes.values() if n.get("description") == "a spokesperson for the appeals court"]
    assert unnamed and "name" not in unnamed[0]


def test_a_quotation_over_two_paragraphs_is_one_quotation(corpus_prod_site):
    news = json_ld(corpus_prod_site, COURT)["NewsArticle"]
    texts = [q["text"] for q in news["hasPart"]]
    assert "My brother has been in a cell for four years.\n\nHe has not seen his daughter once." in texts
    assert "We ask only for a fair hearing.\n\nThat is all we have ever asked." in texts


def test_tables_have_header_scopes_and_scroll_in_their_own_box(site):
    for name in site.reports():
        for table in site.page(name).select(".body table"):
            assert table.find_parent(class_="table-scroll"), name
            assert all(th.get("scope") == "col" for th in table.select("th")), name


def test_a_table_caption_is_its_caption(corpus_build):
    caption = corpus_build.page(COURT).select_one("table caption")
    assert caption.get_text() == "Sentences under the law, by year"
    assert caption.find_parent(class_="table-scroll")["aria-labelledby"] == caption["id"]


def test_footnotes_are_links_both_ways(corpus_dev_site):
    page = corpus_dev_site.page(COURT)
    ref = page.select_one("a[role=doc-noteref]")
    note = page.select_one(ref["href"].replace(":", "\\:"))
    assert note.find_parent(attrs={"role": "doc-endnotes"})
    back = note.select_one("a[role=doc-backlink]")
    assert back["href"] == "#" + ref.parent["id"]


def test_photos_are_responsive_captioned_credited_and_the_first_loads_first(corpus_dev_site):
    page = corpus_dev_site.page(PHOTO)
    figures = page.select("figure.photo")
    assert len(figures) == 2
    first, second = [f.img for f in figures]
    assert first.get("fetchpriority") == "high" and "loading" not in first.attrs
    assert second["loading"] == "lazy"
    for figure in figures:
        img = figure.img
        assert img["alt"] and img["width"] and img["height"] and img["sizes"]
        assert figure.picture.source["type"] == "image/webp" and "w," in figure.picture.source["srcset"]
        assert figure.select_one(".credit").get_text() == "Photo: Rights Desk"
        for candidate in [img["src"], *(c.split()[0] for c in img["srcset"].split(","))]:
            assert (corpus_dev_site.path / "2025/05" / candidate).resolve().is_file(), candidate


def test_the_lead_photo_is_the_share_image(corpus_prod_site):
    page = corpus_prod_site.page(PHOTO)
    assert page.find("meta", property="og:image:type")["content"] == "image/jpeg"
    images = json_ld(corpus_prod_site, PHOTO)["NewsArticle"]["image"]
    assert {(i["width"], i["height"]) for i in images} == {(1200, 675), (1200, 900), (1200, 1200)}


def test_corrections_are_shown_dated_where_they_were_made_and_given_to_machines(corpus_prod_site):
    page = corpus_prod_site.page(CORRECTED)
    box = page.select_one("aside.corrections")
    # The report's Timezone (Europe/Zurich), or the offset a line gives.
    assert [t["datetime"] for t in box.find_all("time")] == ["2025-06-12T16:45:00+02:00", "2025-06-13T09:10:00+01:00"]
    assert [" ".join(t.get_text().split()) for t in box.find_all("time")] == [
        "Thursday 12 June 2025, 16:45 UTC+2", "Friday 13 June 2025, 09:10 UTC+1"]
    assert "It is 1,200." in box.get_text()
    news = json_ld(corpus_prod_site, CORRECTED)["NewsArticle"]
    assert [c["@type"] for c in news["correction"]] == ["CorrectionComment"] * 2
    assert news["correction"][0]["text"].endswith("It is 1,200.")
    assert news["dateModified"] == news["correction"][-1]["datePublished"]
    listing = corpus_prod_site.page("corrections.html")
    entries = [li for li in listing.select("main li") if li.a["href"].endswith(CORRECTED)]
    assert len(entries) == 2
    # The headline ends with its own full stop: no colon after it.
    assert "1,200.:" not in entries[0].get_text()


def test_a_photo_report_in_a_new_section_links_to_other_sites(corpus_prod_site):
    page = corpus_prod_site.page(HONG_KONG)
    assert page.select_one(".kicker").get_text() == "Hong Kong" and page.select_one("figure.photo picture img")
    assert page.select_one("header .byline time")["datetime"] == "2025-08-14T09:15:00+08:00"
    source = page.select_one(".source-line")
    assert source.a["href"] == "https://www.judiciary.hk/en/court_services_facilities/"
    assert source.get_text().endswith("court_services_facilities/.")  # its own stop, not a second
    outside = {a["href"] for a in page.select(".body a[href^='https://']")}
    assert outside == {"https://www.judiciary.hk/en/court_services_facilities/",
                       "https://www.example.org/statements/2025-08-14"}
    person = corpus_prod_site.page("people/lee-ka-ming.html")
    assert {a["href"] for a in person.select(".taxonomy a")} >= {"https://www.example.org/people/lee-ka-ming"}


def test_an_update_without_a_correction_says_when_to_the_minute(corpus_dev_site):
    byline = corpus_dev_site.page(UPDATED).select_one(".byline").get_text(" ", strip=True)
    assert "Updated Tuesday 1 July 2025, 14:20" in byline


def test_a_translation_and_its_original_link_to_each_other(corpus_prod_site):
    original = corpus_prod_site.page(PHOTO).select_one(".translations a")
    assert original["hreflang"] == "zh-Hant" and original["href"].endswith(ZH_HANT)
    back = corpus_prod_site.page(ZH_HANT).select_one(".translations a")
    assert back["hreflang"] == "en" and back["href"].endswith(PHOTO)
    assert json_ld(corpus_prod_site, ZH_HANT)["NewsArticle"]["translationOfWork"]["@id"].endswith(PHOTO + "#article")
    assert json_ld(corpus_prod_site, PHOTO)["NewsArticle"]["workTranslation"][0]["@id"].endswith(ZH_HANT + "#article")


def test_a_report_in_a_language_without_labels_marks_the_english_chrome(corpus_dev_site):
    page = corpus_dev_site.page(PERSIAN)
    assert page.html["lang"] == "fa" and page.select_one("article.report")["dir"] == "rtl"
    for chrome in (".site-header", ".byline", ".quoted-here h2", ".taxonomy", ".site-footer", ".kicker a"):
        assert (page.select_one(chrome)["lang"], page.select_one(chrome)["dir"]) == ("en", "ltr"), chrome
    date = page.select_one(".byline time")
    assert (date["lang"], date.text) == ("fa", "شنبه 10 مه 2025"), "its date as Persian writes it (CLDR)"


def test_a_french_report_gets_french_chrome_and_keeps_its_marks(corpus_dev_site):
    page = corpus_dev_site.page(FRENCH)
    assert page.html["lang"] == "fr" and not page.select_one(".site-header").get("lang")
    assert page.select_one(".byline").text.split()[0] == "Par"
    assert page.select_one(".kicker").text.strip() == "Droits humains"
    marks = [marks_of(q) for q in page.select(".quotation")]
    assert marks == [("«", "»"), ("„", "“"), ("‚", "‘")]


def test_the_corpus_yields_to_a_real_register_line_for_someone_it_also_quotes(tmp_path):
    """An editor registers Human Rights Watch for real (here, unless
    content/ has already): the corpus, which quotes it too, builds with the
    site's line (taking the corpus's roles), not as a second organisation
    of one name."""
    content = content_with(tmp_path)
    register = content / "people.txt"
    if not re.search(r"^Human Rights Watch\s*[|#]", register.read_text(encoding="utf-8"), re.M):
        with open(register, "a", encoding="utf-8") as f:
            f.write("\nHuman Rights Watch | organisation | International human rights organisation, New York | "
                    "| https://www.hrw.org/ | rights group\n")
    add_corpus(content)
    from newsroom.model.people import read_person_line  # on the path once the corpus is added
    line = next(line for line in register.read_text(encoding="utf-8").splitlines()
                if re.match(r"Human Rights Watch\s*[|#]", line))
    result = build(tmp_path / "output", "pelicanconf.py", content)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Human Rights Watch" not in (content / "corpus" / "people.txt").read_text(encoding="utf-8")
    page = (tmp_path / "output" / "people" / "human-rights-watch.html").read_text(encoding="utf-8")
    assert html.escape(read_person_line(line).description, quote=False) in page


TURKISH = "2025/06/gazeteciler-durusma-oncesi-adliye-onunde-aciklama-yapti.html"


def test_an_editors_note_in_the_sites_language_on_a_turkish_report_says_so(corpus_prod_site):
    page = corpus_prod_site.page(TURKISH)
    assert page.html["lang"] == "tr"
    note = page.select_one("aside.editor-note div[lang]")
    assert note["lang"] == "en" and note.get_text().startswith("This report was translated")
    news = json.loads(page.find("script", type="application/ld+json").string)["@graph"]
    backstory = next(n for n in news if n["@type"] == "NewsArticle")["backstory"]
    assert backstory["inLanguage"] == "en" and backstory["text"].startswith("This report was translated")


ARABIC = "2025/06/activists-sentenced-after-mass-trial.html"


def test_arabic_names_and_roles_are_joined_with_the_arabic_comma(corpus_dev_site):
    items = [li.get_text() for li in corpus_dev_site.page(ARABIC).select(".quoted-here li")]
    assert items and all("، " in item and ", " not in item for item in items), items
