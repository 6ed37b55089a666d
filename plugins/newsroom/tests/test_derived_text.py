"""What readers see is what machines get: every text the site derives from
a report's headline and standfirst (its plain-text title, the search
record, the JSON-LD, the feed entry) keeps every character of the source,
whatever looks like a tag, an entity or markup in it, and whatever
direction marks stand in right-to-left text. The generator knows the text
as printed, so the oracle does not use the code under test."""

import datetime
import json
from types import SimpleNamespace as Obj

import jinja2
import pytest
from hypothesis import HealthCheck, assume, given, settings

from examples import examples
from hypothesis import strategies as st

from newsroom.pages import structured_data
from newsroom.reading.plain_text import plain_text
from newsroom.search.records import report_records

# (as written in the file, as printed): what an attacker or a careless
# paste would put in a headline. An entity is Markdown's: &amp; prints &.
ENGLISH = [("Detention", "Detention"), ("<30", "<30"), (">90", ">90"), ("days", "days"), ("R&D", "R&D"),
           ("<b>bold</b>", "<b>bold</b>"), ("a<b", "a<b"), ("&amp;", "&"), ("x>y", "x>y"),
           ("[“subversion”]{term}", "“subversion”"), ("[«Мемориал»]{name}", "«Мемориал»"), ("5–10", "5–10")]
ARABIC = [("الاحتجاز", "الاحتجاز"), ("<30", "<30"), ("يوما", "يوما"), ("2024\u200f", "2024\u200f"),
          ("Human Rights Watch\u200f", "Human Rights Watch\u200f"), ("&", "&"), ("[«السخيفة»]{term}", "«السخيفة»")]
PROPERTY = settings(max_examples=examples(30), deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@st.composite
def field(draw):
    lang, pool = draw(st.sampled_from([("en", ENGLISH), ("ar", ARABIC)]))
    parts = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=6))
    # A word first: a field never opens as markup would (a list, a heading).
    first = pool[0]
    return lang, " ".join(p[0] for p in [first, *parts]), " ".join(p[1] for p in [first, *parts])


def json_ld(article):
    env = jinja2.Environment()
    env.globals["structured_data"] = structured_data.structured_data
    context = {"SITEURL": "https://news.example", "SITENAME": "Desk", "DEFAULT_LANG": "en", "article": article,
               "SITE_LOGO": Obj(url="logo.png", width=600, height=60)}
    text = env.from_string("{{ structured_data('https://news.example/a.html', 42)|tojson }}").render(context)
    return next(node for node in json.loads(text)["@graph"] if node["@type"] == "NewsArticle")


@PROPERTY
@given(field(), field())
def test_every_derived_text_keeps_every_character_of_the_headline_and_standfirst(read_file, title, summary):
    lang, title_markup, title_printed = title
    summary_lang, summary_markup, summary_printed = summary
    assume(summary_lang == lang)  # a report's fields are in its language
    problems, metadata = read_file(f"Title: {title_markup}\nDate: 2021-04-21\nCategory: Courts\nAuthor: Desk\n"
                                   f"Summary: {summary_markup}\nSlug: a-report\nLang: {lang}\n\nText.\n")
    assert problems == [] and metadata is not None, problems
    report = metadata["report"]
    assert metadata["title"] == title_printed
    assert plain_text(report.title_html) == title_printed
    assert report.summary_text == summary_printed
    article = Obj(title=metadata["title"], lang=lang, report=report, _content=metadata["content"],
                  date=datetime.datetime(2021, 4, 21, tzinfo=datetime.timezone.utc), modified=None,
                  category=Obj(name="Courts", url="category/courts.html"), tags=[], status="published",
                  authors=[Obj(name="Desk", url="author/desk.html")], url="a.html")
    record = report_records(article, {})[0]
    assert record["meta"]["headline"] == title_printed and summary_printed in record["content"]
    node = json_ld(article)
    assert node["headline"] == title_printed and node["description"] == summary_printed


@pytest.mark.parametrize("headline", ["Detention <30 days rose; >90 days fell", "R&D <b>cuts</b> & more"])
def test_a_headline_that_looks_like_markup_keeps_its_words_in_its_address(read_file, headline):
    _, metadata = read_file(f"Title: {headline}\nDate: 2021-04-21\nCategory: Courts\nAuthor: Desk\n"
                            "Summary: One.\n\nText.\n")
    assert "30-days-rose" in metadata["slug"] or "cuts" in metadata["slug"], metadata["slug"]
