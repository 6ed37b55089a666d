"""The JSON-LD graph, built from plain objects as Pelican would hand them."""

import datetime
import json
from types import SimpleNamespace as Obj

import jinja2

from newsroom.model.report import Correction, Report
from newsroom.pages import structured_data

WHEN = datetime.datetime(2025, 6, 10, tzinfo=datetime.timezone.utc)
IMAGE = Obj(url="images/share/a.png", width=1200, height=630)


def article(**report):
    return Obj(
        title="Court hears appeal of “subversion” sentence", date=WHEN, modified=None, lang="en",
        category=Obj(name="Courts", url="category/courts.html"), tags=[Obj(name="Courts")],
        authors=[Obj(name="Voice of America", url="author/voa.html")], url="2025/06/a.html",
        report=Report(**{"summary_text": "The charge was ‘farcical’.", "share_images": [IMAGE], **report}),
    )


def graph(item=None, **settings):
    env = jinja2.Environment()
    env.globals["structured_data"] = structured_data.structured_data
    context = {"SITEURL": "https://news.example", "SITENAME": "Desk", "DEFAULT_LANG": "en",
               "SITE_LOGO": IMAGE, **settings}
    if item is not None:
        context["article"] = item
    text = env.from_string("{{ structured_data('https://news.example/a.html', 42)|tojson }}").render(context)
    return {node["@type"]: node for node in json.loads(text)["@graph"]}


def test_every_page_has_the_website_and_its_publisher():
    nodes = graph()
    assert set(nodes) == {"WebSite", "Organization"}
    assert nodes["WebSite"]["publisher"] == {"@id": nodes["Organization"]["@id"]}


def test_a_report_is_a_news_article_with_plain_text_headline_and_breadcrumbs():
    nodes = graph(article())
    news = nodes["NewsArticle"]
    assert news["headline"] == "Court hears appeal of “subversion” sentence"
    assert news["description"] == "The charge was ‘farcical’."
    assert news["wordCount"] == 42 and news["dateModified"] == news["datePublished"]
    assert news["author"] == [{"@type": "Organization", "name": "Voice of America",
                               "url": "https://news.example/author/voa.html"}]
    assert [c["name"] for c in nodes["BreadcrumbList"]["itemListElement"]][1] == "Courts"


def test_known_organisations_point_home():
    news = graph(article(), STRUCTURED_DATA={"ORGANIZATION_URLS": {"Voice of America": "https://voa.example/"}})
    assert news["NewsArticle"]["author"][0]["url"] == "https://voa.example/"


def test_corrections_translations_and_backstory_when_there_are_some():
    correction = Correction(datetime.datetime(2025, 6, 12, tzinfo=datetime.timezone.utc), "<p>Fixed.</p>", "Fixed.")
    original = Obj(url="2025/06/original.html")
    news = graph(article(corrections=[correction], original=original, editor_note="<p>Note</p>",
                         editor_note_text="Note"))["NewsArticle"]
    assert news["correction"] == [{"@type": "CorrectionComment", "datePublished": "2025-06-12T00:00:00+00:00",
                                   "text": "Fixed."}]
    assert news["translationOfWork"] == {"@id": "https://news.example/2025/06/original.html#article"}
    assert news["backstory"] == "Note"
    plain = graph(article())["NewsArticle"]
    assert not {"correction", "translationOfWork", "workTranslation", "backstory"} & set(plain)


def test_a_speakers_description_is_who_they_are_and_their_role_is_the_quotations():
    """One meaning on every page: ``description`` is the register's (who they
    are); the role they spoke in is that report's, a Role of the quotation."""
    from newsroom.model.people import Person, Speaker
    from newsroom.model.report import Quotation

    people = {"HRW": Person("HRW", "organisation", "International rights group", slug="hrw"),
              "Mei Lin": Person("Mei Lin", "person", "Defence lawyer", slug="mei-lin")}
    speakers = [Speaker("HRW", "rights group", kind="organisation"), Speaker("Mei Lin", "the editor's lawyer"),
                Speaker("Court spokesperson", "a spokesperson for the court", kind="unnamed")]
    quotations = [Quotation(s, "Words.") for s in speakers]
    nodes = json.loads(jinja2.Environment().from_string(
        "{{ structured_data('https://news.example/a.html', 42)|tojson }}").render(
        {"structured_data": structured_data.structured_data, "SITEURL": "https://news.example", "SITENAME": "Desk",
         "DEFAULT_LANG": "en", "SITE_LOGO": IMAGE, "PERSON_URL": "people/{slug}.html",
         "article": article(speakers=speakers, quotations=quotations, people=people)}))["@graph"]
    by_name = {n.get("name", n.get("description")): n for n in nodes if n["@type"] in ("Person", "Organization")}
    assert by_name["HRW"]["description"] == "International rights group"
    assert by_name["Mei Lin"]["description"] == "Defence lawyer" and "jobTitle" not in by_name["Mei Lin"]
    [news] = [n for n in nodes if n["@type"] == "NewsArticle"]
    assert [q["creator"] for q in news["hasPart"]] == [
        {"@type": "Role", "roleName": "rights group", "creator": {"@id": "https://news.example/people/hrw.html#id"}},
        {"@type": "Role", "roleName": "the editor's lawyer",
         "creator": {"@id": "https://news.example/people/mei-lin.html#id"}},
        # An unnamed source is their description, a node of this page.
        {"@id": "#speaker-" + speakers[2].handle}]
    assert by_name["a spokesperson for the court"]["description"] == "a spokesperson for the court"
