"""Search engines and archives read the article through its JSON-LD, as
extruct extracts it: a complete NewsArticle whose quotations match the
page's own."""

import pytest
import extruct

from conftest import ARTICLE, QUOTATIONS, creator_id


def graph(site, name):
    html = site.text(name)
    items = extruct.extract(html, base_url=f"{site.url}/{name}", syntaxes=["json-ld"])["json-ld"]
    return [node for item in items for node in item.get("@graph", [item])]


def json_ld(site, name):
    """The page's nodes by type (one of each but Person)."""
    return {node["@type"]: node for node in graph(site, name)}


@pytest.fixture(scope="module")
def people(prod_site):
    return {n["@id"]: n for n in graph(prod_site, ARTICLE) if n["@type"] == "Person"}


@pytest.fixture(scope="module")
def data(prod_site):
    return json_ld(prod_site, ARTICLE)


@pytest.fixture(scope="module")
def news(data):
    return data["NewsArticle"]


def test_news_article_has_the_expected_values(news, prod_site):
    url = f"{prod_site.url}/{ARTICLE}"
    assert news["headline"] == "Blinken holds meeting with human rights defenders"
    assert news["description"].startswith("Secretary of State Antony Blinken heard eight")
    assert news["datePublished"] == news["dateModified"] == "2021-04-20"  # a Date without a time: a day
    assert news["inLanguage"] == "en"
    assert news["articleSection"] == "Human rights"
    assert "Xinjiang" in news["keywords"]
    assert 650 < news["wordCount"] < 750
    assert news["url"] == news["mainEntityOfPage"]["@id"] == url
    assert news["isAccessibleForFree"] is True


def test_author_is_voice_of_america_and_publisher_has_a_logo(news, data, prod_site):
    assert news["author"] == [
        {"@type": "Organization", "name": "Voice of America", "url": "https://www.voanews.com/"}
    ]
    publisher = data["Organization"]
    assert news["publisher"] == {"@id": publisher["@id"]}
    assert publisher["name"] == "Rights Desk" and publisher["url"] == f"{prod_site.url}/"
    logo = publisher["logo"]["url"].removeprefix(prod_site.url + "/")
    assert (prod_site.path / logo).is_file()


def test_images_are_absolute_and_exist_in_the_recommended_shapes(news, prod_site):
    shapes = set()
    for image in news["image"]:
        assert image["url"].startswith(prod_site.url + "/")
        file = prod_site.path / image["url"].removeprefix(prod_site.url + "/")
        assert file.is_file() and file.stat().st_size < 100_000
        shapes.add(round(image["width"] / image["height"], 2))
    # Google's 16:9, 4:3 and 1:1 (the 16:9 one is also Open Graph's).
    assert shapes == {1.78, 1.33, 1.0}


def test_every_quotation_is_there_with_its_speaker(news, people):
    found = [(q["text"], people[creator_id(q)]["name"])
             for q in news["hasPart"] if q["@type"] == "Quotation"]
    assert found == [(text, speaker) for text, speaker, _ in QUOTATIONS]


def test_the_lawyer_is_one_person_with_three_spellings(people, news):
    [lawyer] = [p for p in people.values() if p["name"] == "Fujibiao"]
    assert {"Fujimiao", "Fujimoto"} <= set(lawyer["alternateName"])
    assert lawyer["@id"] == "https://rightsdesk.example.org/people/fujibiao.html#id"
    assert len(people) == 3
    # Who they are is the register's, on every page; the role they spoke in
    # then is their quotations' (a schema.org Role).
    roles = {q["creator"].get("roleName") for q in news["hasPart"] if creator_id(q) == lawyer["@id"]}
    assert roles == {"Chinese human rights lawyer"} and "jobTitle" not in lawyer


def test_quotation_texts_occur_verbatim_in_the_rendered_quotations(news, prod_site):
    page = prod_site.page(ARTICLE)
    rendered = [e.get_text() for e in page.select("article .body [data-speaker]")]
    for quotation in news["hasPart"]:
        assert any(quotation["text"] in text for text in rendered), quotation["text"]


def test_editor_note_is_the_backstory_and_the_original_is_named(news):
    assert "machine translation" in news["backstory"]
    original = news["isBasedOn"]
    assert original["inLanguage"] == "zh"
    assert original["publisher"]["name"] == "Voice of America"


def test_breadcrumbs_lead_home_then_section_then_article(data, prod_site):
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == [
        "Rights Desk", "Human rights", "Blinken holds meeting with human rights defenders"
    ]
    assert crumbs[0]["item"] == f"{prod_site.url}/"


def test_every_page_names_the_website(prod_site):
    for name in prod_site.html_files():
        assert json_ld(prod_site, name)["WebSite"]["url"] == f"{prod_site.url}/", name
