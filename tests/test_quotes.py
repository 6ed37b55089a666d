"""Every direct quotation is marked up as one, with its speaker on the
element for machines and in the text or caption for readers."""

import pytest

from conftest import QUOTATIONS


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
