"""What a reader sees about the article, and what a browser tab, a search
result or a screen reader is told."""

from urllib.parse import urljoin

from pelican.settings import read_settings

from conftest import ROOT


def written_as(lang):
    """A language tag as the site's names are keyed: Chinese by script."""
    lang = lang.lower()
    if lang.startswith("zh"):
        return "zh-Hant" if lang.startswith(("zh-hant", "zh-tw", "zh-hk", "zh-mo")) else "zh-Hans"
    return lang.split("-")[0]


def same_language(tag, other):
    return written_as(tag) == written_as(other)


TITLE = "Blinken holds meeting with human rights defenders"


def test_title_names_the_article_then_the_site(article):
    assert article.title.get_text() == f"{TITLE} — Rights Desk"


# Words of the English chrome that a page in Chinese must not show.
ENGLISH_CHROME = ["By ", "min read", "Editor’s note", "Filed under", "Topics:", "Skip to content", "Updated",
                  "Source:", "Quoted in this report", "Latest", "Archives", "Also in:", "Notes", "Photo:"]


def test_every_page_has_a_language_and_reports_use_their_own(site):
    for name in site.html_files():
        soup = site.page(name)
        lang = soup.html["lang"]
        assert lang, name
        # Listings are in the site's language; a report or page in its own.
        if not soup.select("article.report, article.page"):
            assert lang == "en", name


def test_reports_in_chinese_show_no_english_chrome(site):
    for name in site.reports():
        soup = site.page(name)
        if not soup.html["lang"].startswith("zh"):
            continue
        for element in soup.select(".report header, .report footer, .site-header, .site-footer, .skip-link, "
                                   ".quoted-here, .source-line, .footnotes, figcaption"):
            # Page titles in another language carry their own lang.
            for marked in element.select("[lang]"):
                marked.decompose()
            text = element.get_text(" ")
            assert not [w for w in ENGLISH_CHROME if w in text], (name, text)


def test_chinese_pages_join_lists_with_chinese_punctuation(site):
    """Between a report's section, topics, authors and translations: 、 and
    ，, never an ASCII ", " left from the English chrome."""
    for name in site.reports():
        soup = site.page(name)
        if not soup.html["lang"].startswith("zh"):
            continue
        for element in soup.select(".taxonomy, .byline, .translations, .quoted-here li"):
            joins = [text for text in element.find_all(string=True, recursive=False) if text.strip()]
            assert not [text for text in joins if "," in text or ":" in text], (name, joins)


def test_the_menu_leads_to_each_page_in_the_readers_language_where_it_has_one(site):
    """A page translated (Translation_of) is one item of the menu, linking
    on every page to the version in that page's language where there is one."""
    for name in [*site.reports(), *(n for n in site.html_files() if site.page(n).select("article.page"))]:
        soup = site.page(name)
        lang = soup.html["lang"]
        for link in soup.select(".site-header nav a"):
            target = urljoin(f"{site.url}/{name}", link["href"]).removeprefix(f"{site.url}/")
            if not target.endswith(".html") or "/" in target or not site.page(target).select("article.page"):
                continue
            versions = {a["hreflang"]: a["href"].rsplit("/", 1)[-1]
                        for a in site.page(target).select('link[rel="alternate"][hreflang]')}
            versions[site.page(target).html["lang"]] = target
            ours = [page for tag, page in versions.items() if same_language(tag, lang)]
            assert not ours or target in ours, (name, target, ours)
            # Named as the page names itself, marked with its language.
            assert link.get_text() == site.page(target).h1.get_text(), (name, target)
            assert same_language(link.get("lang", lang), site.page(target).html["lang"]), (name, target)


def test_a_section_is_named_in_the_reports_language_where_the_site_names_it(site):
    names = read_settings(str(ROOT / "pelicanconf.py"))["SECTION_NAMES"]
    for name in site.reports():
        soup = site.page(name)
        kicker = soup.select_one(".kicker a")
        section = site.page(urljoin(f"{site.url}/{name}", kicker["href"]).removeprefix(f"{site.url}/"))
        own = section.select_one("h1").contents[-1].strip()
        given = names.get(own, {})
        lang = soup.html["lang"]
        assert kicker.get_text() == given.get(lang, given.get(written_as(lang), own)), name


def test_every_report_lives_in_its_year_and_month_folder(site):
    for name in site.reports():
        time = site.page(name).select_one("article header .byline time")
        assert name.startswith(time["datetime"][:7].replace("-", "/") + "/"), name


def test_meta_description_is_the_standfirst(article):
    standfirst = article.select_one("article header .standfirst").get_text(strip=True)
    assert standfirst.startswith("Secretary of State Antony Blinken heard eight")
    assert article.find("meta", attrs={"name": "description"})["content"] == standfirst


def test_every_page_has_a_description(site):
    for name in site.html_files():
        assert site.page(name).find("meta", attrs={"name": "description"})["content"].strip(), name


def test_publication_date_is_machine_readable(article):
    time = article.select_one("article header .byline time")
    assert time["datetime"] == "2021-04-20"  # a Date without a time: the day, wherever the reader is
    assert time.get_text() == "Tuesday 20 April 2021"


def test_byline_names_the_publisher(article):
    byline = article.select_one("article header .byline").get_text(" ", strip=True)
    assert byline.startswith("By Voice of America")


def test_reading_time_is_the_words_at_230_a_minute(article):
    words = len(article.select_one("article .body").get_text().split())
    assert 650 < words < 750
    assert article.select_one("article header .byline").get_text(" ", strip=True).endswith("· 3 min read")


def test_category_and_tags_are_linked(article):
    links = {a.get_text(): a["href"] for a in article.select("article .taxonomy a")}
    assert links["Human rights"] == "../../category/human-rights.html"
    assert links["Antony Blinken"] == "../../tag/antony-blinken.html"
    assert {"China", "Xinjiang", "State Department"} <= links.keys()


def test_editor_note_is_labelled_and_apart_from_the_report(article):
    note = article.select_one("aside.editor-note")
    assert note.find_parent(class_="body") is None
    assert note.h2.get_text() == "Editor’s note"
    text = note.get_text(" ", strip=True)
    for fact in ("machine translation", "Fujibiao", "Fujimiao", "Fujimoto", "“John”", "Antony Blinken"):
        assert fact in text


def test_source_line_names_the_origin(article):
    assert "Voice of America Chinese report" in article.select_one(".source-line").get_text()


def test_current_page_is_marked_in_the_menu(site):
    for name, label in [("index.html", "Latest"), ("archives.html", "Archives"), ("about.html", "About")]:
        current = site.page(name).select('nav a[aria-current="page"]')
        assert [a.get_text() for a in current] == [label], name


def test_skip_link_leads_to_main(site):
    for name in site.html_files():
        soup = site.page(name)
        skip = soup.body.find("a")
        assert skip["href"] == "#main" and soup.find("main", id="main"), name


def test_listings_show_summaries_not_full_text(site):
    index = site.page("index.html")
    assert index.select("article.summary h2 a")
    assert not index.select(".body"), "a listing shows a report's full text"


def test_listings_mark_reports_in_another_language(site):
    for name in ("index.html", "archives.html"):
        soup = site.page(name)
        page_lang = soup.html["lang"]
        for link in soup.select("main a"):
            href = link["href"].split("/")[-3:]
            target = "/".join(href)
            if target in site.reports():
                lang = site.page(target).html["lang"]
                owner = link if link.get("lang") else link.find_parent(attrs={"lang": True})
                assert (owner["lang"] if owner else page_lang) == lang, (name, target)
