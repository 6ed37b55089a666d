"""Every direct quotation is marked up as one, with its speaker on the
element for machines and in the text or caption for readers."""

import extruct
import pytest

from conftest import QUOTATIONS, creator_id


def quotation_elements(article):
    return article.select("article .body [data-speaker]")


def words(element):
    """A quotation's words, without the marks around them."""
    if element.name == "blockquote":
        return element.get_text().strip().removeprefix("“").removesuffix("”")
    own = element.find_all("span", class_="mark", recursive=False)
    return "".join(part.get_text() if hasattr(part, "get_text") else str(part)
                   for part in element.children if part not in own)


@pytest.mark.parametrize("text, speaker, tag", QUOTATIONS, ids=[q[0][:30] for q in QUOTATIONS])
def test_quotation_is_marked_with_its_speaker(article, text, speaker, tag):
    found = [(e.name, e.get("data-speaker")) for e in quotation_elements(article) if words(e) == text]
    assert found == [(tag, speaker)]


def test_no_other_quotations_and_none_unattributed(article):
    elements = quotation_elements(article)
    assert sorted(words(e) for e in elements) == sorted(q[0] for q in QUOTATIONS)
    assert all(e.get("data-speaker") for e in elements)


def test_printed_marks_are_text_and_no_element_adds_its_own(article):
    assert not article.select("q"), "a q would have every reader add marks of its own"
    for quotation in article.select("article .body span.quotation"):
        own = quotation.find_all("span", class_="mark", recursive=False)
        assert own and quotation.get_text().startswith(own[0].get_text())


def test_only_the_quotation_the_source_leaves_open_is_unclosed_and_shows_no_closing_mark(article):
    unclosed = article.select("article .body .quotation.unclosed")
    assert [words(q) for q in unclosed] == [QUOTATIONS[-1][0]]
    assert [q.get_text() for q in unclosed] == ["“" + QUOTATIONS[-1][0]]


def test_block_quotation_names_its_speaker_outside_the_quotation(article):
    figure = article.select_one("article .body figure.quotation")
    assert [child.name for child in figure.find_all(recursive=False)] == ["blockquote", "figcaption"]
    assert figure.figcaption.get_text(strip=True) == "Fujibiao, Chinese human rights lawyer"
    assert "Fujibiao" not in figure.blockquote.get_text()


# How the text names each speaker near the quotation.
PRINTED_AS = {
    "Antony Blinken": ["Blinken"],
    "Price": ["Price"],
    "Fujibiao": ["Fujibiao", "Fujimiao", "Fujimoto", "The human rights activist"],
}


def test_inline_speakers_are_named_in_their_paragraph_or_the_one_before(article):
    # "He said the conference was held to …" follows the paragraph naming Price.
    for q in article.select("article .body span.quotation"):
        paragraph = q.find_parent("p")
        context = paragraph.find_previous_sibling("p").get_text() + paragraph.get_text()
        assert any(name in context for name in PRINTED_AS[q["data-speaker"]]), paragraph


def test_a_headlines_quotation_is_a_quotation_everywhere_and_no_link_holds_attribution(corpus_prod_site):
    """Over every report: each quotation of a headline or standfirst is one
    of the JSON-LD's Quotations, credited to the person its data-speaker
    names; no page puts attribution markup inside a link (a listing, a
    speaker page, corrections)."""
    site = corpus_prod_site
    checked = 0
    for name in site.reports():
        page = site.page(name)
        items = extruct.extract(site.text(name), base_url=f"{site.url}/{name}", syntaxes=["json-ld"])["json-ld"]
        nodes = [n for item in items for n in item.get("@graph", [item])]
        people = {n["@id"]: n.get("name") for n in nodes if n.get("@type") in ("Person", "Organization")}
        said = {(q["text"], people.get(creator_id(q))) for q in every_node(nodes) if q.get("@type") == "Quotation"}
        for element in page.select("header h1 [data-speaker], header .standfirst [data-speaker]"):
            assert (words(element), element["data-speaker"]) in said, (name, words(element), said)
            checked += 1
    assert checked >= 2, "the corpus has headlines with quotations"
    for name in site.html_files():
        assert not site.page(name).select("a [data-speaker]"), f"{name}: attribution markup inside a link"


def every_node(value):
    """Every JSON-LD object in ``value``, however deep."""
    if isinstance(value, dict):
        yield value
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            yield from every_node(item)
